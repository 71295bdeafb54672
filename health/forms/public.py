"""The residents' form: asking a family-doctor team for a contract."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from health.forms.office import submit_helper
from health.models import Package, Team


class ContractRequestForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Family-doctor team"), queryset=Team.objects.none())
    package = forms.ChoiceField(label=_("Service package"), choices=Package.choices)

    def __init__(self, data: Any = None, *, community: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        if community is not None:
            self.fields["team"].queryset = Team.objects.in_community(community.pk).select_related(
                "facility"
            )
        self.helper = submit_helper(_("Ask for a contract"))
