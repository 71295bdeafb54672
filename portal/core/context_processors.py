from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    """The request id for error pages; nothing that costs a query."""
    return {"request_id": getattr(request, "id", "")}
