"""Forms of the staff pages. Forms check input; the services check the rules. Every
choice of a resident, member or event is limited to the organisation's community, so an
id from elsewhere fails validation."""

import datetime as dt
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partywork.models import (
    PARTY_DAY_TEMPLATE,
    Award,
    Duty,
    DutyAssignment,
    EntryCategory,
    JoinedHow,
    LeftHow,
    MeetingKind,
    Membership,
    Organisation,
    OrgKind,
    Post,
    Standing,
)
from portal.core.forms import DateInput
from portal.events.models import Event, OrganiserApp
from portal.registry.models import Community, Resident

YEAR_MIN, YEAR_MAX = 2000, 2100


def _helper(label: Any) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label, css_class="btn-lg px-4"))
    return helper


def _residents(organisation: Organisation | None) -> Any:
    if organisation is None:
        return Resident.objects.none()
    return Resident.objects.in_community(organisation.community_id).order_by("name", "pk")


def _members(organisation: Organisation | None, on: dt.date | None = None) -> Any:
    if organisation is None:
        return Membership.objects.none()
    return (
        Membership.objects.filter(organisation=organisation, left_on__isnull=True)
        .select_related("resident")
        .order_by("resident__name", "pk")
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return str(obj.resident)


class MembersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Resident) -> str:
        return obj.name


def _events(organisation: Organisation | None) -> Any:
    if organisation is None:
        return Event.objects.none()
    return Event.objects.filter(
        community_id=organisation.community_id, organiser_app=OrganiserApp.PARTYWORK
    ).order_by("-starts_at")


class OrganisationForm(forms.Form):
    community = forms.ModelChoiceField(label=_("Community"), queryset=Community.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=OrgKind.choices)
    name = forms.CharField(label=_("Organisation name"), max_length=100)
    parent = forms.ModelChoiceField(
        label=_("Belongs to"), queryset=Organisation.objects.none(), required=False
    )
    founded_on = forms.DateField(label=_("Founded on"), widget=DateInput())

    def __init__(self, data: Any = None, files: Any = None, *, user: Any = None) -> None:
        super().__init__(data, files)
        self.fields["community"].queryset = Community.objects.visible_to(user).order_by("code")
        self.fields["parent"].queryset = Organisation.objects.visible_to(user).party()
        if user is not None and not user.sees_all_communities:
            self.fields["community"].initial = user.community_id
        self.helper = _helper(_("Create"))


class MembershipForm(forms.Form):
    resident = forms.ModelChoiceField(label=_("Resident"), queryset=Resident.objects.none())
    standing = forms.ChoiceField(label=_("Standing"), choices=Standing.choices)
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput())
    joined_how = forms.ChoiceField(label=_("Joined by"), choices=JoinedHow.choices)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(
        self, data: Any = None, files: Any = None, *, organisation: Organisation | None = None
    ) -> None:
        super().__init__(data, files)
        self.fields["resident"].queryset = _residents(organisation)
        self.helper = _helper(_("Add member"))


class MembershipEndForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput())
    left_how = forms.ChoiceField(label=_("Left by"), choices=LeftHow.choices)

    def __init__(self, data: Any = None, files: Any = None) -> None:
        super().__init__(data, files, initial={"left_on": timezone.localdate()})
        self.helper = _helper(_("Record leaving"))


class OfficerForm(forms.Form):
    post = forms.ChoiceField(label=_("Post"), choices=Post.choices)
    term_start = forms.DateField(label=_("Term starts"), widget=DateInput())
    term_end = forms.DateField(label=_("Term ends"), widget=DateInput())

    def __init__(self, data: Any = None, files: Any = None) -> None:
        super().__init__(data, files)
        self.helper = _helper(_("Appoint"))


