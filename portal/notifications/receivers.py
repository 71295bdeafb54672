"""Signal receivers: the notifications kernel listens to the apps, never the reverse."""

from typing import Any

from django.dispatch import receiver

from portal.events.signals import waitlist_promoted
from portal.notifications.tasks import send_waitlist_promotion_task


@receiver(waitlist_promoted, dispatch_uid="notifications-waitlist-promoted")
def tell_promoted_person(sender: Any, registration: Any, **kwargs: Any) -> None:
    """The signal is sent after commit, so the task sees the confirmed place."""
    send_waitlist_promotion_task.delay(registration.pk)
