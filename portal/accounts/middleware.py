"""Staff sessions end after 30 minutes idle and 12 hours in all."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

LOGIN_AT = "_portal_login_at"
LAST_SEEN = "_portal_last_seen"


class StaffSessionTimeoutMiddleware:
    """Ends a staff session that has been idle too long or has lived too long.

    The login signal stamps the session; each request checks and refreshes the stamp.
    Residents keep Django's session age (``SESSION_COOKIE_AGE``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_portal_staff:
            now = timezone.now().timestamp()
            login_at = request.session.get(LOGIN_AT, now)
            last_seen = request.session.get(LAST_SEEN, now)
            idle = now - last_seen > settings.STAFF_SESSION_IDLE_TIMEOUT.total_seconds()
            too_old = now - login_at > settings.STAFF_SESSION_MAX_AGE.total_seconds()
            if idle or too_old:
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect_to_login(request.get_full_path())
            request.session.setdefault(LOGIN_AT, login_at)
            request.session[LAST_SEEN] = now
        return self.get_response(request)
