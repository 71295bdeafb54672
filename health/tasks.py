"""Thin Celery tasks: each calls one service. All are idempotent (run twice, nothing more)."""

from celery import shared_task

from health.models import Timetable
from health.services import appointments, contracts, records


@shared_task(acks_late=True, reject_on_worker_lost=True)
def bookings_no_show_task() -> int:
    return appointments.bookings_mark_no_shows()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def bookings_remind_task() -> int:
    return appointments.bookings_remind()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def contracts_upkeep_task() -> dict[str, int]:
    return contracts.contracts_upkeep()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def slots_open_task() -> int:
    return sum(
        appointments.slots_open(timetable=timetable) for timetable in Timetable.objects.unscoped()
    )


@shared_task(acks_late=True, reject_on_worker_lost=True)
def dose_reminders_send_task() -> int:
    return records.dose_reminders_send()
