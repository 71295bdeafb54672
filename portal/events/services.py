"""Workflows of the event mechanism: creating (recurring) events, signing up under a
capacity, cancelling with promotion from the waiting list, attendance and hours.

Every function here runs in one transaction and raises ``ValidationError`` with a message
for the user when the request cannot be done; nothing is half-written.
"""

import datetime as dt
import itertools
import logging
from decimal import Decimal
from typing import Any

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.events.models import (
    Audience,
    CheckInMethod,
    Event,
    EventSeries,
    EventStatus,
    Frequency,
    HourCertificate,
    Registration,
    RegistrationStatus,
)
from portal.events.signals import event_cancelled, event_changed, waitlist_promoted

log = logging.getLogger(__name__)
audit_log = logging.getLogger("portal.audit")


# --- creating events ----------------------------------------------------------------------


def occurrence_starts(
    first_start: dt.datetime,
    *,
    frequency: str,
    interval: int = 1,
    count: int | None = None,
    until: dt.date | None = None,
) -> list[dt.datetime]:
    """Start times of a recurring event (RFC 5545 rules through dateutil), in local time.

    Raises ValidationError for a series without an end, one longer than
    ``EVENT_SERIES_MAX_OCCURRENCES``, or a monthly one on a day some months lack.
    """
    limit = settings.EVENT_SERIES_MAX_OCCURRENCES
    if not count and not until:
        raise ValidationError(
            _("A repeating event needs an end: give a number of occurrences or a last date."),
            code="series_without_end",
        )
    if count is not None and count > limit:
        raise ValidationError(
            _("A series can have at most %(limit)d occurrences.") % {"limit": limit},
            code="series_too_long",
        )
    local_start = timezone.localtime(first_start)
    if until is not None and until < local_start.date():
        raise ValidationError(
            _("The last date of the series is before its first event."),
            code="series_ends_before_start",
        )
    if frequency == Frequency.MONTHLY and local_start.day > 28:
        raise ValidationError(
            _(
                "A monthly event must be on day 28 or earlier, since some months have no "
                "day %(day)d."
            )
            % {"day": local_start.day},
            code="monthly_day_missing",
        )
    rule_frequency = {Frequency.WEEKLY: rrule.WEEKLY, Frequency.MONTHLY: rrule.MONTHLY}[frequency]
    naive_start = local_start.replace(tzinfo=None)
    rule = rrule.rrule(
        rule_frequency,
        dtstart=naive_start,
        interval=interval,
        # RFC 5545 allows COUNT or UNTIL, not both; either way look one past the limit.
        count=None if until else count,
        until=dt.datetime.combine(until, dt.time.max) if until else None,
    )
    starts = list(itertools.islice(rule, limit + 1))
    if len(starts) > limit:
        raise ValidationError(
            _(
                "This series would have more than %(limit)d occurrences; choose an earlier "
                "last date."
            )
            % {"limit": limit},
            code="series_too_long",
        )
    tz = local_start.tzinfo
    return [start.replace(tzinfo=tz) for start in starts]


def event_create(
    *,
    event: Event,
    by: Any,
    frequency: str = "",
    interval: int = 1,
    count: int | None = None,
    until: dt.date | None = None,
) -> list[Event]:
    """Save ``event`` (validated, unsaved) and, when ``frequency`` is given, its further
    occurrences at the same time of day, each shifted with its sign-up window.

    Any staff member may call this for their scope (the form limits the community).
    Raises ValidationError; saves all occurrences or none.
    """
    event.created_by = by
    if not frequency:
        event.full_clean()
        event.save()
        return [event]
    starts = occurrence_starts(
        event.starts_at, frequency=frequency, interval=interval, count=count, until=until
    )
    event.full_clean()
    events = []
    with transaction.atomic():
        series = EventSeries.objects.create(
            frequency=frequency, interval=interval, count=count, until=until, created_by=by
        )
        for start in starts:
            shift = start - event.starts_at
            occurrence = Event(
                **{
                    field.attname: getattr(event, field.attname)
                    for field in Event._meta.concrete_fields
                    if not field.primary_key
                }
            )
            occurrence.series = series
            occurrence.starts_at = start
            occurrence.ends_at = event.ends_at + shift
            if event.signup_opens_at:
                occurrence.signup_opens_at = event.signup_opens_at + shift
            if event.signup_closes_at:
                occurrence.signup_closes_at = event.signup_closes_at + shift
            occurrence.check_in_code = Event._meta.get_field("check_in_code").get_default()
            occurrence.save()
            events.append(occurrence)
    return events


