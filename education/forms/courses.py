"""Forms of the community college: courses, opening a class, finding a learner to enrol.
Forms check input; the services check the rules."""

from typing import Any

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from education.models import Course, CourseCategory
from portal.core.forms import FilterForm
from portal.events.forms import LocalDateTimeInput
from portal.events.models import Frequency
from portal.registry.models import Community


def submit_helper(label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label, css_class="btn-lg px-4"))
    return helper


class CourseFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        self.fields["q"].widget = forms.SearchInput(
            attrs={"placeholder": _("Course or teacher"), "autocomplete": "off"}
        )
        self.fields["category"].choices = [("", _("All categories")), *CourseCategory.choices]
        self.helper = self.search_bar()


class CourseForm(forms.ModelForm):
    """A course of the community college; the coordinator chooses its community (none:
    the sub-district's college)."""

    class Meta:
        model = Course
        fields = [
            "name",
            "category",
            "community",
            "teacher",
            "place",
            "hours",
            "capacity",
            "programme",
            "description",
            "active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.order_by("code", "name")
        self.fields["community"].empty_label = _("The sub-district's community college")
        self.helper = submit_helper(_("Save"))


class CourseClassForm(forms.Form):
    """Open a class: its name, first session, length and how it repeats."""

    name = forms.CharField(label=_("Class name"), max_length=100)
    first_start = forms.DateTimeField(
        label=_("First session starts"),
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    minutes = forms.IntegerField(label=_("Minutes per session"), min_value=15, max_value=720)
    frequency = forms.ChoiceField(label=_("Repeats"), choices=Frequency.choices)
    count = forms.IntegerField(label=_("Number of sessions"), min_value=1, max_value=104)
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Empty: the course's number of places."),
    )
    place = forms.CharField(
        label=_("Place"), max_length=200, required=False, help_text=_("Empty: the course's place.")
    )
    enrolment_closes_at = forms.DateTimeField(
        label=_("Enrolment closes"),
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M"],
        required=False,
        help_text=_("Empty: when the first session starts."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Open the class"))


class LearnerSearchForm(FilterForm):
    q = forms.CharField(label=_("Find a learner"), required=False, max_length=100)

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        self.fields["q"].widget = forms.SearchInput(
            attrs={"placeholder": _("Name, or the last digits of the ID or phone number")}
        )
        self.helper = self.search_bar()


class EducationYearForm(FilterForm):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        helper = FormHelper()
        helper.form_method = "get"
        helper.disable_csrf = True
        helper.form_class = "mb-3"
        helper.layout = Layout(
            Row(Column("year", css_class="col-6 col-sm-4 col-lg-2")),
            StrictButton(_("Show"), type="submit", css_class="btn-primary px-4"),
        )
        self.helper = helper
