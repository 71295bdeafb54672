"""Request id and language: middleware of the whole portal."""

import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from portal.core.logging import set_request_id


class RequestIdMiddleware:
    """One id per request, on every log line, in a response header and on error pages."""

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


class PortalLocaleMiddleware(LocaleMiddleware):
    """Chinese unless the visitor chose otherwise with the switch in the header.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show
    English to staff whose office computer happens to be set up in English. The portal's
    language is zh-hans; the language cookie set by the switch is the only override.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else None
        except LookupError:
            language = None
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
