"""追缴: money paid after the date a case should have stopped, recorded as owed and
tracked until it is recovered or waived with a reason."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.accounts.scoping import CommunityScopedQuerySet

from .applications import MONEY, Application


class RecoveryStatus(models.TextChoices):
    OWED = "owed", _("Owed")
    RECOVERED = "recovered", _("Recovered")
    WAIVED = "waived", _("Waived")


class RecoveryQuerySet(CommunityScopedQuerySet):
    community_lookup = "application__household__community"

    def with_repaid(self) -> "RecoveryQuerySet":
        """Annotate ``repaid_total``: the repayments recorded so far (0 for none)."""
        return self.annotate(
            repaid_total=models.functions.Coalesce(
                models.Sum("repayments__amount"),
                models.Value(Decimal("0")),
                output_field=models.DecimalField(**MONEY),
            )
        )


class Recovery(models.Model):
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="recoveries",
    )
    from_month = models.DateField(_("should have stopped from"))
    to_month = models.DateField(_("last month paid"))
    amount = models.DecimalField(_("amount owed"), **MONEY)
    reason = models.TextField(_("why it was paid wrongly"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=RecoveryStatus.choices, default=RecoveryStatus.OWED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded"))
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("settled by"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True)
    settlement_note = models.TextField(_("how it was settled"), max_length=2000, blank=True)

    objects = RecoveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("recovery of overpayment")
        verbose_name_plural = _("recoveries of overpayment")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.application} {self.amount} ({self.get_status_display()})"

    @property
    def repaid(self) -> Decimal:
        """Repaid so far: the list's annotation when there is one, else one query."""
        total = getattr(self, "repaid_total", None)
        if total is None:
            total = self.repayments.aggregate(total=models.Sum("amount"))["total"]
        return total or Decimal("0")

    @property
    def outstanding(self) -> Decimal:
        """Still owed (nothing once waived or recovered)."""
        if self.status != RecoveryStatus.OWED:
            return Decimal("0")
        return self.amount - self.repaid


class RecoveryRepayment(models.Model):
    """Money a household paid back against a 追缴: how much, on which day, who recorded it."""

    recovery = models.ForeignKey(
        Recovery,
        verbose_name=_("recovery of overpayment"),
        on_delete=models.PROTECT,
        related_name="repayments",
    )
    amount = models.DecimalField(
        _("amount repaid"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    paid_on = models.DateField(_("repaid on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")
        ordering = ["recovery", "paid_on", "pk"]

    def __str__(self) -> str:
        return f"{self.recovery_id} {self.amount} ({self.paid_on})"
