"""The health app's workflows, one module per area."""
