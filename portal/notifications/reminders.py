"""What the portal tells people about their sign-ups: a reminder the day before the
event, the news when a place frees up for someone on the waiting list, and that an event
was cancelled or moved to another time or place.

Each message has a key made of the sign-up's id, so a sweep that runs every hour, a task
that runs twice or two workers at once still send it once.
"""

import datetime as dt
import hashlib
import logging
from typing import Any

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import User
from portal.core.dates import local_datetime
from portal.events.models import (
    Event,
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
EVENT_CANCELLED_KEY = "event-cancelled:"
EVENT_CHANGED_KEY = "event-changed:"


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


def event_reminder_send(
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


def waitlist_promotion_send(registration_id: int) -> Notification | str | None:
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


def _signed_up_accounts(event: Event) -> list[tuple[Registration, Any]]:
    """Live sign-ups (confirmed or waiting) of ``event`` whose person has an active
    account, with the account; people without one are phoned by staff."""
    registrations = event.registrations.active().order_by("created_at", "pk")
    accounts = {
        user.resident_id: user
        for user in User.objects.filter(
            resident__in=registrations.values("resident"), is_active=True
        )
    }
    return [(r, accounts[r.resident_id]) for r in registrations if r.resident_id in accounts]


def send_event_cancelled(event_id: int) -> int:
    """Tell everyone signed up or waiting that the event is cancelled, with the reason;
    once per sign-up however often it runs. Returns how many messages exist for it."""
    event = Event.objects.filter(pk=event_id, status=EventStatus.CANCELLED).first()
    if event is None:
        log.info("event cancellation skipped: event=%s reason=not cancelled", event_id)
        return 0
    told = 0
    for registration, account in _signed_up_accounts(event):
        sent = notify(
            account,
            "event_cancelled",
            {**_event_context(registration), "reason": event.cancellation_reason},
            url=reverse("events:my-bookings"),
            key=f"{EVENT_CANCELLED_KEY}{registration.pk}",
        )
        told += sent is not None
    return told


def event_change_key(registration_id: int, event: Event) -> str:
    """One message per person and change: the key holds the sign-up and a digest of the
    new time and place, so moving the event again is a new message, saving the same
    values twice is not."""
    state = f"{event.starts_at.isoformat()}|{event.ends_at.isoformat()}|{event.place}"
    digest = hashlib.sha256(state.encode()).hexdigest()[:16]
    return f"{EVENT_CHANGED_KEY}{registration_id}:{digest}"


def send_event_changed(event_id: int, previous: dict[str, str]) -> int:
    """Tell everyone signed up or waiting the event's new time and place (``previous``
    holds the old ``starts_at``/``ends_at`` as ISO text and the old ``place``). Nothing
    for a cancelled or past event. Returns how many messages exist for this change."""
    event = Event.objects.filter(pk=event_id, status=EventStatus.SCHEDULED).first()
    if event is None or event.ends_at <= timezone.now():
        log.info("event change skipped: event=%s reason=cancelled or over", event_id)
        return 0
    old_start = dt.datetime.fromisoformat(previous["starts_at"])
    context = {
        "old_start": old_start,
        "old_place": previous["place"],
        "time_changed": old_start != event.starts_at
        or dt.datetime.fromisoformat(previous["ends_at"]) != event.ends_at,
        "place_changed": previous["place"] != event.place,
    }
    told = 0
    for registration, account in _signed_up_accounts(event):
        sent = notify(
            account,
            "event_changed",
            {**_event_context(registration), **context},
            url=event.get_absolute_url(),
            key=event_change_key(registration.pk, event),
        )
        told += sent is not None
    return told
