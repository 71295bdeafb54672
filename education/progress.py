"""Progress of the training programmes and the other figures of the app, counted from
the records: the kernel's attended sign-ups of class sessions, the entries of rosters and
imported lists, and the adult-degree enrolments. Person-times (人次) and distinct persons
(人) are kept apart everywhere.

Distinct persons are exact for attendance and enrolments (counted by person); for
entries they are the sum of each entry's people (a roster gives a count, not names).
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from education.models import (
    CountingMethod,
    DegreeEnrolment,
    ProgrammeTarget,
    TrainingEntry,
    TrainingProgramme,
)
from portal.core.dates import local_datetime
from portal.events.models import OrganiserApp, Registration


@dataclass(frozen=True)
class Counted:
    """Person-times and distinct persons over a period."""

    person_times: int = 0
    persons: int = 0


def class_attendance() -> QuerySet:
    """Every attended sign-up of a class session of this app (the kernel's records)."""
    return Registration.objects.filter(
        attended_at__isnull=False,
        event__organiser_app=OrganiserApp.EDUCATION,
        event__series__course_class__isnull=False,
    )


def _between(queryset: QuerySet, start: dt.date, end: dt.date) -> QuerySet:
    return queryset.filter(
        event__starts_at__gte=local_datetime(start),
        event__starts_at__lt=local_datetime(end + dt.timedelta(days=1)),
    )


def _records(
    programme: TrainingProgramme, start: dt.date, end: dt.date, community: Any = None
) -> list[tuple[dt.date, int | None, int, int]]:
    """The programme's records in [start, end] as (local date, person or None,
    person-times, people): one query."""
    if programme.method == CountingMethod.ATTENDANCE:
        rows = _between(class_attendance(), start, end).filter(
            event__series__course_class__course__programme=programme
        )
        if community is not None:
            rows = rows.filter(resident__community=community)
        return [
            (timezone.localdate(starts), resident, 1, 1)
            for starts, resident in rows.values_list("event__starts_at", "resident_id")
        ]
    if programme.method == CountingMethod.DEGREE:
        rows = DegreeEnrolment.objects.filter(enrolled_on__range=(start, end))
        if community is not None:
            rows = rows.filter(resident__community=community)
        return [
            (day, resident, 1, 1)
            for day, resident in rows.values_list("enrolled_on", "resident_id")
        ]
    entries = TrainingEntry.objects.filter(programme=programme, held_on__range=(start, end))
    if community is not None:
        entries = entries.filter(community=community)
    return [
        (day, None, times, people)
        for day, times, people in entries.values_list("held_on", "person_times", "persons")
    ]


def _count(records: list[tuple[dt.date, int | None, int, int]]) -> Counted:
    """Person-times, and persons: distinct people where the records name them, the
    lists' own counts where they do not."""
    person_times = sum(r[2] for r in records)
    named = {r[1] for r in records if r[1] is not None}
    unnamed = sum(r[3] for r in records if r[1] is None)
    return Counted(person_times, len(named) + unnamed)


def counted(
    programme: TrainingProgramme, start: dt.date, end: dt.date, community: Any = None
) -> Counted:
    """What ``programme`` counted from ``start`` to ``end`` (both inclusive)."""
    return _count(_records(programme, start, end, community))


@dataclass
class MonthRow:
    month: int
    person_times: int
    persons: int
    cumulative: int
    pace: int
    #: None for months still to come.
    behind: bool | None


@dataclass
class Progress:
    programme: TrainingProgramme
    year: int
    target: ProgrammeTarget | None
    months: list[MonthRow] = field(default_factory=list)
    year_total: Counted = field(default_factory=Counted)
    pace_today: int = 0

    @property
    def percent(self) -> int:
        if not self.target:
            return 0
        return int(self.year_total.person_times * 100 // self.target.target)

    @property
    def behind_pace(self) -> bool:
        return bool(self.target) and self.year_total.person_times < self.pace_today


def straight_line(target: int, fraction: Decimal) -> int:
    """The straight-line pace: the share of the yearly target due by a point of the year."""
    return int((Decimal(target) * fraction).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def year_fraction(day: dt.date) -> Decimal:
    """The share of ``day``'s year passed by the end of ``day``."""
    days = 366 if calendar.isleap(day.year) else 365
    return Decimal(day.timetuple().tm_yday) / Decimal(days)


def programme_progress(
    programme: TrainingProgramme,
    year: int,
    *,
    community: Any = None,
    today: dt.date | None = None,
    target: ProgrammeTarget | None = None,
) -> Progress:
    """Month by month: the person-times and persons of the month, the cumulative
    person-times and the straight-line pace at the month's end (target × month / 12)."""
    today = today or timezone.localdate()
    if target is None:
        target = ProgrammeTarget.objects.filter(programme=programme, year=year).first()
    progress = Progress(programme=programme, year=year, target=target)
    records = _records(programme, dt.date(year, 1, 1), dt.date(year, 12, 31), community)
    cumulative = 0
    for month in range(1, 13):
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        figures = _count([r for r in records if r[0].month == month])
        cumulative += figures.person_times
        pace = straight_line(target.target, Decimal(month) / 12) if target else 0
        progress.months.append(
            MonthRow(
                month=month,
                person_times=figures.person_times,
                persons=figures.persons,
                cumulative=cumulative,
                pace=pace,
                behind=(cumulative < pace) if (target and last < today) else None,
            )
        )
    progress.year_total = counted(programme, dt.date(year, 1, 1), dt.date(year, 12, 31), community)
    if target:
        if today.year > year:
            progress.pace_today = target.target
        elif today.year == year:
            progress.pace_today = straight_line(target.target, year_fraction(today))
    return progress


@dataclass(frozen=True)
class ChartBar:
    x: int
    y: int
    height: int
    label: str
    value: int


@dataclass(frozen=True)
class Chart:
    """Coordinates of the progress chart (server-rendered SVG, no script)."""

    width: int
    height: int
    bars: list[ChartBar]
    pace_points: str
    top: int
    baseline: int


def progress_chart(progress: Progress) -> Chart:
    """Bars of the cumulative person-times per month and the pace line, scaled to the
    larger of the target and the total."""
    width, height, left, bottom, plot_height = 640, 260, 50, 230, 200
    step = (width - left - 10) // 12
    top = max(progress.target.target if progress.target else 0, progress.months[-1].cumulative, 1)
    bars, points = [], []
    for row in progress.months:
        bar_height = round(row.cumulative * plot_height / top)
        x = left + (row.month - 1) * step
        bars.append(
            ChartBar(
                x=x + 4,
                y=bottom - bar_height,
                height=bar_height,
                label=str(row.month),
                value=row.cumulative,
            )
        )
        if progress.target:
            points.append(f"{x + step},{bottom - round(row.pace * plot_height / top)}")
    if points:
        points.insert(0, f"{left},{bottom}")
    return Chart(
        width=width,
        height=height,
        bars=bars,
        pace_points=" ".join(points),
        top=top,
        baseline=bottom,
    )
