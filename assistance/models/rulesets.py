"""Dated rules of a programme (救助规则): the local parameters the rules objects read,
in force from the first of a month, added and never changed (as standards are).

With no row in force on a day, the settings' values are the rules (the same values
prefill the first row in the admin), so an installation runs before anyone enters one.
Every assessment records the row it used, so a past amount can be recomputed by the
rules of its own month.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .programmes import IncomeExclusion, Programme


class AmountRule(models.TextChoices):
    DIFFERENCE = "difference", _("Difference: (standard − income) for the household")
    BANDED = "banded", _("Bands: a share of the standard by hardship")


# Defaults read from the settings (module-level callables, so migrations can name them).
def default_margin_multiple() -> Decimal:
    return settings.ASSISTANCE_MARGIN_MULTIPLE


def default_destitute_multiple() -> Decimal:
    return settings.ASSISTANCE_DESTITUTE_MULTIPLE


def default_asset_limit_months() -> int:
    return settings.ASSISTANCE_ASSET_LIMIT_MONTHS


def default_amount_rule() -> str:
    return settings.ASSISTANCE_AMOUNT_RULE


def default_bands() -> list[list[str]]:
    return [[str(below), str(pay)] for below, pay in settings.ASSISTANCE_BANDS]


def default_addons() -> dict[str, str]:
    return {group: str(percent) for group, percent in settings.ASSISTANCE_CLASSIFIED_ADDONS.items()}


def default_review_months() -> dict[str, int]:
    return dict(settings.ASSISTANCE_REVIEW_MONTHS)


def default_review_months_urban() -> dict[str, int]:
    return dict(settings.ASSISTANCE_REVIEW_MONTHS_URBAN)


def default_temporary_cap_months() -> int:
    return settings.ASSISTANCE_TEMPORARY_CAP_MONTHS


def default_temporary_year_cap_months() -> int:
    return settings.ASSISTANCE_TEMPORARY_YEAR_CAP_MONTHS


def default_taper_months() -> int:
    return settings.ASSISTANCE_TAPER_MONTHS


def default_review_grace_days() -> int:
    return settings.ASSISTANCE_REVIEW_GRACE_DAYS


def default_prior_paperwork_days() -> int:
    return settings.ASSISTANCE_PRIOR_PAPERWORK_DAYS


def default_vehicle_value_limit() -> Decimal:
    return settings.ASSISTANCE_VEHICLE_VALUE_LIMIT


def default_other_housing_rule() -> str:
    return settings.ASSISTANCE_OTHER_HOUSING_RULE


def default_business_rule() -> str:
    return settings.ASSISTANCE_BUSINESS_RULE


def default_employment_cost_percent() -> Decimal:
    return settings.ASSISTANCE_EMPLOYMENT_COST_PERCENT


def default_obligor_exempt_multiple() -> Decimal:
    return settings.ASSISTANCE_OBLIGOR_EXEMPT_MULTIPLE


def default_obligor_share_percent() -> Decimal:
    return settings.ASSISTANCE_OBLIGOR_SHARE_PERCENT


def default_obligor_share_percent_many() -> Decimal:
    return settings.ASSISTANCE_OBLIGOR_SHARE_PERCENT_MANY


class AssetRule(models.TextChoices):
    REFUSE = "refuse", _("Not eligible")
    REVIEW = "review", _("Put to the community review with the reason")


class RuleSetQuerySet(models.QuerySet):
    def in_force(self, programme: Programme, on: dt.date) -> "RuleSet":
        """The rules of ``programme`` in force on ``on``: the latest row that took effect
        by then, or (none yet) an unsaved row holding the settings' values."""
        row = (
            self.filter(programme=programme, effective_from__lte=on)
            .order_by("-effective_from", "-pk")
            .first()
        )
        return row if row is not None else RuleSet(programme=programme)


