"""Request id: one per request, on every log line and on the error pages."""

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from portal.core.logging import set_request_id


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.id = uuid.uuid4().hex[:12]
        set_request_id(request.id)
        try:
            response = self.get_response(request)
        finally:
            set_request_id(None)
        response["X-Request-ID"] = request.id
        return response
