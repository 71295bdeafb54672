"""Thin Celery tasks: each calls one service."""

from celery import shared_task

from partywork.services.reminders import meeting_reminders_send


@shared_task(acks_late=True, reject_on_worker_lost=True)
def meeting_reminders_send_task() -> int:
    return meeting_reminders_send()
