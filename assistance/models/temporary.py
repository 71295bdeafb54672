"""一事一议: the recorded decision that lets one temporary-assistance case exceed the
caps per event and per year (domain-rules §3.7): who decided, when, the minutes and
the amount decided."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import MONEY, Application


class SpecialDecision(models.Model):
    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="special_decision",
    )
    decided_by = models.CharField(
        _("decided by"),
        max_length=100,
        help_text=_("The body that decided, e.g. 街道社会救助工作联席会议."),
    )
    decided_on = models.DateField(_("decided on"))
    minutes = models.TextField(_("minutes of the decision"), max_length=4000)
    amount = models.DecimalField(_("amount decided"), validators=[MinValueValidator(0.01)], **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("case-by-case decision")
        verbose_name_plural = _("case-by-case decisions")

    def __str__(self) -> str:
        return f"{self.application} {self.amount}"
