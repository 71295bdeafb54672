"""The elder-care workbooks: the 高龄津贴 monthly list and the stations' monthly figures.
Built by the report jobs (``eldercare_allowance``, ``eldercare_stations``) and by the
management commands of the same names, from the same functions."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from eldercare.models import Enrolment
from eldercare.services.allowance import ZERO, allowance_rows
from eldercare.services.stations import station_month_figures
from portal.core.jobs import BuiltFile
from portal.core.xlsx import add_sheet, book_bytes
from portal.registry.masking import mask_name
from portal.registry.models import Community
from portal.reports.statistics import check_month, parse_month


def _scope(community: Community | None) -> str:
    return community.name if community else _("Whole sub-district")


def allowance_workbook(
    month: dt.date, community: Community | None = None, *, full_identity: bool = False
) -> tuple[bytes, int]:
    """The month's list: name (masked unless ``full_identity``), community, age, amount,
    change (new / bracket changed / stopped) and the months and amount to recover, with
    the totals."""
    enrolments = Enrolment.objects.unscoped()
    if community is not None:
        enrolments = enrolments.filter(resident__community=community)
    rows = allowance_rows(month, enrolments)
    header = [
        _("Name"),
        _("Community"),
        _("Age"),
        _("Amount"),
        _("Change"),
        _("Previous amount"),
        _("Months to recover"),
        _("Amount to recover"),
    ]
    lines: list[list[Any]] = [
        [
            r.enrolment.resident.name if full_identity else mask_name(r.enrolment.resident.name),
            r.enrolment.resident.community.name,
            r.age,
            r.amount,
            r.change_label,
            r.previous_amount if r.previous_amount is not None else "",
            r.recover_months or "",
            r.recover_amount or "",
        ]
        for r in rows
    ]
    lines.append(
        [
            _("Total"),
            "",
            "",
            sum((r.amount for r in rows), ZERO),
            "",
            "",
            sum(r.recover_months for r in rows),
            sum((r.recover_amount for r in rows), ZERO),
        ]
    )
    book = Workbook(write_only=True)
    add_sheet(
        book,
        _("Old-age allowance %(month)s") % {"month": f"{month:%Y-%m}"},
        header,
        lines,
        widths=[10, 10, 6, 10, 12, 10, 10, 12],
    )
    return book_bytes(book), len(rows)


def allowance_filename(month: dt.date, community: Community | None) -> str:
    return _("Old-age allowance-%(year)s-%(month)s-%(scope)s.xlsx") % {
        "year": month.year,
        "month": month.month,
        "scope": _scope(community),
    }


def stations_workbook(month: dt.date, community: Community | None = None) -> tuple[bytes, int]:
    """Per station: elders served, of them free, services, hours, amount paid (the seed's
    "服务老年人66人，其中享受无偿服务的26人")."""
    figures = station_month_figures(month, community)
    header = [
        _("Station"),
        _("Community"),
        _("Acceptance"),
        _("Elders served"),
        _("of them free"),
        _("Services"),
        _("Hours"),
        _("Paid"),
    ]
    lines: list[list[Any]] = [
        [
            f.station.name,
            f.station.community.name,
            f.station.get_acceptance_display(),
            f.served,
            f.served_free,
            f.services,
            round(f.minutes / 60, 1),
            f.paid,
        ]
        for f in figures
    ]
    lines.append(
        [
            _("Total"),
            "",
            "",
            sum(f.served for f in figures),
            sum(f.served_free for f in figures),
            sum(f.services for f in figures),
            round(sum(f.minutes for f in figures) / 60, 1),
            sum((f.paid for f in figures), ZERO),
        ]
    )
    book = Workbook(write_only=True)
    add_sheet(
        book,
        _("Home-care stations %(month)s") % {"month": f"{month:%Y-%m}"},
        header,
        lines,
        widths=[22, 10, 12, 10, 10, 8, 8, 12],
    )
    return book_bytes(book), len(figures)


def stations_filename(month: dt.date, community: Community | None) -> str:
    return _("Home-care stations-%(year)s-%(month)s-%(scope)s.xlsx") % {
        "year": month.year,
        "month": month.month,
        "scope": _scope(community),
    }


def build_allowance(job: Any) -> BuiltFile:
    """The report job's builder: the month in ``job.params``, the job's community. The
    coming month may be listed too (the allowance is paid before the month starts)."""
    month = parse_month(job.params.get("month", ""))
    from portal.core.dates import add_months

    check_month(add_months(month, -1))
    content, count = allowance_workbook(month, job.community, full_identity=job.full_identity)
    return BuiltFile(allowance_filename(month, job.community), content, row_count=count)


def build_stations(job: Any) -> BuiltFile:
    month = parse_month(job.params.get("month", ""))
    check_month(month)
    content, count = stations_workbook(month, job.community)
    return BuiltFile(stations_filename(month, job.community), content, row_count=count)
