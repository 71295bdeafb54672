"""Forms of a resident's own pages: nominating and voting in a selection."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from partywork.models import Membership, Nomination


class NominationForm(forms.Form):
    membership = forms.ModelChoiceField(label=_("Member"), queryset=Membership.objects.none())
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea)

    def __init__(self, data: Any = None, files: Any = None, *, selection: Any = None) -> None:
        super().__init__(data, files)
        if selection is not None:
            field = self.fields["membership"]
            field.queryset = (
                Membership.objects.filter(
                    organisation_id=selection.organisation_id, left_on__isnull=True
                )
                .select_related("resident")
                .order_by("resident__name")
            )
            field.label_from_instance = lambda membership: membership.resident.name


class VoteForm(forms.Form):
    nomination = forms.ModelChoiceField(
        label=_("Your choice"), queryset=Nomination.objects.none(), empty_label=_("Choose one")
    )

    def __init__(self, data: Any = None, files: Any = None, *, selection: Any = None) -> None:
        super().__init__(data, files)
        if selection is not None:
            field = self.fields["nomination"]
            field.queryset = selection.nominations.select_related("membership__resident")
            field.label_from_instance = lambda nomination: nomination.membership.resident.name
