"""Signal receivers: the notifications kernel listens to the apps, never the reverse."""

from typing import Any

from django.dispatch import receiver

from portal.events.signals import event_cancelled, event_changed, waitlist_promoted
from portal.notifications.tasks import (
    send_event_cancelled_task,
    send_event_changed_task,
    send_waitlist_promotion_task,
)


@receiver(waitlist_promoted, dispatch_uid="notifications-waitlist-promoted")
def tell_promoted_person(sender: Any, registration: Any, **kwargs: Any) -> None:
    """The signal is sent after commit, so the task sees the confirmed place."""
    send_waitlist_promotion_task.delay(registration.pk)


@receiver(event_cancelled, dispatch_uid="notifications-event-cancelled")
def tell_signed_up_of_cancellation(sender: Any, event: Any, **kwargs: Any) -> None:
    send_event_cancelled_task.delay(event.pk)


@receiver(event_changed, dispatch_uid="notifications-event-changed")
def tell_signed_up_of_change(sender: Any, event: Any, previous: dict, **kwargs: Any) -> None:
    """The old values go to the task as text (a time and a place, nothing personal)."""
    send_event_changed_task.delay(
        event.pk,
        {
            "starts_at": previous["starts_at"].isoformat(),
            "ends_at": previous["ends_at"].isoformat(),
            "place": previous["place"],
        },
    )
