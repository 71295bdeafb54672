"""Dates in the portal's time zone (Asia/Shanghai): the day boundaries and month steps
that calendars, periods and demo data share."""

import datetime as dt

from django.utils import timezone


def local_datetime(day: dt.date, time: dt.time = dt.time.min) -> dt.datetime:
    """``day`` at ``time`` in the current time zone (midnight by default)."""
    return dt.datetime.combine(day, time, tzinfo=timezone.get_current_timezone())


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
