"""Charity (慈善): donors, what they give (money, goods, labour) and where it goes.

The public page shows totals per year and purpose only; donors' and recipients' names
stay on the staff pages.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.accounts.scoping import CommunityScopedQuerySet

MONEY = {"max_digits": 12, "decimal_places": 2}
MAX_VALUE = Decimal("100000000")


class DonorKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    ORGANISATION = "organisation", _("Organisation")
    INDIVIDUAL = "individual", _("Individual")


class DonorQuerySet(CommunityScopedQuerySet):
    community_lookup = "community"
    null_community_is_shared = True

    def matching(self, filters: dict[str, Any]) -> "DonorQuerySet":
        """The donor list's search (name or contact) and kind. Scoping is the caller's."""
        donors = self
        if filters.get("q"):
            donors = donors.filter(
                models.Q(name__icontains=filters["q"]) | models.Q(contact__icontains=filters["q"])
            )
        if filters.get("kind"):
            donors = donors.filter(kind=filters["kind"])
        return donors


class Donor(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=DonorKind.choices)
    name = models.CharField(_("name"), max_length=100)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        help_text=_("For enterprises and organisations (统一社会信用代码)."),
    )
    contact = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: a donor of the sub-district's charity association."),
    )
    created_at = models.DateTimeField(_("entered"), default=timezone.now)

    objects = DonorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("donor")
        verbose_name_plural = _("donors")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assistance:donor-detail", args=[self.pk])

    def clean(self) -> None:
        if self.credit_code:
            from stdnum.cn import uscc
            from stdnum.exceptions import ValidationError as NumberError

            try:
                self.credit_code = uscc.validate(self.credit_code)
            except NumberError:
                raise ValidationError(
                    {"credit_code": _("This is not a valid unified social credit code.")}
                ) from None
            if self.kind == DonorKind.INDIVIDUAL:
                raise ValidationError(
                    {"credit_code": _("Individuals have no unified social credit code.")}
                )


class DonationKind(models.TextChoices):
    MONEY = "money", _("Money")
    GOODS = "goods", _("Goods")
    LABOUR = "labour", _("Labour")


class Purpose(models.TextChoices):
    POVERTY = "poverty", _("Help for families in hardship")
    MEDICAL = "medical", _("Medical help")
    EDUCATION = "education", _("Help with schooling")
    ELDERLY = "elderly", _("Help for the elderly")
    DISABILITY = "disability", _("Help for the disabled")
    DISASTER = "disaster", _("Disaster relief")
    GENERAL = "general", _("Not earmarked")


class DonationQuerySet(CommunityScopedQuerySet):
    community_lookup = "community"
    null_community_is_shared = True

    def matching(self, filters: dict[str, Any]) -> "DonationQuerySet":
        """The donation list's search (donor's name), kind, purpose and year. Scoping is
        the caller's."""
        donations = self
        if filters.get("q"):
            donations = donations.filter(donor__name__icontains=filters["q"])
        if filters.get("kind"):
            donations = donations.filter(kind=filters["kind"])
        if filters.get("purpose"):
            donations = donations.filter(purpose=filters["purpose"])
        if filters.get("year"):
            donations = donations.filter(received_on__year=filters["year"])
        return donations

    def with_allocated(self) -> "DonationQuerySet":
        return self.annotate(
            allocated=models.functions.Coalesce(
                models.Sum("allocations__value"),
                models.Value(Decimal("0")),
                output_field=models.DecimalField(**MONEY),
            )
        )


class Donation(models.Model):
    """Money, goods (valued) or labour (hours, valued) given by a donor."""

    donor = models.ForeignKey(
        Donor, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="donations"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DonationKind.choices)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.GENERAL
    )
    received_on = models.DateField(_("received on"))
    value = models.DecimalField(
        _("amount or value (yuan)"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_VALUE)],
        help_text=_("Money: the amount; goods and labour: their estimated value."),
        **MONEY,
    )
    hours = models.DecimalField(
        _("hours of labour"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("100000"))],
    )
    description = models.CharField(_("goods and notes"), max_length=300, blank=True)
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: received by the sub-district's charity association."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DonationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.donor} {self.get_kind_display()} {self.value} ({self.received_on})"

    def get_absolute_url(self) -> str:
        return reverse("assistance:donation-detail", args=[self.pk])

    def clean(self) -> None:
        if self.kind == DonationKind.LABOUR and not self.hours:
            raise ValidationError({"hours": _("Say how many hours of labour were given.")})
        if self.kind != DonationKind.LABOUR and self.hours:
            raise ValidationError({"hours": _("Hours are for labour only.")})
        if self.kind == DonationKind.GOODS and not self.description.strip():
            raise ValidationError({"description": _("List the goods given.")})


class AllocationQuerySet(CommunityScopedQuerySet):
    community_lookup = "donation__community"
    null_community_is_shared = True


class Allocation(models.Model):
    """Part of a donation given to a household or spent on a project."""

    donation = models.ForeignKey(
        Donation, verbose_name=_("donation"), on_delete=models.PROTECT, related_name="allocations"
    )
    household = models.ForeignKey(
        "registry.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charity_allocations",
    )
    project = models.CharField(_("project"), max_length=200, blank=True)
    value = models.DecimalField(
        _("amount or value (yuan)"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_VALUE)],
        **MONEY,
    )
    allocated_on = models.DateField(_("given on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AllocationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["-allocated_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(household__isnull=False) & models.Q(project=""))
                | (models.Q(household__isnull=True) & ~models.Q(project="")),
                name="allocation_household_or_project",
                violation_error_message=_("Give it either to a household or to a project."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.donation} → {self.project or self.household}"
