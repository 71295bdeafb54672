"""The dates the portal handles: 1900 to 2100. Every form's date and date-time field
refuses anything outside, so that no 0001-01-01 or 9999-12-31 reaches a time-zone
conversion, a month step or the database (issue 12.6: each of those was a 500)."""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)


def plausible(day: dt.date) -> bool:
    """Whether ``day`` (or a date-time's day) lies in [EARLIEST, LATEST]."""
    if isinstance(day, dt.datetime):
        day = day.date()
    return EARLIEST <= day <= LATEST


def validate_plausible_date(value: Any) -> None:
    """Raise ``ValidationError`` (code ``date_range``) for a date outside 1900–2100."""
    if isinstance(value, dt.date) and not plausible(value):
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_range",
            params={"earliest": EARLIEST.year, "latest": LATEST.year},
        )


def install() -> None:
    """Add the check to every form DateField and DateTimeField (the core app's ready)."""
    for field in (forms.DateField, forms.DateTimeField):
        if validate_plausible_date not in field.default_validators:
            field.default_validators = [*field.default_validators, validate_plausible_date]
