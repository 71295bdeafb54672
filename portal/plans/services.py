"""The work plans' workflows: making a plan and its items, marking milestones, starting
next year's plan, and the background work (the daily values, the month-end snapshots).

Every function takes keyword arguments, runs in one transaction and refuses bad input
with ``ValidationError(message, code=...)``; nothing is half-written. The views check who
may call them (``portal.plans.roles``) before they do.
"""

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.dates import add_months
from portal.core.history import save_checked
from portal.plans import progress
from portal.plans.models import (
    FIRST_YEAR,
    LAST_YEAR,
    NO_EVIDENCE,
    Chapter,
    Item,
    ItemKind,
    ItemValue,
    Plan,
    Snapshot,
)
from portal.registry.models import Community

audit_log = logging.getLogger("portal.audit")


# --- plans and chapters ---------------------------------------------------------------------


def _check_year(year: Any) -> int:
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("Give a year between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code="year",
        )
    return year


def _check_free(year: int, community: Community | None) -> None:
    if Plan.objects.unscoped().filter(year=year, community=community).exists():
        raise ValidationError(
            _("There is a plan for this year and scope already."), code="duplicate"
        )


@transaction.atomic
def plan_create(
    *, year: int, community: Community | None, title: str, by: Any, based_on: Plan | None = None
) -> Plan:
    """Create the plan of ``year`` for ``community`` (None: the sub-district).

    For plan editors of that scope (checked by the view). Raises ``ValidationError`` with
    code ``year`` (outside 2000-2100), ``title`` (empty) or ``duplicate`` (a plan of that
    year and scope exists: two requests at once get the same answer from the database's
    constraint)."""
    _check_year(year)
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the plan a title."), code="title")
    _check_free(year, community)
    plan = Plan(year=year, community=community, title=title, created_by=by, based_on=based_on)
    plan.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise ValidationError(
            _("There is a plan for this year and scope already."), code="duplicate"
        ) from None
    audit_log.info("plan created: user=%s plan=%s year=%s", getattr(by, "pk", None), plan.pk, year)
    return plan


