"""Forms of the notices pages: the staff form with its list of names (one editor that
validates and saves both), the staff list's filters and the public list's filters.

The community choice is limited to what the user may see, so a POSTed id of another
community fails validation ("Select a valid choice") instead of being saved.
"""

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.forms import DateInput, FilterForm
from portal.core.text import field_label
from portal.notices.models import (
    Notice,
    NoticeKind,
    NoticeListing,
    NoticeObjection,
    NoticeStatus,
    default_period,
)
from portal.registry.models import Community

LISTINGS_PREFIX = "listings"
#: Blank rows offered under a 公示's list; "Save and add rows" offers more.
EXTRA_LISTING_ROWS = 3
MAX_LISTING_ROWS = 500


class NoticeForm(forms.ModelForm):
    """A notice's own fields. The community is the user's own for community roles (and
    required); sub-district roles may pick any community or none (the whole sub-district)."""

    class Meta:
        model = Notice
        fields = [
            "kind",
            "title",
            "community",
            "body",
            "period_starts",
            "period_ends",
            "objection_contact",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 10}),
            "period_starts": DateInput(),
            "period_ends": DateInput(),
        }

    def __init__(self, *args: Any, user: Any, kind_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        community = self.fields["community"]
        # Like the registry forms' community field: the choices are the visible scope.
        community.queryset = Community.objects.visible_to(user).order_by("code", "name")
        if user.sees_all_communities:
            community.required = False
            community.empty_label = _("Whole sub-district")
        else:
            community.required = True
            community.empty_label = None
            community.help_text = ""
        self.fields["kind"].choices = NoticeKind.choices  # no "---------" radio
        if not self.instance.pk:
            # model_to_dict() gives blanks for a new notice; fill them, keep what was asked.
            starts, ends = default_period(timezone.localdate())
            defaults = {"kind": NoticeKind.ANNOUNCEMENT, "period_starts": starts}
            defaults["period_ends"] = ends
            if not user.sees_all_communities:
                defaults["community"] = user.community_id
            for name, value in defaults.items():
                if not self.initial.get(name):
                    self.initial[name] = value
        if kind_url:
            # Choosing the kind fetches the 公示 section (period, contact, list) or an
            # empty one: the list of names is shown for a 公示 only.
            self.fields["kind"].widget.attrs.update(
                {
                    "data-hx-get": kind_url,
                    "data-hx-trigger": "change",
                    "data-hx-target": "#publicity",
                    "data-hx-swap": "outerHTML",
                }
            )

    @property
    def chosen_kind(self) -> str:
        """The kind the page is drawn for: posted, else the record's, else the initial."""
        if self.is_bound:
            value = self.data.get(self.add_prefix("kind"), "")
        else:
            value = self.initial.get("kind") or self.instance.kind
        return value if value in NoticeKind.values else NoticeKind.ANNOUNCEMENT


class NoticeListingForm(forms.ModelForm):
    """One row of a 公示's list of names."""

    class Meta:
        model = NoticeListing
        fields = ["name", "detail"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "detail": forms.TextInput(attrs={"autocomplete": "off"}),
        }


class BaseListingFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def get_queryset(self) -> Any:
        return super().get_queryset().order_by("position", "pk")

    def kept_forms(self) -> list[forms.Form]:
        """The rows that stay after saving, in page order: filled in and not deleted."""
        return [
            form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


def listing_formset(extra: int = EXTRA_LISTING_ROWS) -> type[BaseListingFormSet]:
    """The formset of a 公示's rows, with ``extra`` blank rows after the stored ones."""
    return forms.inlineformset_factory(
        Notice,
        NoticeListing,
        form=NoticeListingForm,
        formset=BaseListingFormSet,
        fields=["name", "detail"],
        extra=extra,
        can_delete=True,
        max_num=MAX_LISTING_ROWS,
        validate_max=True,
    )


class NoticeEditor:
    """The notice form and, for a 公示, its list of names: validated together and saved
    in one transaction, so a bad row saves neither the notice nor any row.

    The list is processed only when the page showed it (its management form was
    posted); otherwise the stored rows are left as they are.
    """

    def __init__(
        self,
        data: QueryDict | None,
        *,
        user: Any,
        instance: Notice | None = None,
        kind: str | None = None,
        kind_url: str = "",
        extra_rows: int = EXTRA_LISTING_ROWS,
    ) -> None:
        initial = {"kind": kind} if kind in NoticeKind.values else {}
        self.form = NoticeForm(
            data, user=user, instance=instance, initial=initial, kind_url=kind_url
        )
        self.kind = self.form.chosen_kind
        self.listings: BaseListingFormSet | None = None
        if self.kind == NoticeKind.PUBLICITY:
            posted = data is not None and f"{LISTINGS_PREFIX}-TOTAL_FORMS" in data
            self.listings = listing_formset(extra_rows)(
                data if posted else None, instance=self.form.instance, prefix=LISTINGS_PREFIX
            )

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    @property
    def listings_posted(self) -> bool:
        return self.listings is not None and self.listings.is_bound

    def is_valid(self) -> bool:
        # The notice first: the rows are checked against its cleaned kind.
        valid = self.form.is_valid()
        if self.listings_posted:
            valid = self.listings.is_valid() and valid
        if valid and not self._only_publicity_has_rows():
            valid = False
        return valid

    def _only_publicity_has_rows(self) -> bool:
        notice = self.form.instance
        if notice.kind == NoticeKind.PUBLICITY or not notice.pk:
            return True
        if notice.listings.exists():
            self.form.add_error(
                "kind",
                _(
                    "This notice has a list of names, which only a public notice (公示) "
                    "has. Delete the rows of the list first."
                ),
            )
            return False
        return True

    @transaction.atomic
    def save(self, *, by: Any) -> Notice:
        """Save the notice and its rows (rows renumbered in page order). Call after
        :meth:`is_valid`. Every saved row gets a history row naming ``by``."""
        notice = self.form.save(commit=False)
        if not notice.pk:
            notice.created_by = by
        notice._history_user = by
        notice.save()
        if self.listings_posted:
            for form in self.listings.deleted_forms:
                if form.instance.pk:
                    form.instance._history_user = by
                    form.instance.delete()
            for position, form in enumerate(self.listings.kept_forms(), start=1):
                row = form.save(commit=False)
                if row.pk and not form.has_changed() and row.position == position:
                    continue
                row.notice = notice
                row.position = position
                row._history_user = by
                row.save()
        return notice

    # --- what the error summary lists -------------------------------------------------------

    def error_rows(self) -> list[dict[str, Any]]:
        """Each error of the list as ``{"row": n, "field": name, "label": …, "message": …}``
        (``row`` 0 and no field for errors of the list as a whole)."""
        if not self.listings_posted:
            return []
        rows: list[dict[str, Any]] = [
            {"row": 0, "field": "", "label": "", "message": message, "id": ""}
            for message in self.listings.non_form_errors()
        ]
        for number, form in enumerate(self.listings.forms, start=1):
            for message in form.non_field_errors():
                rows.append({"row": number, "field": "", "label": "", "message": message, "id": ""})
            for field in form.visible_fields():
                for message in field.errors:
                    rows.append(
                        {
                            "row": number,
                            "field": field.name,
                            "label": field.label,
                            "message": message,
                            "id": field.auto_id,
                        }
                    )
        return rows

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors) or bool(self.error_rows())


# --- list filters ------------------------------------------------------------------------------


class NoticeFilterForm(FilterForm):
    """The staff list's search box and selects; submitted by GET, so nothing to protect."""

    SUB_DISTRICT = 0  # the "community" value of notices of the whole sub-district

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=field_label(Notice, "kind"), required=False)
    status = forms.ChoiceField(label=field_label(Notice, "status"), required=False)
    community = forms.TypedChoiceField(
        label=field_label(Notice, "community"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data: Any, *, communities: list[tuple[int, str]]) -> None:
        super().__init__(data)
        self.fields["q"].widget = forms.SearchInput(
            attrs={"placeholder": _("Words in the title"), "autocomplete": "off"}
        )
        self.fields["kind"].choices = [("", _("All kinds")), *NoticeKind.choices]
        self.fields["status"].choices = [("", _("Any status")), *NoticeStatus.choices]
        if len(communities) > 1:
            self.fields["community"].choices = [
                ("", _("All communities")),
                (self.SUB_DISTRICT, _("Whole sub-district")),
                *communities,
            ]
        else:
            del self.fields["community"]  # one community: nothing to choose
        self.helper = self.search_bar()


class PublicNoticeFilterForm(FilterForm):
    """The public list's kind tabs and community select (GET)."""

    kind = forms.ChoiceField(required=False, widget=forms.HiddenInput)
    community = forms.TypedChoiceField(
        label=field_label(Notice, "community"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data: Any, *, communities: list[tuple[int, str]]) -> None:
        super().__init__(data)
        self.fields["kind"].choices = [("", ""), *NoticeKind.choices]
        self.fields["community"].choices = [("", _("All communities")), *communities]
        self.fields["community"].widget.attrs["class"] = "form-select form-select-lg"


# --- objections (public page) -----------------------------------------------------------------


class ObjectionForm(forms.Form):
    """A signed-in person's objection to a running 公示 (the public notice page). The
    service checks that the notice still takes objections."""

    text = forms.CharField(
        label=_("Your objection"),
        max_length=NoticeObjection._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say what you know that speaks against the notice. Staff look into every "
            "objection; it is not shown on this page."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template posts it to the objection address
        self.helper.add_input(Submit("submit", _("Submit my objection"), css_class="btn-lg"))


class ObjectionRejectForm(forms.Form):
    """不予受理: the reason staff give for not accepting an objection."""

    reason = forms.CharField(
        label=_("Reason for not accepting"),
        max_length=NoticeObjection._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ObjectionRecordForm(forms.Form):
    """An objection someone raised in person at the office, recorded by staff."""

    raised_by_name = forms.CharField(
        label=NoticeObjection._meta.get_field("raised_by_name").verbose_name,
        max_length=NoticeObjection._meta.get_field("raised_by_name").max_length,
        required=False,
        help_text=NoticeObjection._meta.get_field("raised_by_name").help_text,
    )
    text = forms.CharField(
        label=_("Objection"),
        max_length=NoticeObjection._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
