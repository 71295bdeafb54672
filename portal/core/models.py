"""The official calendar (法定节假日与调休): the days the State Council's yearly notice
turns into days off or working days, against the Monday-to-Friday rule. Time limits
counted in working days (the 30 working days of a 低保 decision) read it through
``portal.core.dates.add_working_days``."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OfficialDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Day off (public holiday)")
    WORKDAY = "workday", _("Working day (make-up for a holiday)")


class OfficialDayQuerySet(models.QuerySet):
    def kinds_between(self, first: dt.date, last: dt.date) -> dict[dt.date, str]:
        """``{day: kind}`` of the official days from ``first`` to ``last``, in one query."""
        return dict(self.filter(day__range=(first, last)).values_list("day", "kind"))


class OfficialDay(models.Model):
    """One day of the yearly holiday notice (国务院办公厅关于某年部分节假日安排的通知):
    a day off on a weekday or weekend, or a weekend made a working day (调休上班).
    Entered each November for the next year, in the admin."""

    day = models.DateField(_("calendar date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=OfficialDayKind.choices)
    name = models.CharField(_("holiday name"), max_length=30, help_text=_("For example 春节."))

    objects = OfficialDayQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("official calendar day")
        verbose_name_plural = _("official calendar")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.name} {self.get_kind_display()}"

    def clean(self) -> None:
        # Monday to Friday are working days already: a make-up day is a Saturday or Sunday.
        if self.kind == OfficialDayKind.WORKDAY and self.day and self.day.weekday() < 5:
            raise ValidationError(
                {"kind": _("A make-up working day falls on a Saturday or Sunday.")}
            )
