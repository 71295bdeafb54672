"""特殊疾病医疗救助: the special diseases, the yearly fund and the claims paid from it.

The seed plan sets up a fund for 低保 and 低保边缘 households' patients of nine special
diseases; a claim pays a share of the patient's own costs (after medical insurance), no
more than what is left of the person's yearly cap and of the fund.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.accounts.scoping import CommunityScopedQuerySet

MONEY = {"max_digits": 12, "decimal_places": 2}


class SpecialDisease(models.Model):
    """One of the special diseases the fund covers (an editable list; nine in the seed)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("special disease")
        verbose_name_plural = _("special diseases")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class MedicalFundQuerySet(models.QuerySet):
    def with_totals(self) -> "MedicalFundQuerySet":
        """Each fund with ``approved_total`` (paid on approved claims) and the number of
        its claims by status (``claims_count``, ``submitted_count``, ``approved_count``,
        ``rejected_count``): counting subqueries, so one query for any number of funds
        and a paginator COUNT(*) that needs no grouping."""
        claims = MedicalClaim.objects.filter(fund=models.OuterRef("pk")).order_by()

        def count(status: str | None = None) -> models.Subquery:
            rows = claims.filter(status=status) if status else claims
            return models.functions.Coalesce(
                models.Subquery(
                    rows.values("fund").annotate(n=models.Count("pk")).values("n"),
                    output_field=models.IntegerField(),
                ),
                0,
            )

        approved = (
            claims.filter(status=ClaimStatus.APPROVED)
            .values("fund")
            .annotate(total=models.Sum("amount"))
            .values("total")
        )
        return self.annotate(
            approved_total=models.functions.Coalesce(
                models.Subquery(approved, output_field=models.DecimalField(**MONEY)),
                models.Value(Decimal("0")),
                output_field=models.DecimalField(**MONEY),
            ),
            claims_count=count(),
            submitted_count=count(ClaimStatus.SUBMITTED),
            approved_count=count(ClaimStatus.APPROVED),
            rejected_count=count(ClaimStatus.REJECTED),
        )


class MedicalFund(models.Model):
    """The sub-district's special-disease fund for one year."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    budget = models.DecimalField(
        _("fund"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    cap_per_person = models.DecimalField(
        _("yearly cap per person"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    reimbursement_percent = models.DecimalField(
        _("share of own costs paid (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100"))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = MedicalFundQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("special-disease fund")
        verbose_name_plural = _("special-disease funds")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("Special-disease fund %(year)s") % {"year": self.year}


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class MedicalClaimQuerySet(CommunityScopedQuerySet):
    community_lookup = "patient__community"

    def approved(self) -> "MedicalClaimQuerySet":
        return self.filter(status=ClaimStatus.APPROVED)

    def matching(self, filters: dict[str, Any]) -> "MedicalClaimQuerySet":
        """The claim list's search (patient's name), status, disease and fund year.
        Scoping is the caller's."""
        claims = self
        if filters.get("q"):
            claims = claims.filter(patient__name__icontains=filters["q"])
        if filters.get("status"):
            claims = claims.filter(status=filters["status"])
        if filters.get("disease"):
            claims = claims.filter(disease=filters["disease"])
        if filters.get("year"):
            claims = claims.filter(fund__year=filters["year"])
        return claims


class MedicalClaim(models.Model):
    """A patient's claim for the costs of treating a special disease."""

    fund = models.ForeignKey(
        MedicalFund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="claims"
    )
    patient = models.ForeignKey(
        "registry.Resident",
        verbose_name=_("patient"),
        on_delete=models.PROTECT,
        related_name="medical_claims",
    )
    disease = models.ForeignKey(
        SpecialDisease, verbose_name=_("disease"), on_delete=models.PROTECT, related_name="claims"
    )
    treated_from = models.DateField(_("treatment from"))
    treated_to = models.DateField(_("treatment to"))
    total_cost = models.DecimalField(
        _("total cost"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    own_cost = models.DecimalField(
        _("own cost after insurance"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    amount = models.DecimalField(_("amount paid"), default=0, **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(
        _("decision note"),
        max_length=500,
        blank=True,
        help_text=_("Required for a rejection: the patient's family is told the reason."),
    )

    objects = MedicalClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medical assistance claim")
        verbose_name_plural = _("medical assistance claims")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(own_cost__lte=models.F("total_cost")),
                name="claim_own_cost_within_total",
                violation_error_message=_("The own cost cannot exceed the total cost."),
            ),
            models.CheckConstraint(
                condition=models.Q(treated_to__gte=models.F("treated_from")),
                name="claim_treatment_ends_after_start",
                violation_error_message=_("The treatment cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.patient} {self.disease} {self.treated_from:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("assistance:claim-detail", args=[self.pk])


class MedicalCategory(models.TextChoices):
    """Who the fund helps, first to last (§3: 特困 persons come first)."""

    DESTITUTE = "destitute", _("Destitute person (特困)")
    SUBSISTENCE = "subsistence", _("Minimum living allowance (低保)")
    MARGIN = "margin", _("Near-poor household (低保边缘)")


class MedicalRate(models.Model):
    """The share of the own cost paid and the yearly deductible (起付线) of a category,
    from a date; added, never changed (a change is a new row)."""

    category = models.CharField(_("category"), max_length=20, choices=MedicalCategory.choices)
    effective_from = models.DateField(_("effective from"))
    reimbursement_percent = models.DecimalField(
        _("share of the own cost paid (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    deductible = models.DecimalField(
        _("yearly deductible (起付线)"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("medical assistance rate")
        verbose_name_plural = _("medical assistance rates")
        ordering = ["category", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "effective_from"], name="medical_rate_one_per_date"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_category_display()} {self.reimbursement_percent}% ({self.effective_from})"
        )
