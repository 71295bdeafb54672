"""The notifications app's part of the URL walk (collected by tests/security/urlwalk.py)."""

from types import SimpleNamespace
from typing import Any

from portal.notifications.models import Notification

ARGUMENTS = {
    "notifications:read": lambda o: {"pk": o.notification.pk},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    """A message in the inbox of community A's staff member."""
    notification = Notification.objects.create(
        recipient=o.staff, kind="job_finished", subject="报表已生成", body="东南社区月报"
    )
    return {"notification": notification}
