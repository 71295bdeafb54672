"""The pages of the assistance app, one module per area."""
