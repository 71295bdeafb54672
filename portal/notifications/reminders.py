"""What the portal tells people about their sign-ups: a reminder the day before the
event, and the news when a place frees up for someone on the waiting list.

Each message has a key made of the sign-up's id, so a sweep that runs every hour, a task
that runs twice or two workers at once still send it once.
"""

import datetime as dt
import logging
from typing import Any

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from portal.accounts.models import User
from portal.core.dates import local_datetime
from portal.events.models import (
    EventStatus,
    Registration,
    RegistrationQuerySet,
    RegistrationStatus,
)
from portal.notifications.models import Notification
from portal.notifications.services import notify

log = logging.getLogger(__name__)

EVENT_REMINDER_KEY = "event-reminder:"
WAITLIST_PROMOTED_KEY = "waitlist-promoted:"


def event_reminder_key(registration_id: int) -> str:
    return f"{EVENT_REMINDER_KEY}{registration_id}"


def waitlist_promoted_key(registration_id: int) -> str:
    return f"{WAITLIST_PROMOTED_KEY}{registration_id}"


def due_event_reminders(now: dt.datetime | None = None) -> RegistrationQuerySet:
    """Confirmed sign-ups, by people with an account, for scheduled events that start
    tomorrow (local date), not yet reminded."""
    tomorrow = timezone.localdate(now or timezone.now()) + dt.timedelta(days=1)
    reminded = Notification.objects.filter(
        key=Concat(Value(EVENT_REMINDER_KEY), Cast(OuterRef("pk"), CharField()))
    )
    return (
        Registration.objects.confirmed()
        .filter(
            event__status=EventStatus.SCHEDULED,
            event__starts_at__gte=local_datetime(tomorrow),
            event__starts_at__lt=local_datetime(tomorrow + dt.timedelta(days=1)),
            resident__account__is_active=True,
        )
        .exclude(Exists(reminded))
        .order_by("event__starts_at", "pk")
    )


def _skip(what: str, registration_id: int, reason: str, registration: Any = None) -> str:
    """Log why nothing was sent (ids only) and return the reason for the task's result."""
    log.info(
        "%s skipped: registration=%s event=%s resident=%s reason=%s",
        what,
        registration_id,
        getattr(registration, "event_id", None),
        getattr(registration, "resident_id", None),
        reason,
    )
    return f"skipped: {reason}"


def _event_context(registration: Registration) -> dict[str, Any]:
    event = registration.event
    return {
        "title": event.title,
        "start": event.starts_at,
        "end": event.ends_at,
        "place": event.place,
    }


def _recipient(registration_id: int, what: str) -> tuple[Any, Any, str]:
    """The sign-up and the account to tell, or a skip reason that applies to both kinds."""
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None:
        return None, None, _skip(what, registration_id, "sign-up not found")
    if registration.status == RegistrationStatus.CANCELLED:
        return registration, None, _skip(what, registration_id, "sign-up cancelled", registration)
    if registration.status != RegistrationStatus.CONFIRMED:
        reason = "sign-up not confirmed"
        return registration, None, _skip(what, registration_id, reason, registration)
    if registration.event.status == EventStatus.CANCELLED:
        return registration, None, _skip(what, registration_id, "event cancelled", registration)
    account = User.objects.filter(resident_id=registration.resident_id, is_active=True).first()
    if account is None:
        return registration, None, _skip(what, registration_id, "no account", registration)
    return registration, account, ""


def send_event_reminder(
    registration_id: int, now: dt.datetime | None = None
) -> Notification | str | None:
    """Remind the person signed up that the event is tomorrow; once per sign-up.

    Returns the message, or why none was sent ("skipped: sign-up cancelled", …); None
    if the account was deactivated in between.
    """
    registration, account, skipped = _recipient(registration_id, "event reminder")
    if skipped:
        return skipped
    if registration.event.starts_at <= (now or timezone.now()):
        # A queue held up past the start: a reminder would only confuse.
        return _skip("event reminder", registration_id, "event already started", registration)
    return notify(
        account,
        "event_reminder",
        _event_context(registration),
        url=registration.event.get_absolute_url(),
        key=event_reminder_key(registration.pk),
    )


def send_waitlist_promotion(registration_id: int) -> Notification | str | None:
    """Tell a person who moved up from the waiting list that they have a place."""
    registration, account, skipped = _recipient(registration_id, "waiting-list message")
    if skipped:
        return skipped
    return notify(
        account,
        "waitlist_promoted",
        _event_context(registration),
        url=registration.event.get_absolute_url(),
        key=waitlist_promoted_key(registration.pk),
    )
