"""Security event log: every login, failure, logout and lockout, with no passwords."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from portal.accounts.middleware import LAST_SEEN, LOGIN_AT

security_log = logging.getLogger("portal.security")


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "-") if request is not None else "-"


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs) -> None:
    now = timezone.now().timestamp()
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now
    security_log.info("login succeeded: user=%s address=%s", user.pk, _address(request))


def masked_username(username: str | None) -> str:
    """What a failed login logs of the typed user name: its first two characters and its
    length (``ji***(6)``), because people type their password into the user name box."""
    text = str(username or "")
    return f"{text[:2]}***({len(text)})" if text else "-"


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    security_log.warning(
        "login failed: username=%s address=%s",
        masked_username(credentials.get("username")),
        _address(request),
    )


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs) -> None:
    security_log.info("logout: user=%s", getattr(user, "pk", None))


@receiver(user_locked_out)
def on_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    security_log.warning(
        "login locked out: username=%s address=%s", masked_username(username), ip_address
    )
