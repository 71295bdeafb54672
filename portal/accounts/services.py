"""Resident accounts: codes sent by text message (registering, resetting a password,
linking), and linking an account to its registry record by name and ID number."""

import datetime as dt
import logging
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from portal.accounts.models import IdentityLinkAttempt, PhoneCode, PhoneCodePurpose, Role, User
from portal.accounts.sms import get_sms_backend
from portal.registry import idnumbers
from portal.registry.models import Resident

security_log = logging.getLogger("portal.security")


class IdentityLinkError(Exception):
    """The check failed or may not be tried now; ``str(error)`` is for the user."""


def _digest(purpose: str, value: str) -> str:
    return salted_hmac(f"portal.accounts.{purpose}", value, algorithm="sha256").hexdigest()


# --- codes by text message -------------------------------------------------------------------


def code_refused_message() -> str:
    return _("The code is wrong or has expired. Ask for a new one.")


def phone_code_send(*, phone: str, purpose: str, ip_address: str | None, now=None) -> bool:
    """Send a six-digit code to ``phone`` through ``SMS_BACKEND`` for ``purpose``.

    For anyone (the registration and password-reset pages, the identity check). Limits:
    one code a minute and ``PHONE_CODES_PER_NUMBER_PER_DAY`` a day per number,
    ``PHONE_CODES_PER_ADDRESS_PER_HOUR`` per address. Raises ``ValidationError`` (code
    ``too_many``) past a limit. Returns whether a message went out; the pages say the same
    either way, so that nobody learns which numbers have accounts.
    """
    now = now or timezone.now()
    codes = PhoneCode.objects.filter(created_at__gte=now - settings.PHONE_CODE_INTERVAL)
    day = PhoneCode.objects.filter(created_at__gte=now - dt.timedelta(days=1))
    hour = PhoneCode.objects.filter(created_at__gte=now - dt.timedelta(hours=1))
    if (
        codes.filter(phone=phone).exists()
        or day.filter(phone=phone).count() >= settings.PHONE_CODES_PER_NUMBER_PER_DAY
        or (
            ip_address
            and hour.filter(ip_address=ip_address).count()
            >= settings.PHONE_CODES_PER_ADDRESS_PER_HOUR
        )
    ):
        security_log.warning("phone code refused (rate limit): address=%s", ip_address)
        raise ValidationError(
            _("Too many codes asked for. Please wait a while and try again."), code="too_many"
        )
    code = f"{secrets.randbelow(10**6):06d}"
    PhoneCode.objects.create(
        phone=phone,
        purpose=purpose,
        code_digest=_digest("code", f"{phone}:{purpose}:{code}"),
        ip_address=ip_address,
        created_at=now,
    )
    minutes = int(settings.PHONE_CODE_VALIDITY.total_seconds() // 60)
    text = _(
        "Your code for the community portal is %(code)s, valid for %(minutes)d minutes. "
        "Do not tell it to anyone."
    ) % {"code": code, "minutes": minutes}
    get_sms_backend().send(phone, text)
    return True


def phone_code_check(*, phone: str, purpose: str, code: str, now=None) -> None:
    """Use the latest unexpired code sent to ``phone`` for ``purpose``. Raises
    ``ValidationError`` (code ``bad_code``, one message for wrong, expired, used up or
    never sent) otherwise; each wrong guess counts against the code."""
    now = now or timezone.now()
    with transaction.atomic():
        sent = (
            PhoneCode.objects.select_for_update()
            .filter(
                phone=phone,
                purpose=purpose,
                used_at__isnull=True,
                created_at__gte=now - settings.PHONE_CODE_VALIDITY,
            )
            .order_by("-created_at", "-pk")
            .first()
        )
        if sent is None or sent.tries >= settings.PHONE_CODE_MAX_TRIES:
            raise ValidationError(code_refused_message(), code="bad_code")
        expected = _digest("code", f"{phone}:{purpose}:{(code or '').strip()}")
        if not constant_time_compare(expected, sent.code_digest):
            sent.tries += 1
            sent.save(update_fields=["tries"])
            raise ValidationError(code_refused_message(), code="bad_code")
        sent.used_at = now
        sent.save(update_fields=["used_at"])


def password_reset_by_code(*, phone: str, code: str, password: str, now=None) -> User | None:
    """Set a new password for the resident account of ``phone`` once its code checks.
    For the 忘记密码 page (anyone). Raises ``ValidationError`` (``bad_code``) for a bad
    code; returns None (and the page says the same) when no resident account has the
    number. The password was validated by the form against the account."""
    phone_code_check(phone=phone, purpose=PhoneCodePurpose.RESET, code=code, now=now)
    user = resident_account(phone)
    if user is None:
        return None
    user.set_password(password)
    user.save(update_fields=["password"])
    security_log.info("password reset by phone code: user=%s", user.pk)
    return user


def resident_account(phone: str) -> User | None:
    """The active resident account of a mobile number, if any."""
    return User.objects.filter(username=phone, role=Role.RESIDENT, is_active=True).first()


def link_attempts_left(user: User, now=None) -> int:
    since = (now or timezone.now()) - settings.IDENTITY_LINK_WINDOW
    failures = IdentityLinkAttempt.objects.filter(user=user).failures_since(since).count()
    return max(settings.IDENTITY_LINK_MAX_FAILURES - failures, 0)


def link_failed_message() -> str:
    """The one message for every failed identity check (no match, already linked, wrong
    code): nobody learns whether a name and ID number pair is real."""
    return _(
        "We could not confirm who you are. Check your name, ID number and the code, or "
        "bring your ID card to your community office."
    )


def _link_refused(user: User, identity: str, ip_address: str | None, now) -> bool:
    since = now - settings.IDENTITY_LINK_WINDOW
    failures = IdentityLinkAttempt.objects.failures_since(since)
    return (
        link_attempts_left(user, now) == 0
        or (
            ip_address is not None
            and failures.filter(ip_address=ip_address).count()
            >= settings.IDENTITY_LINK_MAX_FAILURES_PER_ADDRESS
        )
        or failures.filter(identity_digest=identity).count()
        >= settings.IDENTITY_LINK_MAX_FAILURES_PER_IDENTITY
    )


def identity_digest(name: str, id_number: str) -> str:
    return _digest("identity", f"{name}:{id_number.upper()}")


def link_request(
    *, user: User, name: str, id_number: str, ip_address: str | None, now=None
) -> int | None:
    """Step 1 of linking a resident account to the registry: when the name and ID number
    match one record that no other account holds and that has a mobile number, send a
    code to that number (``phone_code_send``). For signed-in residents. Returns the
    record's id for the session (None when nothing matched; the page says the same either
    way). Raises ``IdentityLinkError`` past the limits per account, per address and per
    identity tried (``IDENTITY_LINK_*``). A miss is recorded as a failed attempt; the
    security log gets ids and the outcome, never the name or number typed."""
    now = now or timezone.now()
    if user.resident_id:
        raise IdentityLinkError(_("Your account is already linked to the registry."))
    identity = identity_digest(name, id_number)
    if _link_refused(user, identity, ip_address, now):
        security_log.warning("identity link refused (rate limit): user=%s", user.pk)
        raise IdentityLinkError(
            _(
                "Too many unsuccessful tries. Please try again tomorrow, or ask at your "
                "community office, bringing your ID card."
            )
        )
    resident = Resident.objects.filter(id_number=id_number, name=name).first()
    usable = (
        resident is not None
        and not User.objects.filter(resident=resident).exists()
        and idnumbers.is_mobile(resident.phone or "")
    )
    if not usable:
        IdentityLinkAttempt.objects.create(
            user=user, ip_address=ip_address, identity_digest=identity, created_at=now
        )
        security_log.warning("identity link failed: user=%s reason=no-usable-match", user.pk)
        return None
    try:
        phone_code_send(
            phone=resident.phone, purpose=PhoneCodePurpose.LINK, ip_address=ip_address, now=now
        )
    except ValidationError as error:
        raise IdentityLinkError(error.messages[0]) from None
    security_log.info("identity link code sent: user=%s resident=%s", user.pk, resident.pk)
    return resident.pk


def resident_link(
    *,
    user: User,
    resident_id: int | None,
    identity: str,
    code: str,
    ip_address: str | None,
    now=None,
) -> Resident:
    """Step 2: link the account to the record of step 1 once the code sent to the record's
    mobile number checks. Raises ``IdentityLinkError`` with :func:`link_failed_message`
    for a wrong or expired code, no record, or a record another account took meanwhile
    (and records the failure), or past the limits."""
    now = now or timezone.now()
    if user.resident_id:
        raise IdentityLinkError(_("Your account is already linked to the registry."))
    if _link_refused(user, identity, ip_address, now):
        raise IdentityLinkError(
            _(
                "Too many unsuccessful tries. Please try again tomorrow, or ask at your "
                "community office, bringing your ID card."
            )
        )
    resident = Resident.objects.filter(pk=resident_id).first() if resident_id else None
    linked = False
    if resident is not None:
        try:
            phone_code_check(
                phone=resident.phone, purpose=PhoneCodePurpose.LINK, code=code, now=now
            )
        except ValidationError:
            pass
        else:
            try:
                with transaction.atomic():
                    user.resident = resident
                    user.first_name = resident.name
                    user.save(update_fields=["resident", "first_name"])
                    linked = True
            except IntegrityError:  # another account took it a moment ago
                user.resident = None
    IdentityLinkAttempt.objects.create(
        user=user,
        ip_address=ip_address,
        identity_digest=identity,
        succeeded=linked,
        created_at=now,
    )
    if not linked:
        security_log.warning("identity link failed: user=%s reason=code", user.pk)
        raise IdentityLinkError(link_failed_message())
    security_log.info("identity linked: user=%s resident=%s", user.pk, resident.pk)
    return resident


def client_ip(request: Any) -> str | None:
    return request.META.get("REMOTE_ADDR") or None
