"""Forms of 追缴 (recovery of money paid after a case should have stopped): recording
what is owed on a stopped case, a repayment, and closing one as recovered or waived.
Forms check input; ``assistance.payments`` checks the rules."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from assistance.models import RecoveryStatus
from portal.core.forms import DateInput, MonthInput

TEXT_LENGTH = 2000


class RecoveryRecordForm(forms.Form):
    """追缴: the month the case should have stopped from, and why it was paid wrongly."""

    from_month = forms.CharField(
        label=_("Should have stopped from"),
        widget=MonthInput(),
        help_text=_("YYYY-MM: what was paid for this month and after is owed."),
    )
    reason = forms.CharField(
        label=_("Why it was paid wrongly"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_from_month(self) -> dt.date:
        from portal.core.dates import parse_month

        try:
            return parse_month(self.cleaned_data["from_month"])
        except ValueError:
            raise ValidationError(_("Choose a month."), code="recovery") from None


class RepaymentForm(forms.Form):
    """Money paid back: how much (exact yuan), on which day, a note (receipt number)."""

    amount = forms.DecimalField(
        label=_("Amount repaid"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    paid_on = forms.DateField(label=_("Repaid on"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("e.g. the receipt number."),
    )


class RecoverySettleForm(forms.Form):
    """Close a recovery: recovered (what is still owed is recorded as repaid today) or
    waived (written off, with the reason)."""

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (RecoveryStatus.RECOVERED, _("Recovered in full")),
            (RecoveryStatus.WAIVED, _("Waived")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Reason or note"),
        max_length=TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a waiver: why the household is not asked to repay."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("outcome") == RecoveryStatus.WAIVED and not (data.get("note") or "").strip():
            self.add_error(
                "note", _("A waiver needs its reason (e.g. the household cannot repay).")
            )
        return data
