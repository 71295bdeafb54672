"""Which month's roster has been paid (花名册已发放): the month closed, by whom, when,
and what each case was paid in it.

A change of amount (a raise, a review, a stop) pays from the first month not closed;
a closed month's payments are kept as they were paid and never re-priced: what it
underpaid is back-paid (补发) on a later roster.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications import MONEY, Application, Entitlement


class RosterMonthQuerySet(models.QuerySet):
    def latest_month(self) -> dt.date | None:
        return self.order_by("-month").values_list("month", flat=True).first()


class RosterMonth(models.Model):
    """The roster of a month, paid and closed: its payments are fixed."""

    month = models.DateField(_("month"), unique=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"))
    households = models.PositiveIntegerField(_("households paid"), default=0)
    total = models.DecimalField(_("total paid"), default=0, **MONEY)

    objects = RosterMonthQuerySet.as_manager()

    class Meta:
        verbose_name = _("paid roster month")
        verbose_name_plural = _("paid roster months")
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class RosterPayment(models.Model):
    """What one case was paid on a closed roster."""

    roster = models.ForeignKey(
        RosterMonth, verbose_name=_("roster"), on_delete=models.CASCADE, related_name="payments"
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    entitlement = models.ForeignKey(
        Entitlement, verbose_name=_("entitlement"), on_delete=models.PROTECT, related_name="+"
    )
    monthly_amount = models.DecimalField(_("amount"), **MONEY)
    arrears = models.DecimalField(_("back-pay"), default=0, **MONEY)
    insured_members = models.PositiveSmallIntegerField(_("people covered"), default=0)
    per_capita_income = models.DecimalField(
        _("monthly income per person"), null=True, blank=True, **MONEY
    )
    standard_amount = models.DecimalField(_("standard applied"), null=True, blank=True, **MONEY)
    one_off = models.BooleanField(_("one-off payment"), default=False)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["roster", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["roster", "application"], name="roster_payment_once_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.roster} {self.application_id} {self.monthly_amount}"
