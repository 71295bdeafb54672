"""Forms of the clinical side: registries, follow-ups, vaccinations, the 65+ check."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from health import immunisation
from health.forms.office import ResidentChoiceField, submit_helper, visible_residents
from health.models import ChildPlan, Condition, FollowUp, Patient, Team
from portal.core.forms import DateInput
from portal.core.text import field_label
from portal.registry.models import Resident

SYMPTOMS = [
    ("none", _("No symptoms")),
    ("headache", _("Headache, dizziness")),
    ("nausea", _("Nausea, vomiting")),
    ("vision", _("Blurred vision, tinnitus")),
    ("breathing", _("Difficulty breathing")),
    ("palpitation", _("Palpitation, chest tightness")),
    ("nosebleed", _("Nosebleed that does not stop")),
    ("numbness", _("Numb limbs")),
    ("oedema", _("Swollen legs")),
    ("thirst", _("Thirst, much urine")),
    ("other", _("Other")),
]


class PatientForm(forms.Form):
    resident = ResidentChoiceField(
        label=field_label(Patient, "resident"), queryset=Resident.objects.none()
    )
    condition = forms.ChoiceField(
        label=field_label(Patient, "condition"), choices=Condition.choices
    )
    team = forms.ModelChoiceField(label=field_label(Patient, "team"), queryset=Team.objects.none())
    registered_on = forms.DateField(label=field_label(Patient, "registered_on"), widget=DateInput())

    def __init__(self, data: Any = None, *, user: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["resident"].queryset = (
            visible_residents(user) if user else Resident.objects.none()
        )
        self.fields["team"].queryset = (
            Team.objects.visible_to(user) if user else Team.objects.none()
        )
        self.helper = submit_helper(_("Register"))


class FollowUpForm(forms.ModelForm):
    symptoms = forms.MultipleChoiceField(
        label=field_label(FollowUp, "symptoms"),
        choices=SYMPTOMS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    adverse = forms.BooleanField(label=_("Adverse drug reaction"), required=False)

    class Meta:
        model = FollowUp
        fields = [
            "visited_on",
            "method",
            "symptoms",
            "systolic",
            "diastolic",
            "heart_rate",
            "weight",
            "weight_target",
            "fasting_glucose",
            "hba1c",
            "temperature",
            "smoking",
            "smoking_target",
            "drinking",
            "drinking_target",
            "exercise_per_week",
            "exercise_minutes",
            "salt",
            "compliance",
            "adherence",
            "adverse_reaction",
            "emergency_signs",
            "complication",
            "classification",
            "medication",
            "referral_reason",
            "referral_to",
            "risk_level",
            "stability",
        ]
        widgets = {"visited_on": DateInput(), "medication": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, data: Any = None, *, condition: str = "", **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["classification"].required = False
        self.fields["classification"].help_text = _(
            "Leave empty to class the visit by the readings; the most severe applies."
        )
        if condition != Condition.SMI:
            del self.fields["risk_level"]
            del self.fields["stability"]
        self.helper = submit_helper(_("Record the follow-up"))

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        adverse = data.pop("adverse", False)
        if adverse and not data.get("adverse_reaction"):
            data["adverse_reaction"] = str(_("Yes"))
        data["classification"] = data.get("classification") or ""
        for text in ("salt", "compliance", "adherence", "stability"):
            if text in self.fields:
                data[text] = data.get(text) or ""
        return data


class ChildPlanForm(forms.ModelForm):
    child = ResidentChoiceField(
        label=field_label(ChildPlan, "child"), queryset=Resident.objects.none()
    )

    class Meta:
        model = ChildPlan
        fields = ["child", "je_line", "hepa_line", "guardians"]

    def __init__(self, data: Any = None, *, user: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        residents = visible_residents(user) if user else Resident.objects.none()
        self.fields["child"].queryset = residents
        self.fields["guardians"].queryset = residents
        self.helper = submit_helper(_("Open the plan"))


class DoseForm(forms.Form):
    dose = forms.ChoiceField(label=_("Dose"))
    given_on = forms.DateField(label=_("Given on"), widget=DateInput())
    batch = forms.CharField(label=_("Batch number"), max_length=40, required=False)

    def __init__(self, data: Any = None, *, plan: ChildPlan | None = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        choices = []
        if plan is not None:
            doses = immunisation.plan_doses(
                immunisation.version(plan.schedule), je_line=plan.je_line, hepa_line=plan.hepa_line
            )
            choices = [(dose.key, dose.label) for dose in doses]
        self.fields["dose"].choices = choices
        self.helper = submit_helper(_("Record the dose"))


class ElderlyCheckForm(forms.Form):
    resident = ResidentChoiceField(label=_("Resident"), queryset=Resident.objects.none())
    checked_on = forms.DateField(label=_("Checked on"), widget=DateInput())
    eating = forms.TypedChoiceField(
        label=_("Eating"), coerce=int, choices=[(0, "0"), (3, "3"), (5, "5")]
    )
    grooming = forms.TypedChoiceField(
        label=_("Grooming"), coerce=int, choices=[(0, "0"), (1, "1"), (3, "3"), (7, "7")]
    )
    dressing = forms.TypedChoiceField(
        label=_("Dressing"), coerce=int, choices=[(0, "0"), (3, "3"), (5, "5")]
    )
    toileting = forms.TypedChoiceField(
        label=_("Toileting"), coerce=int, choices=[(0, "0"), (1, "1"), (5, "5"), (10, "10")]
    )
    moving = forms.TypedChoiceField(
        label=_("Moving about"), coerce=int, choices=[(0, "0"), (1, "1"), (5, "5"), (10, "10")]
    )
    systolic = forms.IntegerField(
        label=_("Systolic (mmHg)"), required=False, min_value=0, max_value=999
    )
    diastolic = forms.IntegerField(
        label=_("Diastolic (mmHg)"), required=False, min_value=0, max_value=999
    )
    notes = forms.CharField(
        label=_("Findings and advice"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data: Any = None, *, user: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["resident"].queryset = (
            visible_residents(user) if user else Resident.objects.none()
        )
        self.helper = submit_helper(_("Record the check"))
