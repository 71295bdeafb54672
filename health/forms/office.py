"""Forms of the office side: contracts, timetables, bookings on a resident's behalf.

Choices of a resident or a team are limited to what the user may see, so a POSTed id of
another community fails validation instead of being saved. Forms check input; the
services check the rules.
"""

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from health.models import (
    Contract,
    EndReason,
    KeyGroup,
    Service,
    Team,
    TeamMember,
    Timetable,
)
from portal.core.forms import DateInput, FilterForm
from portal.core.text import field_label
from portal.registry.models import Resident


def submit_helper(label: Any) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label, css_class="btn-lg px-4"))
    return helper


def visible_residents(user: Any):
    return Resident.objects.visible_to(user).order_by("name", "pk")


class ResidentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Resident) -> str:
        return f"{obj.name}（{obj.masked_id_number}）"


DECLARED_GROUPS = [
    (code, label)
    for code, label in KeyGroup.choices
    if code in ("pregnant", "disabled", "tb", "entitled")
]


class ContractFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    status = forms.ChoiceField(label=field_label(Contract, "status"), required=False)

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        from health.models import ContractStatus

        self.fields["status"].choices = [("", _("All statuses")), *ContractStatus.choices]
        self.helper = self.search_bar()


class ContractSignForm(forms.Form):
    resident = ResidentChoiceField(
        label=field_label(Contract, "resident"), queryset=Resident.objects.none()
    )
    team = forms.ModelChoiceField(label=field_label(Contract, "team"), queryset=Team.objects.none())
    package = forms.ChoiceField(label=field_label(Contract, "package"))
    declared_groups = forms.MultipleChoiceField(
        label=_("Key groups the records do not show"),
        choices=DECLARED_GROUPS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Age, the chronic registries and 低保/特困 are added by themselves."),
    )
    starts_on = forms.DateField(label=field_label(Contract, "starts_on"), widget=DateInput())

    def __init__(self, data: Any = None, *, user: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        from health.models import Package

        self.fields["resident"].queryset = (
            visible_residents(user) if user else Resident.objects.none()
        )
        self.fields["team"].queryset = (
            Team.objects.visible_to(user) if user else Team.objects.none()
        )
        self.fields["package"].choices = Package.choices
        self.helper = submit_helper(_("Sign the contract"))


class ContractConfirmForm(forms.Form):
    starts_on = forms.DateField(label=field_label(Contract, "starts_on"), widget=DateInput())

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.helper = submit_helper(_("Confirm the contract"))


class ContractEndForm(forms.Form):
    reason = forms.ChoiceField(label=field_label(Contract, "end_reason"))
    on = forms.DateField(label=field_label(Contract, "ended_on"), widget=DateInput())

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["reason"].choices = [
            (code, label)
            for code, label in EndReason.choices
            if code not in (EndReason.EXPIRED, EndReason.RENEWED)
        ]
        self.helper = submit_helper(_("End the contract"))


class TimetableForm(forms.ModelForm):
    class Meta:
        model = Timetable
        fields = [
            "facility",
            "service",
            "doctor",
            "weekdays",
            "starts_at",
            "ends_at",
            "slot_minutes",
            "capacity",
            "valid_from",
            "valid_until",
        ]
        widgets = {
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, data: Any = None, *, user: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        from health.models import Facility

        self.fields["facility"].queryset = (
            Facility.objects.visible_to(user) if user else Facility.objects.none()
        )
        self.fields["doctor"].queryset = (
            TeamMember.objects.filter(team__in=Team.objects.visible_to(user))
            if user
            else TeamMember.objects.none()
        )
        self.fields["weekdays"].help_text = _(
            "ISO weekdays, 1 Monday to 7 Sunday: 12345 for Monday to Friday."
        )
        self.helper = submit_helper(_("Save the timetable"))

    def clean_weekdays(self) -> str:
        days = self.cleaned_data["weekdays"]
        if not days or any(day not in "1234567" for day in days) or len(set(days)) != len(days):
            raise forms.ValidationError(_("Enter weekdays as digits 1 to 7, each once."))
        return "".join(sorted(days))

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and start.replace(tzinfo=None) >= end.replace(tzinfo=None):
            self.add_error("ends_at", _("The end must be after the start."))
        first, last = data.get("valid_from"), data.get("valid_until")
        if first and last and last < first:
            self.add_error("valid_until", _("The end must not be before the start."))
        return data


class StaffBookingForm(forms.Form):
    resident = ResidentChoiceField(label=_("Resident"), queryset=Resident.objects.none())

    def __init__(self, data: Any = None, *, user: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["resident"].queryset = (
            visible_residents(user) if user else Resident.objects.none()
        )
        self.helper = submit_helper(_("Book for this resident"))


class BookingFilterForm(FilterForm):
    day = forms.DateField(label=_("Day"), required=False, widget=DateInput())
    service = forms.ChoiceField(label=_("Service"), required=False)

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        self.fields["service"].choices = [("", _("All services")), *Service.choices]
        self.helper = self.search_bar()


class DayOffForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=100)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.helper = submit_helper(_("Close this day"))
