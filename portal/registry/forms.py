"""Forms of the registry's staff pages: the resident and household forms, and the
search-and-filter forms of the two lists.

Every choice of a community, compound or household is limited to what the user may
see, so a POSTed id from another community fails validation ("Select a valid choice")
instead of being saved.
"""

from dataclasses import dataclass, field
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.forms import DateInput, FilterForm
from portal.core.text import field_label
from portal.registry import idnumbers
from portal.registry.imports import XLSX_CONTENT_TYPE, check_upload
from portal.registry.models import (
    Community,
    Compound,
    Household,
    RegistrationType,
    Relation,
    Resident,
)

# Room for an ID number typed with spaces or hyphens ("330203 19800517 1234"); it is
# normalised to its 18 characters before the model's length limit applies.
ID_NUMBER_INPUT_LENGTH = 30


def _limit_choices(field: forms.ModelChoiceField, queryset: Any, user: Any, *, label: str) -> None:
    """Offer only what ``user`` may see; name the community too when several are visible."""
    field.queryset = queryset
    if user.sees_all_communities:
        field.label_from_instance = lambda obj: f"{obj.community} · {getattr(obj, label)}"


def _submit_helper(label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label, css_class="btn-lg px-4"))
    return helper


class DistinctErrorsMixin:
    """Model.clean() repeats the cross-field checks these forms make first (household
    and community, compound and community); show each message once per field."""

    def add_error(self, field: str | None, error: Any) -> None:
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            if field is not None:
                raise TypeError("A dictionary of errors needs field=None.")
            by_field = error.error_dict
        else:
            by_field = {field or NON_FIELD_ERRORS: error.error_list}
        for name, errors in by_field.items():
            shown = self._errors.get(name, []) if self._errors else []
            fresh = [e for e in errors if not set(e.messages) <= set(shown)]
            if fresh:
                super().add_error(None if name == NON_FIELD_ERRORS else name, fresh)


# What the household picker sends: the chosen community and the search text.
HOUSEHOLD_PICKER = "#id_community, #id_household_search"


