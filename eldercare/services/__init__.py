"""Elder-care workflows, one module per area: ``assessments``, ``stations``,
``devices``, ``volunteers``, ``allowance`` (and ``alerts`` for the beat tasks)."""
