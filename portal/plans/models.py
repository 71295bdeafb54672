"""The yearly work plans (年度工作计划): a plan per year and scope, its chapters and items,
the values of measured items computed each day, and the month-end snapshots.

A plan belongs to the whole sub-district (no community) or to one community; there is at
most one per year and scope. An item is either a **measured target** (a number, a unit and
a measure registered by an app through the ``plan_measures`` hook, counted from that app's
records, never typed in) or a **milestone** (done or not, with evidence: a file, an event,
a notice or a note).
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Role
from portal.accounts.scoping import CommunityScopedQuerySet
from portal.core import contract, hooks

#: The years a plan may be made for (a typed 0001 or 9999 is refused by the form).
FIRST_YEAR = 2000
LAST_YEAR = 2100
TARGET_DIGITS = {"max_digits": 14, "decimal_places": 2}
NO_EVIDENCE = _("A milestone marked done needs evidence: a file, an event, a notice or a note.")


class PlanQuerySet(CommunityScopedQuerySet):
    # The sub-district's plan (no community) concerns every community's staff too.
    null_community_is_shared = True

    def for_year(self, year: int) -> "PlanQuerySet":
        return self.filter(year=year)


class Plan(models.Model):
    """The work plan of one year for the sub-district (no community) or one community."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for the plan of the whole sub-district."),
    )
    title = models.CharField(_("title"), max_length=120)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("started from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-year", "community__code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "community"],
                condition=Q(community__isnull=False),
                name="plans_one_plan_per_year_and_community",
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(community__isnull=True),
                name="plans_one_subdistrict_plan_per_year",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan-detail", args=[self.pk])

    @property
    def scope(self) -> str:
        return contract.SCOPE_SUBDISTRICT if self.community_id is None else contract.SCOPE_COMMUNITY

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def ends_on(self) -> dt.date:
        return dt.date(self.year, 12, 31)


class Chapter(models.Model):
    """A chapter of a plan (the seed's 篇1 … 篇6): a heading that groups items."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="chapters"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=120)

    class Meta:
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="plans_chapter_title_unique")
        ]

    def __str__(self) -> str:
        return self.title


class ItemKind(models.TextChoices):
    MEASURED = "measured", _("Measured target")
    MILESTONE = "milestone", _("Milestone")


class ItemQuerySet(CommunityScopedQuerySet):
    community_lookup = "chapter__plan__community"
    null_community_is_shared = True

    def measured(self) -> "ItemQuerySet":
        return self.filter(kind=ItemKind.MEASURED)

    def public(self) -> "ItemQuerySet":
        return self.filter(public=True)


class Item(models.Model):
    """One line of a plan: what is promised, who carries it, by when, and how it is
    known to be done (a measured target or a milestone with evidence)."""

    chapter = models.ForeignKey(
        Chapter, verbose_name=_("chapter"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("what is planned"), max_length=1000)
    owner_role = models.CharField(
        _("responsible role"),
        max_length=30,
        blank=True,
        choices=[(r.value, r.label) for r in Role if r != Role.RESIDENT],
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(
        _("from"), null=True, blank=True, help_text=_("Empty: the start of the plan's year.")
    )
    due_on = models.DateField(
        _("due"), null=True, blank=True, help_text=_("Empty: the end of the plan's year.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    # A measured target.
    target = models.DecimalField(_("target"), null=True, blank=True, **TARGET_DIGITS)
    measure_key = models.CharField(_("measure"), max_length=60, blank=True)
    option = models.CharField(_("filter"), max_length=40, blank=True)
    # A milestone and its evidence.
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="plans/%Y/", blank=True)
    evidence_event = models.ForeignKey(
        "events.Event",
        verbose_name=_("evidence: event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence_notice = models.ForeignKey(
        "notices.Notice",
        verbose_name=_("evidence: notice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence_note = models.TextField(_("evidence: note"), max_length=2000, blank=True)
    public = models.BooleanField(
        _("shown to residents"),
        default=False,
        help_text=_("Listed on the public page 计划完成情况 (no names, only the progress)."),
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["chapter__position", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gt=0), name="plans_target_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return reverse("plans:item-detail", args=[self.pk])

    @property
    def plan(self) -> Plan:
        return self.chapter.plan

    @property
    def is_measured(self) -> bool:
        return self.kind == ItemKind.MEASURED

    @property
    def period_start(self) -> dt.date:
        return self.starts_on or self.plan.starts_on

    @property
    def period_end(self) -> dt.date:
        return self.due_on or self.plan.ends_on

    @property
    def measure(self) -> contract.PlanMeasureSpec | None:
        """The registered measure, or None when no installed app registers it (any more)."""
        return hooks.plan_measures().get(self.measure_key) if self.measure_key else None

    @property
    def unit(self) -> Any:
        measure = self.measure
        return measure.unit if measure else ""

    @property
    def option_label(self) -> Any:
        measure = self.measure
        if not measure or not self.option:
            return ""
        return dict(measure.options).get(self.option, self.option)

    @property
    def has_evidence(self) -> bool:
        return bool(
            self.evidence_file
            or self.evidence_event_id
            or self.evidence_notice_id
            or self.evidence_note.strip()
        )

    def clean(self) -> None:
        """The rules of an item, whoever saves it: a measured item has a positive target
        and a measure its plan's scope can count; a milestone done has evidence; the
        period lies in the plan's year and runs forwards."""
        errors: dict[str, Any] = {}
        plan = self.chapter.plan if self.chapter_id else None
        if self.kind == ItemKind.MEASURED:
            if self.target is None:
                errors["target"] = ValidationError(_("Give the target."), code="no_target")
            elif self.target <= Decimal(0):
                errors["target"] = ValidationError(
                    _("The target must be greater than zero."), code="target_not_positive"
                )
            measure = self.measure
            if measure is None:
                errors["measure_key"] = ValidationError(
                    _("Choose a measure that an installed app counts."), code="unknown_measure"
                )
            else:
                if plan is not None and plan.scope not in measure.scopes:
                    errors["measure_key"] = ValidationError(
                        _("This measure cannot be counted for the plan's scope."),
                        code="scope_not_counted",
                    )
                if self.option and self.option not in dict(measure.options):
                    errors["option"] = ValidationError(
                        _("This filter does not belong to the measure."), code="unknown_option"
                    )
            if self.done_on:
                errors["done_on"] = ValidationError(
                    _("A measured item is done when its count reaches the target."),
                    code="measured_done",
                )
        else:
            if self.target is not None or self.measure_key:
                errors["target"] = ValidationError(
                    _("A milestone has no target or measure."), code="milestone_target"
                )
            if self.done_on and not self.has_evidence:
                errors["done_on"] = ValidationError(
                    NO_EVIDENCE,
                    code="no_evidence",
                )
        if plan is not None:
            for name in ("starts_on", "due_on", "done_on"):
                day = getattr(self, name)
                if day and name != "done_on" and day.year != plan.year:
                    errors[name] = ValidationError(
                        _("The date must lie in the plan's year."), code="outside_year"
                    )
        if self.starts_on and self.due_on and self.starts_on > self.due_on:
            errors["due_on"] = ValidationError(
                _("The due date comes before the start."), code="period_backwards"
            )
        if errors:
            raise ValidationError(errors)


class ItemValueQuerySet(CommunityScopedQuerySet):
    community_lookup = "item__chapter__plan__community"
    null_community_is_shared = True

    def _community_q(self, community_id: int) -> Q:
        """A community's own plan's values, and of a sub-district plan the total and that
        community's share: never another community's share."""
        return Q(item__chapter__plan__community=community_id) | (
            Q(item__chapter__plan__community__isnull=True)
            & (Q(community=community_id) | Q(community__isnull=True))
        )


class ItemValue(models.Model):
    """An item's value to date as the daily job computed it, for the plan's scope (no
    community: the whole sub-district) or one community of a sub-district plan."""

    item = models.ForeignKey(
        Item, verbose_name=_("plan item"), on_delete=models.CASCADE, related_name="values"
    )
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    on = models.DateField(_("value on"))
    value = models.DecimalField(_("value"), **TARGET_DIGITS)
    computed_at = models.DateTimeField(_("computed"))

    objects = ItemValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan item value")
        verbose_name_plural = _("plan item values")
        ordering = ["-on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "community", "on"],
                condition=Q(community__isnull=False),
                name="plans_value_per_item_community_day",
            ),
            models.UniqueConstraint(
                fields=["item", "on"],
                condition=Q(community__isnull=True),
                name="plans_value_per_item_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.on}: {self.value}"


class Snapshot(models.Model):
    """An item's value to the end of a month, kept as it was on the first run after the
    month ended: a past month's figure never changes. When records of an earlier month
    were corrected later, the next snapshot says so in ``note``."""

    item = models.ForeignKey(
        Item, verbose_name=_("plan item"), on_delete=models.CASCADE, related_name="snapshots"
    )
    community = models.ForeignKey(
        "registry.Community",
        verbose_name=_("community"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    month = models.DateField(_("month"))
    value = models.DecimalField(_("value at month end"), **TARGET_DIGITS)
    note = models.CharField(_("note"), max_length=500, blank=True)
    taken_at = models.DateTimeField(_("taken"))

    class Meta:
        verbose_name = _("month-end snapshot")
        verbose_name_plural = _("month-end snapshots")
        ordering = ["month", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "community", "month"],
                condition=Q(community__isnull=False),
                name="plans_snapshot_per_item_community_month",
            ),
            models.UniqueConstraint(
                fields=["item", "month"],
                condition=Q(community__isnull=True),
                name="plans_snapshot_per_item_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.month:%Y-%m}: {self.value}"
