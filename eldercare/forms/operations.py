"""The forms of stations' service records, devices, incidents, volunteers, pairings,
visits and the 高龄津贴 list."""

from decimal import Decimal
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eldercare import rules
from eldercare.forms import submit_helper
from eldercare.models import RequestKind, ServiceItem, Team, Volunteer, Worker
from portal.core.forms import DateInput, FilterForm, MonthInput

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _when() -> forms.DateTimeField:
    return forms.DateTimeField(label=_("Start"), widget=DATETIME_WIDGET)


class ElderServiceRecordForm(forms.Form):
    elder = forms.IntegerField(label=_("Elder (registry number)"), min_value=1, max_value=2**62)
    item = forms.ModelChoiceField(label=_("Service"), queryset=ServiceItem.objects.none())
    worker = forms.ModelChoiceField(label=_("Worker"), queryset=Worker.objects.none())
    started_at = forms.DateTimeField(label=_("Start"), widget=DATETIME_WIDGET)
    ended_at = forms.DateTimeField(label=_("End"), widget=DATETIME_WIDGET)
    free = forms.BooleanField(label=_("Free (government-paid)"), required=False)
    amount = forms.DecimalField(
        label=_("Amount paid"),
        required=False,
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=2,
    )
    confirmed = forms.BooleanField(label=_("Confirmed by the elder"), required=False)
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *((n, n) for n in range(5, 0, -1))],
    )

    def __init__(self, *args: Any, station: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = ServiceItem.objects.filter(active=True)
        self.fields["worker"].queryset = Worker.objects.unscoped().filter(
            station=station, active=True
        )
        self.helper = submit_helper(_("Record the service"))


class DeviceInstallationForm(forms.Form):
    elder = forms.IntegerField(label=_("Elder (registry number)"), min_value=1, max_value=2**62)
    device_number = forms.CharField(label=_("Device number"), max_length=40)
    installed_on = forms.DateField(label=_("Installed on"), widget=DateInput())
    free = forms.BooleanField(label=_("Installed free of charge"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["installed_on"].initial = timezone.localdate()
        self.helper = submit_helper(_("Record the installation"))


class CallIncidentForm(forms.Form):
    received_at = forms.DateTimeField(label=_("Call received"), widget=DATETIME_WIDGET)
    responded_at = forms.DateTimeField(label=_("Responded"), widget=DATETIME_WIDGET, required=False)
    closed_at = forms.DateTimeField(label=_("Closed"), widget=DATETIME_WIDGET, required=False)
    outcome = forms.CharField(label=_("Outcome"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Record the call"))


class VolunteerRegisterForm(forms.Form):
    resident = forms.IntegerField(
        label=_("Resident (registry number)"), min_value=1, max_value=2**62
    )
    id_number = forms.CharField(label=_("ID number, as on the card"), max_length=30)
    skills = forms.CharField(label=_("Skills"), max_length=200, required=False)
    availability = forms.CharField(label=_("Availability"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["id_number"].widget.attrs["autocomplete"] = "off"
        self.helper = submit_helper(_("Register the volunteer"))


class ElderPairingForm(forms.Form):
    elder = forms.IntegerField(label=_("Elder (registry number)"), min_value=1, max_value=2**62)
    volunteer = forms.ModelChoiceField(
        label=_("Volunteer"), queryset=Volunteer.objects.none(), required=False
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    interval_days = forms.IntegerField(
        label=_("Visit every (days)"),
        min_value=1,
        max_value=366,
        required=False,
        help_text=_("Empty: by the elder's care categories."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = (
            Volunteer.objects.visible_to(user).filter(active=True).select_related("resident")
        )
        self.fields["team"].queryset = Team.objects.visible_to(user)
        self.helper = submit_helper(_("Pair"))


class ElderVisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Visited on"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("Hours"), min_value=Decimal("0.5"), max_value=Decimal("12"), decimal_places=1
    )
    notes = forms.CharField(
        label=_("What was done"), max_length=300, required=False, widget=forms.Textarea({"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()
        self.fields["hours"].initial = Decimal("1")
        self.helper = submit_helper(_("Log the visit"))


class AllowanceEnrolmentForm(forms.Form):
    resident = forms.IntegerField(label=_("Elder (registry number)"), min_value=1, max_value=2**62)
    applied_on = forms.DateField(label=_("Applied on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applied_on"].initial = timezone.localdate()
        self.helper = submit_helper(_("Put on the list"))


class AllowanceStopForm(forms.Form):
    died_on = forms.DateField(label=_("Died on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Stop the allowance"))


class CareMonthForm(FilterForm):
    month = forms.CharField(label=_("Month"), required=False, max_length=7, widget=MonthInput())

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.form_class = "mb-3 d-flex gap-2 align-items-end"
        self.helper.add_input(Submit("show", _("Show"), css_class="btn-primary"))


class ElderRequestForm(forms.Form):
    """A resident's request: which service, for whom (themselves or an elder of their
    household), and a note."""

    kind = forms.ChoiceField(label=_("Service"), choices=RequestKind.choices)
    elder = forms.TypedChoiceField(label=_("For"), coerce=int)
    note = forms.CharField(
        label=_("Note"), max_length=300, required=False, widget=forms.Textarea({"rows": 3})
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = getattr(user, "resident", None)
        people = []
        if own is not None:
            people = [own]
            if own.household_id:
                people = list(own.household.members.order_by("birth_date", "pk"))
        today = timezone.localdate()
        self.fields["elder"].choices = [
            (p.pk, p.name)
            for p in people
            if rules.age_on(p.birth_date, today) >= settings.ELDERLY_AGE
        ]
        self.helper = submit_helper(_("Send the request"))
