"""Thin Celery tasks: each calls one service."""

from celery import shared_task

from education.services import column


@shared_task(acks_late=True, reject_on_worker_lost=True)
def column_week_check_task() -> int:
    return column.column_week_check()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def enrolment_promotion_send_task(enrolment_id: int) -> int:
    from education.services import messages

    return messages.enrolment_promotion_send(enrolment_id)
