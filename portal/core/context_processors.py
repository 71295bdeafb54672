from django.http import HttpRequest

from portal.core.display import wants_large_text


def portal(request: HttpRequest) -> dict:
    """The request id for error pages and the larger-text choice (a cookie); nothing that
    costs a query."""
    return {"request_id": getattr(request, "id", ""), "large_text": wants_large_text(request)}
