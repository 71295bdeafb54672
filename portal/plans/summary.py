"""The year-end summary (年度工作总结) of a plan: every item with its target, result,
share and status, the evidence of the milestones, per community and in total. Built by a
report job (a workbook, kind ``plan_summary``) and shown as a printable page; both count
the results afresh, to the end of the year (or to today during the year)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from portal.core.jobs import BuiltFile, JobError
from portal.core.xlsx import add_sheet, book_bytes
from portal.plans import progress
from portal.plans.models import Item, Plan
from portal.registry.models import Community

#: The report kind, registered in the app's config.
REPORT_KIND = "plan_summary"


@dataclass
class SummaryRow:
    item: Item
    total: progress.Progress
    by_community: list[progress.Progress | None] = field(default_factory=list)

    @property
    def evidence(self) -> str:
        item = self.item
        parts = []
        if item.evidence_event_id:
            parts.append(_("Event: %(title)s") % {"title": item.evidence_event})
        if item.evidence_notice_id:
            parts.append(_("Notice: %(title)s") % {"title": item.evidence_notice})
        if item.evidence_file:
            parts.append(_("File: %(name)s") % {"name": item.evidence_file.name.rsplit("/", 1)[-1]})
        if item.evidence_note:
            parts.append(item.evidence_note)
        return "；".join(parts)


@dataclass
class Summary:
    plan: Plan
    on: dt.date
    communities: list[Community]
    rows: list[SummaryRow]


def summary_of(plan: Plan, on: dt.date | None = None, *, community: Any = None) -> Summary:
    """Count every item of ``plan`` to ``on`` (default: the end of the year, or today
    before then); a sub-district plan also per community, where the measure can (only
    ``community``'s column when one is given: a community's staff see their own)."""
    today = timezone.localdate()
    on = on or min(plan.ends_on, today)
    communities = []
    if plan.community_id is None:
        communities = [community] if community else list(Community.objects.order_by("code", "name"))
    items = (
        Item.objects.unscoped()
        .filter(chapter__plan=plan)
        .select_related("chapter", "evidence_event", "evidence_notice")
        .order_by("chapter__position", "chapter__pk", "position", "pk")
    )
    rows = []
    for item in items:
        item.chapter.plan = plan
        row = SummaryRow(item, progress.live_progress(item, on))
        measure = item.measure
        for community in communities:
            if item.is_measured and measure and "community" in measure.scopes:
                row.by_community.append(progress.live_progress(item, on, community))
            else:
                row.by_community.append(None)
        rows.append(row)
    return Summary(plan, on, communities, rows)


def _number(value: Decimal | None) -> Any:
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def build_plan_summary(job: Any) -> BuiltFile:
    """The workbook of job ``job`` (``params``: ``{"plan": id}``)."""
    try:
        plan = Plan.objects.unscoped().select_related("community").get(pk=int(job.params["plan"]))
    except (KeyError, TypeError, ValueError, Plan.DoesNotExist):
        raise JobError(_("The plan of this summary no longer exists.")) from None
    # A sub-district plan's summary asked for by a community's staff (the job carries
    # their community) has that community's column only.
    summary = summary_of(plan, community=job.community if plan.community_id is None else None)
    book = Workbook(write_only=True)
    headings = [
        _("Chapter"),
        _("Item"),
        _("Kind"),
        _("Target"),
        _("Unit"),
        _("Measure"),
        _("Result"),
        _("Share (%)"),
        _("Status"),
        _("Done on"),
        _("Evidence"),
    ] + [community.name for community in summary.communities]
    rows = []
    for row in summary.rows:
        item = row.item
        measure = item.measure
        rows.append(
            [
                item.chapter.title,
                item.text,
                item.get_kind_display(),
                _number(item.target),
                str(item.unit),
                str(measure.name) if measure else item.measure_key,
                _number(row.total.value),
                _number(row.total.share),
                str(row.total.label),
                item.done_on.isoformat() if item.done_on else "",
                row.evidence,
                *(_number(p.value) if p else "" for p in row.by_community),
            ]
        )
    title = _("Year-end summary %(year)s") % {"year": plan.year}
    add_sheet(book, title, headings, rows)
    filename = f"plan-summary-{plan.year}-{plan.pk}.xlsx"
    return BuiltFile(filename=filename, content=book_bytes(book), row_count=len(rows))
