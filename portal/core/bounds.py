"""Bounds on what forms accept, installed on every form field by the core app (issue 12.6:
each of these was a 500):

- dates from 1900 to 2100, so that no 0001-01-01 or 9999-12-31 reaches a time-zone
  conversion, a month step or the database;
- record numbers (model choices) that fit a database integer: Django's model choice
  fields let ``99999999999999999999`` through to the query, which overflows."""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceField, ModelMultipleChoiceField
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


#: The largest value a database integer column holds (signed 64 bits).
LARGEST_INTEGER = 2**63 - 1


def oversized_number(value: Any) -> bool:
    """Whether ``value`` is an integer (or its text) no database column holds."""
    text = str(value).strip().lstrip("+-")
    return text.isascii() and text.isdigit() and int(text) > LARGEST_INTEGER


def _refuse_oversized(field: ModelChoiceField, values: Any) -> None:
    for value in values if isinstance(values, (list, tuple)) else [values]:
        if oversized_number(value):
            raise ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": str(value)[:20]},
            )


def install() -> None:
    """Add the checks to every form field class (the core app's ready); idempotent."""
    for field in (forms.DateField, forms.DateTimeField):
        if validate_plausible_date not in field.default_validators:
            field.default_validators = [*field.default_validators, validate_plausible_date]
    if getattr(ModelChoiceField, "_portal_bounded", False):
        return
    to_python = ModelChoiceField.to_python
    check_values = ModelMultipleChoiceField._check_values

    def bounded_to_python(self: ModelChoiceField, value: Any) -> Any:
        _refuse_oversized(self, value)
        return to_python(self, value)

    def bounded_check_values(self: ModelMultipleChoiceField, value: Any) -> Any:
        _refuse_oversized(self, value)
        return check_values(self, value)

    ModelChoiceField.to_python = bounded_to_python
    ModelMultipleChoiceField._check_values = bounded_check_values
    ModelChoiceField._portal_bounded = True
