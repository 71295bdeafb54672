"""Progress of a plan item: the value to date (counted by the measure's app), the share
of the target, the straight-line pace for a date, and whether the item is ahead, on pace
or behind.

Pace: an item running from ``period_start`` to ``period_end`` should have reached
``target × elapsed days / days of the period`` by the end of ``on`` (both days inclusive).
The item is **ahead** when its value exceeds that by more than ``PLANS_AHEAD_MARGIN``
(a share of the expected value), **behind** when it falls short by more than
``PLANS_BEHIND_MARGIN``, and **on pace** in between. A milestone is done, open, or
behind once its due date has passed undone.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.core import hooks

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class Pace:
    NOT_STARTED = "not_started"
    AHEAD = "ahead"
    ON_PACE = "on_pace"
    BEHIND = "behind"
    REACHED = "reached"
    DONE = "done"
    OPEN = "open"
    UNKNOWN = "unknown"
    NOT_COMPUTED = "not_computed"

    LABELS = {
        NOT_STARTED: _("Not started"),
        AHEAD: _("Ahead"),
        ON_PACE: _("On pace"),
        BEHIND: _("Behind"),
        REACHED: _("Target reached"),
        DONE: pgettext_lazy("plan item", "Done"),
        OPEN: pgettext_lazy("plan item", "Open"),
        UNKNOWN: _("Measure not installed"),
        NOT_COMPUTED: _("Not computed yet"),
    }
    #: Bootstrap colours of the badges and bars.
    COLOURS = {
        NOT_STARTED: "secondary",
        AHEAD: "success",
        ON_PACE: "primary",
        BEHIND: "danger",
        REACHED: "success",
        DONE: "success",
        OPEN: "secondary",
        UNKNOWN: "warning",
        NOT_COMPUTED: "secondary",
    }


def quantize(value: Any) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def count(item: Any, on: dt.date, community: Any = None) -> Decimal | None:
    """The item's value from its start to ``on`` (capped at its due date) for
    ``community`` (None: the plan's own scope), counted by the measure's app; None when no
    installed app registers the measure."""
    measure = item.measure
    if measure is None:
        return None
    if community is None:
        community = item.plan.community
    start, end = item.period_start, min(on, item.period_end)
    if end < start:
        return ZERO
    value = hooks.resolve(measure.count)(
        start=start, end=end, community=community, option=item.option
    )
    return quantize(value or 0)


def expected(target: Decimal, start: dt.date, end: dt.date, on: dt.date) -> Decimal:
    """What a straight line from 0 at ``start`` to ``target`` at the end of ``end`` has
    reached by the end of ``on``."""
    total = (end - start).days + 1
    elapsed = min(max((on - start).days + 1, 0), total)
    return quantize(target * elapsed / total)


@dataclass(frozen=True)
class Progress:
    value: Decimal | None
    target: Decimal | None
    expected: Decimal | None
    status: str

    @property
    def share(self) -> Decimal | None:
        """Value / target, as a percentage (may pass 100)."""
        if self.value is None or not self.target:
            return None
        return (self.value * HUNDRED / self.target).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def bar(self) -> int:
        """The share for a progress bar: 0 … 100."""
        share = self.share
        return 0 if share is None else int(min(max(share, ZERO), HUNDRED))

    @property
    def label(self) -> Any:
        return Pace.LABELS[self.status]

    @property
    def colour(self) -> str:
        return Pace.COLOURS[self.status]

    @property
    def is_behind(self) -> bool:
        return self.status == Pace.BEHIND


def measured_status(
    value: Decimal, target: Decimal, start: dt.date, end: dt.date, on: dt.date
) -> tuple[str, Decimal]:
    """The pace status of a measured value on ``on``, and the value expected by then."""
    due = expected(target, start, end, on)
    if value >= target:
        return Pace.REACHED, due
    if on < start:
        return Pace.NOT_STARTED, due
    ahead = Decimal(str(settings.PLANS_AHEAD_MARGIN))
    behind = Decimal(str(settings.PLANS_BEHIND_MARGIN))
    if value > due * (ONE + ahead):
        return Pace.AHEAD, due
    if value < due * (ONE - behind):
        return Pace.BEHIND, due
    return Pace.ON_PACE, due


def progress(item: Any, on: dt.date, value: Decimal | None) -> Progress:
    """The progress of ``item`` on ``on`` given its ``value`` to date (measured items;
    ignored for milestones)."""
    if not item.is_measured:
        if item.done_on:
            return Progress(None, None, None, Pace.DONE)
        if on > item.period_end:
            return Progress(None, None, None, Pace.BEHIND)
        return Progress(None, None, None, Pace.OPEN)
    if value is None:
        return Progress(None, item.target, None, Pace.NOT_COMPUTED)
    status, due = measured_status(value, item.target, item.period_start, item.period_end, on)
    return Progress(value, item.target, due, status)


def live_progress(item: Any, on: dt.date, community: Any = None) -> Progress:
    """Counted now, not from the daily cache (the tests, the job, the summary)."""
    if item.is_measured and item.measure is None:
        return Progress(None, item.target, None, Pace.UNKNOWN)
    value = count(item, on, community) if item.is_measured else None
    return progress(item, on, value)
