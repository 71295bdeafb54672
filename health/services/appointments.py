"""Time-slot appointments (分时段预约): opening slots, booking without over-booking,
cancelling until the cut-off, check-in, no-shows and the reminder the day before."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from health.models import Booking, BookingStatus, Slot, Timetable, slot_times
from health.rules import setting
from portal.core.models import OfficialDay, OfficialDayKind


def slots_open(*, timetable: Timetable, today: dt.date | None = None) -> int:
    """Create the slots of ``timetable`` for the coming ``HEALTH_SLOT_HORIZON_DAYS``,
    skipping official days off (the kernel's calendar), the timetable's exceptions
    (leave) and weekdays it does not run, but opening on a make-up working day (调休)
    that falls on a weekday the timetable runs Monday–Friday. Idempotent."""
    today = today or timezone.localdate()
    last = today + dt.timedelta(days=setting("HEALTH_SLOT_HORIZON_DAYS"))
    official = OfficialDay.objects.kinds_between(today, last)
    leave = set(timetable.exceptions.filter(day__range=(today, last)).values_list("day", flat=True))
    existing = set(
        timetable.slots.filter(day__range=(today, last)).values_list("starts_at", flat=True)
    )
    created = []
    day = today
    while day <= last:
        kind = official.get(day)
        runs = timetable.runs_on(day)
        if kind == OfficialDayKind.WORKDAY and timetable.weekdays == "12345":
            runs = day >= timetable.valid_from
        if kind == OfficialDayKind.HOLIDAY or day in leave:
            runs = False
        if runs:
            for start, end in slot_times(timetable, day):
                if start not in existing:
                    created.append(
                        Slot(
                            timetable=timetable,
                            day=day,
                            starts_at=start,
                            ends_at=end,
                            capacity=timetable.capacity,
                        )
                    )
        day += dt.timedelta(days=1)
    Slot.objects.bulk_create(created, ignore_conflicts=True)
    return len(created)


def booking_create(*, slot: Slot, resident: Any, by: Any, on_behalf: bool = False) -> Booking:
    """Book one place of ``slot`` for ``resident``. The resident themself (``by`` their
    account) or staff of the facility's community (``on_behalf``). The slot row is locked
    (``SELECT … FOR UPDATE``) and its count raised in the same transaction, so any number
    of requests at once fill exactly its places (and the database's check refuses a count
    above capacity in any case).

    Raises ``cutoff`` (a resident booking after the cut-off, staff after the start),
    ``slot_full``, ``slot_cancelled``, ``duplicate`` (a booking for the same service that
    day already, also two at once) and ``wrong_community`` (a resident of another
    community booking a station's slot through staff)."""
    now = timezone.now()
    try:
        with transaction.atomic():
            locked = Slot.objects.select_for_update().select_related("timetable").get(pk=slot.pk)
            if locked.cancelled:
                raise ValidationError(
                    _("This time slot has been cancelled."), code="slot_cancelled"
                )
            limit = locked.starts_at if on_behalf else locked.cutoff()
            if now >= limit:
                raise ValidationError(_("Booking for this time slot has closed."), code="cutoff")
            if locked.booked >= locked.capacity:
                raise ValidationError(_("This time slot is full."), code="slot_full")
            booking = Booking.objects.create(
                slot=locked,
                resident=resident,
                service=locked.timetable.service,
                day=locked.day,
                booked_by=by,
            )
            Slot.objects.filter(pk=locked.pk).update(booked=F("booked") + 1)
    except IntegrityError:
        raise ValidationError(
            _("There is already a booking for this service on that day."), code="duplicate"
        ) from None
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, by: Any, by_staff: bool = False) -> Booking:
    """Cancel a booking: the resident until the cut-off, staff until the slot starts. The
    place returns to the slot. Raises ``wrong_status`` and ``cutoff``."""
    slot = Slot.objects.select_for_update().get(pk=booking.slot_id)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError(_("This booking is no longer open."), code="wrong_status")
    limit = slot.starts_at if by_staff else slot.cutoff()
    if timezone.now() >= limit:
        raise ValidationError(
            _("The booking can no longer be cancelled; please call the clinic."), code="cutoff"
        )
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status"])
    Slot.objects.filter(pk=slot.pk).update(booked=F("booked") - 1)
    return booking


@transaction.atomic
def booking_check_in(*, booking: Booking, by: Any) -> Booking:
    """Staff check a resident in on the slot's day. Raises ``wrong_status`` and
    ``wrong_day``."""
    booking = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError(_("This booking is no longer open."), code="wrong_status")
    if timezone.localdate() != booking.day:
        raise ValidationError(_("Check-in is on the day of the booking."), code="wrong_day")
    booking.status = BookingStatus.CHECKED_IN
    booking.save(update_fields=["status"])
    return booking


def bookings_mark_no_shows(*, now: dt.datetime | None = None) -> int:
    """Bookings still open after their slot ended become no-shows (their places stay
    counted: the time has passed). Idempotent."""
    now = now or timezone.now()
    return (
        Booking.objects.unscoped()
        .filter(status=BookingStatus.BOOKED, slot__ends_at__lt=now)
        .update(status=BookingStatus.NO_SHOW)
    )


def bookings_remind(*, today: dt.date | None = None) -> int:
    """The day before: each resident with an account is told "您明天 9:00 在…有预约"
    (time and place only, never the service). Once per booking (``reminded_at`` and the
    notification key)."""
    from health.services.reminders import tell_resident

    today = today or timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    sent = 0
    bookings = (
        Booking.objects.unscoped()
        .filter(status=BookingStatus.BOOKED, day=tomorrow, reminded_at__isnull=True)
        .select_related("slot__timetable__facility", "resident")
    )
    for booking in bookings:
        start = timezone.localtime(booking.slot.starts_at)
        tell_resident(
            booking.resident,
            "health_booking_reminder",
            {"time": f"{start.hour}:{start:%M}", "place": booking.slot.timetable.facility.name},
            key=f"health-booking-{booking.pk}",
            url="/health/my-bookings/",
        )
        Booking.objects.filter(pk=booking.pk).update(reminded_at=timezone.now())
        sent += 1
    return sent


@transaction.atomic
def timetable_day_off(*, timetable: Timetable, day: dt.date, reason: str, by: Any) -> int:
    """Close a timetable for a day (the doctor's leave, training): the day's slots are
    cancelled, their open bookings cancelled and each resident with an account told the
    time and place only. Staff of the facility's community. Raises ``past`` (a day gone
    by) and ``duplicate`` (closed already). Returns the bookings cancelled."""
    from health.models import TimetableException
    from health.services.reminders import tell_resident

    if day < timezone.localdate():
        raise ValidationError(_("The day has passed."), code="past")
    if timetable.exceptions.filter(day=day).exists():
        raise ValidationError(_("This day is closed already."), code="duplicate")
    TimetableException.objects.create(timetable=timetable, day=day, reason=reason[:100])
    slots = Slot.objects.select_for_update().filter(timetable=timetable, day=day)
    cancelled = 0
    for slot in slots:
        for booking in slot.bookings.filter(status=BookingStatus.BOOKED).select_related("resident"):
            booking.status = BookingStatus.CANCELLED
            booking.save(update_fields=["status"])
            start = timezone.localtime(slot.starts_at)
            tell_resident(
                booking.resident,
                "health_booking_cancelled",
                {
                    "day": start.date(),
                    "time": f"{start.hour}:{start:%M}",
                    "place": timetable.facility.name,
                },
                key=f"health-booking-cancelled-{booking.pk}",
                url="/health/book/",
            )
            cancelled += 1
    slots.update(cancelled=True, booked=0)
    return cancelled
