"""The rules of Party organisation life (domain-rules §6.2, 《中国共产党支部工作条例（试行）》
2018) as settings with their defaults: each may be overridden in ``portal/settings.py``
under the same name. Frequencies are dated: the set in force on a period's first day
decides whether (and how often) a meeting is required in it.
"""

import datetime as dt
from typing import Any

from django.conf import settings

#: A 党支部 needs at least this many full (正式) members.
BRANCH_MIN_FULL_MEMBERS = 3
#: From this many full members a branch elects a 支部委员会.
COMMITTEE_FROM_FULL_MEMBERS = 7
#: A branch usually has no more than this many members.
BRANCH_USUAL_MAX_MEMBERS = 50
#: The Youth League's age range (inclusive): 14–28.
LEAGUE_AGES = (14, 28)

#: Months per period of each required meeting, by the date the rule took effect
#: (三会一课 and the yearly meetings, §6.2): 1 = monthly, 3 = quarterly, 12 = yearly.
MEETING_FREQUENCIES: tuple[tuple[dt.date, dict[str, int]], ...] = (
    (
        dt.date(2018, 10, 28),
        {
            "general_assembly": 3,  # 党员大会: quarterly
            "committee": 1,  # 支部委员会: monthly
            "group": 1,  # 党小组会: monthly
            "lesson": 3,  # 党课: quarterly (commonly)
            "life": 12,  # 组织生活会: yearly
            "appraisal": 12,  # 民主评议党员: yearly
        },
    ),
)
#: The branch secretary is reminded this many days before a period ends.
MEETING_REMINDER_DAYS = 7
#: How far back the overdue list looks, in months.
OVERDUE_LOOKBACK_MONTHS = 12
#: The Party day of each month unless the branch chooses another (1–28).
PARTY_DAY_OF_MONTH = 15
#: The contest age groups of the Youth League (inclusive ages).
CONTEST_AGE_GROUPS: tuple[tuple[int, int], ...] = ((6, 9), (10, 13), (14, 18))


def setting(name: str) -> Any:
    """``PARTYWORK_<name>`` from the project settings, or this module's default."""
    return getattr(settings, f"PARTYWORK_{name}", globals()[name])


def frequencies_on(day: dt.date) -> dict[str, int]:
    """The meeting frequencies (months per period) in force on ``day``; {} before any."""
    current: dict[str, int] = {}
    for since, table in sorted(setting("MEETING_FREQUENCIES"), key=lambda row: row[0]):
        if since <= day:
            current = table
    return current
