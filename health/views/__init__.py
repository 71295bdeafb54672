"""The health app's views, one module per area."""
