"""The notices app's work-plan measure: notices published (条) in the period.

A notice counts on the day it was first published (``published_at``), withdrawn later or
not: it was published. ``community``: that community's notices; None: every notice.
``option``: a ``NoticeKind`` value, "" for all.
"""

import datetime as dt
from typing import Any

from portal.core.dates import local_datetime
from portal.notices.models import Notice


def count_published(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    notices = Notice.objects.unscoped().filter(
        published_at__gte=local_datetime(start),
        published_at__lt=local_datetime(end + dt.timedelta(days=1)),
    )
    if community is not None:
        notices = notices.filter(community=community)
    if option:
        notices = notices.filter(kind=option)
    return notices.count()
