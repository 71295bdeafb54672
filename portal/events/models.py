"""One event mechanism for every app: events (single or from a recurring series), sign-ups
with capacity and a waiting list, attendance, volunteer hours and hour certificates.

Domain apps publish their activities as ``Event`` rows with ``organiser_app`` set and take
sign-ups through ``portal.events.services``; none of them keeps a calendar of its own.
"""

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.accounts.scoping import CommunityScopedQuerySet
from portal.core.dates import local_datetime
from portal.registry.models import Tag

# Check-in codes avoid letters and digits that are read alike (0/O, 1/I/L).
CHECK_IN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CHECK_IN_CODE_LENGTH = 6
# Check-in (by code or by staff) opens this long before the start.
CHECK_IN_OPENS_BEFORE = dt.timedelta(minutes=30)


def new_check_in_code() -> str:
    return "".join(secrets.choice(CHECK_IN_ALPHABET) for _ in range(CHECK_IN_CODE_LENGTH))


class EventKind(models.TextChoices):
    PARTY_DAY = "party_day", _("Party day")
    PARTY_LESSON = "party_lesson", _("Party lesson")
    LEAGUE = "league", _("Youth League activity")
    CLASS = "class", _("Class")
    ELDERCARE = "eldercare", _("Elder-care activity")
    HEALTH = "health", _("Health activity")
    VOLUNTEER = "volunteer", _("Volunteer service")
    COMMUNITY = "community", _("Community activity")


class OrganiserApp(models.TextChoices):
    PORTAL = "portal", _("Community affairs")
    ASSISTANCE = "assistance", _("Social assistance")
    ELDERCARE = "eldercare", _("Elder care")
    HEALTH = "health", _("Community health")
    PARTYWORK = "partywork", _("Party and Youth League")
    EDUCATION = "education", _("Community education")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members only")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


class EventSeries(models.Model):
    """How a recurring event repeats. Its occurrences are stored as ordinary events, so
    each has its own page, sign-ups and attendance; the series only records the rule."""

    frequency = models.CharField(_("repeats"), max_length=10, choices=Frequency.choices)
    interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 = every week or month, 2 = every other one, …"),
    )
    count = models.PositiveSmallIntegerField(_("number of occurrences"), null=True, blank=True)
    until = models.DateField(_("last date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        constraints = [
            # A series that never ends would fill the calendar for ever.
            models.CheckConstraint(
                condition=Q(count__isnull=False) | Q(until__isnull=False),
                name="event_series_has_an_end",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} ×{self.interval}"


class EventQuerySet(CommunityScopedQuerySet):
    # Sub-district-wide events (no community) belong to every community's staff too.
    null_community_is_shared = True

    def scheduled(self) -> "EventQuerySet":
        return self.filter(status=EventStatus.SCHEDULED)

    def listed_for(self, user: Any) -> "EventQuerySet":
        """Events a visitor may see on the public calendar: public ones for everyone; a
        members-only event also for residents holding its tag and for staff in scope."""
        public = self.filter(audience=Audience.PUBLIC)
        if not getattr(user, "is_authenticated", False):
            return public
        if user.is_portal_staff:
            return self.filter(
                Q(audience=Audience.PUBLIC) | Q(pk__in=self.visible_to(user).values("pk"))
            )
        if user.resident_id:
            return self.filter(
                Q(audience=Audience.PUBLIC)
                | Q(members_tag__in=Tag.objects.filter(residents=user.resident_id))
            )
        return public

    def between(self, start: dt.datetime, end: dt.datetime) -> "EventQuerySet":
        """Events that overlap [start, end)."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)

    def filtered(self, *, community: Any = None, kind: str = "") -> "EventQuerySet":
        """The calendar's filters: a community shows its own events and the sub-district's."""
        events = self
        if community is not None:
            events = events.for_public_community(community)
        if kind:
            events = events.filter(kind=kind)
        return events

    def with_counts(self) -> "EventQuerySet":
        return self.annotate(
            confirmed_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waitlisted_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
            ),
        )


class Event(models.Model):
    """One activity at one time and place: a Party day, a class session, a health talk."""

    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    organiser_app = models.CharField(
        _("organised by"), max_length=20, choices=OrganiserApp.choices, default=OrganiserApp.PORTAL
    )
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Leave empty for a sub-district-wide event."),
    )
    place = models.CharField(_("place"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    waitlist_enabled = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When full, further sign-ups join a waiting list and move up in turn."),
    )
    audience = models.CharField(
        _("open to"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    members_tag = models.ForeignKey(
        "registry.Tag",
        verbose_name=_("members holding tag"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For members-only events: who counts as a member (e.g. Party member)."),
    )
    signup_enabled = models.BooleanField(_("takes sign-ups"), default=True)
    signup_opens_at = models.DateTimeField(_("sign-up opens"), null=True, blank=True)
    signup_closes_at = models.DateTimeField(
        _("sign-up closes"), null=True, blank=True, help_text=_("Empty: when the event starts.")
    )
    volunteer_hours = models.DecimalField(
        _("volunteer hours per attendee"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
        help_text=_("Service hours credited to each attendee; empty if not volunteer service."),
    )
    check_in_code = models.CharField(
        _("check-in code"), max_length=CHECK_IN_CODE_LENGTH, default=new_check_in_code
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    cancellation_reason = models.TextField(
        _("reason for cancelling"),
        blank=True,
        help_text=_("Shown to everyone signed up and on the event's page."),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.audience == Audience.MEMBERS and not self.members_tag_id:
            errors["members_tag"] = _("Say who the members are for a members-only event.")
        opens, closes = self.signup_opens_at, self.signup_closes_at
        if opens and closes and closes <= opens:
            errors["signup_closes_at"] = _("Sign-up must close after it opens.")
        if self.signup_closes_at and self.ends_at and self.signup_closes_at > self.ends_at:
            errors["signup_closes_at"] = _("Sign-up cannot close after the event has ended.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_sub_district_wide(self) -> bool:
        return self.community_id is None

    @property
    def signup_deadline(self) -> dt.datetime:
        return self.signup_closes_at or self.starts_at

    def signup_is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        if not self.signup_enabled or self.is_cancelled:
            return False
        if self.signup_opens_at and now < self.signup_opens_at:
            return False
        return now < self.signup_deadline

    @property
    def check_in_opens_at(self) -> dt.datetime:
        return self.starts_at - CHECK_IN_OPENS_BEFORE

    def check_in_is_open(self, now: dt.datetime | None = None) -> bool:
        """Attendees may check themselves in from half an hour before the start to the end."""
        now = now or timezone.now()
        return self.check_in_opens_at <= now <= self.ends_at

    @property
    def duration_hours(self) -> Decimal:
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / 3600).quantize(Decimal("0.1"))

    def places_left(self, confirmed: int) -> int | None:
        """Free places given the confirmed count; None when the event has no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - confirmed, 0)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Signed up")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class CheckInMethod(models.TextChoices):
    STAFF = "staff", _("Marked by staff")
    CODE = "code", _("Check-in code")


class RegistrationQuerySet(CommunityScopedQuerySet):
    # Staff see a sign-up when either the event or the person is in their community.
    community_lookup = ("event__community", "resident__community")

    def active(self) -> "RegistrationQuerySet":
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self) -> "RegistrationQuerySet":
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self) -> "RegistrationQuerySet":
        return self.filter(status=RegistrationStatus.WAITLISTED)

    def attended(self) -> "RegistrationQuerySet":
        return self.filter(attended_at__isnull=False)

    def in_period(self, start: dt.date, end: dt.date) -> "RegistrationQuerySet":
        """Sign-ups for events that started on a day in [start, end] (local dates)."""
        return self.filter(
            event__starts_at__gte=local_datetime(start),
            event__starts_at__lt=local_datetime(end + dt.timedelta(days=1)),
        )

    def hour_totals(self) -> "RegistrationQuerySet":
        """Credited volunteer hours per person, largest first."""
        return (
            self.attended()
            .filter(hours__gt=0)
            .values("resident")
            .annotate(total_hours=Sum("hours"), services=Count("pk"))
            .order_by("-total_hours", "resident")
        )


