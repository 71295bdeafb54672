"""Forms of the special-disease medical assistance pages: the claim list's filters, the
claim form and the sub-district's decision."""

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.models import ClaimStatus, MedicalClaim, MedicalFund, SpecialDisease
from portal.core.forms import DateInput, FilterForm
from portal.core.text import field_label


def submit_helper(label: str, *, action: str = "") -> FormHelper:
    helper = FormHelper()
    if action:
        helper.form_action = action
    helper.add_input(Submit("save", label, css_class="btn-lg px-4"))
    return helper


class ClaimFilterForm(FilterForm):
    """The claim list's search box (the patient's name) and selects (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=field_label(MedicalClaim, "status"), required=False)
    disease = forms.TypedChoiceField(
        label=field_label(MedicalClaim, "disease"), required=False, coerce=int, empty_value=None
    )
    year = forms.TypedChoiceField(
        label=field_label(MedicalFund, "year"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data: Any, *, diseases: list[tuple[int, str]], years: list[int]) -> None:
        super().__init__(data)
        self.fields["q"].widget = forms.SearchInput(
            attrs={"placeholder": _("The patient's name"), "autocomplete": "off"}
        )
        self.fields["status"].choices = [("", _("Any status")), *ClaimStatus.choices]
        self.fields["disease"].choices = [("", _("All diseases")), *diseases]
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        self.helper = self.search_bar()


class PatientSearchForm(FilterForm):
    """The first step of a new claim: find the patient by name or ID-number tail."""

    q = forms.CharField(label=_("Find the patient"), required=False, max_length=100)

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        self.fields["q"].widget = forms.SearchInput(
            attrs={
                "placeholder": _("Name, or the last digits of the ID number"),
                "autocomplete": "off",
            }
        )
        self.helper = self.search_bar()


class ClaimForm(forms.ModelForm):
    """A patient's claim: the fund year, the disease, the treatment dates and costs. The
    amount is computed by ``assistance.services.medical.claim_submit``, not typed."""

    class Meta:
        model = MedicalClaim
        fields = [
            "fund",
            "disease",
            "treated_from",
            "treated_to",
            "total_cost",
            "own_cost",
            "note",
        ]
        widgets = {
            "treated_from": DateInput(),
            "treated_to": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "own_cost": _("What the patient paid after medical insurance, in yuan."),
            "total_cost": _("The whole cost of the treatment, in yuan."),
        }

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = MedicalFund.objects.order_by("-year")
        self.fields["disease"].queryset = SpecialDisease.objects.filter(active=True)
        if not self.is_bound:
            this_year = MedicalFund.objects.filter(year=timezone.localdate().year)
            self.initial.setdefault("fund", this_year.values_list("pk", flat=True).first())
        self.helper = submit_helper(_("Submit the claim"), action=action)


class ClaimDecisionForm(forms.Form):
    """The sub-district's decision on a claim; a rejection needs the reason."""

    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve and pay")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=field_label(MedicalClaim, "decision_note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a rejection: the patient's family is told the reason."),
    )

    def __init__(self, *args: Any, claim: MedicalClaim, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(
            _("Record the decision"), action=reverse("assistance:claim-decide", args=[claim.pk])
        )

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE
