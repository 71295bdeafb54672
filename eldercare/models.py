"""Elder care 养老服务 (seed plans 1 and 3, domain-rules §4 and §6.3).

The register is drawn from the registry: an elder is a ``registry.Resident`` of
``ELDERLY_AGE`` or over; ``ElderProfile`` holds only what elder care adds (living
situation, care categories, emergency contact, risk flags), never a copy of the person.
Assessments (GB/T 42195-2022, with the standard stored on each row), home-care stations
and their service records, emergency-call devices, volunteers and their pairings and
visits, and the 高龄津贴 enrolments with their dated brackets hang off residents too.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from eldercare import rules
from portal.accounts.scoping import CommunityScopedQuerySet
from portal.registry import idnumbers
from portal.registry.models import Community, Household, Resident

# --- the register -----------------------------------------------------------------------------


class Living(models.TextChoices):
    WITH_FAMILY = "family", _("With children or other family")
    WITH_SPOUSE = "spouse", _("With spouse only (empty nest)")
    ALONE = "alone", _("Alone")
    INSTITUTION = "institution", _("In a care home")


class ProfileQuerySet(CommunityScopedQuerySet):
    community_lookup = "resident__community"


class ElderProfile(models.Model):
    """What elder care knows about one elder beyond the registry."""

    resident = models.OneToOneField(
        Resident,
        verbose_name=_("elder"),
        on_delete=models.CASCADE,
        related_name="elder_profile",
    )
    living = models.CharField(
        _("living situation"), max_length=20, choices=Living.choices, default=Living.WITH_FAMILY
    )
    hardship = models.BooleanField(_("in hardship (困难)"), default=False)
    childless = models.BooleanField(_("childless and widowed (孤寡)"), default=False)
    disabled = models.BooleanField(_("disabled"), default=False)
    disabled_veteran = models.BooleanField(_("disabled veteran"), default=False)
    red_army = models.BooleanField(_("old Red Army member"), default=False)
    contact_name = models.CharField(_("emergency contact"), max_length=50, blank=True)
    contact_relation = models.CharField(_("relation of the contact"), max_length=20, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, validators=[idnumbers.validate_phone]
    )
    risk_falls = models.BooleanField(_("risk of falls"), default=False)
    risk_wandering = models.BooleanField(_("risk of wandering off"), default=False)
    risk_chronic = models.BooleanField(_("chronic illness"), default=False)
    risk_notes = models.CharField(_("other risks"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("elder profile")
        verbose_name_plural = _("elder profiles")

    def __str__(self) -> str:
        return str(self.resident)

    def own_categories(self) -> set[str]:
        """The categories this profile states (the others come from age and the hook)."""
        found = set()
        if self.hardship:
            found.add("hardship")
        if self.living in (Living.ALONE, Living.WITH_SPOUSE):
            found.add("empty_nest")
        if self.living == Living.ALONE:
            found.add("alone")
        if self.childless:
            found.add("childless")
        if self.disabled or self.disabled_veteran:
            found.add("disabled")
        return found


# --- capability assessments -------------------------------------------------------------------


class Standard(models.TextChoices):
    GB_42195 = rules.STANDARD_GB_42195, _("GB/T 42195-2022")
    MZ_039 = rules.STANDARD_MZ_039, _("MZ/T 039-2013 (older data)")


class Reason(models.TextChoices):
    FIRST = "first", _("First assessment")  # 首次评估
    PERIODIC = "periodic", _("Periodic assessment")  # 常规评估
    CHANGE = "change", _("On a change of condition")  # 即时评估
    REVIEW = "review", _("Review of a disputed result")  # 复评
    OTHER = "other", _("Other")


class AssessmentQuerySet(CommunityScopedQuerySet):
    community_lookup = "elder__community"

    def current(self) -> "AssessmentQuerySet":
        """Each elder's latest assessment under the current standard."""
        return self.filter(standard=Standard.GB_42195, superseded=False)