# --- signing up ---------------------------------------------------------------------------


def _lock_event(event: Event) -> Event:
    """Re-read the event under a row lock: concurrent sign-ups for it queue here, so the
    confirmed count read next is the true one (PostgreSQL; SQLite serialises writers)."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _may_join(event: Event, resident: Any) -> bool:
    if event.audience == Audience.PUBLIC:
        return True
    return resident.tags.filter(pk=event.members_tag_id).exists()


def _already_signed_up(resident: Any) -> str:
    return _("%(name)s is already signed up for this event.") % {"name": resident}


def registration_create(
    *,
    event: Event,
    resident: Any,
    by: Any,
    now: dt.datetime | None = None,
    walk_in: bool = False,
) -> Registration:
    """Sign ``resident`` up for ``event``: a place if one is free, otherwise the waiting
    list (when the event keeps one).

    Called for a resident by themself (their linked record) or by staff on their behalf
    (``by`` is then the staff user; the view checks that both are in scope). Staff pass
    ``walk_in=True``: they may sign someone up before the window opens or after it closes,
    until the event ends (a neighbour at the counter, a walk-in at the door). Raises
    ValidationError when sign-up is closed, the person already has a live sign-up, the event
    is members-only and they are not a member, or it is full without a waiting list.
    """
    with transaction.atomic():
        event = _lock_event(event)
        # The time is read once the lock is held, so sign-up order is arrival order.
        now = now or timezone.now()
        if event.is_cancelled:
            raise ValidationError(_("This event has been cancelled."), code="event_cancelled")
        if not event.signup_enabled:
            raise ValidationError(
                _("This event does not take sign-ups; just come along."), code="signup_not_offered"
            )
        if event.signup_opens_at and now < event.signup_opens_at and not walk_in:
            opens = timezone.localtime(event.signup_opens_at)
            raise ValidationError(
                _("Sign-up opens on %(when)s.") % {"when": opens.strftime("%Y-%m-%d %H:%M")},
                code="signup_not_open",
            )
        if now >= (event.ends_at if walk_in else event.signup_deadline):
            raise ValidationError(_("Sign-up for this event has closed."), code="signup_closed")
        if not _may_join(event, resident):
            raise ValidationError(
                _("This event is for %(members)s only.") % {"members": event.members_tag},
                code="members_only",
            )
        if event.registrations.active().filter(resident=resident).exists():
            raise ValidationError(_already_signed_up(resident), code="already_signed_up")
        confirmed = event.registrations.confirmed().count()
        if event.capacity is None or confirmed < event.capacity:
            status = RegistrationStatus.CONFIRMED
        elif event.waitlist_enabled:
            status = RegistrationStatus.WAITLISTED
        else:
            raise ValidationError(_("Sorry, this event is full."), code="event_full")
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    resident=resident,
                    status=status,
                    created_at=now,
                    created_by=by,
                    by_staff=bool(getattr(by, "is_portal_staff", False)),
                )
        except IntegrityError:
            # The unique constraint caught a double submit that raced past the check.
            raise ValidationError(_already_signed_up(resident), code="already_signed_up") from None
    log.info("sign-up: event=%s registration=%s status=%s", event.pk, registration.pk, status)
    return registration


def _promote_waitlisted(event: Event, now: dt.datetime) -> list[Registration]:
    """Fill free places from the waiting list in sign-up order; the event row must be
    locked by the caller. Each promoted person is announced after commit."""
    if event.capacity is None:
        free = event.registrations.waitlisted().count()
    else:
        free = event.capacity - event.registrations.confirmed().count()
    if free <= 0:
        return []
    promoted = list(event.registrations.waitlisted().order_by("created_at", "pk")[:free])
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        transaction.on_commit(
            lambda pk=registration.pk: waitlist_promoted.send(
                sender=Registration, registration=Registration.objects.get(pk=pk)
            )
        )
    return promoted


def registration_cancel(
    *, registration: Registration, by: Any, now: dt.datetime | None = None
) -> list[Registration]:
    """Cancel a sign-up (by the resident or by staff) and move the waiting list up.

    Returns the sign-ups promoted into the freed place. Raises ValidationError if the sign-up
    is already cancelled or the event is over.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(
                _("This sign-up was already cancelled."), code="registration_cancelled"
            )
        if now >= event.ends_at:
            raise ValidationError(
                _("This event is over; its sign-ups can no longer be cancelled."), code="event_over"
            )
        if registration.attended:
            raise ValidationError(
                _("This person has checked in; remove the check-in first."), code="checked_in"
            )
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = by
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        promoted = _promote_waitlisted(event, now) if was_confirmed else []
    log.info(
        "sign-up cancelled: registration=%s promoted=%s",
        registration.pk,
        [r.pk for r in promoted],
    )
    return promoted


