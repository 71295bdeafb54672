"""The GB/T 42195-2022 assessment form: one select per item (0 to its maximum), the
level-raising facts, the assessor and the reason."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eldercare import rules
from eldercare.forms import submit_helper
from eldercare.models import Reason
from portal.core.forms import DateInput


class CapabilityAssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Reason"), choices=Reason.choices)
    assessor_name = forms.CharField(label=_("Assessor"), max_length=50)
    cognitive_disorder = forms.BooleanField(
        label=_("Diagnosed dementia or other mental disorder"), required=False
    )
    risk_events = forms.IntegerField(
        label=_("Care-risk events in the last 30 days (falls, choking, wandering …)"),
        min_value=0,
        max_value=99,
        initial=0,
    )
    coma = forms.BooleanField(label=_("In a coma"), required=False)
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate()
        for item in rules.ITEMS:
            self.fields[item.code] = forms.TypedChoiceField(
                label=f"{item.indicator} {item.label}（0–{item.maximum}）",
                choices=[("", "—"), *((n, n) for n in range(item.maximum, -1, -1))],
                coerce=int,
            )
        self.helper = submit_helper(_("Record the assessment"))

    def scores(self) -> dict[str, int]:
        return {item.code: self.cleaned_data[item.code] for item in rules.ITEMS}
