"""Forms of the service guide: the public search, the staff list's filters and the
staff form that writes an entry."""

from typing import Any

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.forms import FilterForm
from portal.guide.models import Category, ServiceEntry, Status


class ServiceSearchForm(FilterForm):
    """The public page's search box and category filter, large for phones and older eyes."""

    q = forms.CharField(
        label=_("What do you need?"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(
            attrs={
                "placeholder": _("For example 低保, 体检, 高龄津贴"),
                "autocomplete": "off",
                "class": "form-control-lg",
            }
        ),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
        widget=forms.Select(attrs={"class": "form-select-lg"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.form_class = "mb-4 d-print-none"
        self.helper.attrs = {"role": "search"}
        self.helper.layout = Layout(
            Row(
                Column("q", css_class="col-12 col-md-7"),
                Column("category", css_class="col-12 col-md-5"),
            ),
            StrictButton(_("Search"), type="submit", css_class="btn-primary btn-lg px-5"),
        )


class StaffFilterForm(FilterForm):
    """Search and filters of the staff table."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(
            attrs={"placeholder": _("Title, keyword or material"), "autocomplete": "off"}
        ),
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *Category.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = self.search_bar()


class ServiceEntryForm(forms.ModelForm):
    """Write or correct a guide entry. Materials and steps are typed one per line."""

    class Meta:
        model = ServiceEntry
        fields = [
            "title",
            "slug",
            "category",
            "app",
            "summary",
            "eligibility",
            "materials",
            "steps",
            "fee",
            "place",
            "opening_hours",
            "contact",
            "keywords",
            "status",
            "status_note",
            "online_path",
            "sort_order",
        ]
        widgets = {
            "slug": forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
            ),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "eligibility": forms.Textarea(attrs={"rows": 4}),
            "materials": forms.Textarea(attrs={"rows": 6}),
            "steps": forms.Textarea(attrs={"rows": 6}),
            "status": forms.RadioSelect,
            "online_path": forms.TextInput(attrs={"spellcheck": "false"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Status.choices  # no empty choice for a radio list
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                _("The service"),
                Row(
                    Column("title", css_class="col-12 col-md-8"),
                    Column("slug", css_class="col-12 col-md-4"),
                ),
                Row(
                    Column("category", css_class="col-12 col-md-4"),
                    Column("app", css_class="col-12 col-md-4"),
                    Column("sort_order", css_class="col-12 col-md-4"),
                ),
                "summary",
                "keywords",
            ),
            Fieldset(
                _("What residents need to know"),
                "eligibility",
                "materials",
                "steps",
                "fee",
                Row(
                    Column("place", css_class="col-12 col-md-6"),
                    Column("opening_hours", css_class="col-12 col-md-6"),
                ),
                "contact",
            ),
            Fieldset(
                _("Status and online application"),
                "status",
                "status_note",
                "online_path",
            ),
        )
        self.helper.add_input(Submit("save", _("Save"), css_class="btn-lg px-4"))

    def clean_slug(self) -> str:
        return self.cleaned_data["slug"].strip().lower()

    def clean_online_path(self) -> str:
        return self.cleaned_data["online_path"].strip()
