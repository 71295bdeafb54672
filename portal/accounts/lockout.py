"""The user name django-axes counts failed logins under (``AXES_USERNAME_CALLABLE``)."""

from typing import Any

from django.http import HttpRequest

#: As long as a user name can be (``User.username``); axes keeps 255 characters.
USERNAME_MAX_LENGTH = 150


def client_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """What was typed as the user name (the credentials' or the form's), cut to the longest
    a user name can be: axes writes it to a 255-character column, and a longer one typed
    into the login form made PostgreSQL refuse the insert (a 500 found by make fuzz)."""
    source: Any = credentials if credentials else getattr(request, "POST", {})
    value = source.get("username") or ""
    return str(value)[:USERNAME_MAX_LENGTH]
