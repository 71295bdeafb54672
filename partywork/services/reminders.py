"""The reminder to the branch secretaries before a required meeting's period ends."""

import datetime as dt

from django.utils import timezone

from partywork.models import Organisation, OrgKind
from partywork.services.meetings import meetings_due_soon
from portal.accounts.models import Role, User
from portal.notifications.models import Notification
from portal.notifications.services import notify


def meeting_reminders_send(today: dt.date | None = None) -> int:
    """Tell the Party secretaries of each branch's community of the required meetings
    not yet held in a period ending within ``MEETING_REMINDER_DAYS``. One message per
    secretary, meeting kind and period (the notification key), so a second run the same
    day, or the next, sends nothing more. Returns the messages sent."""
    today = today or timezone.localdate()
    branches = Organisation.objects.filter(
        kind__in=(OrgKind.BRANCH, OrgKind.GENERAL_BRANCH), dissolved_on__isnull=True
    ).select_related("community")
    secretaries: dict[int, list[User]] = {}
    for user in User.objects.filter(role=Role.PARTY_SECRETARY, is_active=True):
        secretaries.setdefault(user.community_id, []).append(user)
    due = {
        f"partywork-meeting:{period.organisation.pk}:{period.kind}:{period.start}:{user.pk}": (
            branch,
            period,
            user,
        )
        for branch in branches
        for period in meetings_due_soon(branch, today=today)
        for user in secretaries.get(branch.community_id, [])
    }
    done = set(Notification.objects.filter(key__in=due).values_list("key", flat=True))
    sent = 0
    for key, (branch, period, user) in due.items():
        if key in done:
            continue
        if notify(
            user,
            "partywork_meeting_due",
            {
                "organisation": str(period.organisation),
                "meeting": str(period.kind_label),
                "end": period.end,
            },
            url=branch.get_absolute_url(),
            key=key,
        ):
            sent += 1
    return sent