def registration_restore(
    *, registration: Registration, by: Any, now: dt.datetime | None = None
) -> Registration:
    """Undo a resident's own cancellation: the same sign-up is live again, with a place
    if one is free, otherwise on the waiting list (someone may have moved up meanwhile).

    Only for the resident who cancelled it (the view fetches their own sign-up), before
    the event starts. Raises ValidationError with code ``not_cancelled``,
    ``not_yours_to_undo`` (cancelled by staff), ``event_cancelled``, ``event_started``,
    ``already_signed_up`` (they signed up again since) or ``full``.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.CANCELLED:
            raise ValidationError(_("This sign-up is not cancelled."), code="not_cancelled")
        if registration.cancelled_by_id is None or registration.cancelled_by_id != getattr(
            by, "pk", None
        ):
            raise ValidationError(
                _("Staff cancelled this sign-up; please sign up again or ask them."),
                code="not_yours_to_undo",
            )
        if event.is_cancelled:
            raise ValidationError(_("This event has been cancelled."), code="event_cancelled")
        if now >= event.starts_at:
            raise ValidationError(
                _("The event has started; the cancellation can no longer be undone."),
                code="event_started",
            )
        if event.registrations.active().filter(resident=registration.resident_id).exists():
            raise ValidationError(
                _already_signed_up(registration.resident), code="already_signed_up"
            )
        confirmed = event.registrations.confirmed().count()
        if event.capacity is None or confirmed < event.capacity:
            registration.status = RegistrationStatus.CONFIRMED
        elif event.waitlist_enabled:
            registration.status = RegistrationStatus.WAITLISTED
            # The end of the queue: the place they gave up went to whoever was next.
            registration.created_at = now
        else:
            raise ValidationError(_("Sorry, this event is full."), code="full")
        registration.cancelled_at = None
        registration.cancelled_by = None
        registration.save(update_fields=["status", "created_at", "cancelled_at", "cancelled_by"])
    log.info("sign-up restored: registration=%s status=%s", registration.pk, registration.status)
    return registration


#: What "apply to the later events of the series" copies: everything but the dates,
#: which each occurrence keeps, and its own check-in code.
SERIES_FIELDS = (
    "title",
    "kind",
    "organiser_app",
    "community",
    "place",
    "description",
    "capacity",
    "waitlist_enabled",
    "audience",
    "members_tag",
    "signup_enabled",
    "volunteer_hours",
)


#: What people signed up are told about when it changes (sign-ups are for a time and place).
NOTIFIED_FIELDS = ("starts_at", "ends_at", "place")


def _announce_change(event: Event, previous: dict[str, Any]) -> None:
    """After commit, tell everyone signed up for ``event`` if its time or place changed."""
    if event.is_cancelled or all(getattr(event, f) == previous[f] for f in NOTIFIED_FIELDS):
        return
    transaction.on_commit(
        lambda: event_changed.send(
            sender=Event, event=Event.objects.get(pk=event.pk), previous=previous
        )
    )


def _save_edited(event: Event, now: dt.datetime) -> list[Registration]:
    stored = _lock_event(event)
    previous = {name: getattr(stored, name) for name in NOTIFIED_FIELDS}
    confirmed = event.registrations.confirmed().count()
    if event.capacity is not None and event.capacity < confirmed:
        raise ValidationError(
            _(
                "%(confirmed)d people are already signed up for %(event)s; the number of "
                "places cannot be lower. Cancel sign-ups first."
            )
            % {"confirmed": confirmed, "event": event},
            code="capacity_below_confirmed",
        )
    event.save()
    _announce_change(event, previous)
    return _promote_waitlisted(event, now)


def event_update(
    *, event: Event, following: bool = False, now: dt.datetime | None = None
) -> list[Registration]:
    """Save an edited event; when it now has more places, promote from the waiting list.

    With ``following``, the later events of its series take the same ``SERIES_FIELDS``
    (a new place for every weekly Party lesson, say); their dates stay. The caller has
    validated the form. Refuses, for all of them or none, to cut the places below the
    confirmed sign-ups of any (those people would silently lose their place).
    When an event's time or place changed, everyone signed up or waiting is told after
    commit (``event_changed``; once per person and change). Returns the sign-ups
    promoted from waiting lists.
    """
    now = now or timezone.now()
    with transaction.atomic():
        promoted = _save_edited(event, now)
        if following and event.series_id:
            later_events = Event.objects.filter(
                series=event.series_id, starts_at__gt=event.starts_at
            ).order_by("starts_at")
            for later in later_events:
                for name in SERIES_FIELDS:
                    setattr(later, name, getattr(event, name))
                later.full_clean()
                promoted += _save_edited(later, now)
    return promoted


def event_cancel(*, event: Event, by: Any, reason: str, now: dt.datetime | None = None) -> Event:
    """Call an event off, saying why. Its sign-ups stay as they are (a record of who was
    coming); after commit everyone signed up or waiting is told, with the reason
    (``event_cancelled``), and staff phone those without an account.

    The view checks that ``by`` manages the event. Raises ValidationError with code
    ``reason_required`` (no reason given), ``already_cancelled`` or ``event_over``.
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(
            _("Say why the event is cancelled; everyone signed up is told."),
            code="reason_required",
        )
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(event)
        if event.is_cancelled:
            raise ValidationError(_("This event is already cancelled."), code="already_cancelled")
        if event.ends_at <= now:
            raise ValidationError(
                _("This event is over; it can no longer be cancelled."), code="event_over"
            )
        event.status = EventStatus.CANCELLED
        event.cancellation_reason = reason
        event.cancelled_at = now
        event.cancelled_by = by
        event.save(
            update_fields=[
                "status",
                "cancellation_reason",
                "cancelled_at",
                "cancelled_by",
                "updated_at",
            ]
        )
        transaction.on_commit(
            lambda: event_cancelled.send(sender=Event, event=Event.objects.get(pk=event.pk))
        )
    audit_log.info("event cancelled: event=%s by=%s", event.pk, getattr(by, "pk", None))
    return event


