"""Signal receivers: the notifications kernel listens to the apps, never the reverse."""

import logging
from typing import Any

from django.dispatch import receiver

from portal.core.jobs import JobStatus, job_finished
from portal.events.signals import event_cancelled, event_changed, waitlist_promoted
from portal.notifications.services import notify
from portal.notifications.tasks import (
    send_event_cancelled_task,
    send_event_changed_task,
    waitlist_promotion_send_task,
)

log = logging.getLogger(__name__)


@receiver(waitlist_promoted, dispatch_uid="notifications-waitlist-promoted")
def tell_promoted_person(sender: Any, registration: Any, **kwargs: Any) -> None:
    """The signal is sent after commit, so the task sees the confirmed place."""
    waitlist_promotion_send_task.delay(registration.pk)


@receiver(job_finished, dispatch_uid="notifications-job-finished")
def tell_requester(sender: Any, job: Any, **kwargs: Any) -> None:
    """An inbox message (and e-mail, if chosen) to whoever asked for a tracked job, for
    when they have left the progress page; scheduled jobs have nobody to tell. A failed
    message is logged and never undoes the job's recorded outcome."""
    if job.requested_by_id is None:
        return
    label = job._meta.label_lower
    try:
        notify(
            job.requested_by,
            "job_finished",
            {"title": str(job), "succeeded": job.status == JobStatus.DONE, "message": job.outcome},
            url=job.get_absolute_url(),
            # One message per run: an import is run twice (its check, then its commit).
            key=f"job-finished:{label}:{job.pk}:{job.started_at:%Y%m%dT%H%M%S.%f}",
        )
    except Exception:  # the job's outcome is recorded; a failed message must not undo it
        log.exception("could not tell the requester: job=%s:%s", label, job.pk)


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
