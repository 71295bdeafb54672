"""The workflows of the assistance app, one module per area: each function is a
``<noun>_<verb>`` service that checks who may call it and refuses with a
``ValidationError`` carrying a code."""
