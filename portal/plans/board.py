"""What the plan pages show: each item with its progress read from the daily values (the
report job's, not counted on the page), grouped by chapter, and a small chart per
measured item drawn from its month-end snapshots (server-rendered SVG)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max
from django.utils import timezone

from portal.core.dates import add_months
from portal.plans import progress
from portal.plans.models import Item, ItemValue, Plan, Snapshot

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 240, 80, 4


@dataclass
class Chart:
    """Points of a small SVG chart: the straight-line pace (dashed), the month-end values
    and today's value; x runs over the item's period, y from 0 to the larger of the
    target and the highest value."""

    pace: str
    values: str
    last_x: float
    last_y: float
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT


@dataclass
class Row:
    item: Item
    progress: progress.Progress
    chart: Chart | None = None
    snapshots: list[Snapshot] = field(default_factory=list)


@dataclass
class ChapterRows:
    chapter: Any
    rows: list[Row]


@dataclass
class Board:
    plan: Plan
    community: Any
    on: dt.date | None
    computed_at: dt.datetime | None
    chapters: list[ChapterRows]

    @property
    def rows(self) -> list[Row]:
        return [row for chapter in self.chapters for row in chapter.rows]

    @property
    def behind(self) -> list[Row]:
        return [row for row in self.rows if row.progress.is_behind]


def _x(day: dt.date, start: dt.date, end: dt.date) -> float:
    total = max((end - start).days + 1, 1)
    share = min(max((day - start).days + 1, 0), total) / total
    return round(CHART_PAD + share * (CHART_WIDTH - 2 * CHART_PAD), 1)


def _y(value: Decimal, top: Decimal) -> float:
    share = float(value / top) if top else 0.0
    return round(CHART_HEIGHT - CHART_PAD - min(share, 1.0) * (CHART_HEIGHT - 2 * CHART_PAD), 1)


def chart(
    item: Item, snapshots: list[Snapshot], value: Decimal | None, on: dt.date | None
) -> Chart:
    start, end = item.period_start, item.period_end
    points = [(start - dt.timedelta(days=1), Decimal(0))]
    for snapshot in snapshots:
        month_end = add_months(snapshot.month, 1) - dt.timedelta(days=1)
        points.append((min(month_end, end), snapshot.value))
    if value is not None and on is not None:
        points.append((min(on, end), value))
    top = max([item.target or Decimal(0), *(v for _d, v in points)]) or Decimal(1)
    coords = [(_x(day, start, end), _y(v, top)) for day, v in points]
    return Chart(
        pace=f"{_x(start - dt.timedelta(days=1), start, end)},{_y(Decimal(0), top)} "
        f"{_x(end, start, end)},{_y(item.target or Decimal(0), top)}",
        values=" ".join(f"{x},{y}" for x, y in coords),
        last_x=coords[-1][0],
        last_y=coords[-1][1],
    )


def latest_values(items: list[Item], community: Any) -> tuple[dict[int, ItemValue], dt.date | None]:
    """The values of the last day the job computed for these items in this scope (two
    queries)."""
    values = ItemValue.objects.unscoped().filter(
        item__in=[i.pk for i in items], community=community
    )
    on = values.aggregate(on=Max("on"))["on"]
    if on is None:
        return {}, None
    return {v.item_id: v for v in values.filter(on=on)}, on


def plan_board(
    plan: Plan, community: Any = None, *, charts: bool = True, public_only: bool = False
) -> Board:
    """The plan's items by chapter with their progress in ``community``'s scope (None:
    the plan's own). Five queries (chapters, items, last day, values, snapshots)."""
    chapters = [ChapterRows(c, []) for c in plan.chapters.order_by("position", "pk")]
    by_chapter = {c.chapter.pk: c for c in chapters}
    items = Item.objects.unscoped().filter(chapter__plan=plan)
    if public_only:
        items = items.public()
    items = list(
        items.select_related("chapter", "owner", "evidence_event", "evidence_notice").order_by(
            "chapter__position", "chapter__pk", "position", "pk"
        )
    )
    for item in items:
        item.chapter.plan = plan
    values, on = latest_values(items, community)
    snapshots: dict[int, list[Snapshot]] = {}
    if charts:
        for snapshot in Snapshot.objects.filter(
            item__in=[i.pk for i in items if i.is_measured], community=community
        ).order_by("month"):
            snapshots.setdefault(snapshot.item_id, []).append(snapshot)
    today = on or timezone.localdate()
    computed_at = None
    for item in items:
        stored = values.get(item.pk)
        value = stored.value if stored else None
        if stored:
            computed_at = max(computed_at or stored.computed_at, stored.computed_at)
        row = Row(item, progress.progress(item, today, value))
        if item.is_measured and item.measure is None:
            row.progress = progress.Progress(None, item.target, None, progress.Pace.UNKNOWN)
        if charts and item.is_measured:
            row.snapshots = snapshots.get(item.pk, [])
            row.chart = chart(item, row.snapshots, value, on)
        by_chapter[item.chapter_id].rows.append(row)
    if public_only:
        chapters = [c for c in chapters if c.rows]
    return Board(plan, community, on, computed_at, chapters)
