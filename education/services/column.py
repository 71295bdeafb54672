"""The farmers' column's weekly rule: at least ``EDUCATION_COLUMN_WEEKLY_MINIMUM`` (3)
posts a week (the plan: 坚持每周不少于3条). A week with fewer is told to the course
coordinators once, however often the beat task runs (the notification's key)."""

import datetime as dt
import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from education.models import ColumnPost
from portal.accounts.models import Role, User
from portal.notifications.services import notify

log = logging.getLogger(__name__)

NOTIFICATION_KIND = "education_column_short"


def weekly_minimum() -> int:
    return int(getattr(settings, "EDUCATION_COLUMN_WEEKLY_MINIMUM", 3))


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def week_counts(mondays: list[dt.date]) -> dict[dt.date, int]:
    """Posts published per week (Monday to Sunday), for the staff page."""
    return {monday: ColumnPost.objects.in_week(monday).count() for monday in mondays}


def column_week_check(*, today: dt.date | None = None) -> int:
    """Check the last full week before ``today``'s; when it had fewer posts than the
    minimum, tell each active course coordinator, once per week (key). Returns the
    messages sent by this run."""
    today = today or timezone.localdate()
    monday = week_start(today) - dt.timedelta(days=7)
    posts = ColumnPost.objects.in_week(monday).count()
    if posts >= weekly_minimum():
        return 0
    sent = 0
    for user in User.objects.filter(role=Role.COURSE_COORDINATOR, is_active=True).order_by("pk"):
        key = f"education-column-short:{monday.isoformat()}:{user.pk}"
        before = user.notifications.filter(key=key).exists()
        notification = notify(
            user,
            NOTIFICATION_KIND,
            {
                "week_start": monday,
                "week_end": monday + dt.timedelta(days=6),
                "posts": posts,
                "minimum": weekly_minimum(),
            },
            url=reverse("education:post-list"),
            key=key,
        )
        if notification and not before:
            sent += 1
    log.info("farmers' column week %s: %s posts, %s warnings", monday, posts, sent)
    return sent
