"""追缴: money paid after the date a case should have stopped, recorded as owed and
tracked until it is recovered or waived with a reason."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications import MONEY, Application


class RecoveryStatus(models.TextChoices):
    OWED = "owed", _("Owed")
    RECOVERED = "recovered", _("Recovered")
    WAIVED = "waived", _("Waived")


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

    class Meta:
        verbose_name = _("recovery of overpayment")
        verbose_name_plural = _("recoveries of overpayment")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.application} {self.amount} ({self.get_status_display()})"
