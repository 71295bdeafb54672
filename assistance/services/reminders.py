"""Reminders of periodic reviews (复核, domain-rules §3.4) to the staff of the household's
community, through the shared notification path; one message per review date and
person, however often the sweep runs."""

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone

from assistance.models import Application
from portal.accounts.models import Role, User
from portal.notifications.models import Notification
from portal.notifications.services import notify

log = logging.getLogger(__name__)


def review_reminders_send(today: dt.date | None = None) -> int:
    """Tell each community worker of the reviews due in their community within
    ``ASSISTANCE_REVIEW_REMINDER_DAYS`` (overdue ones included). Returns messages sent."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=settings.ASSISTANCE_REVIEW_REMINDER_DAYS)
    due = list(
        Application.objects.review_due_by(horizon)
        .select_related("programme", "household__community")
        .order_by("next_review_on", "pk")
    )
    staff_by_community: dict[int, list[User]] = {}
    for user in User.objects.filter(
        role=Role.COMMUNITY_STAFF,
        is_active=True,
        community_id__in={a.household.community_id for a in due},
    ):
        staff_by_community.setdefault(user.community_id, []).append(user)
    sent = 0
    keys = {
        f"assistance-review:{a.pk}:{a.next_review_on}:{u.pk}": (a, u)
        for a in due
        for u in staff_by_community.get(a.household.community_id, [])
    }
    done = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
    for key, (application, user) in keys.items():
        if key in done:
            continue
        if notify(
            user,
            "assistance_review_due",
            {
                "programme": str(application.programme),
                "certificate": application.certificate_number,
                "community": str(application.household.community),
                "due": application.next_review_on,
                "overdue": application.next_review_on < today,
            },
            url=application.get_absolute_url(),
            key=key,
        ):
            sent += 1
    log.info("assistance review reminders: %s due, %s messages", len(due), sent)
    return sent
