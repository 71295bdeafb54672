"""Forms of the assistance staff pages: the application list's filters, a new
application, a workflow step, 批量确认, the answer to an objection, and the household
survey (members, incomes, assets and obligors, edited on one page).

Every choice of an application, a member or a programme is limited to what the page may
offer (the user's scope, this application's members), so a POSTed id from elsewhere
fails validation instead of being saved.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row, Submit
from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assistance.models import (
    Application,
    Asset,
    Category,
    Channel,
    IncomeExclusion,
    IncomeItem,
    Member,
    Obligor,
    Programme,
    Rule,
    Status,
)
from portal.core.forms import DateInput, FilterForm
from portal.core.text import field_label
from portal.registry.models import Household

TEXT_LENGTH = 2000
#: Blank rows offered under the stored incomes, assets and obligors.
EXTRA_SURVEY_ROWS = 2
MAX_SURVEY_ROWS = 200
#: Characters the account number's box takes: 30 digits with the spaces between groups.
ACCOUNT_NUMBER_INPUT_LENGTH = 40


class Tab:
    TODO = "todo"
    DONE = "done"
    ALL = "all"
    CHOICES = (
        (TODO, _("Waiting for me")),
        (DONE, _("Handled by me")),
        (ALL, _("All applications")),
    )


# --- the list ----------------------------------------------------------------------------------


class ApplicationFilterForm(FilterForm):
    """The application list's tab, search box and selects (GET). Sub-district roles may
    also filter by community; community roles see their own only."""

    tab = forms.ChoiceField(choices=Tab.CHOICES, required=False, widget=forms.HiddenInput)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    programme = forms.TypedChoiceField(
        label=field_label(Application, "programme"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=field_label(Application, "status"),
        required=False,
        choices=[("", _("All statuses")), *Status.choices],
    )
    community = forms.TypedChoiceField(
        label=field_label(Household, "community"), required=False, coerce=int, empty_value=None
    )

    def __init__(
        self,
        data: Any,
        *,
        programmes: list[tuple[int, str]],
        communities: list[tuple[int, str]],
    ) -> None:
        super().__init__(data)
        self.fields["q"].widget = forms.SearchInput(
            attrs={
                "placeholder": _("Head's name, address or certificate number"),
                "autocomplete": "off",
            }
        )
        self.fields["programme"].choices = [("", _("All programmes")), *programmes]
        if len(communities) > 1:
            self.fields["community"].choices = [("", _("All communities")), *communities]
        else:
            del self.fields["community"]
        self.helper = self._search_bar()

    @property
    def chosen_tab(self) -> str:
        return self.filters().get("tab") or Tab.TODO

    def _search_bar(self) -> FormHelper:
        # FilterForm.search_bar() with the tab kept as a hidden field.
        helper = FormHelper()
        helper.form_method = "get"
        helper.disable_csrf = True
        helper.form_class = "mb-3"
        helper.layout = Layout(
            Field("tab"),
            Row(
                Column("q", css_class="col-12 col-lg-4"),
                *(
                    Column(name, css_class="col-12 col-sm-6 col-lg")
                    for name in self.fields
                    if name not in ("q", "tab")
                ),
            ),
            StrictButton(_("Search"), type="submit", css_class="btn-primary px-4"),
        )
        return helper


class BatchConfirmForm(forms.Form):
    """批量确认: the ticked applications (of the user's scope) and one opinion."""

    applications = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(),
        error_messages={
            "required": _("Tick the applications to confirm."),
            "invalid_choice": _("One of the ticked applications cannot be found."),
            "invalid_pk_value": _("One of the ticked applications cannot be found."),
        },
    )
    opinion = forms.CharField(
        label=_("Opinion"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = Application.objects.visible_to(user).select_related(
            "programme", "household__community"
        )


class BatchPublishForm(forms.Form):
    """批量公示: the ticked reviewed applications of the user's scope whose programme
    has a 公示 (``applications_publish`` checks the rest)."""

    applications = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(),
        error_messages={
            "required": _("Tick the applications to publish."),
            "invalid_choice": _("One of the ticked applications cannot be published."),
            "invalid_pk_value": _("One of the ticked applications cannot be found."),
        },
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = (
            Application.objects.visible_to(user)
            .awaiting_publicity()
            .select_related("programme", "household__community")
        )


# --- a new application ------------------------------------------------------------------------


class ApplicationForm(forms.Form):
    """What staff enter for a household's application; ``application_submit`` (in
    ``assistance.services.applications``) checks the rest (duplicates, the members)."""

    programme = forms.ModelChoiceField(
        label=field_label(Application, "programme"), queryset=Programme.objects.none()
    )
    channel = forms.ChoiceField(
        label=field_label(Application, "channel"),
        choices=[
            (Channel.COUNTER, Channel.COUNTER.label),
            (Channel.ON_BEHALF, Channel.ON_BEHALF.label),
        ],
        initial=Channel.COUNTER,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=field_label(Application, "reason"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    requested_amount = forms.DecimalField(
        label=field_label(Application, "requested_amount"),
        required=False,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Required for temporary assistance: the amount asked for or proposed."),
    )
    rigid_expenses = forms.DecimalField(
        label=field_label(Application, "rigid_expenses"),
        required=False,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=Application._meta.get_field("rigid_expenses").help_text,
    )
    staff_relative = forms.BooleanField(
        label=field_label(Application, "staff_relative"),
        required=False,
        help_text=Application._meta.get_field("staff_relative").help_text,
    )

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.applicable().filter(
            Q(registration_type="") | Q(registration_type=household.registration_type)
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Submit the application"), css_class="btn-lg px-4"))

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        programme = cleaned_data.get("programme")
        if (
            programme
            and programme.rule == Rule.TEMPORARY
            and not cleaned_data.get("requested_amount")
            and not self.has_error("requested_amount")
        ):
            self.add_error(
                "requested_amount", _("Enter the amount of temporary assistance asked for.")
            )
        return cleaned_data


# --- steps and objections ------------------------------------------------------------------------


class StepForm(forms.Form):
    """One workflow step: where to, the opinion, and the management category where the
    step sets it. Which steps are allowed is the service's decision."""

    to = forms.ChoiceField(choices=Status.choices)
    opinion = forms.CharField(
        label=_("Opinion"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when refusing or stopping: the household is told it in writing."),
    )
    category = forms.ChoiceField(
        label=field_label(Application, "category"),
        required=False,
        choices=[("", _("Keep as it is")), *Category.choices],
        help_text=_("Sets the review interval (A and B yearly, C every six months)."),
    )


class ObjectionAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )
    next = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


# --- the payee account ---------------------------------------------------------------------------


class PayeeAccountForm(forms.ModelForm):
    """The payee account (收款账户). A role that does not verify identity never sees the
    stored number: its box starts empty with the last four digits beside it, and left
    empty keeps the number."""

    class Meta:
        model = Application
        fields = ["bank_name", "account_name", "account_number", "account_status"]
        widgets = {
            "account_number": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"})
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        number = self.fields["account_number"]
        # Room for the spaces people type between groups of digits.
        number.max_length = ACCOUNT_NUMBER_INPUT_LENGTH
        number.widget.attrs["maxlength"] = str(ACCOUNT_NUMBER_INPUT_LENGTH)
        number.validators = []
        self.keeps_hidden_number = bool(self.instance.account_number) and not getattr(
            user, "can_see_full_identity", False
        )
        if self.keeps_hidden_number:
            self.initial["account_number"] = ""
            number.help_text = _("Recorded: %(number)s. Leave it empty to keep it.") % {
                "number": self.instance.masked_account_number
            }
        else:
            number.help_text = _("Digits only; spaces between groups are removed.")
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save the account"), css_class="btn-lg px-4"))

    def clean_account_number(self) -> str:
        number = "".join(self.cleaned_data["account_number"].split()).replace("-", "")
        if not number and self.keeps_hidden_number:
            return self.instance.account_number
        return number

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        if cleaned_data.get("account_number"):
            for name in ("bank_name", "account_name"):
                if not (cleaned_data.get(name) or "").strip():
                    self.add_error(name, _("Required with an account number."))
        return cleaned_data


# --- the survey ----------------------------------------------------------------------------------


class MemberSurveyForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = [
            "counted",
            "not_counted_reason",
            "labour_capacity",
            "severely_disabled",
            "seriously_ill",
            "care_tier",
            "employment",
            "in_school",
        ]


class IncomeForm(forms.ModelForm):
    class Meta:
        model = IncomeItem
        fields = ["member", "category", "description", "amount", "exclusion"]


class AssetForm(forms.ModelForm):
    class Meta:
        model = Asset
        fields = ["kind", "description", "value"]


class ObligorForm(forms.ModelForm):
    class Meta:
        model = Obligor
        fields = [
            "name",
            "relation",
            "id_number",
            "family_size",
            "per_capita_income",
            "monthly_support",
            "unable_reason",
        ]
        widgets = {"id_number": forms.TextInput(attrs={"autocomplete": "off"})}
        help_texts = {
            "monthly_support": _(
                "Only an amount agreed or ordered: the support owed is computed from their "
                "income and family size by the local rule, and the larger counts."
            )
        }


class BaseSurveyFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"
            form.fields["DELETE"].label = _("Delete this row")


class MemberFormSet(BaseSurveyFormSet):
    """The members as the registry listed them at application: edited, never added or
    removed here."""

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("resident").order_by("pk")


class IncomeFormSet(BaseSurveyFormSet):
    """Incomes, each of a member of this application (or of the household). The member
    and exclusion choices are read once for all rows."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = list(self.instance.members.select_related("resident").order_by("pk"))
        self.member_choices = [
            ("", _("The household as a whole")),
            *((m.pk, m.resident.name) for m in members),
        ]
        self.exclusion_choices = [
            ("", _("Counted")),
            *IncomeExclusion.objects.values_list("pk", "name"),
        ]

    def get_queryset(self) -> Any:
        return super().get_queryset().order_by("pk")

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        member = form.fields["member"]
        member.queryset = Member.objects.filter(application=self.instance)
        member.choices = self.member_choices
        exclusion = form.fields["exclusion"]
        exclusion.choices = self.exclusion_choices


def _formset(model: type, form: type, formset: type, **options: Any) -> type:
    return forms.inlineformset_factory(
        Application, model, form=form, formset=formset, fk_name="application", **options
    )


MEMBER_FORMSET = _formset(
    Member, MemberSurveyForm, MemberFormSet, extra=0, can_delete=False, edit_only=True
)
ROW_OPTIONS = {
    "extra": EXTRA_SURVEY_ROWS,
    "can_delete": True,
    "max_num": MAX_SURVEY_ROWS,
    "validate_max": True,
}
INCOME_FORMSET = _formset(IncomeItem, IncomeForm, IncomeFormSet, **ROW_OPTIONS)
ASSET_FORMSET = _formset(Asset, AssetForm, BaseSurveyFormSet, **ROW_OPTIONS)
OBLIGOR_FORMSET = _formset(Obligor, ObligorForm, BaseSurveyFormSet, **ROW_OPTIONS)


@dataclass(frozen=True)
class SurveyError:
    section: str
    row: int | None
    label: str
    message: str
    anchor: str


class SurveyForms:
    """The survey's four formsets, bound and validated together; ``survey_save`` (in
    ``assistance.services.survey``) saves them in one transaction."""

    SECTIONS = (
        ("members", MEMBER_FORMSET, _("Members")),
        ("incomes", INCOME_FORMSET, _("Incomes")),
        ("assets", ASSET_FORMSET, _("Assets")),
        ("obligors", OBLIGOR_FORMSET, _("Support obligors")),
    )

    def __init__(self, data: Any = None, *, application: Application) -> None:
        self.application = application
        for prefix, factory, _title in self.SECTIONS:
            setattr(self, prefix, factory(data, instance=application, prefix=prefix))

    def __iter__(self) -> Any:
        return iter(self.formsets)

    @property
    def formsets(self) -> list[forms.BaseInlineFormSet]:
        return [getattr(self, prefix) for prefix, _factory, _title in self.SECTIONS]

    @property
    def is_bound(self) -> bool:
        return self.members.is_bound

    def is_valid(self) -> bool:
        # Every formset validated (no short cut), so that every error shows at once.
        results = [formset.is_valid() for formset in self.formsets]
        return all(results)

    def errors(self) -> list[SurveyError]:
        """Every error of every row, for the summary at the top of the page."""
        found = []
        for prefix, _factory, title in self.SECTIONS:
            formset = getattr(self, prefix)
            for message in formset.non_form_errors():
                found.append(SurveyError(str(title), None, "", message, prefix))
            for number, form in enumerate(formset.forms, start=1):
                for name, messages in form.errors.items():
                    field = form.fields.get(name)
                    anchor = form[name].auto_id if field else f"{prefix}-row-{number}"
                    label = str(field.label) if field else ""
                    for message in messages:
                        found.append(SurveyError(str(title), number, label, message, anchor))
        return found


class SpecialDecisionForm(forms.Form):
    """一事一议: who decided, when, the minutes and the amount (``assistance.temporary.
    special_decision_record`` checks the rest)."""

    decided_by = forms.CharField(label=_("Decided by"), max_length=100, required=False)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DateInput())
    minutes = forms.CharField(
        label=_("Minutes of the decision"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    amount = forms.DecimalField(
        label=_("Amount decided"), max_digits=12, decimal_places=2, required=False
    )


# --- 共同生活 members added and removed at the survey ------------------------------------------


class MemberAddForm(forms.Form):
    """A person counted in the household who is not in its registry household: found in
    the registry by ID number, or (not there) registered with the name given
    (``assistance.services.survey.member_add`` checks the number and the rest)."""

    id_number = forms.CharField(
        label=_("ID number"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=50,
        required=False,
        help_text=_("Only for a person not in the registry."),
    )
    reason = forms.CharField(
        label=_("Why they are counted"),
        max_length=200,
        help_text=_("e.g. spouse registered elsewhere, student, newborn."),
    )


class MemberRemoveForm(forms.Form):
    """A counted member no longer counted, with the reason; the choice is limited to
    this application's counted members."""

    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none())
    reason = forms.CharField(
        label=_("Why they are no longer counted"),
        max_length=200,
        help_text=_("e.g. moved out, married away, deceased."),
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        # Its own ids: the add form on the same page has a reason too.
        kwargs.setdefault("auto_id", "id_remove_%s")
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = application.members.filter(counted=True)


class PriorAssistanceForm(forms.Form):
    """先行救助: the amount paid at once and the emergency that makes it urgent
    (``assistance.temporary.prior_assistance_pay`` checks the cap and the case)."""

    amount = forms.DecimalField(
        label=_("Amount paid in advance"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    reason = forms.CharField(
        label=_("The emergency"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
