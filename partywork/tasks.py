from celery import shared_task

from partywork.services.reminders import meeting_reminders_send


@shared_task
def meeting_reminders_send_task() -> int:
    return meeting_reminders_send()