class ResidentForm(DistinctErrorsMixin, forms.ModelForm):
    """Register or correct a resident.

    Gender and birth date may be left blank: ``Resident.clean()`` reads them from the ID
    number, and refuses typed values that disagree with it. A 15-digit ID number is
    stored in its 18-digit form.
    """

    household_search = forms.CharField(
        label=_("Find a household"),
        required=False,
        max_length=100,
        help_text=_("Type part of the address or a member's name, then choose below."),
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )

    field_order = [
        *("name", "id_number", "gender", "birth_date", "phone", "community"),
        *("household_search", "household", "relation_to_head", "tags"),
    ]

    class Meta:
        model = Resident
        fields = [
            "name",
            "id_number",
            "gender",
            "birth_date",
            "phone",
            "community",
            "household",
            "relation_to_head",
            "tags",
        ]
        widgets = {
            "id_number": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "birth_date": DateInput(),
            "phone": forms.TelInput(attrs={"autocomplete": "off"}),
            "tags": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "gender": _("Leave blank to take it from the ID number."),
            "birth_date": _("Leave blank to take it from the ID number."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gender"].required = False
        self.fields["birth_date"].required = False
        id_number = self.fields["id_number"]
        id_number.max_length = ID_NUMBER_INPUT_LENGTH
        id_number.validators = [
            v for v in id_number.validators if not isinstance(v, MaxLengthValidator)
        ]
        id_number.widget.attrs["maxlength"] = str(ID_NUMBER_INPUT_LENGTH)

        self.fields["community"].queryset = Community.objects.visible_to(user)
        households = Household.objects.visible_to(user).select_related("community")
        _limit_choices(self.fields["household"], households, user, label="address")
        self._offer_only_the_chosen_household(households)
        if not self.instance.pk and not self.initial.get("community") and user.community_id:
            self.initial["community"] = user.community_id

        # Roles that edit the registry without checking identity (administrators) may
        # not see an existing resident's full numbers, so those fields leave the form.
        self.identity_editable = bool(user.can_see_full_identity or not self.instance.pk)
        if not self.identity_editable:
            del self.fields["id_number"]
            del self.fields["phone"]
        self.helper = _submit_helper(_("Save"))

    def _offer_only_the_chosen_household(self, households: Any) -> None:
        """The select lists the chosen household alone; the search box above it fetches
        others (``registry:household-options``). Validation still takes any household in
        the user's scope, and only those."""
        field = self.fields["household"]
        chosen = self["household"].value()
        if str(chosen or "").isascii() and str(chosen or "").isdigit():  # "²" is a digit too
            options = list(households.filter(pk=chosen))
        else:
            options = list(households.order_by("community_id", "address", "pk")[:30])
        field.widget.choices = [
            ("", field.empty_label),
            *((h.pk, field.label_from_instance(h)) for h in options),
        ]
        # Typing in the search box, or choosing another community, refills the select.
        refill = {
            "data-hx-get": reverse("registry:household-options"),
            "data-hx-target": "#id_household",
            "data-hx-include": HOUSEHOLD_PICKER,
        }
        self.fields["community"].widget.attrs.update({**refill, "data-hx-trigger": "change"})
        self.fields["household_search"].widget.attrs.update(
            {**refill, "data-hx-trigger": "input changed delay:300ms, search"}
        )

    def clean_id_number(self) -> str:
        return idnumbers.normalize_id_number(self.cleaned_data["id_number"])

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        community = cleaned_data.get("community")
        household = cleaned_data.get("household")
        if community and household and household.community_id != community.pk:
            self.add_error("household", _("This household belongs to another community."))
            # The relation is to the refused household: checking it would only add noise.
            cleaned_data.pop("relation_to_head", None)
        elif (
            household
            and cleaned_data.get("relation_to_head") == Relation.HEAD
            and household.members.filter(relation_to_head=Relation.HEAD)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            # Said here, beside the field, rather than by the database constraint's
            # form-wide message.
            self.add_error("relation_to_head", _("This household already has a head."))
        if not self.identity_editable:
            self._require_what_the_stored_number_cannot_give(cleaned_data)
        return cleaned_data

    def _require_what_the_stored_number_cannot_give(self, cleaned_data: dict[str, Any]) -> None:
        # Blank gender and birth date come from the ID number. When the number is not in
        # the form, the model checks the stored one; if that no longer parses (an old
        # import, a region code since retired), they must be typed.
        try:
            idnumbers.parse_id_number(self.instance.id_number)
        except ValidationError:
            for name in ("gender", "birth_date"):
                if not cleaned_data.get(name) and not self.has_error(name):
                    self.add_error(name, self.fields[name].error_messages["required"])


class HouseholdForm(DistinctErrorsMixin, forms.ModelForm):
    """Register or correct a household: its community, compound, address and whether the
    registration is urban or rural."""

    class Meta:
        model = Household
        fields = ["community", "compound", "address", "registration_type"]
        widgets = {"registration_type": forms.RadioSelect}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.visible_to(user)
        compounds = Compound.objects.visible_to(user).select_related("community")
        _limit_choices(self.fields["compound"], compounds, user, label="name")
        self.fields["registration_type"].choices = RegistrationType.choices
        if not self.instance.pk and user.community_id:
            self.initial.setdefault("community", user.community_id)
        self.helper = _submit_helper(_("Save"))

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        community = cleaned_data.get("community")
        compound = cleaned_data.get("compound")
        if community and compound and compound.community_id != community.pk:
            self.add_error("compound", _("This compound belongs to another community."))
        if (
            community
            and self.instance.pk
            and community.pk != self.instance.community_id
            and self.instance.members.exists()
        ):
            self.add_error(
                "community",
                _("This household has members; move them first, then change its community."),
            )
        return cleaned_data


# --- list filters ------------------------------------------------------------------------------


@dataclass
class ScopeChoices:
    """The communities a user may see and their compounds, for the filter selects."""

    communities: list[tuple[int, str]] = field(default_factory=list)
    compounds: dict[str, list[tuple[int, str]]] = field(default_factory=dict)


class _ListFilterForm(FilterForm):
    """Search box and selects of a list page; submitted by GET, so nothing to protect."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    community = forms.TypedChoiceField(
        label=field_label(Resident, "community"), required=False, coerce=int, empty_value=None
    )
    compound = forms.TypedChoiceField(
        label=field_label(Household, "compound"), required=False, coerce=int, empty_value=None
    )

    search_placeholder = ""

    def __init__(self, data: Any, *, scope: ScopeChoices) -> None:
        super().__init__(data)
        self.fields["q"].widget = forms.SearchInput(
            attrs={"placeholder": self.search_placeholder, "autocomplete": "off"}
        )
        if len(scope.communities) > 1:
            self.fields["community"].choices = [("", _("All communities")), *scope.communities]
        else:
            del self.fields["community"]  # one community: nothing to choose
        if len(scope.compounds) > 1:
            compound_choices: list[Any] = list(scope.compounds.items())
        else:
            compound_choices = [c for group in scope.compounds.values() for c in group]
        if compound_choices:
            self.fields["compound"].choices = [("", _("All compounds")), *compound_choices]
        else:
            del self.fields["compound"]

        self.helper = self.search_bar()


class ResidentFilterForm(_ListFilterForm):
    """The resident list's search: submitted by POST, because its term may be a full ID or
    phone number, which must not appear in a URL (access logs, history; ASVS 14.2.1)."""

    tag = forms.ChoiceField(label=field_label(Resident, "tags"), required=False)

    search_placeholder = _("Name, last digits of the ID number, or phone")

    def __init__(self, data: Any, *, scope: ScopeChoices, tags: list[tuple[str, str]]) -> None:
        super().__init__(data, scope=scope)
        self.fields["tag"].choices = [("", _("All tags")), *tags]
        self.helper.form_method = "post"
        self.helper.disable_csrf = False


class HouseholdFilterForm(_ListFilterForm):
    registration_type = forms.ChoiceField(
        label=field_label(Household, "registration_type"),
        required=False,
        choices=[("", _("Urban and rural")), *RegistrationType.choices],
    )

    search_placeholder = _("Address or a member's name")


# --- import ------------------------------------------------------------------------------------


class ImportUploadForm(forms.Form):
    """The spreadsheet to import. ``clean_file`` refuses, with the reason, a file that is
    too large, no .xlsx workbook, has the wrong headings or no rows: nothing is stored."""

    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"),
        help_text=_("Fill in the template; the first sheet or the sheet 居民名单 is read."),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _submit_helper(_("Upload and check"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload
