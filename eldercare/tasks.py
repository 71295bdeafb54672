"""Thin Celery tasks of elder care: each calls one service."""

from celery import shared_task

from eldercare.services import assessments, volunteers


@shared_task(acks_late=True, reject_on_worker_lost=True)
def visit_lapses_check_task() -> int:
    return volunteers.lapses_check()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def reassessment_reminders_send_task() -> int:
    return assessments.reassessment_reminders_send()
