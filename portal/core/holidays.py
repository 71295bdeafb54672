"""The holiday notices the portal ships with, installed by a data migration so that a
new deployment counts working days right from its first day. Later years are entered in
the admin when the State Council publishes them (each November)."""

import datetime as dt

HOLIDAY = "holiday"
WORKDAY = "workday"

# 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, Xinhua):
# https://politics.gmw.cn/2025-11/04/content_38391083.htm
NOTICE_2026: tuple[tuple[str, str, str, str], ...] = (
    # name, first day off, last day off, make-up working days (comma-separated)
    ("元旦", "2026-01-01", "2026-01-03", "2026-01-04"),
    ("春节", "2026-02-15", "2026-02-23", "2026-02-14,2026-02-28"),
    ("清明节", "2026-04-04", "2026-04-06", ""),
    ("劳动节", "2026-05-01", "2026-05-05", "2026-05-09"),
    ("端午节", "2026-06-19", "2026-06-21", ""),
    ("中秋节", "2026-09-25", "2026-09-27", ""),
    ("国庆节", "2026-10-01", "2026-10-07", "2026-09-20,2026-10-10"),
)


def official_days(notice: tuple[tuple[str, str, str, str], ...]) -> list[tuple[dt.date, str, str]]:
    """The notice's days as (day, kind, name) rows, every day off of each period listed."""
    rows = []
    for name, first, last, workdays in notice:
        day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        while day <= end:
            rows.append((day, HOLIDAY, name))
            day += dt.timedelta(days=1)
        rows += [(dt.date.fromisoformat(d), WORKDAY, name) for d in workdays.split(",") if d]
    return rows
