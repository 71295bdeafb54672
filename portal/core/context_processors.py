from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from portal.core import hooks


def portal(request: HttpRequest) -> dict:
    """The request id for error pages, and the menus the apps register (built only when
    a template shows them; no query)."""
    user = getattr(request, "user", None)
    return {
        "request_id": getattr(request, "id", ""),
        "staff_menu": SimpleLazyObject(lambda: hooks.staff_menu(user)),
        "public_menu": SimpleLazyObject(lambda: hooks.public_menu(user)),
    }
