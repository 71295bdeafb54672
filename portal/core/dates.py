"""Dates in the portal's time zone (Asia/Shanghai): the day boundaries and month steps
that calendars, periods and demo data share."""

import datetime as dt
import re

from django.utils import timezone


def local_datetime(day: dt.date, time: dt.time = dt.time.min) -> dt.datetime:
    """``day`` at ``time`` in the current time zone (midnight by default)."""
    return dt.datetime.combine(day, time, tzinfo=timezone.get_current_timezone())


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def parse_month(text: str) -> dt.date:
    """``"2026-03"`` → 1 March 2026; ValueError for anything else."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", (text or "").strip())
    if not match:
        raise ValueError(f"not a YYYY-MM month: {text!r}")
    return dt.date(int(match[1]), int(match[2]), 1)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier (28 February for a 29th in a common year): the
    latest birth date of someone who is ``years`` old (周岁) on ``day``."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def add_working_days(day: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``day``: Monday to Friday, less the days off
    of the official calendar, plus its make-up working weekends (调休). One query.

    A year whose holiday notice is not entered yet counts Monday to Friday only, so a
    deadline in it can fall a few days early around the Spring Festival.
    """
    from portal.core.models import OfficialDay, OfficialDayKind

    # Enough room for ``days`` working days and the longest run of days off (9).
    official = OfficialDay.objects.kinds_between(day, day + dt.timedelta(days=2 * days + 30))
    while days > 0:
        day += dt.timedelta(days=1)
        kind = official.get(day)
        if kind == OfficialDayKind.WORKDAY or (
            day.weekday() < 5 and kind != OfficialDayKind.HOLIDAY
        ):
            days -= 1
    return day
