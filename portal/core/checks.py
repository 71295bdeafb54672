"""System checks of the security baseline (``manage.py check``)."""
