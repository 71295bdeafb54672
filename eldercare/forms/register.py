"""The register's filter bar and the elder profile form."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eldercare import rules
from eldercare.forms import submit_helper
from eldercare.models import ElderProfile
from portal.core.forms import FilterForm
from portal.registry.models import Community


class ElderFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Care category"), required=False)
    band = forms.TypedChoiceField(label=_("Age band"), required=False, coerce=int, empty_value=None)
    community = forms.ModelChoiceField(
        label=_("Community"), required=False, queryset=Community.objects.none()
    )

    def __init__(self, data: Any, *, user: Any) -> None:
        super().__init__(data)
        self.fields["category"].choices = [
            ("", _("All categories")),
            *rules.CATEGORY_LABELS.items(),
        ]
        self.fields["band"].choices = [
            ("", _("All ages")),
            *((band, _("%(age)s and over") % {"age": band}) for band in rules.BANDS),
        ]
        if user.sees_all_communities:
            self.fields["community"].queryset = Community.objects.order_by("code")
            self.fields["community"].empty_label = _("All communities")
        else:
            del self.fields["community"]
        self.helper = self.search_bar()


class ElderProfileForm(forms.ModelForm):
    class Meta:
        model = ElderProfile
        fields = [
            "living",
            "hardship",
            "childless",
            "disabled",
            "disabled_veteran",
            "red_army",
            "contact_name",
            "contact_relation",
            "contact_phone",
            "risk_falls",
            "risk_wandering",
            "risk_chronic",
            "risk_notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))