class PartyDayPlanForm(forms.Form):
    """The year, the day of the month and the twelve themes, prefilled from the seed."""

    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    day_of_month = forms.IntegerField(
        label=_("Day of the month"), min_value=1, max_value=28, initial=15
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, data: Any = None, files: Any = None) -> None:
        super().__init__(
            data, files, initial={"year": timezone.localdate().year, "day_of_month": 15}
        )
        for month, theme in enumerate(PARTY_DAY_TEMPLATE, start=1):
            self.fields[f"theme_{month}"] = forms.CharField(
                label=_("Theme of month %(month)d") % {"month": month},
                max_length=120,
                initial=theme,
            )
        self.helper = _helper(_("Generate the year's Party days"))

    def themes(self) -> list[str]:
        return [self.cleaned_data[f"theme_{month}"] for month in range(1, 13)]


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    topic = forms.CharField(label=_("Topic"), max_length=200)
    event = forms.ModelChoiceField(
        label=_("Event (attendance taken from it)"), queryset=Event.objects.none(), required=False
    )
    attendees = MembersField(
        label=_("Attendees"),
        queryset=Resident.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea, required=False)
    resolutions = forms.CharField(label=_("Resolutions"), widget=forms.Textarea, required=False)

    def __init__(
        self, data: Any = None, files: Any = None, *, organisation: Organisation | None = None
    ) -> None:
        super().__init__(data, files)
        self.fields["event"].queryset = _events(organisation)
        if organisation is not None:
            self.fields["attendees"].queryset = (
                Resident.objects.in_community(organisation.community_id)
                .filter(party_memberships__organisation=organisation)
                .distinct()
                .order_by("name")
            )
        self.helper = _helper(_("Record the meeting"))


class MeetingScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    topic = forms.CharField(label=_("Topic"), max_length=100)

    def __init__(self, data: Any = None, files: Any = None) -> None:
        super().__init__(data, files)
        self.helper = _helper(_("Put it on the calendar"))


class DutyAssignForm(forms.Form):
    duty = forms.ChoiceField(label=_("Role"), choices=Duty.choices)
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)

    def __init__(self, data: Any = None, files: Any = None) -> None:
        super().__init__(data, files, initial={"year": timezone.localdate().year})
        self.helper = _helper(_("Take the role"))


class DutyEntryForm(forms.Form):
    assignment = forms.ModelChoiceField(label=_("Role"), queryset=DutyAssignment.objects.none())
    done_on = forms.DateField(label=_("Date"), widget=DateInput())
    description = forms.CharField(label=_("What was done"), max_length=300, required=False)
    event = forms.ModelChoiceField(
        label=_("Event attended"), queryset=Event.objects.none(), required=False
    )

    def __init__(
        self, data: Any = None, files: Any = None, *, membership: Membership | None = None
    ) -> None:
        super().__init__(data, files, initial={"done_on": timezone.localdate()})
        if membership is not None:
            self.fields["assignment"].queryset = membership.duties.order_by("-year", "duty")
            self.fields["event"].queryset = Event.objects.filter(
                community_id=membership.organisation.community_id,
                registrations__resident_id=membership.resident_id,
                registrations__attended_at__isnull=False,
            ).order_by("-starts_at")
        self.helper = _helper(_("Add the entry"))


class SelectionForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    vote_opens_at = forms.DateTimeField(
        label=_("Voting opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    vote_closes_at = forms.DateTimeField(
        label=_("Voting closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    places = forms.IntegerField(label=_("Number selected"), min_value=1, max_value=50, initial=3)

    def __init__(self, data: Any = None, files: Any = None) -> None:
        super().__init__(data, files, initial={"year": timezone.localdate().year, "places": 3})
        self.helper = _helper(_("Open the selection"))


class ContestForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    event = forms.ModelChoiceField(label=_("Event"), queryset=Event.objects.none(), required=False)

    def __init__(
        self, data: Any = None, files: Any = None, *, organisation: Organisation | None = None
    ) -> None:
        super().__init__(data, files)
        self.fields["event"].queryset = _events(organisation)
        self.helper = _helper(_("Create the contest"))


class ContestEntryForm(forms.Form):
    entrant = forms.ModelChoiceField(label=_("Entrant"), queryset=Resident.objects.none())
    category = forms.ChoiceField(label=_("Category"), choices=EntryCategory.choices)
    title = forms.CharField(label=_("Title of the work"), max_length=120)

    def __init__(
        self, data: Any = None, files: Any = None, *, organisation: Organisation | None = None
    ) -> None:
        super().__init__(data, files)
        if organisation is not None:
            today = timezone.localdate()
            self.fields["entrant"].queryset = _residents(organisation).filter(
                birth_date__gt=today.replace(year=today.year - 19, day=1)
            )
        self.helper = _helper(_("Enter"))


class JudgeForm(forms.Form):
    score = forms.DecimalField(
        label=_("Score"), min_value=0, max_value=100, max_digits=5, decimal_places=1, required=False
    )
    award = forms.ChoiceField(label=_("Award"), choices=[("", "—"), *Award.choices], required=False)
