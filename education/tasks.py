"""Thin Celery tasks: each calls one service."""

from celery import shared_task

from education.services import column


@shared_task(acks_late=True, reject_on_worker_lost=True)
def column_week_check_task() -> int:
    return column.column_week_check()