@transaction.atomic
def chapter_add(*, plan: Plan, title: str, by: Any) -> Chapter:
    """Add a chapter at the end of ``plan``. Raises ``ValidationError`` with code
    ``title`` (empty) or ``duplicate`` (the plan has a chapter of that title)."""
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the chapter a title."), code="title")
    if plan.chapters.filter(title=title).exists():
        raise ValidationError(_("The plan has a chapter of this title."), code="duplicate")
    position = (
        plan.chapters.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    chapter = Chapter(plan=plan, title=title, position=position)
    chapter.full_clean(validate_constraints=False)
    chapter.save()
    return chapter


# --- items ------------------------------------------------------------------------------


@transaction.atomic
def item_save(*, item: Item, by: Any) -> Item:
    """Save a new or changed item after the model's checks (``Item.clean``).

    Raises ``ValidationError`` by field, with codes ``target_not_positive``,
    ``no_target``, ``unknown_measure``, ``scope_not_counted`` (the plan's scope is one
    the measure cannot count), ``unknown_option``, ``no_evidence`` (a milestone done
    without evidence), ``outside_year``, ``period_backwards``."""
    if item.pk is None and not item.position:
        last = item.chapter.items.order_by("-position").values_list("position", flat=True).first()
        item.position = (last or 0) + 1
    if item.kind == ItemKind.MILESTONE:
        item.target, item.measure_key, item.option = None, "", ""
    save_checked(item, by=by)
    return item


def _check_evidence_scope(item: Item, event: Any, notice: Any) -> None:
    plan = item.plan
    for record in (event, notice):
        if record is None or plan.community_id is None:
            continue
        if record.community_id not in (None, plan.community_id):
            raise ValidationError(
                _("The evidence must be a record of the plan's community."), code="evidence_scope"
            )


@transaction.atomic
def milestone_mark(
    *,
    item: Item,
    done_on: dt.date | None,
    by: Any,
    file: Any = None,
    event: Any = None,
    notice: Any = None,
    note: str = "",
) -> Item:
    """Mark a milestone done on ``done_on`` with its evidence (a file, an event, a notice
    or a note; a file already kept stays unless a new one is given).

    Raises ``ValidationError`` with code ``not_milestone`` (a measured item: its count
    says when it is done), ``no_date``, ``future`` (a date after today), ``no_evidence``
    or ``evidence_scope`` (an event or notice of another community)."""
    if item.kind != ItemKind.MILESTONE:
        raise ValidationError(
            _("A measured item is done when its count reaches the target."), code="not_milestone"
        )
    if done_on is None:
        raise ValidationError(_("Give the date it was done."), code="no_date")
    if done_on > timezone.localdate():
        raise ValidationError(_("The date lies in the future."), code="future")
    _check_evidence_scope(item, event, notice)
    item.done_on = done_on
    if file:
        item.evidence_file = file
    item.evidence_event = event
    item.evidence_notice = notice
    item.evidence_note = (note or "").strip()
    if not item.has_evidence:
        raise ValidationError(NO_EVIDENCE, code="no_evidence")
    save_checked(item, by=by)
    return item


@transaction.atomic
def milestone_reopen(*, item: Item, by: Any) -> Item:
    """Mark a milestone not done again (the evidence is kept, to be corrected)."""
    if item.kind != ItemKind.MILESTONE:
        raise ValidationError(
            _("A measured item is done when its count reaches the target."), code="not_milestone"
        )
    item.done_on = None
    save_checked(item, by=by)
    return item


@transaction.atomic
def item_delete(*, item: Item, by: Any) -> None:
    """Delete an item with its computed values and snapshots."""
    audit_log.info("plan item deleted: user=%s item=%s", getattr(by, "pk", None), item.pk)
    item.delete()


# --- next year's plan ---------------------------------------------------------------


def _next_year(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def plan_copy_next_year(*, plan: Plan, by: Any) -> Plan:
    """Start next year's plan of the same scope from ``plan``: the same chapters and
    items, targets and measures, dates a year later, milestones not done and without
    evidence. Raises ``ValidationError`` with code ``duplicate`` (next year's plan exists)
    or ``year`` (past 2100)."""
    new = plan_create(
        year=plan.year + 1,
        community=plan.community,
        title=plan.title.replace(str(plan.year), str(plan.year + 1)),
        by=by,
        based_on=plan,
    )
    for chapter in plan.chapters.order_by("position", "pk"):
        copy = Chapter.objects.create(plan=new, title=chapter.title, position=chapter.position)
        Item.objects.bulk_create(
            [
                Item(
                    chapter=copy,
                    position=item.position,
                    text=item.text,
                    owner_role=item.owner_role,
                    owner=item.owner,
                    starts_on=_next_year(item.starts_on),
                    due_on=_next_year(item.due_on),
                    kind=item.kind,
                    target=item.target,
                    measure_key=item.measure_key,
                    option=item.option,
                    public=item.public,
                    copied_from=item,
                )
                for item in chapter.items.order_by("position", "pk")
            ]
        )
    return new


# --- the daily values and the month-end snapshots ----------------------------------------


def _scopes(item: Item, communities: list[Community]) -> list[Community | None]:
    """None (the plan's own scope) and, for a sub-district plan whose measure counts
    communities, every community."""
    measure = item.measure
    if item.plan.community_id is None and measure and "community" in measure.scopes:
        return [None, *communities]
    return [None]


@transaction.atomic
def values_compute(*, on: dt.date | None = None, plan: Plan | None = None) -> int:
    """Count every measured item of ``on``'s year (or of ``plan``) to ``on`` and keep the
    values of that day, replacing those computed earlier the same day; returns the rows
    written. Run by the daily beat task and by the plan page's "compute now" button."""
    on = on or timezone.localdate()
    now = timezone.now()
    plans = (
        Plan.objects.unscoped().filter(pk=plan.pk)
        if plan
        else Plan.objects.unscoped().filter(year=on.year)
    )
    communities = list(Community.objects.order_by("code", "name"))
    items = (
        Item.objects.unscoped()
        .measured()
        .filter(chapter__plan__in=plans)
        .select_related("chapter__plan__community")
    )
    written = 0
    for item in items:
        if item.measure is None:
            continue
        for community in _scopes(item, communities):
            value = progress.count(item, on, community)
            ItemValue.objects.update_or_create(
                item=item, community=community, on=on, defaults={"value": value, "computed_at": now}
            )
            written += 1
    return written


def _month_end(month: dt.date) -> dt.date:
    return add_months(month, 1) - dt.timedelta(days=1)


@transaction.atomic
def snapshots_take(*, today: dt.date | None = None) -> int:
    """Keep, for every measured item, its value to the end of each month that has ended
    (within the item's period), once: a snapshot kept is never changed, so running twice
    creates nothing the second time. When the value to the end of the month before is
    now different from its snapshot (records corrected later), the new snapshot's note
    says so. Returns the snapshots created."""
    today = today or timezone.localdate()
    now = timezone.now()
    communities = list(Community.objects.order_by("code", "name"))
    items = (
        Item.objects.unscoped()
        .measured()
        .filter(chapter__plan__year__in=[today.year - 1, today.year])
        .select_related("chapter__plan__community")
    )
    created = 0
    for item in items:
        if item.measure is None:
            continue
        for community in _scopes(item, communities):
            kept = {s.month: s for s in Snapshot.objects.filter(item=item, community=community)}
            month = item.period_start.replace(day=1)
            while _month_end(month) < today and month <= item.period_end:
                if month not in kept:
                    end = min(_month_end(month), item.period_end)
                    note = _correction_note(item, community, kept.get(add_months(month, -1)))
                    kept[month] = Snapshot.objects.create(
                        item=item,
                        community=community,
                        month=month,
                        value=progress.count(item, end, community),
                        note=note,
                        taken_at=now,
                    )
                    created += 1
                month = add_months(month, 1)
    return created


def _correction_note(item: Item, community: Any, previous: Snapshot | None) -> str:
    """A note when the month before's figure, counted again, differs from its snapshot."""
    if previous is None:
        return ""
    again = progress.count(item, min(_month_end(previous.month), item.period_end), community)
    if again == previous.value:
        return ""
    return _(
        "Records of %(month)s or before were corrected later: to the end of %(month)s the "
        "value is now %(now)s (the snapshot kept %(then)s)."
    ) % {
        "month": previous.month.strftime("%Y-%m"),
        "now": _plain(again),
        "then": _plain(previous.value),
    }


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"
