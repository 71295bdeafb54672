"""Forms of the events: the staff event form (with repetition), signing someone up,
the check-in code, the calendar filter and the volunteer-hour period."""

import datetime as dt
from typing import Any

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Fieldset, Layout, Row, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.forms import DateInput
from portal.events.models import Event, EventKind, Frequency
from portal.events.services import occurrence_starts
from portal.registry.models import Community, Resident

LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=LOCAL_INPUT_FORMAT, **kwargs)


DATETIME_FIELDS = ("starts_at", "ends_at", "signup_opens_at", "signup_closes_at")


class EventForm(forms.ModelForm):
    """Create or edit an event. On creation it can repeat weekly or monthly, with an end."""

    repeat = forms.ChoiceField(
        label=_("Repeats"),
        choices=[("", _("Does not repeat")), *Frequency.choices],
        required=False,
    )
    interval = forms.IntegerField(
        label=_("Every"),
        min_value=1,
        max_value=12,
        initial=1,
        required=False,
        help_text=_("1 = every week or month, 2 = every other one, …"),
    )
    count = forms.IntegerField(label=_("Number of occurrences"), min_value=1, required=False)
    until = forms.DateField(label=_("Last date"), required=False, widget=DateInput())

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "organiser_app",
            "community",
            "place",
            "description",
            "starts_at",
            "ends_at",
            "capacity",
            "waitlist_enabled",
            "audience",
            "members_tag",
            "signup_enabled",
            "signup_opens_at",
            "signup_closes_at",
            "volunteer_hours",
        ]
        widgets = {
            **{name: LocalDateTimeInput() for name in DATETIME_FIELDS},
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for name in DATETIME_FIELDS:
            self.fields[name].input_formats = [LOCAL_INPUT_FORMAT, "%Y-%m-%d %H:%M"]
        community = self.fields["community"]
        community.queryset = Community.objects.visible_to(user).order_by("code")
        if not user.sees_all_communities:
            # Community roles organise for their own community only.
            community.required = True
            community.empty_label = None
            community.help_text = ""
        creating = self.instance.pk is None
        if not creating:
            for name in ("repeat", "interval", "count", "until"):
                del self.fields[name]
        later_in_series = (
            not creating
            and self.instance.series_id is not None
            and Event.objects.filter(
                series=self.instance.series_id, starts_at__gt=self.instance.starts_at
            ).exists()
        )
        if later_in_series:
            self.fields["apply_to_following"] = forms.BooleanField(
                label=_("Make the same changes to the later events of this series"),
                help_text=_("Their dates and times stay as they are."),
                required=False,
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                _("What and where"),
                "title",
                Row(Column("kind"), Column("organiser_app"), Column("community")),
                "place",
                "description",
            ),
            Fieldset(_("When"), Row(Column("starts_at"), Column("ends_at"))),
            *(
                [
                    Fieldset(
                        _("Repeats"),
                        Row(Column("repeat"), Column("interval")),
                        Row(Column("count"), Column("until")),
                    )
                ]
                if creating
                else []
            ),
            Fieldset(
                _("Sign-up"),
                Row(Column("signup_enabled"), Column("waitlist_enabled")),
                Row(Column("capacity"), Column("audience"), Column("members_tag")),
                Row(Column("signup_opens_at"), Column("signup_closes_at")),
            ),
            Fieldset(_("Volunteer service"), "volunteer_hours"),
            *(["apply_to_following"] if later_in_series else []),
        )
        self.helper.add_input(Submit("save", _("Save"), css_class="btn-lg px-4"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("repeat"):
            starts_at = data.get("starts_at")
            if starts_at:
                try:
                    occurrence_starts(
                        starts_at,
                        frequency=data["repeat"],
                        interval=data.get("interval") or 1,
                        count=data.get("count"),
                        until=data.get("until"),
                    )
                except ValidationError as error:
                    self.add_error("repeat", error)
        return data

    @property
    def recurrence(self) -> dict[str, Any]:
        """Keyword arguments for ``services.event_create``."""
        data = self.cleaned_data
        if not data.get("repeat"):
            return {}
        return {
            "frequency": data["repeat"],
            "interval": data.get("interval") or 1,
            "count": data.get("count"),
            "until": data.get("until"),
        }


class SignUpOnBehalfForm(forms.Form):
    """Staff sign a resident up (elderly residents often cannot do it themselves)."""

    resident_search = forms.CharField(
        label=_("Find the resident"),
        required=False,
        help_text=_("Type part of the name, the last digits of the ID number or the phone."),
        widget=forms.SearchInput,
    )
    resident = forms.ModelChoiceField(label=_("Resident"), queryset=Resident.objects.none())

    def __init__(self, *args: Any, user: Any, options_url: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = Resident.objects.visible_to(user)
        # Only the chosen row is rendered; the picker (htmx) fills the options.
        self.fields["resident"].widget.choices = [("", "---------")]
        self.fields["resident_search"].widget.attrs.update(
            {
                "autocomplete": "off",
                "data-hx-get": options_url,
                "data-hx-target": "#id_resident",
                "data-hx-trigger": "input changed delay:300ms, search",
                "data-hx-include": "#id_resident_search",
            }
        )


class EventCancelForm(forms.Form):
    """Why an event is called off: everyone signed up reads it."""

    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone signed up or waiting is told this, e.g. “暴雨预警，改期另行通知”."),
    )


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=12,
        help_text=_("The six characters shown at the event."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class CalendarFilterForm(forms.Form):
    """The calendar's filters; the iCal feed takes the same ones."""

    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.order_by("code"),
        required=False,
        empty_label=_("All communities"),
        to_field_name="code",
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row g-2 align-items-end mb-3"
        self.helper.disable_csrf = True
        # A button without a name (vnu refuses the empty name of a nameless Submit).
        self.helper.layout = Layout(
            Column("community", css_class="col-6 col-sm-5"),
            Column("kind", css_class="col-6 col-sm-4"),
            Div(
                StrictButton(_("Show"), type="submit", css_class="btn-primary btn-lg w-100"),
                css_class="col-12 col-sm-auto mb-3",
            ),
        )

    def filters(self) -> dict[str, Any]:
        """The cleaned filters, or none when the query string was tampered with."""
        if not self.is_valid():
            return {"community": None, "kind": ""}
        return {"community": self.cleaned_data["community"], "kind": self.cleaned_data["kind"]}

    def query_string(self) -> str:
        data = self.filters()
        parts = []
        if data["community"] is not None:
            parts.append(f"community={data['community'].code}")
        if data["kind"]:
            parts.append(f"kind={data['kind']}")
        return "&".join(parts)


class HourPeriodForm(forms.Form):
    """A period for volunteer-hour totals and certificates; defaults to this year so far."""

    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.none(),
        required=False,
        empty_label=_("All communities"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.visible_to(user).order_by("code")
        if not user.sees_all_communities:
            del self.fields["community"]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row g-2 align-items-end mb-3"
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *(Column(name, css_class="col-12 col-sm-3") for name in self.fields),
            Div(
                StrictButton(_("Show"), type="submit", css_class="btn-primary w-100"),
                css_class="col-12 col-sm-auto mb-3",
            ),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        default_start, default_end = self.default_period()
        data["start"] = data.get("start") or default_start
        data["end"] = data.get("end") or default_end
        if data["end"] < data["start"]:
            self.add_error("end", _("The period ends before it starts."))
        return data

    @staticmethod
    def default_period() -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        return dt.date(today.year, 1, 1), today

    def period(self) -> dict[str, Any]:
        """The chosen period and community; this year so far when none (or a bad one)
        was given, so the page still answers while the form shows its errors."""
        if self.is_bound and self.is_valid():
            return {"community": None, **self.cleaned_data}
        start, end = self.default_period()
        return {"start": start, "end": end, "community": None}
