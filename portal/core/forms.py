"""What every list page's search-and-filter form shares."""

from collections.abc import Mapping
from typing import Any

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.core.logging import mask_text


class DateInput(forms.DateInput):
    """The browser's date picker (``<input type="date">``), which sends ISO dates."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MonthInput(forms.DateInput):
    """The browser's month picker (``<input type="month">``), which sends ``YYYY-MM``;
    for a CharField read with ``portal.core.dates.parse_month``."""

    input_type = "month"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m", **kwargs)


class FilterForm(forms.Form):
    """A search box and selects submitted by GET: nothing to protect, and an invalid
    choice (say, a community out of scope) is dropped and shown beside its select."""

    def filters(self) -> dict[str, Any]:
        """The valid, non-empty values."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def describe(self) -> str:
        """The valid, non-empty filters in words (标签：党员；搜索：张), for the record
        of what was asked, such as an export."""
        parts = []
        for name, value in self.filters().items():
            field = self.fields[name]
            shown = value
            if isinstance(field, forms.ChoiceField):
                shown = _choice_label(field.choices, value)
            elif isinstance(shown, str):
                # A search by a full ID or phone number is recorded masked (issue 12.5).
                shown = mask_text(shown)
            parts.append(f"{field.label}：{shown}")
        return "；".join(parts)

    def search_bar(self) -> FormHelper:
        """The layout of a staff list's filter bar: the text search ``q`` first, then one
        select per other field, then the Search button."""
        helper = FormHelper()
        helper.form_method = "get"
        helper.disable_csrf = True
        helper.form_class = "mb-3"
        helper.layout = Layout(
            Row(
                Column("q", css_class="col-12 col-lg-4"),
                *(
                    Column(name, css_class="col-12 col-sm-6 col-lg")
                    for name in self.fields
                    if name != "q"
                ),
            ),
            StrictButton(_("Search"), type="submit", css_class="btn-primary px-4"),
        )
        return helper


def _choice_label(choices: Any, value: Any) -> Any:
    """The label of ``value`` among ``choices``, option groups included."""
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            found = _choice_label(label, value)
            if found is not value:
                return found
        elif str(key) == str(value):
            return label
    return value


def add_service_error(
    form: forms.Form, error: ValidationError, fields: Mapping[str, str] | None = None
) -> None:
    """Show a service's refusal on ``form``: beside the field it names (a model check's
    field, or ``fields[code]`` for an error with a code), above the form otherwise."""
    fields = fields or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return
    for item in error.error_list:
        field = fields.get(item.code or "")
        form.add_error(field if field in form.fields else None, item)
