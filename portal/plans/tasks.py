"""Thin Celery tasks of the work plans: each calls one service."""

from celery import shared_task

from portal.plans import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def plan_values_compute_task() -> int:
    """The daily values of this year's measured items (beat, early each morning)."""
    return services.values_compute()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def plan_snapshots_take_task() -> int:
    """The month-end snapshots not yet kept (beat, daily; idempotent)."""
    return services.snapshots_take()
