"""Forms of adult-degree enrolments and the farmers' column."""

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from education.forms.courses import submit_helper
from education.models import ColumnPost, DegreeEnrolment, DegreeExam
from portal.core.forms import DateInput
from portal.events.forms import LocalDateTimeInput
from portal.registry.models import Resident


class DegreeEnrolmentForm(forms.ModelForm):
    """A new adult-degree enrolment; the learner is chosen among the residents the user
    may see (a POSTed id from elsewhere fails validation)."""

    class Meta:
        model = DegreeEnrolment
        fields = ["resident", "university", "major", "level", "enrolled_on", "student_number"]
        widgets = {"enrolled_on": DateInput()}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = Resident.objects.visible_to(user).order_by("name")
        self.helper = submit_helper(_("Save"))


class DegreeStatusForm(forms.ModelForm):
    class Meta:
        model = DegreeEnrolment
        fields = ["status", "graduated_on", "diploma_number", "note"]
        widgets = {"graduated_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("status") == "graduated" and not data.get("graduated_on"):
            self.add_error("graduated_on", _("Give the date of graduation."))
        return data


class DegreeExamForm(forms.ModelForm):
    class Meta:
        model = DegreeExam
        fields = ["subject", "sat_on", "score", "passed"]
        widgets = {"sat_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ColumnPostForm(forms.ModelForm):
    class Meta:
        model = ColumnPost
        fields = ["title", "category", "body", "published_at", "withdrawn"]
        widgets = {"published_at": LocalDateTimeInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["published_at"].input_formats = ["%Y-%m-%dT%H:%M"]
        self.helper = submit_helper(_("Save"))