class Assessment(models.Model):
    elder = models.ForeignKey(
        Resident, verbose_name=_("elder"), on_delete=models.PROTECT, related_name="assessments"
    )
    standard = models.CharField(
        _("standard"), max_length=20, choices=Standard.choices, default=Standard.GB_42195
    )
    assessed_on = models.DateField(_("assessed on"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessor_name = models.CharField(_("assessor"), max_length=50)
    scores = models.JSONField(_("item scores"), default=dict)
    self_care = models.PositiveSmallIntegerField(_("self-care (B1)"), default=0)
    mobility = models.PositiveSmallIntegerField(_("basic mobility (B2)"), default=0)
    mental = models.PositiveSmallIntegerField(_("mental state (B3)"), default=0)
    perception = models.PositiveSmallIntegerField(_("perception and participation (B4)"), default=0)
    total = models.PositiveSmallIntegerField(_("total"), default=0)
    cognitive_disorder = models.BooleanField(
        _("diagnosed dementia or mental disorder"), default=False
    )
    risk_events = models.PositiveSmallIntegerField(
        _("care-risk events in the last 30 days"),
        default=0,
        validators=[MaxValueValidator(99)],
    )
    coma = models.BooleanField(_("in a coma"), default=False)
    base_level = models.PositiveSmallIntegerField(_("level from the score"), default=0)
    level = models.PositiveSmallIntegerField(_("level"), default=0)
    next_due_on = models.DateField(_("reassessment due"), null=True, blank=True)
    superseded = models.BooleanField(_("superseded"), default=False)
    reminded_for = models.DateField(_("reminder sent for"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("capability assessment")
        verbose_name_plural = _("capability assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.elder} {self.assessed_on}"

    def get_absolute_url(self) -> str:
        return reverse("eldercare:assessment-detail", args=[self.pk])

    @property
    def level_name(self) -> str:
        names = rules.LEVEL_NAMES if self.standard == Standard.GB_42195 else rules.MZ_LEVEL_NAMES
        return str(names.get(self.level, ""))


# --- home-care stations and services ---------------------------------------------------------


class Acceptance(models.TextChoices):
    BUILDING = "building", _("Being built")
    ACCEPTED = "accepted", _("Accepted by the district")
    SUSPENDED = "suspended", _("Suspended")


class StationKind(models.TextChoices):
    STATION = "station", _("Home-care station")  # 居家养老服务站
    CENTRE = "centre", _("Home-care centre")  # 居家养老服务（照料）中心


class StationQuerySet(CommunityScopedQuerySet):
    pass


class Station(models.Model):
    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=20, choices=StationKind.choices, default=StationKind.STATION
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=100, blank=True)
    acceptance = models.CharField(
        _("acceptance"), max_length=20, choices=Acceptance.choices, default=Acceptance.BUILDING
    )
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("home-care station")
        verbose_name_plural = _("home-care stations")
        ordering = ["community__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="eldercare_station_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("eldercare:station-detail", args=[self.pk])


class WorkerQuerySet(CommunityScopedQuerySet):
    community_lookup = "station__community"


class Worker(models.Model):
    """A care worker of a station (护理员): who did a service."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="workers"
    )
    name = models.CharField(_("name"), max_length=50)
    active = models.BooleanField(_("active"), default=True)

    objects = WorkerQuerySet.as_manager()

    class Meta:
        verbose_name = _("care worker")
        verbose_name_plural = _("care workers")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class ServiceKind(models.TextChoices):
    MEALS = "meals", _("Meals")  # 助餐
    CLEANING = "cleaning", _("Cleaning")  # 助洁
    BATHING = "bathing", _("Bathing")  # 助浴
    DAY_CARE = "day_care", _("Day care")  # 日间照料
    REHAB = "rehab", _("Rehabilitation")  # 康复
    MEDICAL = "medical", _("Medical escort")  # 助医
    EMERGENCY = "emergency", _("Emergency help")  # 助急


class ServiceItem(models.Model):
    """The catalogue: one service with its price (a station's own, or the default)."""

    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    name = models.CharField(_("name"), max_length=50)
    unit = models.CharField(_("unit"), max_length=20, default="次")
    price = models.DecimalField(
        _("price"), max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("service item")
        verbose_name_plural = _("service catalogue")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class RecordQuerySet(CommunityScopedQuerySet):
    community_lookup = "station__community"

    def in_month(self, month: dt.date) -> "RecordQuerySet":
        return self.filter(
            started_at__date__gte=month, started_at__date__lte=rules.month_end(month)
        )


class ServiceRecord(models.Model):
    """One service given: who, what, when, by whom, free or paid, confirmed and rated."""

    station = models.ForeignKey(
        Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="records"
    )
    elder = models.ForeignKey(
        Resident, verbose_name=_("elder"), on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(ServiceItem, verbose_name=_("service"), on_delete=models.PROTECT)
    worker = models.ForeignKey(
        Worker, verbose_name=_("worker"), on_delete=models.PROTECT, related_name="records"
    )
    started_at = models.DateTimeField(_("start"))
    ended_at = models.DateTimeField(_("end"))
    free = models.BooleanField(_("free (government-paid)"), default=False)
    amount = models.DecimalField(_("amount paid"), max_digits=8, decimal_places=2, default=0)
    confirmed = models.BooleanField(_("confirmed by the elder"), default=False)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.item} {self.started_at:%Y-%m-%d}"

    @property
    def minutes(self) -> int:
        return int((self.ended_at - self.started_at).total_seconds() // 60)


# --- emergency-call devices -------------------------------------------------------------------


class InstallationQuerySet(CommunityScopedQuerySet):
    community_lookup = "household__community"

    def active(self) -> "InstallationQuerySet":
        return self.filter(removed_on__isnull=True)


class Installation(models.Model):
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+"
    )
    elder = models.ForeignKey(
        Resident, verbose_name=_("elder"), on_delete=models.PROTECT, related_name="+"
    )
    device_number = models.CharField(_("device number"), max_length=40, unique=True)
    installed_on = models.DateField(_("installed on"))
    free = models.BooleanField(_("installed free of charge"), default=True)
    removed_on = models.DateField(_("removed on"), null=True, blank=True)

    objects = InstallationQuerySet.as_manager()

    class Meta:
        verbose_name = _("emergency-call device")
        verbose_name_plural = _("emergency-call devices")
        ordering = ["-installed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(removed_on__isnull=True),
                name="eldercare_one_device_per_household",
                violation_error_message=_("This household already has a device."),
            )
        ]

    def __str__(self) -> str:
        return self.device_number

    def get_absolute_url(self) -> str:
        return reverse("eldercare:device-detail", args=[self.pk])


class DeviceTarget(models.Model):
    """The year's installation target (the seed: 100 households)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    households = models.PositiveIntegerField(_("target households"))

    class Meta:
        verbose_name = _("device target")
        verbose_name_plural = _("device targets")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.households}"


class IncidentQuerySet(CommunityScopedQuerySet):
    community_lookup = "installation__household__community"


class Incident(models.Model):
    installation = models.ForeignKey(
        Installation, verbose_name=_("device"), on_delete=models.PROTECT, related_name="incidents"
    )
    received_at = models.DateTimeField(_("call received"))
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=200, blank=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("call incident")
        verbose_name_plural = _("call incidents")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.installation} {self.received_at:%Y-%m-%d %H:%M}"

    @property
    def response_minutes(self) -> int | None:
        if self.responded_at is None:
            return None
        return int((self.responded_at - self.received_at).total_seconds() // 60)


# --- volunteers -------------------------------------------------------------------------------


class VolunteerQuerySet(CommunityScopedQuerySet):
    community_lookup = "resident__community"


class Volunteer(models.Model):
    """A real-name volunteer (义工): a registry resident whose ID number was checked."""

    resident = models.OneToOneField(
        Resident, verbose_name=_("resident"), on_delete=models.PROTECT, related_name="volunteer"
    )
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    registered_on = models.DateField(_("registered on"))
    active = models.BooleanField(_("active"), default=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["resident__name", "pk"]

    def __str__(self) -> str:
        return str(self.resident)


class TeamQuerySet(CommunityScopedQuerySet):
    pass


class Team(models.Model):
    community = models.ForeignKey(
        Community, verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(Volunteer, verbose_name=_("members"), blank=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PairingQuerySet(CommunityScopedQuerySet):
    community_lookup = "elder__community"

    def open(self) -> "PairingQuerySet":
        return self.filter(ended_on__isnull=True)


class Pairing(models.Model):
    """结对关爱: a volunteer or a team caring for one elder, visiting every interval."""

    elder = models.ForeignKey(
        Resident, verbose_name=_("elder"), on_delete=models.PROTECT, related_name="+"
    )
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="pairings",
        null=True,
        blank=True,
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="pairings",
        null=True,
        blank=True,
    )
    interval_days = models.PositiveSmallIntegerField(
        _("visit every (days)"), validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    started_on = models.DateField(_("paired on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "elder"],
                condition=Q(ended_on__isnull=True, volunteer__isnull=False),
                name="eldercare_one_open_pairing",
                violation_error_message=_("This volunteer is already paired with this elder."),
            ),
            models.CheckConstraint(
                condition=Q(volunteer__isnull=False) | Q(team__isnull=False),
                name="eldercare_pairing_has_carer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.carer_name} → {self.elder}"

    def get_absolute_url(self) -> str:
        return reverse("eldercare:pairing-detail", args=[self.pk])

    @property
    def carer_name(self) -> str:
        return str(self.volunteer or self.team)


class VisitStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class VisitQuerySet(CommunityScopedQuerySet):
    community_lookup = "pairing__elder__community"

    def counted(self) -> "VisitQuerySet":
        """Visits that keep a pairing in time: logged and not refused."""
        return self.exclude(status=VisitStatus.REJECTED)


class Visit(models.Model):
    pairing = models.ForeignKey(
        Pairing, verbose_name=_("pairing"), on_delete=models.PROTECT, related_name="visits"
    )
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField(_("visited on"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("12"))],
    )
    notes = models.CharField(_("what was done"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=VisitStatus.choices, default=VisitStatus.SUBMITTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.visited_on}"


class Lapse(models.Model):
    """A pairing whose visit was due on ``due_on`` and did not come: one row (and one
    alert to the community's staff) per lapse, however often the check runs."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="lapses")
    due_on = models.DateField(_("visit due on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lapsed visit")
        verbose_name_plural = _("lapsed visits")
        constraints = [
            models.UniqueConstraint(fields=["pairing", "due_on"], name="eldercare_one_lapse")
        ]

    def __str__(self) -> str:
        return f"{self.pairing_id} {self.due_on}"


# --- 高龄津贴 ------------------------------------------------------------------------------------


class AllowanceBracket(models.Model):
    """One row of the dated 高龄津贴 table: from ``effective_from``, elders of
    ``min_age``..``max_age`` (empty: no upper bound) get ``amount`` a month."""

    effective_from = models.DateField(_("in force from"))
    min_age = models.PositiveSmallIntegerField(_("from age"))
    max_age = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)
    amount = models.DecimalField(_("amount a month"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("old-age allowance bracket")
        verbose_name_plural = _("old-age allowance brackets")
        ordering = ["-effective_from", "min_age"]
        constraints = [
            models.UniqueConstraint(
                fields=["effective_from", "min_age"], name="eldercare_bracket_unique"
            )
        ]

    def __str__(self) -> str:
        top = self.max_age if self.max_age is not None else "+"
        return f"{self.effective_from} {self.min_age}-{top}: {self.amount}"


class EnrolmentQuerySet(CommunityScopedQuerySet):
    community_lookup = "resident__community"


class Enrolment(models.Model):
    """An elder on the 高龄津贴 list from ``first_month``; stopped on death."""

    resident = models.OneToOneField(
        Resident,
        verbose_name=_("elder"),
        on_delete=models.PROTECT,
        related_name="allowance_enrolment",
    )
    applied_on = models.DateField(_("applied on"))
    first_month = models.DateField(_("first month paid"))
    died_on = models.DateField(_("died on"), null=True, blank=True)
    death_recorded_on = models.DateField(_("death recorded on"), null=True, blank=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("old-age allowance enrolment")
        verbose_name_plural = _("old-age allowance enrolments")
        ordering = ["first_month", "pk"]

    def __str__(self) -> str:
        return str(self.resident)

    @property
    def last_month(self) -> dt.date | None:
        """The last month owed: the month of death."""
        return rules.month_start(self.died_on) if self.died_on else None


# --- residents' requests (the service guide's "apply online") ---------------------------------


class RequestKind(models.TextChoices):
    ALLOWANCE = "allowance", _("Old-age allowance")  # 高龄津贴
    DEVICE = "device", _("Emergency-call device")  # 应急呼叫
    HOME_CARE = "home_care", _("Home-care services")  # 居家养老服务


class RequestQuerySet(CommunityScopedQuerySet):
    community_lookup = "elder__community"

    def open(self) -> "RequestQuerySet":
        return self.filter(handled_at__isnull=True)


class ServiceRequest(models.Model):
    """A resident asks, for themselves or an elder of their household, for a service the
    guide describes; the community's staff handle it."""

    elder = models.ForeignKey(
        Resident, verbose_name=_("elder"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("service"), max_length=20, choices=RequestKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["elder", "kind"],
                condition=Q(handled_at__isnull=True),
                name="eldercare_one_open_request",
                violation_error_message=_("This request is already waiting."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.elder} {self.get_kind_display()}"
