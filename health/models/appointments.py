"""Time-slot appointments (分时段预约): timetables, their slots, exceptions and bookings."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet
from portal.core.dates import local_datetime


class Service(models.TextChoices):
    GENERAL = "general", _("General practice")
    CHRONIC = "chronic", _("Chronic disease follow-up")
    IMMUNISATION = "immunisation", _("Vaccination")
    CHILD_CHECK = "child_check", _("Child health check")
    ELDERLY_CHECK = "elderly_check", _("Yearly check for 65 and over")


class TimetableQuerySet(CommunityScopedQuerySet):
    community_lookup = "facility__community"


class Timetable(models.Model):
    """A weekly timetable of one service (and doctor): which weekdays, from when to when,
    slot length and places per slot. Slots are opened from it a fortnight ahead."""

    facility = models.ForeignKey(
        "health.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="timetables",
    )
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    doctor = models.ForeignKey(
        "health.TeamMember",
        verbose_name=_("doctor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: ISO weekdays joined, "12345" for Monday to Friday.
    weekdays = models.CharField(_("weekdays"), max_length=7, default="12345")
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("places per slot"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = TimetableQuerySet.as_manager()

    class Meta:
        verbose_name = _("timetable")
        verbose_name_plural = _("timetables")
        ordering = ["facility", "service", "pk"]

    def __str__(self) -> str:
        return f"{self.facility} · {self.get_service_display()}"

    def get_absolute_url(self) -> str:
        return reverse("health:timetable-detail", args=[self.pk])

    def runs_on(self, day: dt.date) -> bool:
        return (
            str(day.isoweekday()) in self.weekdays
            and day >= self.valid_from
            and (self.valid_until is None or day <= self.valid_until)
        )


class TimetableException(models.Model):
    """A day the timetable does not run: the doctor's leave, a training day. Official
    holidays come from the kernel's calendar and need no row here."""

    timetable = models.ForeignKey(
        Timetable,
        verbose_name=_("timetable"),
        on_delete=models.CASCADE,
        related_name="exceptions",
    )
    day = models.DateField(_("day"))
    reason = models.CharField(_("reason"), max_length=100)

    class Meta:
        verbose_name = _("timetable exception")
        verbose_name_plural = _("timetable exceptions")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["timetable", "day"], name="health_one_exception_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason}"


class SlotQuerySet(CommunityScopedQuerySet):
    community_lookup = "timetable__facility__community"

    def bookable_after(self, moment: dt.datetime) -> "SlotQuerySet":
        return self.filter(starts_at__gt=moment, cancelled=False)


class Slot(models.Model):
    """One time slot with its places; the row every booking locks (no over-booking)."""

    timetable = models.ForeignKey(
        Timetable, verbose_name=_("timetable"), on_delete=models.CASCADE, related_name="slots"
    )
    day = models.DateField(_("day"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    booked = models.PositiveSmallIntegerField(_("booked"), default=0)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["timetable", "starts_at"], name="health_slot_once"),
            models.CheckConstraint(
                condition=models.Q(booked__lte=models.F("capacity")), name="health_slot_not_over"
            ),
        ]

    def __str__(self) -> str:
        from django.utils import timezone

        start = timezone.localtime(self.starts_at)
        return f"{start:%Y-%m-%d %H:%M}"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0)

    def cutoff(self) -> dt.datetime:
        from health.rules import setting

        return self.starts_at - dt.timedelta(minutes=setting("HEALTH_BOOKING_CUTOFF_MINUTES"))


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    CHECKED_IN = "checked_in", _("Checked in")
    NO_SHOW = "no_show", _("Did not come")


class BookingQuerySet(CommunityScopedQuerySet):
    community_lookup = "slot__timetable__facility__community"

    def active(self) -> "BookingQuerySet":
        return self.filter(status=BookingStatus.BOOKED)


class Booking(models.Model):
    slot = models.ForeignKey(
        Slot, verbose_name=_("time slot"), on_delete=models.PROTECT, related_name="bookings"
    )
    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: Copied from the slot for the one-a-day rule's constraint.
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    day = models.DateField(_("day"))
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "service", "day"],
                condition=models.Q(status="booked"),
                name="health_one_booking_a_day",
                violation_error_message=_("This resident already has a booking that day."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.slot} {self.get_service_display()}"


def slot_times(timetable: Timetable, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """The slots of ``timetable`` on ``day`` (start, end), in local time."""
    start = local_datetime(day, timetable.starts_at)
    end = local_datetime(day, timetable.ends_at)
    step = dt.timedelta(minutes=timetable.slot_minutes)
    times = []
    while start + step <= end:
        times.append((start, start + step))
        start += step
    return times
