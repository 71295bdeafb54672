"""Thin Celery tasks: each takes ids, calls one service."""

from celery import shared_task

from assistance.services import applications as services
from assistance.services import reminders


@shared_task(acks_late=True, reject_on_worker_lost=True)
def standard_recompute_task(standard_id: int) -> int:
    return services.standard_recompute(standard_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def payments_start_task() -> int:
    return services.payments_start()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def review_reminders_send_task() -> int:
    return reminders.review_reminders_send()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def rule_set_recompute_task(rule_set_id: int) -> int:
    return services.rule_set_recompute(rule_set_id)
