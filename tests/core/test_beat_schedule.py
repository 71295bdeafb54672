"""The beat schedule written in settings: each entry names a registered task, and the
database scheduler copies it into rows that admins can change or switch off."""

import pytest
from django.conf import settings
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from portal.celery import app as celery_app

EXPECTED = {
    "assistance-payments-start",
    "assistance-review-reminders",
    "registry-elderly-tags-refresh",
    "events-day-before-reminders",
    "reports-monthly-community-statistics",
}


def test_every_entry_names_a_registered_task_that_takes_no_arguments():
    celery_app.loader.import_default_modules()
    assert set(settings.CELERY_BEAT_SCHEDULE) == EXPECTED
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        task = celery_app.tasks.get(entry["task"])
        assert task is not None, f"{name}: no task {entry['task']}"
        assert task.acks_late and task.reject_on_worker_lost, name
        assert not entry.get("args") and not entry.get("kwargs"), name


@pytest.mark.django_db(transaction=True)
def test_the_database_scheduler_makes_them_editable_rows():
    # As `celery beat` does when it starts (it closes the connection: transaction=True).
    DatabaseScheduler(app=celery_app)
    rows = {task.name: task for task in PeriodicTask.objects.all()}
    assert set(rows) >= EXPECTED
    reminders = rows["events-day-before-reminders"]
    assert reminders.task == "portal.notifications.tasks.send_event_reminders_task"
    assert (reminders.crontab.minute, reminders.crontab.hour) == ("5", "*")
    monthly = rows["reports-monthly-community-statistics"].crontab
    assert (monthly.minute, monthly.hour, monthly.day_of_month) == ("0", "2", "1")
