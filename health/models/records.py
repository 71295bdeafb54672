"""Health records: chronic-disease registries and follow-ups (§1.3, §1.4, §1.6), children's
vaccinations (§1.10) and the 65+ yearly check (§1.5). Seen by clinicians only."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet


class Condition(models.TextChoices):
    HYPERTENSION = "hypertension", _("Hypertension")
    DIABETES = "diabetes", _("Type-2 diabetes")
    SMI = "smi", _("Severe mental disorder")


class PatientStatus(models.TextChoices):
    MANAGED = "managed", _("Under management")
    ENDED = "ended", _("Management ended")


class PatientQuerySet(CommunityScopedQuerySet):
    community_lookup = "resident__community"

    def managed(self) -> "PatientQuerySet":
        return self.filter(status=PatientStatus.MANAGED)


class Patient(models.Model):
    """A resident on one chronic-disease registry (慢病管理), with the next due follow-up
    the decision table set at the last visit."""

    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    condition = models.CharField(_("condition"), max_length=20, choices=Condition.choices)
    team = models.ForeignKey(
        "health.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="patients"
    )
    registered_on = models.DateField(_("registered on"))
    status = models.CharField(
        _("status"), max_length=10, choices=PatientStatus.choices, default=PatientStatus.MANAGED
    )
    next_due = models.DateField(_("next follow-up due"), null=True, blank=True)
    #: Whether the last visit was 控制不满意 (the next uncontrolled one is "two in a row").
    last_uncontrolled = models.BooleanField(_("last visit uncontrolled"), default=False)
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    referral_back_on = models.DateField(_("back from referral on"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=100, blank=True)

    objects = PatientQuerySet.as_manager()

    class Meta:
        verbose_name = _("registered patient")
        verbose_name_plural = _("registered patients")
        ordering = ["next_due", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "condition"], name="health_one_registry_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resident} · {self.get_condition_display()}"

    def get_absolute_url(self) -> str:
        return reverse("health:patient-detail", args=[self.pk])


class VisitMethod(models.TextChoices):
    CLINIC = "clinic", _("At the clinic")
    HOME = "home", _("At home")
    PHONE = "phone", _("By phone")


FACE_TO_FACE = (VisitMethod.CLINIC, VisitMethod.HOME)


class Classification(models.TextChoices):
    """此次随访分类 (the most severe that applies)."""

    SATISFIED = "satisfied", _("Controlled")
    UNSATISFIED = "unsatisfied", _("Not controlled")
    ADVERSE = "adverse", _("Adverse reaction")
    COMPLICATION = "complication", _("Complication")


class Level3(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")


class Adherence(models.TextChoices):
    REGULAR = "regular", _("Regular")
    INTERMITTENT = "intermittent", _("Intermittent")
    NONE = "none", _("Not taking")


class Salt(models.TextChoices):
    LIGHT = "light", _("Light")
    MEDIUM = "medium", _("Medium")
    HEAVY = "heavy", _("Heavy")


class Stability(models.TextChoices):
    UNSTABLE = "unstable", _("Unstable")
    BASIC = "basic", _("Basically stable")
    STABLE = "stable", _("Stable")


class FollowUpQuerySet(CommunityScopedQuerySet):
    community_lookup = "patient__resident__community"


def _num(label, low, high, **extra):
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
        **extra,
    )


def _dec(label, digits, places, **extra):
    return models.DecimalField(
        label, max_digits=digits, decimal_places=places, null=True, blank=True, **extra
    )


class FollowUp(models.Model):
    """One follow-up (随访服务记录表, §1.3–1.4; §1.6 for severe mental disorder)."""

    patient = models.ForeignKey(
        Patient, verbose_name=_("patient"), on_delete=models.PROTECT, related_name="followups"
    )
    visited_on = models.DateField(_("visit date"))
    method = models.CharField(_("method"), max_length=10, choices=VisitMethod.choices)
    symptoms = models.JSONField(_("symptoms"), default=list, blank=True)
    systolic = _num(_("systolic (mmHg)"), 50, 300)
    diastolic = _num(_("diastolic (mmHg)"), 30, 200)
    heart_rate = _num(_("heart rate (/min)"), 20, 250)
    weight = _dec(_("weight (kg)"), 5, 1)
    weight_target = _dec(_("target weight (kg)"), 5, 1)
    fasting_glucose = _dec(_("fasting glucose (mmol/L)"), 4, 1)
    hba1c = _dec(_("HbA1c (%)"), 4, 1)
    temperature = _dec(_("temperature (°C)"), 3, 1)
    smoking = _num(_("cigarettes a day"), 0, 200)
    smoking_target = _num(_("cigarettes a day, target"), 0, 200)
    drinking = _dec(_("liquor a day (liang)"), 4, 1)
    drinking_target = _dec(_("liquor a day, target (liang)"), 4, 1)
    exercise_per_week = _num(_("exercise (times a week)"), 0, 50)
    exercise_minutes = _num(_("exercise (minutes a time)"), 0, 600)
    salt = models.CharField(_("salt intake"), max_length=10, choices=Salt.choices, blank=True)
    compliance = models.CharField(
        _("following advice"), max_length=10, choices=Level3.choices, blank=True
    )
    adherence = models.CharField(
        _("medication adherence"), max_length=15, choices=Adherence.choices, blank=True
    )
    adverse_reaction = models.CharField(_("adverse reaction"), max_length=200, blank=True)
    emergency_signs = models.BooleanField(_("emergency signs"), default=False)
    complication = models.BooleanField(_("new or worse complication"), default=False)
    classification = models.CharField(
        _("classification of this visit"), max_length=15, choices=Classification.choices
    )
    medication = models.TextField(_("medication"), blank=True)
    referral_reason = models.CharField(_("referral reason"), max_length=200, blank=True)
    referral_to = models.CharField(_("referred to"), max_length=100, blank=True)
    risk_level = _num(_("risk level (0–5)"), 0, 5)
    stability = models.CharField(
        _("stability"), max_length=10, choices=Stability.choices, blank=True
    )
    situation = models.CharField(_("situation"), max_length=30)
    action = models.CharField(_("action"), max_length=20)
    next_due = models.DateField(_("next follow-up"))
    doctor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("doctor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.patient}"

    def get_absolute_url(self) -> str:
        return reverse("health:followup-detail", args=[self.pk])


class JeLine(models.TextChoices):
    LIVE = "JE-L", _("Live JE vaccine")
    INACTIVATED = "JE-I", _("Inactivated JE vaccine")


class HepaLine(models.TextChoices):
    LIVE = "HepA-L", _("Live HepA vaccine")
    INACTIVATED = "HepA-I", _("Inactivated HepA vaccine")


class ChildPlanQuerySet(CommunityScopedQuerySet):
    community_lookup = "child__community"


class ChildPlan(models.Model):
    """A child's vaccination plan: the schedule version of their birth date and the
    product lines chosen; guardians are residents told of doses due."""

    child = models.OneToOneField(
        "registry.Resident", verbose_name=_("child"), on_delete=models.PROTECT, related_name="+"
    )
    schedule = models.CharField(_("schedule version"), max_length=10)
    je_line = models.CharField(
        _("JE product line"), max_length=10, choices=JeLine.choices, default=JeLine.LIVE
    )
    hepa_line = models.CharField(
        _("HepA product line"), max_length=10, choices=HepaLine.choices, default=HepaLine.LIVE
    )
    guardians = models.ManyToManyField(
        "registry.Resident", verbose_name=_("guardians"), blank=True, related_name="+"
    )

    objects = ChildPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("vaccination plan")
        verbose_name_plural = _("vaccination plans")
        ordering = ["child__birth_date", "pk"]

    def __str__(self) -> str:
        return str(self.child)

    def get_absolute_url(self) -> str:
        return reverse("health:child-detail", args=[self.pk])


class DoseQuerySet(CommunityScopedQuerySet):
    community_lookup = "plan__child__community"


class DoseGiven(models.Model):
    plan = models.ForeignKey(
        ChildPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="doses"
    )
    vaccine = models.CharField(_("vaccine"), max_length=10)
    number = models.PositiveSmallIntegerField(_("dose"))
    given_on = models.DateField(_("given on"))
    batch = models.CharField(_("batch number"), max_length=40, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = DoseQuerySet.as_manager()

    class Meta:
        verbose_name = _("dose given")
        verbose_name_plural = _("doses given")
        ordering = ["given_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "vaccine", "number"], name="health_dose_once")
        ]

    def __str__(self) -> str:
        return f"{self.vaccine}-{self.number} {self.given_on}"

    @property
    def key(self) -> str:
        return f"{self.vaccine}-{self.number}"


class ElderlyCheckQuerySet(CommunityScopedQuerySet):
    community_lookup = "resident__community"


class ElderlyCheck(models.Model):
    """The 65+ yearly health check (§1.5) with the 5-item self-care score (not GB/T 42195)."""

    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    checked_on = models.DateField(_("checked on"))
    eating = models.PositiveSmallIntegerField(_("eating"), validators=[MaxValueValidator(5)])
    grooming = models.PositiveSmallIntegerField(_("grooming"), validators=[MaxValueValidator(7)])
    dressing = models.PositiveSmallIntegerField(_("dressing"), validators=[MaxValueValidator(5)])
    toileting = models.PositiveSmallIntegerField(_("toileting"), validators=[MaxValueValidator(10)])
    moving = models.PositiveSmallIntegerField(_("moving about"), validators=[MaxValueValidator(10)])
    self_care_total = models.PositiveSmallIntegerField(_("self-care score"))
    self_care_level = models.CharField(_("self-care level"), max_length=12)
    systolic = _num(_("systolic (mmHg)"), 50, 300)
    diastolic = _num(_("diastolic (mmHg)"), 30, 200)
    notes = models.TextField(_("findings and advice"), blank=True)
    doctor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("doctor"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ElderlyCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("yearly check (65+)")
        verbose_name_plural = _("yearly checks (65+)")
        ordering = ["-checked_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["resident", "year"], name="health_one_check_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.resident} {self.year}"
