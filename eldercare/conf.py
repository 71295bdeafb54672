"""The elder-care settings, each with its default (domain-rules §4, §8); a deployment may
override any of them in ``portal/settings.py`` (``ELDERCARE_*``). Read them through these
functions so the defaults live in one place and tests may override them with ``settings``.
"""

import datetime as dt
from typing import Any

from django.conf import settings

#: Capability reassessment interval, effective-dated: ``((from_date, months), ...)``
#: (domain-rules §4.1: 12 months, carried over from MZ/T 039 [verify]/[local]).
DEFAULT_REASSESSMENT_MONTHS = ((dt.date(2022, 1, 1), 12),)
#: Reassessment reminders go out this many days before the due date.
DEFAULT_REASSESSMENT_REMINDER_DAYS = 30
#: GB/T 42195 C4: whether the two one-level raises (① dementia/mental disorder, ② two or
#: more care-risk events in 30 days) stack (``True``) or raise one level in all.
DEFAULT_ASSESSMENT_RAISES_STACK = True
#: Care-risk events in the last 30 days that raise the level by one.
DEFAULT_RISK_EVENTS_RAISE = 2
#: Days between visits of a paired volunteer, by care category (the shortest applies).
DEFAULT_VISIT_INTERVALS = {
    "alone": 7,
    "childless": 7,
    "disabled": 14,
    "empty_nest": 14,
    "hardship": 14,
    "subsistence": 14,
    "destitute": 7,
    "advanced": 14,
}
DEFAULT_VISIT_INTERVAL = 30
#: 高龄津贴: first month paid: "birthday" (the month of the birthday that reaches the
#: first bracket) or "next" (the month after). Bracket changes always apply from the
#: month after the birthday (domain-rules §4.3).
DEFAULT_ALLOWANCE_FIRST_MONTH = "birthday"


def setting(name: str) -> Any:
    return getattr(settings, f"ELDERCARE_{name}", globals()[f"DEFAULT_{name}"])


def reassessment_months(on: dt.date) -> int:
    """The reassessment interval in force on ``on`` (the latest row that has begun)."""
    rows = sorted(setting("REASSESSMENT_MONTHS"))
    months = rows[0][1]
    for start, value in rows:
        if start <= on:
            months = value
    return months
