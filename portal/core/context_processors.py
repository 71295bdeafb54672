from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from portal.core import hooks
from portal.core.display import wants_large_text


def portal(request: HttpRequest) -> dict:
    """The request id for error pages, the larger-text choice (a cookie), and the menus the
    apps register (built only when a template shows them); nothing that costs a query."""
    user = getattr(request, "user", None)
    return {
        "request_id": getattr(request, "id", ""),
        "large_text": wants_large_text(request),
        "staff_menu": SimpleLazyObject(lambda: hooks.staff_menu(user)),
        "public_menu": SimpleLazyObject(lambda: hooks.public_menu(user)),
    }
