"""Programmes (救助项目) and their effective-dated standards (救助标准).

A programme names the rules object that decides eligibility and amounts
(``assistance.rules``); its money figures are ``Standard`` rows that take effect from a
month and are never overwritten, so every past computation can be repeated.
"""

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.registry.models import RegistrationType

#: The rules object of each ``Rule``, which ``Programme.rules`` returns. Filled by
#: ``assistance.rules`` when it is imported (``AssistanceConfig.ready``): the rules read
#: the models, the models never import the rules.
PROGRAMME_RULES: dict[str, Any] = {}


def register_rules(rules: Mapping[str, Any]) -> None:
    """Install the rules objects by ``Rule`` (called once, by ``assistance.rules``)."""
    PROGRAMME_RULES.update(rules)


class Rule(models.TextChoices):
    """Which rules object a programme follows (domain-rules §3)."""

    SUBSISTENCE = "subsistence", _("Minimum living allowance: income test")
    MARGIN = "margin", _("Near-poor household: margin test")
    DESTITUTE = "destitute", _("Destitute person support")
    TEMPORARY = "temporary", _("Temporary assistance, capped")
    ALLOWANCE = "allowance", _("Fixed allowance per person")
    MEDICAL = "medical", _("Special-disease medical assistance (claims)")


#: 低保, 低保边缘 and 特困 exclude each other per person (issue 13.5).
EXCLUSIVE_RULES = frozenset({Rule.SUBSISTENCE, Rule.MARGIN, Rule.DESTITUTE})


class CareTier(models.TextChoices):
    """照料护理 tiers of 特困 support by self-care ability (§3.6)."""

    SELF_CARE = "self_care", _("Fully self-caring")
    PARTIAL = "partial", _("Partly dependent")
    FULL = "full", _("Fully dependent")


class ProgrammeQuerySet(models.QuerySet):
    def active(self) -> "ProgrammeQuerySet":
        return self.filter(active=True)

    def applicable(self) -> "ProgrammeQuerySet":
        """Programmes a household applies to through the application workflow (medical
        assistance goes by claims instead)."""
        return self.active().exclude(rule=Rule.MEDICAL)


class Programme(models.Model):
    """One assistance programme: 城市低保, 临时救助（急难型）, 孤儿基本生活费 …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)
    rule = models.CharField(_("rules"), max_length=20, choices=Rule.choices)
    registration_type = models.CharField(
        _("urban or rural"),
        max_length=10,
        choices=RegistrationType.choices,
        blank=True,
        help_text=_("Only households with this registration may apply. Empty: both."),
    )
    pays_monthly = models.BooleanField(
        _("paid monthly"),
        default=True,
        help_text=_("Monthly payments on the roster; otherwise one payment per case."),
    )
    needs_publicity = models.BooleanField(
        _("public notice before confirmation"),
        default=True,
        help_text=_("Proposed recipients are published (公示) before the sub-district confirms."),
    )
    certificate_prefix = models.CharField(
        _("certificate prefix"),
        max_length=10,
        blank=True,
        help_text=_("Start of the certificate numbers (证号) given at confirmation, e.g. CS."),
    )
    expense_test = models.BooleanField(
        _("income, asset and expense test (支出型)"),
        default=False,
        help_text=_(
            "Temporary assistance for rigid expenses: income after those expenses must be "
            "below the near-poor multiple of the standard, and assets within the limit."
        ),
    )
    description = models.TextField(_("about the programme"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    objects = ProgrammeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.rule in (Rule.TEMPORARY,) and self.pays_monthly:
            raise ValidationError({"pays_monthly": _("Temporary assistance is paid once.")})

    @property
    def rules(self) -> Any:
        """The rules object that assesses applications to this programme (registered by
        ``assistance.rules``, which the app config imports when the app is ready)."""
        return PROGRAMME_RULES[self.rule]


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


class StandardQuerySet(models.QuerySet):
    def in_force(
        self,
        programme: Programme,
        registration_type: str,
        on: dt.date,
        care_tier: str = "",
    ) -> "Standard | None":
        """The standard of ``programme`` for the registration in force on ``on``: the
        latest that took effect by then (a row for both registrations counts too)."""
        return (
            self.filter(
                programme=programme,
                care_tier=care_tier,
                registration_type__in=[registration_type, ""],
                effective_from__lte=on,
            )
            .order_by("-effective_from", "-pk")
            .first()
        )

    def subsistence_in_force(self, registration_type: str, on: dt.date) -> "Standard | None":
        """The 低保 standard for urban or rural households in force on ``on``: the yardstick
        of the margin test, 特困 support and the temporary-assistance cap."""
        return (
            self.filter(
                programme__rule=Rule.SUBSISTENCE,
                programme__registration_type__in=[registration_type, ""],
                registration_type__in=[registration_type, ""],
                care_tier="",
                effective_from__lte=on,
            )
            .order_by("-effective_from", "-pk")
            .first()
        )


class Standard(models.Model):
    """An amount per person per month that takes effect from the first of a month.

    Rows are added, never changed: a raise is a new row, so the standard in force on any
    past date can be found again. 特困 care amounts are rows with a care tier.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="standards"
    )
    registration_type = models.CharField(
        _("urban or rural"),
        max_length=10,
        choices=RegistrationType.choices,
        blank=True,
        help_text=_("Empty: the same amount for urban and rural households."),
    )
    care_tier = models.CharField(
        _("care tier"),
        max_length=10,
        choices=CareTier.choices,
        blank=True,
        help_text=_("For 特困 care amounts only; empty for the basic standard."),
    )
    monthly_amount = models.DecimalField(
        _("yuan per person per month"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    effective_from = models.DateField(
        _("effective from"), help_text=_("The first day of the month it applies from.")
    )
    document = models.CharField(
        _("document"), max_length=200, blank=True, help_text=_("e.g. 甬民发〔2026〕3号")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    objects = StandardQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        ordering = ["programme", "registration_type", "care_tier", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "registration_type", "care_tier", "effective_from"],
                name="standard_one_per_month",
                violation_error_message=_(
                    "This programme already has a standard from that month; standards are "
                    "never overwritten, add one from another month."
                ),
            )
        ]

    def __str__(self) -> str:
        scope = self.get_registration_type_display() or _("Urban and rural")
        tier = f" {self.get_care_tier_display()}" if self.care_tier else ""
        return f"{self.programme} {scope}{tier} {self.monthly_amount} ({self.effective_from:%Y-%m})"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.effective_from and self.effective_from.day != 1:
            errors["effective_from"] = _("A standard takes effect from the first of a month.")
        if self.care_tier and self.programme_id and self.programme.rule != Rule.DESTITUTE:
            errors["care_tier"] = _("Only 特困 support has care tiers.")
        if (
            self.registration_type
            and self.programme_id
            and self.programme.registration_type
            and self.registration_type != self.programme.registration_type
        ):
            errors["registration_type"] = _("This programme is for %(type)s households only.") % {
                "type": self.programme.get_registration_type_display()
            }
        if errors:
            raise ValidationError(errors)


class IncomeExclusion(models.Model):
    """An income the survey records but does not count (§3.3: 优待抚恤金, 奖学金 …); the
    list differs by province, so it is kept in the admin."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("income not counted")
        verbose_name_plural = _("incomes not counted")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name