class RuleSet(models.Model):
    """The local rules of one programme from a month on (domain-rules §3.3–3.7)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="rule_sets"
    )
    effective_from = models.DateField(
        _("effective from"), help_text=_("The first day of the month it applies from.")
    )
    document = models.CharField(_("document"), max_length=200, blank=True)
    amount_rule = models.CharField(
        _("amount rule"), max_length=20, choices=AmountRule.choices, default=default_amount_rule
    )
    bands = models.JSONField(
        _("bands"),
        default=default_bands,
        blank=True,
        help_text=_(
            "For the banded rule: [income below this share of the standard, pay this share "
            "per person], first match wins."
        ),
    )
    addons = models.JSONField(
        _("classified add-ons (percent of the standard)"),
        default=default_addons,
        blank=True,
        help_text=_("Per group: elderly, minor, severely_disabled, seriously_ill."),
    )
    margin_multiple = models.DecimalField(
        _("near-poor multiple of the standard"),
        max_digits=4,
        decimal_places=2,
        default=default_margin_multiple,
        validators=[MinValueValidator(Decimal("1"))],
    )
    destitute_multiple = models.DecimalField(
        _("destitute support multiple of the standard"),
        max_digits=4,
        decimal_places=2,
        default=default_destitute_multiple,
        validators=[MinValueValidator(Decimal("1"))],
    )
    asset_limit_months = models.PositiveSmallIntegerField(
        _("deposit limit (months of the standard per person)"),
        default=default_asset_limit_months,
    )
    vehicle_value_limit = models.DecimalField(
        _("vehicle value above which the household is not eligible"),
        max_digits=12,
        decimal_places=2,
        default=default_vehicle_value_limit,
        help_text=_("A vehicle worth less is put to the community review with the reason."),
    )
    other_housing_rule = models.CharField(
        _("housing besides the home"),
        max_length=10,
        choices=AssetRule.choices,
        default=default_other_housing_rule,
    )
    business_rule = models.CharField(
        _("owning a business"),
        max_length=10,
        choices=AssetRule.choices,
        default=default_business_rule,
    )
    employment_cost_percent = models.DecimalField(
        _("employment cost deducted from wages (percent of the standard per worker)"),
        max_digits=5,
        decimal_places=2,
        default=default_employment_cost_percent,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    obligor_exempt_multiple = models.DecimalField(
        _("obligors: income per person not above this multiple of the standard owes nothing"),
        max_digits=4,
        decimal_places=2,
        default=default_obligor_exempt_multiple,
        validators=[MinValueValidator(Decimal("0"))],
    )
    obligor_share_percent = models.DecimalField(
        _("obligors: percent of the family's income above the line owed (two or fewer)"),
        max_digits=5,
        decimal_places=2,
        default=default_obligor_share_percent,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    obligor_share_percent_many = models.DecimalField(
        _("obligors: percent owed when there are three or more"),
        max_digits=5,
        decimal_places=2,
        default=default_obligor_share_percent_many,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    review_months = models.JSONField(
        _("review interval in months by category"), default=default_review_months
    )
    review_months_urban = models.JSONField(
        _("urban review intervals (overrides)"), default=default_review_months_urban, blank=True
    )
    temporary_cap_months = models.PositiveSmallIntegerField(
        _("temporary assistance per event (months of the standard)"),
        default=default_temporary_cap_months,
        validators=[MinValueValidator(1)],
    )
    temporary_year_cap_months = models.PositiveSmallIntegerField(
        _("temporary assistance per household per year (months of the standard)"),
        default=default_temporary_year_cap_months,
        validators=[MinValueValidator(1)],
    )
    prior_paperwork_days = models.PositiveSmallIntegerField(
        _("days to complete the paperwork of prior assistance"),
        default=default_prior_paperwork_days,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    taper_months = models.PositiveSmallIntegerField(
        _("tapering months after income rises"),
        default=default_taper_months,
        validators=[MaxValueValidator(36)],
    )
    review_grace_days = models.PositiveSmallIntegerField(
        _("days an overdue review is paid before payment is suspended"),
        default=default_review_grace_days,
        validators=[MaxValueValidator(365)],
    )
    exclusions = models.ManyToManyField(
        IncomeExclusion,
        verbose_name=_("incomes not counted"),
        blank=True,
        related_name="rule_sets",
        help_text=_("Incomes recorded but not counted for this programme."),
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

    objects = RuleSetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme rules")
        verbose_name_plural = _("programme rules")
        ordering = ["programme", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "effective_from"],
                name="ruleset_one_per_month",
                violation_error_message=_(
                    "This programme already has rules from that month; rules are never "
                    "overwritten, add a row from another month."
                ),
            )
        ]

    def __str__(self) -> str:
        if self.pk is None:
            return str(_("%(programme)s · the settings' defaults") % {"programme": self.programme})
        return f"{self.programme} · {self.effective_from:%Y-%m}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.effective_from and self.effective_from.day != 1:
            errors["effective_from"] = _("Rules take effect from the first of a month.")
        try:
            self.band_list()
        except (TypeError, ValueError, ArithmeticError):
            errors["bands"] = _('Write the bands as [["0.3", "1.0"], …].')
        try:
            self.addon_percents()
        except (TypeError, ValueError, ArithmeticError, AttributeError):
            errors["addons"] = _('Write the add-ons as {"elderly": "10", …}.')
        if not isinstance(self.review_months, dict) or not all(
            isinstance(self.review_months.get(c), int) and self.review_months[c] > 0
            for c in ("A", "B", "C")
        ):
            errors["review_months"] = _('Give the months for A, B and C: {"A": 12, …}.')
        if errors:
            raise ValidationError(errors)

    # --- values as the rules read them ------------------------------------------------------

    def band_list(self) -> list[tuple[Decimal, Decimal]]:
        return [(Decimal(str(below)), Decimal(str(pay))) for below, pay in self.bands or []]

    def addon_percents(self) -> dict[str, Decimal]:
        return {str(k): Decimal(str(v)) for k, v in (self.addons or {}).items()}

    def support_owed(
        self, family_size: int, per_capita_income: Decimal, line: Decimal, obligors: int
    ) -> Decimal:
        """赡养费 one obligor owes a month by the local formula, unrounded: the obligor
        family's income above ``obligor_exempt_multiple`` × the 低保 standard (``line``) per
        person, times the family size, times the share (``obligor_share_percent``, or
        ``obligor_share_percent_many`` when the case has three or more obligors); nothing
        when the income is not above the line."""
        above = per_capita_income - line * self.obligor_exempt_multiple
        if above <= 0:
            return Decimal("0")
        share = self.obligor_share_percent if obligors <= 2 else self.obligor_share_percent_many
        return above * family_size * share / 100

    def review_interval(self, category: str, registration_type: str) -> int:
        """Months between reviews for the category (§3.4); no category counts as B."""
        from portal.registry.models import RegistrationType

        category = category or "B"
        if registration_type == RegistrationType.URBAN and category in (
            self.review_months_urban or {}
        ):
            return int(self.review_months_urban[category])
        return int(self.review_months[category])

    def excluded_ids(self) -> set[int] | None:
        """Ids of the incomes not counted; None (the settings' default): every income
        on the list of incomes not counted."""
        if self.pk is None:
            return None
        return set(self.exclusions.values_list("pk", flat=True))
