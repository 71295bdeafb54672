"""The health app's forms, one module per area."""
