from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.dates import add_months
from portal.core.forms import MonthInput
from portal.core.jobs import JobError
from portal.registry.models import Community
from portal.reports.statistics import check_month, parse_month


class StatisticsRequestForm(forms.Form):
    """Which month's statistics, and for which community of the user's scope (empty: the
    whole sub-district, for sub-district roles only)."""

    month = forms.CharField(
        label=_("Month of the report"),
        widget=MonthInput(),
        help_text=_("For example 2026-03."),
    )
    community = forms.ChoiceField(label=_("Community"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.communities = {
            str(c.pk): c for c in Community.objects.visible_to(user).order_by("code", "name")
        }
        choices = [(pk, c.name) for pk, c in self.communities.items()]
        if user.sees_all_communities:
            choices.insert(0, ("", _("Whole sub-district")))
        self.fields["community"].choices = choices
        self.fields["community"].required = not user.sees_all_communities
        self.initial.setdefault("month", add_months(timezone.localdate(), -1).strftime("%Y-%m"))
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("month", css_class="col-sm-6"), Column("community", css_class="col-sm-6")),
            Submit("submit", _("Build the workbook"), css_class="btn-lg"),
        )

    def clean_month(self) -> Any:
        try:
            month = parse_month(self.cleaned_data["month"])
            check_month(month)
        except JobError as error:
            raise ValidationError(str(error)) from None
        return month

    def describe(self) -> str:
        """ "统计月份：2026-03；社区：东南" (what was asked, for the job's record)."""
        community = self.cleaned_data["community"]
        return "；".join(
            [
                f"{self.fields['month'].label}：{self.cleaned_data['month']:%Y-%m}",
                f"{self.fields['community'].label}：{community or _('Whole sub-district')}",
            ]
        )

    def clean_community(self) -> Community | None:
        return self.communities.get(self.cleaned_data.get("community") or "")
