"""The yearly training-programmes workbook (report kind ``education_programmes``): one
sheet of every programme's target, total, persons, percentage and pace, and one sheet
per programme of its months, the same figures as the staff page."""

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from education.models import ProgrammeTarget, TrainingProgramme
from education.progress import Progress, programme_progress
from portal.core.jobs import BuiltFile, JobError
from portal.core.xlsx import add_sheet, book_bytes

REPORT_KIND = "education_programmes"


def year_progress(year: int, community: Any = None, today: dt.date | None = None) -> list[Progress]:
    """Every active programme's progress in ``year`` (the page and the workbook)."""
    targets = {t.programme_id: t for t in ProgrammeTarget.objects.filter(year=year)}
    return [
        programme_progress(
            programme, year, community=community, today=today, target=targets.get(programme.pk)
        )
        for programme in TrainingProgramme.objects.filter(active=True)
    ]


def programmes_workbook(year: int, community: Any = None, today: dt.date | None = None) -> bytes:
    progresses = year_progress(year, community, today)
    book = Workbook(write_only=True)
    add_sheet(
        book,
        _("Programmes %(year)d") % {"year": year},
        [
            _("Programme"),
            _("Unit"),
            _("Target"),
            _("Person-times"),
            _("People"),
            _("Done (%)"),
            _("Pace to date"),
            _("Behind pace"),
        ],
        [
            [
                p.programme.name,
                p.programme.unit,
                p.target.target if p.target else "",
                p.year_total.person_times,
                p.year_total.persons,
                p.percent if p.target else "",
                p.pace_today if p.target else "",
                _("yes") if p.behind_pace else _("no"),
            ]
            for p in progresses
        ],
        widths=(30, 8, 10, 12, 10, 10, 12, 10),
    )
    for p in progresses:
        add_sheet(
            book,
            p.programme.name,
            [_("Month of the year"), _("Person-times"), _("People"), _("Cumulative"), _("Pace")],
            [[m.month, m.person_times, m.persons, m.cumulative, m.pace] for m in p.months],
        )
    return book_bytes(book)


def build_programmes_workbook(job: Any) -> BuiltFile:
    """The report job's builder: the year in ``job.params``, the job's community."""
    try:
        year = int(job.params.get("year", ""))
    except (TypeError, ValueError):
        raise JobError(_("The report needs a year.")) from None
    if not 2000 <= year <= 2100:
        raise JobError(_("The report needs a year.")) from None
    content = programmes_workbook(year, job.community, timezone.localdate())
    return BuiltFile(f"training-programmes-{year}.xlsx", content, row_count=None)