# --- attendance and hours -------------------------------------------------------------------


def _credit(registration: Registration, *, method: str, by: Any, now: dt.datetime) -> None:
    registration.attended_at = now
    registration.check_in_method = method
    registration.checked_in_by = by
    registration.hours = registration.event.volunteer_hours
    registration.save(update_fields=["attended_at", "check_in_method", "checked_in_by", "hours"])


def attendance_mark(
    *, registration: Registration, attended: bool, by: Any, now: dt.datetime | None = None
) -> Registration:
    """Staff check-in (or its undoing) for a confirmed sign-up; credits the event's
    volunteer hours. Staff may do this during or after the event, not before it starts."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        )
        if registration.status != RegistrationStatus.CONFIRMED:
            raise ValidationError(
                _("Only people with a confirmed place can be checked in."), code="not_confirmed"
            )
        if registration.event.is_cancelled:
            raise ValidationError(
                _("This event has been cancelled; nobody can be checked in."),
                code="event_cancelled",
            )
        if attended:
            if now < registration.event.check_in_opens_at:
                raise ValidationError(
                    _("Check-in opens half an hour before the event starts."),
                    code="check_in_not_open",
                )
            if not registration.attended:
                _credit(registration, method=CheckInMethod.STAFF, by=by, now=now)
        elif registration.certificates.exists():
            raise ValidationError(
                _("Hours from this check-in are on an issued certificate; it cannot be removed."),
                code="hours_certified",
            )
        else:
            registration.attended_at = None
            registration.check_in_method = ""
            registration.checked_in_by = None
            registration.hours = None
            registration.save(
                update_fields=["attended_at", "check_in_method", "checked_in_by", "hours"]
            )
    return registration


def registration_check_in(
    *, event: Event, resident: Any, code: str, by: Any, now: dt.datetime | None = None
) -> Registration:
    """A resident checks themself in by typing the code shown at the event.

    Raises ValidationError for no confirmed place, outside the check-in window, a wrong code
    (counted; after ``CHECK_IN_CODE_MAX_FAILURES`` only staff can check them in).
    """
    now = now or timezone.now()
    typed = "".join(code.split()).upper()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("event")
            .filter(event=event, resident=resident, status=RegistrationStatus.CONFIRMED)
            .first()
        )
        if registration is None:
            raise ValidationError(
                _("You have no confirmed place at this event."), code="no_confirmed_place"
            )
        if registration.attended:
            return registration
        if not registration.event.check_in_is_open(now):
            raise ValidationError(
                _("Check-in is open from half an hour before the start until the end."),
                code="check_in_closed",
            )
        if registration.failed_code_attempts >= settings.CHECK_IN_CODE_MAX_FAILURES:
            raise ValidationError(
                _("Too many wrong codes. Please ask the staff at the event."),
                code="too_many_wrong_codes",
            )
        if typed != registration.event.check_in_code:
            registration.failed_code_attempts += 1
            registration.save(update_fields=["failed_code_attempts"])
            log.warning("check-in code refused: registration=%s", registration.pk)
            # Raised after the block, so the counted failure is committed.
            error = ValidationError(
                _("That check-in code is not right. Please check it and retry."), code="wrong_code"
            )
        else:
            _credit(registration, method=CheckInMethod.CODE, by=by, now=now)
            error = None
    if error:
        raise error
    return registration


# --- certificates -----------------------------------------------------------------------------


def _certificate_number(issued_at: dt.datetime) -> str:
    year = timezone.localtime(issued_at).year
    prefix = f"ZYFW-{year}-"
    last = (
        HourCertificate.objects.select_for_update()
        .filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:06d}"


def hour_certificate_issue(
    *, resident: Any, start: dt.date, end: dt.date, by: Any, now: dt.datetime | None = None
) -> HourCertificate:
    """Record a volunteer-hour certificate for the attended service in [start, end].

    The issuer is the resident's residents' committee (谁记录谁证明). Raises ValidationError
    for an empty or inverted period or one with no credited hours.
    """
    now = now or timezone.now()
    if end < start:
        raise ValidationError(_("The period ends before it starts."), code="period_inverted")
    if end > timezone.localdate(now):
        raise ValidationError(
            _("A certificate can only cover days that have passed."), code="period_not_passed"
        )
    with transaction.atomic():
        registrations = list(
            Registration.objects.attended()
            .filter(resident=resident, hours__gt=0)
            .in_period(start, end)
            .select_for_update()
        )
        total = sum((r.hours for r in registrations), Decimal("0"))
        if not registrations:
            raise ValidationError(
                _("No volunteer hours were recorded in this period."), code="no_hours"
            )
        community = resident.community
        certificate = HourCertificate.objects.create(
            number=_certificate_number(now),
            resident=resident,
            period_start=start,
            period_end=end,
            total_hours=total,
            issuer=_("%(community)s Residents' Committee") % {"community": community.name},
            issuer_contact=community.phone,
            issued_by=by,
            issued_at=now,
        )
        certificate.registrations.set(registrations)
    audit_log.info(
        "hour certificate issued: certificate=%s resident=%s by=%s",
        certificate.pk,
        resident.pk,
        getattr(by, "pk", None),
    )
    return certificate


def total_hours(resident: Any) -> Decimal:
    """All credited hours of a person, for the star level."""
    total = Registration.objects.attended().filter(resident=resident).aggregate(t=Sum("hours"))["t"]
    return total or Decimal("0")
