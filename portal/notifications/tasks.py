"""Celery tasks of the notifications: thin wrappers that take ids, never personal data.

Every task may run twice (``acks_late``: a worker lost mid-task hands it on), so each is
idempotent: a reminder has a unique key, a delivery is sent only while pending.
"""

import random

from celery import shared_task
from django.utils import timezone

from portal.notifications import reminders, services
from portal.notifications.models import DeliveryStatus

# Seconds before the first retry of a failed delivery; later retries wait longer.
DELIVERY_RETRY_DELAY = 5 * 60


def _outcome(result: object) -> str:
    if isinstance(result, str):
        return result
    return f"notification {result.pk}" if result is not None else "skipped: inactive account"


@shared_task(acks_late=True, reject_on_worker_lost=True)
def event_reminders_send_task() -> int:
    """Hourly (beat): queue a reminder for each sign-up whose event is tomorrow."""
    registration_ids = list(
        reminders.due_event_reminders(timezone.now()).values_list("pk", flat=True)
    )
    for registration_id in registration_ids:
        event_reminder_send_task.delay_on_commit(registration_id)
    return len(registration_ids)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def event_reminder_send_task(registration_id: int) -> str:
    """The day-before reminder for one sign-up; "skipped: <reason>" when there is none."""
    return _outcome(reminders.event_reminder_send(registration_id))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def waitlist_promotion_send_task(registration_id: int) -> str:
    """Tell a person they moved up from the waiting list (queued by the signal receiver)."""
    return _outcome(reminders.waitlist_promotion_send(registration_id))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_event_cancelled_task(event_id: int) -> int:
    """Tell everyone signed up that the event is cancelled (queued by the receiver)."""
    return reminders.send_event_cancelled(event_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_event_changed_task(event_id: int, previous: dict[str, str]) -> int:
    """Tell everyone signed up the event's new time or place (queued by the receiver)."""
    return reminders.send_event_changed(event_id, previous)


def retry_delay(retries: int) -> float:
    """Seconds before the next try: exponential backoff (base ``DELIVERY_RETRY_DELAY``,
    doubling, capped at an hour) with full jitter, so that messages that failed together
    (a gateway outage) do not all come back at the same moment."""
    ceiling = min(DELIVERY_RETRY_DELAY * 2**retries, 3600)
    return random.uniform(DELIVERY_RETRY_DELAY / 2, ceiling)  # noqa: S311 - not for secrets


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=services.MAX_DELIVERY_ATTEMPTS,
)
def delivery_send_task(self, delivery_id: int) -> str:
    """Send one e-mail or text message; a failed send is retried a few times."""
    status = services.delivery_send(delivery_id)
    # Run in-process (no broker: development, tests) nothing would come back later, and a
    # retry would raise into the caller: try again at once, as often as a worker would.
    while status == DeliveryStatus.PENDING and self.request.is_eager:
        status = services.delivery_send(delivery_id)
    if status == DeliveryStatus.PENDING:
        raise self.retry(countdown=retry_delay(self.request.retries))
    return str(status)
