"""Forms of the charity pages: the lists' filters, the donor and donation forms and the
allocation form with its household picker.

Choices of a donor, a community or a household are limited to what the user may see,
so a POSTed id from another community fails validation instead of being saved.
"""

import json
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistance.forms.medical import submit_helper
from assistance.models import Allocation, Donation, DonationKind, Donor, DonorKind, Purpose
from portal.core.forms import DateInput, FilterForm
from portal.core.text import field_label
from portal.registry import idnumbers
from portal.registry.models import Community, Household

#: Households offered in the allocation form's select before anything is typed.
HOUSEHOLD_OPTIONS = 30


def _community_choice(form: forms.ModelForm, user: Any) -> None:
    """The sub-district chooses a community or none (its charity association); community
    staff record for their own community, so the field leaves their form."""
    if user.sees_all_communities:
        field = form.fields["community"]
        field.queryset = Community.objects.order_by("code", "name")
        field.empty_label = _("The sub-district's charity association")
    else:
        del form.fields["community"]


class DonationFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=field_label(Donation, "kind"), required=False)
    purpose = forms.ChoiceField(label=field_label(Donation, "purpose"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data: Any, *, years: list[int]) -> None:
        super().__init__(data)
        self.fields["q"].widget = forms.SearchInput(
            attrs={"placeholder": _("The donor's name"), "autocomplete": "off"}
        )
        self.fields["kind"].choices = [("", _("All kinds")), *DonationKind.choices]
        self.fields["purpose"].choices = [("", _("All purposes")), *Purpose.choices]
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        self.helper = self.search_bar()


class DonorFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=field_label(Donor, "kind"), required=False)

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        self.fields["q"].widget = forms.SearchInput(
            attrs={"placeholder": _("Name or contact person"), "autocomplete": "off"}
        )
        self.fields["kind"].choices = [("", _("All kinds")), *DonorKind.choices]
        self.helper = self.search_bar()


class DonorForm(forms.ModelForm):
    """Register a donor; saved through ``assistance.services.charity.donor_create``."""

    class Meta:
        model = Donor
        fields = ["kind", "name", "credit_code", "contact", "phone", "community"]
        widgets = {
            "kind": forms.RadioSelect,
            "credit_code": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "phone": forms.TelInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = DonorKind.choices
        _community_choice(self, user)
        self.helper = submit_helper(_("Save"))

    def clean_phone(self) -> str:
        phone = idnumbers.normalize_phone(self.cleaned_data["phone"])
        if phone:
            idnumbers.validate_phone(phone)
        return phone


class DonationForm(forms.ModelForm):
    """Record a donation; saved through ``assistance.services.charity.donation_record``."""

    class Meta:
        model = Donation
        fields = [
            "donor",
            "kind",
            "purpose",
            "received_on",
            "value",
            "hours",
            "description",
            "community",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "received_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "hours": _("For labour only: the hours given."),
            "description": _("For goods: what was given and how much."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = Donor.objects.visible_to(user).order_by("name", "pk")
        self.fields["kind"].choices = DonationKind.choices
        _community_choice(self, user)
        self.initial.setdefault("received_on", timezone.localdate())
        self.helper = submit_helper(_("Save"))


class AllocationForm(forms.ModelForm):
    """Give part of a donation to a household (found by address or a member's name) or
    to a project; saved through ``assistance.services.charity.allocation_create``."""

    household_search = forms.CharField(
        label=_("Find a household"),
        required=False,
        max_length=100,
        help_text=_("Type part of the address or a member's name, then choose below."),
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )

    field_order = ["household_search", "household", "project", "value", "allocated_on", "note"]

    class Meta:
        model = Allocation
        fields = ["household", "project", "value", "allocated_on", "note"]
        widgets = {"allocated_on": DateInput()}
        help_texts = {
            "project": _(
                "Instead of a household: a project, such as festival visits to elderly people."
            ),
        }

    def __init__(self, *args: Any, user: Any, donation: Donation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        households = Household.objects.visible_to(user).select_related("community")
        if donation.community_id:
            households = households.filter(community=donation.community_id)
        field = self.fields["household"]
        field.queryset = households
        if user.sees_all_communities:
            field.label_from_instance = lambda h: f"{h.community} · {h.address}"
        else:
            field.label_from_instance = lambda h: h.address
        self._offer_only_the_chosen_household(households)
        picker: dict[str, Any] = {
            "data-hx-get": reverse("registry:household-options"),
            "data-hx-target": "#id_household",
            "data-hx-include": "#id_household_search",
            "data-hx-trigger": "input changed delay:300ms, search",
        }
        if donation.community_id:
            picker["data-hx-vals"] = json.dumps({"community": donation.community_id})
        self.fields["household_search"].widget.attrs.update(picker)
        self.initial.setdefault("allocated_on", timezone.localdate())
        self.helper = submit_helper(_("Save"))

    def _offer_only_the_chosen_household(self, households: Any) -> None:
        """The select lists the chosen household alone (or the first few); the search box
        above it fetches others. Validation takes any household of the queryset."""
        field = self.fields["household"]
        chosen = self["household"].value()
        if str(chosen or "").isascii() and str(chosen or "").isdigit():  # "²" is a digit too
            options = list(households.filter(pk=chosen))
        else:
            options = list(households.order_by("address", "pk")[:HOUSEHOLD_OPTIONS])
        field.widget.choices = [
            ("", field.empty_label),
            *((h.pk, field.label_from_instance(h)) for h in options),
        ]
