"""Facilities (社区卫生服务中心/站), family-doctor teams and contracts (domain-rules §2)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet


class FacilityKind(models.TextChoices):
    CENTRE = "centre", _("Community health service centre")
    STATION = "station", _("Community health service station")


class FacilityQuerySet(CommunityScopedQuerySet):
    community_lookup = "community"


class Facility(models.Model):
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=FacilityKind.choices)
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    services = models.TextField(_("services"), blank=True)

    objects = FacilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("health facility")
        verbose_name_plural = _("health facilities")
        ordering = ["community", "name"]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    GP = "gp", _("General practitioner")
    NURSE = "nurse", _("Community nurse")
    PUBLIC_HEALTH = "public_health", _("Public-health doctor")
    SPECIALIST = "specialist", _("Hospital specialist")


#: §2: at least one GP, one community nurse and one public-health doctor.
REQUIRED_MEMBER_ROLES = (MemberRole.GP, MemberRole.NURSE, MemberRole.PUBLIC_HEALTH)


class TeamQuerySet(CommunityScopedQuerySet):
    community_lookup = "community"


class Team(models.Model):
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("name"), max_length=100)
    compounds = models.ManyToManyField(
        "registry.Compound", verbose_name=_("compounds served"), blank=True, related_name="+"
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("family-doctor team")
        verbose_name_plural = _("family-doctor teams")
        ordering = ["community", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("health:team-detail", args=[self.pk])

    def missing_roles(self) -> list[str]:
        """The required roles (§2) the team has nobody for."""
        present = {m.role for m in self.members.all()}
        return [str(role.label) for role in REQUIRED_MEMBER_ROLES if role not in present]


class TeamMember(models.Model):
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField(_("role in the team"), max_length=20, choices=MemberRole.choices)
    name = models.CharField(_("name"), max_length=50)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["team", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"


class KeyGroup(models.TextChoices):
    """§2 population categories (重点人群)."""

    ELDERLY = "elderly", _("Aged 65 and over")
    PREGNANT = "pregnant", _("Pregnant or postpartum")
    CHILD = "child", _("Child aged 0–6")
    DISABLED = "disabled", _("Disabled")
    HYPERTENSION = "hypertension", _("Hypertension")
    DIABETES = "diabetes", _("Type-2 diabetes")
    TB = "tb", _("Pulmonary tuberculosis")
    SMI = "smi", _("Severe mental disorder")
    SUBSISTENCE = "subsistence", _("Minimum living allowance (低保)")
    MARGIN = "margin", _("Near-poor (低保边缘)")
    DESTITUTE = "destitute", _("Destitute (特困)")
    ENTITLED = "entitled", _("Entitled groups (优抚)")


#: Key groups the portal knows by itself: ages, registries and the kernel's statuses.
DERIVED_GROUPS = frozenset(
    {"elderly", "child", "hypertension", "diabetes", "smi", "subsistence", "margin", "destitute"}
)


class Package(models.TextChoices):
    BASIC = "basic", _("Basic package")
    ELDERLY = "elderly", _("Elderly package")
    CHRONIC = "chronic", _("Chronic disease package")
    MATERNAL_CHILD = "maternal_child", _("Mother and child package")


class ContractStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested (awaiting the team)")
    ACTIVE = "active", _("Active")
    RENEWAL_DUE = "renewal_due", _("Due for renewal")
    ENDED = "ended", _("Ended")
    DECLINED = "declined", _("Declined")


#: States that hold the resident's one contract (§2: one team at a time).
OPEN_STATUSES = (ContractStatus.REQUESTED, ContractStatus.ACTIVE, ContractStatus.RENEWAL_DUE)


class EndReason(models.TextChoices):
    """§2 解约原因, plus the two ends the portal writes itself."""

    MOVED = "moved", _("Moved out of the area")
    UNREACHABLE = "unreachable", _("Unreachable for a year")
    REFUSED = "refused", _("Refused service for a year")
    RESIDENT = "resident", _("Ended by the resident")
    OTHER = "other", _("Other")
    EXPIRED = "expired", _("Term expired")
    RENEWED = "renewed", _("Renewed")


class ContractQuerySet(CommunityScopedQuerySet):
    community_lookup = "resident__community"

    def open(self) -> "ContractQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def in_force(self) -> "ContractQuerySet":
        return self.filter(status__in=(ContractStatus.ACTIVE, ContractStatus.RENEWAL_DUE))


class Contract(models.Model):
    """A resident's family-doctor contract (签约) with one team for one year."""

    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="contracts"
    )
    package = models.CharField(
        _("service package"), max_length=20, choices=Package.choices, default=Package.BASIC
    )
    #: ``KeyGroup`` codes at signing: the declared ones and those the portal derived.
    key_groups = models.JSONField(_("key groups"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=12, choices=EndReason.choices, blank=True
    )
    requested_by_resident = models.BooleanField(_("requested by the resident"), default=False)
    renewal_reminded_on = models.DateField(_("renewal reminder sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("family-doctor contract")
        verbose_name_plural = _("family-doctor contracts")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"],
                condition=models.Q(status__in=["requested", "active", "renewal_due"]),
                name="health_one_open_contract",
                violation_error_message=_("This resident already has a contract."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.resident} · {self.team}"

    def get_absolute_url(self) -> str:
        return reverse("health:contract-detail", args=[self.pk])

    def key_group_labels(self) -> list[str]:
        labels = dict(KeyGroup.choices)
        return [str(labels.get(code, code)) for code in self.key_groups]

    def renewal_reminder_due(self, on: dt.date) -> bool:
        from health.rules import renewal_reminder_days

        return bool(
            self.ends_on
            and self.status in (ContractStatus.ACTIVE, ContractStatus.RENEWAL_DUE)
            and on >= self.ends_on - dt.timedelta(days=renewal_reminder_days(on))
        )


class HealthAccess(models.Model):
    """One view of a health record (who, when, what): PIPL art. 51/55, domain-rules §7."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("viewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    resident = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    what = models.CharField(_("record"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("record number"), null=True, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("health record access")
        verbose_name_plural = _("health record accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.what} {self.object_id}"
