"""Forms of the standards and roster pages (staff) and of a resident's request for
temporary assistance. They check the input; the services check the rules."""

import datetime as dt
from decimal import Decimal
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from assistance.models import Application, CareTier, Programme, Rule, Standard
from portal.core import dates
from portal.core.forms import MonthInput
from portal.core.text import field_label
from portal.registry.models import Household, RegistrationType
from portal.reports.forms import StatisticsRequestForm

BAD_MONTH = _("Give the month as YYYY-MM, for example 2026-03.")
AMOUNT_ABOVE_ZERO = _("Enter an amount above zero.")
# Ceiling of a typed amount, to catch an extra zero or two with a clear message.
MAX_AMOUNT = Decimal("1000000")


def _money_field(label: Any, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.01"),
        max_value=MAX_AMOUNT,
        max_digits=10,
        decimal_places=2,
        error_messages={"min_value": AMOUNT_ABOVE_ZERO},
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0.01"}),
        **kwargs,
    )


# --- residents --------------------------------------------------------------------------------


class TemporaryRequestForm(forms.Form):
    """A resident asks for temporary assistance (临时救助) for their own household: which
    kind, why, and how much. Only the active temporary programmes open to the household's
    registration are offered."""

    programme = forms.ModelChoiceField(
        label=_("Kind of assistance"),
        queryset=Programme.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("What happened"),
        max_length=Application._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Describe the emergency or the expense (an illness, an accident, a fire …) and "
            "how it affects your household. Staff will contact you to check it."
        ),
    )
    requested_amount = _money_field(
        _("Amount you ask for (yuan)"),
        help_text=_("The community checks it; the amount decided may differ."),
    )

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = self.fields["programme"]
        programmes.queryset = (
            Programme.objects.active()
            .filter(rule=Rule.TEMPORARY, registration_type__in=["", household.registration_type])
            .order_by("position", "pk")
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", _("Send my request"), css_class="btn-lg"))

    @property
    def has_programmes(self) -> bool:
        return self.fields["programme"].queryset.exists()


# --- standards (staff) ------------------------------------------------------------------------


def parse_month_field(value: str) -> dt.date:
    """``"2026-03"`` → 1 March 2026, or the form's error."""
    try:
        return dates.parse_month(value)
    except ValueError:
        raise ValidationError(BAD_MONTH) from None


class StandardForm(forms.Form):
    """A new standard: programme, urban/rural, care tier (特困 only), yuan per person per
    month, the month it takes effect and the document that set it. Temporary and medical
    programmes have no standard of their own and are not offered."""

    programme = forms.ModelChoiceField(label=field_label(Standard, "programme"), queryset=None)
    registration_type = forms.ChoiceField(
        label=field_label(Standard, "registration_type"),
        required=False,
        choices=[("", _("Urban and rural")), *RegistrationType.choices],
    )
    care_tier = forms.ChoiceField(
        label=field_label(Standard, "care_tier"),
        required=False,
        choices=[("", _("Basic standard")), *CareTier.choices],
        help_text=_("For destitute-person support (特困) care amounts only."),
    )
    monthly_amount = _money_field(field_label(Standard, "monthly_amount"))
    effective_from = forms.CharField(
        label=_("Effective from (month)"),
        widget=MonthInput(),
        help_text=_("For example 2026-07. The standard applies from the first of that month."),
    )
    document = forms.CharField(
        label=field_label(Standard, "document"),
        max_length=Standard._meta.get_field("document").max_length,
        required=False,
        help_text=Standard._meta.get_field("document").help_text,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = (
            Programme.objects.active()
            .exclude(rule__in=[Rule.TEMPORARY, Rule.MEDICAL])
            .order_by("position", "pk")
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("programme"),
            Row(
                Column("registration_type", css_class="col-sm-6"),
                Column("care_tier", css_class="col-sm-6"),
            ),
            Row(
                Column("monthly_amount", css_class="col-sm-6"),
                Column("effective_from", css_class="col-sm-6"),
            ),
            Field("document"),
            Submit("submit", _("Add the standard"), css_class="btn-lg"),
        )

    def clean_effective_from(self) -> dt.date:
        return parse_month_field(self.cleaned_data["effective_from"])


# --- roster (staff) -----------------------------------------------------------------------------


class RosterRequestForm(StatisticsRequestForm):
    """Which month's payment roster, for which community of the user's scope (empty: the
    whole sub-district, for sub-district roles only) and, for roles that verify identity,
    whether with full names and ID numbers."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["month"].label = _("Payment month")
        fields: list[Any] = [
            Row(Column("month", css_class="col-sm-6"), Column("community", css_class="col-sm-6"))
        ]
        if user.can_see_full_identity:
            self.fields["full_identity"] = forms.BooleanField(
                label=_("Full names, ID and account numbers"),
                required=False,
                help_text=_(
                    "Otherwise names are shown in part (张*), no ID number is written and "
                    "account numbers show their last four digits. Every download is recorded."
                ),
            )
            fields.append(Field("full_identity"))
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *fields, Submit("submit", _("Build the roster"), css_class="btn-lg")
        )

    def clean_month(self) -> Any:
        """Any month up to next month (a roster prepared ahead for the bank)."""
        from assistance.roster import check_roster_month
        from portal.core.dates import parse_month

        try:
            month = parse_month(self.cleaned_data["month"])
        except ValueError:
            raise ValidationError(_("Choose a month."), code="roster_month") from None
        check_roster_month(month)
        return month

    def describe(self) -> str:
        """The job's record of the request, e.g.
        "发放月份：2026-03；社区：东南；完整姓名、身份证号和银行账号：是"."""
        text = super().describe()
        if self.cleaned_data.get("full_identity"):
            text += f"；{self.fields['full_identity'].label}：{_('yes')}"
        return text


class RosterCloseForm(forms.Form):
    """Record that a month's roster has been paid (关账): that month is then fixed."""

    month = forms.CharField(
        label=_("Month paid"),
        widget=MonthInput(),
        help_text=_("YYYY-MM: the roster the bank has paid."),
    )
    confirm = forms.BooleanField(
        label=_("The bank has paid this roster; fix its amounts."),
        help_text=_("Later changes are paid from the next month, with back-pay; cannot be undone."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("month", css_class="col-sm-6")),
            Field("confirm"),
            Submit("close", _("Close the month's roster"), css_class="btn-lg btn-warning"),
        )

    def clean_month(self) -> dt.date:
        from portal.core.dates import parse_month

        try:
            return parse_month(self.cleaned_data["month"])
        except ValueError:
            raise ValidationError(_("Choose a month."), code="roster_month") from None
