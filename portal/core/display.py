"""The larger-text mode (大字版, 适老化): switched on once and kept in a cookie, so it needs
no account and follows the visitor from page to page. The whole page scales with it,
since every size in the stylesheets is relative to the root font size."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

TEXT_SIZE_COOKIE = "portal_text_size"
LARGE = "large"
# A year: a resident who needs large text keeps needing it.
TEXT_SIZE_MAX_AGE = 365 * 24 * 3600


def wants_large_text(request: HttpRequest) -> bool:
    return request.COOKIES.get(TEXT_SIZE_COOKIE) == LARGE


@login_not_required
@require_POST
def text_size(request: HttpRequest) -> HttpResponse:
    """Turn the larger text on (``size=large``) or off (anything else) and go back to
    ``next`` (a path of this site only)."""
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    if request.POST.get("size") == LARGE:
        response.set_cookie(
            TEXT_SIZE_COOKIE,
            LARGE,
            max_age=TEXT_SIZE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(TEXT_SIZE_COOKIE, samesite="Lax")
    return response