class Registration(models.Model):
    """One person's sign-up for one event, and whether they came."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("time of sign-up"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed up by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by_staff = models.BooleanField(_("signed up by staff"), default=False)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    check_in_method = models.CharField(
        _("checked in by"), max_length=10, choices=CheckInMethod.choices, blank=True
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("check-in recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    failed_code_attempts = models.PositiveSmallIntegerField(_("wrong check-in codes"), default=0)
    hours = models.DecimalField(
        _("volunteer hours"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    history = HistoricalRecords()

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [
            # One live sign-up per person and event; cancelled ones stay as a record.
            models.UniqueConstraint(
                fields=["event", "resident"],
                condition=~Q(status="cancelled"),
                name="one_live_registration_per_person",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        # Also the label of history rows, which outlive a deleted event (the admin's
        # history page of such a sign-up).
        try:
            event = str(self.event)
        except Event.DoesNotExist:
            event = _("deleted event #%(pk)s") % {"pk": self.event_id}
        return f"{self.resident} → {event}"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED

    @property
    def attended(self) -> bool:
        return self.attended_at is not None


class HourCertificateQuerySet(CommunityScopedQuerySet):
    community_lookup = "resident__community"


class HourCertificate(models.Model):
    """A volunteer-service certificate (志愿服务证明) as issued: who, which period, how many
    hours, by whom. Kept so that the number can be verified later (谁记录谁证明)."""

    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="hour_certificates",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    total_hours = models.DecimalField(_("total hours"), max_digits=7, decimal_places=1)
    issuer = models.CharField(_("issued by"), max_length=100)
    issuer_contact = models.CharField(_("issuer contact"), max_length=100, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    registrations = models.ManyToManyField(
        Registration, verbose_name=_("services credited"), related_name="certificates"
    )

    objects = HourCertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer hour certificate")
        verbose_name_plural = _("volunteer hour certificates")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("events:certificate-detail", kwargs={"pk": self.pk})


def volunteer_number(resident: Any) -> str:
    """The portal's volunteer number: community code and the registry id, stable for life."""
    return f"ZY{resident.community.code}{resident.pk:08d}"


def star_level(total_hours: Decimal) -> int:
    """Stars by cumulative hours (domain-rules §6.3; thresholds in settings)."""
    return sum(1 for threshold in settings.VOLUNTEER_STAR_THRESHOLDS if total_hours >= threshold)
