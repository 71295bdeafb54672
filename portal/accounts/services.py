"""Resident accounts: linking an account to its registry record by name and ID number."""

import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import IdentityLinkAttempt, User
from portal.registry.models import Resident

security_log = logging.getLogger("portal.security")


class IdentityLinkError(Exception):
    """The check failed or may not be tried now; ``str(error)`` is for the user."""


def link_attempts_left(user: User, now=None) -> int:
    since = (now or timezone.now()) - settings.IDENTITY_LINK_WINDOW
    failures = IdentityLinkAttempt.objects.filter(user=user).failures_since(since).count()
    return max(settings.IDENTITY_LINK_MAX_FAILURES - failures, 0)


def link_resident(
    *, user: User, name: str, id_number: str, ip_address: str | None, now=None
) -> Resident:
    """Link a resident account to the registry record with this name and ID number.

    Both must match one record that no other account holds. Every try is recorded;
    after ``IDENTITY_LINK_MAX_FAILURES`` failures in ``IDENTITY_LINK_WINDOW`` the account
    must wait (guessing someone's ID number is what this guards against). The security
    log gets the user id and the outcome, never the name or number typed.
    Raises IdentityLinkError.
    """
    now = now or timezone.now()
    if user.resident_id:
        raise IdentityLinkError(_("Your account is already linked to the registry."))
    if link_attempts_left(user, now) == 0:
        security_log.warning("identity link refused (rate limit): user=%s", user.pk)
        raise IdentityLinkError(
            _(
                "Too many unsuccessful tries. Please try again tomorrow, or ask at your "
                "community office, bringing your ID card."
            )
        )
    resident = Resident.objects.filter(id_number=id_number, name=name).first()
    taken = resident is not None and User.objects.filter(resident=resident).exists()
    with transaction.atomic():
        if resident is not None and not taken:
            try:
                with transaction.atomic():
                    user.resident = resident
                    user.first_name = resident.name
                    user.save(update_fields=["resident", "first_name"])
            except IntegrityError:  # another account took it a moment ago
                user.resident = None
                taken = True
        IdentityLinkAttempt.objects.create(
            user=user,
            ip_address=ip_address,
            succeeded=resident is not None and not taken,
            created_at=now,
        )
    if resident is None:
        security_log.warning("identity link failed: user=%s reason=no-match", user.pk)
        left = link_attempts_left(user, now)
        raise IdentityLinkError(
            _(
                "The name and ID number do not match our registry. Check both and try again "
                "(%(left)d tries left today). If you recently moved here, ask your community "
                "office to register you first."
            )
            % {"left": left}
        )
    if taken:
        security_log.warning(
            "identity link failed: user=%s reason=already-linked resident=%s", user.pk, resident.pk
        )
        raise IdentityLinkError(
            _(
                "This person is already linked to another account. If that is not yours, "
                "please tell your community office."
            )
        )
    security_log.info("identity linked: user=%s resident=%s", user.pk, resident.pk)
    return resident


def client_ip(request: Any) -> str | None:
    return request.META.get("REMOTE_ADDR") or None
