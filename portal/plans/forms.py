"""The work plans' forms: they check the input; the services check the rules."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import STAFF_ROLES
from portal.core import hooks
from portal.core.forms import DateInput
from portal.events.models import Event
from portal.notices.models import Notice
from portal.plans.models import FIRST_YEAR, LAST_YEAR, Chapter, Item, ItemKind, Plan
from portal.registry.models import Community


class PlanForm(forms.Form):
    """A new plan: its year, scope and title."""

    year = forms.IntegerField(label=_("year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    community = forms.ModelChoiceField(
        label=_("community"),
        queryset=Community.objects.none(),
        required=False,
        empty_label=_("The whole sub-district"),
    )
    title = forms.CharField(label=_("title"), max_length=120)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["community"].queryset = Community.objects.visible_to(user).order_by(
            "code", "name"
        )
        if user is not None and not user.sees_all_communities:
            self.fields["community"].required = True
            self.fields["community"].empty_label = None

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the plan a title."), code="title")
        return title


class ChapterForm(forms.Form):
    title = forms.CharField(label=_("chapter title"), max_length=120)


def measure_choices() -> list[tuple[str, Any]]:
    measures = hooks.plan_measures()
    return [("", _("None (a milestone)"))] + [
        (key, f"{spec.name}（{spec.unit}）") for key, spec in sorted(measures.items())
    ]


def option_choices() -> list[tuple[Any, Any]]:
    """Every measure's filters, grouped by measure (the model checks that the chosen one
    belongs to the chosen measure)."""
    groups: list[tuple[Any, Any]] = [("", _("All"))]
    for _key, spec in sorted(hooks.plan_measures().items()):
        if spec.options:
            groups.append((str(spec.name), [(value, label) for value, label in spec.options]))
    return groups


class ItemForm(forms.ModelForm):
    """A plan item: a measured target (target and measure) or a milestone."""

    measure_key = forms.ChoiceField(label=_("measure"), required=False, choices=())
    option = forms.ChoiceField(label=_("filter"), required=False, choices=())

    class Meta:
        model = Item
        fields = [
            "chapter",
            "text",
            "owner_role",
            "owner",
            "starts_on",
            "due_on",
            "kind",
            "target",
            "measure_key",
            "option",
            "public",
        ]
        widgets = {
            "starts_on": DateInput(),
            "due_on": DateInput(),
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = plan or (self.instance.chapter.plan if self.instance.chapter_id else None)
        self.plan = plan
        self.fields["measure_key"].choices = measure_choices()
        self.fields["option"].choices = option_choices()
        chapters = Chapter.objects.filter(plan=plan) if plan else Chapter.objects.none()
        self.fields["chapter"].queryset = chapters.order_by("position", "pk")
        users = get_user_model().objects.filter(is_active=True, role__in=STAFF_ROLES)
        if plan is not None and plan.community_id:
            users = users.filter(community__in=[plan.community_id, None])
        self.fields["owner"].queryset = users.order_by("username")
        self.fields["target"].min_value = None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == ItemKind.MILESTONE:
            data["target"], data["measure_key"], data["option"] = None, "", ""
            self.instance.target, self.instance.measure_key, self.instance.option = None, "", ""
        return data


#: The largest evidence file taken (a scan of minutes, a photo): 10 MB.
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


class MilestoneForm(forms.Form):
    """A milestone done, with its evidence."""

    done_on = forms.DateField(label=_("done on"), widget=DateInput())
    evidence_file = forms.FileField(label=_("evidence file"), required=False)
    evidence_event = forms.ModelChoiceField(
        label=_("evidence: event"), queryset=Event.objects.none(), required=False
    )
    evidence_notice = forms.ModelChoiceField(
        label=_("evidence: notice"), queryset=Notice.objects.none(), required=False
    )
    evidence_note = forms.CharField(
        label=_("evidence: note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, item: Item | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if item is None:
            return
        plan = item.chapter.plan
        events = Event.objects.unscoped().filter(starts_at__year=plan.year)
        notices = Notice.objects.unscoped().filter(published_at__year=plan.year)
        if plan.community_id:
            events = events.for_public_community(plan.community)
            notices = notices.for_public_community(plan.community)
        self.fields["evidence_event"].queryset = events.order_by("-starts_at")
        self.fields["evidence_notice"].queryset = notices.order_by("-published_at")

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if upload and upload.size > EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 10 MB; send a smaller scan or photo."), code="too_big"
            )
        return upload


class ScopeForm(forms.Form):
    """Which community's figures a sub-district plan's page shows."""

    community = forms.ModelChoiceField(
        label=_("community"),
        queryset=Community.objects.none(),
        required=False,
        empty_label=_("The whole sub-district"),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.visible_to(user).order_by(
            "code", "name"
        )
