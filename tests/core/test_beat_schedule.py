"""The beat schedule the apps declare (``beat_schedule`` in their configs, merged with the
project's setting): each entry names a registered task, and the database scheduler copies
it into rows that admins can change or switch off."""

import pytest
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from portal.celery import app as celery_app
from portal.core import hooks

EXPECTED = {
    "assistance-payments-start",
    "assistance-review-reminders",
    "registry-elderly-tags-refresh",
    "events-day-before-reminders",
    "reports-monthly-community-statistics",
    "health-slots-open",
    "health-no-shows",
    "health-booking-reminders",
    "health-contract-upkeep",
    "health-dose-reminders",
    "education-column-week-check",
    "plans-values-compute",
    "plans-snapshots-take",
    "eldercare-visit-lapses",
    "eldercare-reassessment-reminders",
    "partywork-meeting-reminders",
}


def test_every_entry_names_a_registered_task_that_takes_no_arguments():
    celery_app.loader.import_default_modules()
    schedule = hooks.beat_schedule()
    assert set(schedule) == EXPECTED
    celery_app.finalize()  # as the worker and beat do once Django is set up
    assert set(celery_app.conf.beat_schedule) == EXPECTED
    for name, entry in schedule.items():
        task = celery_app.tasks.get(entry["task"])
        assert task is not None, f"{name}: no task {entry['task']}"
        assert task.acks_late and task.reject_on_worker_lost, name
        assert not entry.get("args") and not entry.get("kwargs"), name


@pytest.mark.django_db(transaction=True)
def test_the_database_scheduler_makes_them_editable_rows():
    # As `celery beat` does when it starts (it finalizes the app, then builds the scheduler,
    # which closes the connection: transaction=True).
    celery_app.finalize()
    DatabaseScheduler(app=celery_app)
    rows = {task.name: task for task in PeriodicTask.objects.all()}
    assert set(rows) >= EXPECTED
    reminders = rows["events-day-before-reminders"]
    assert reminders.task == "portal.notifications.tasks.event_reminders_send_task"
    assert (reminders.crontab.minute, reminders.crontab.hour) == ("5", "*")
    monthly = rows["reports-monthly-community-statistics"].crontab
    assert (monthly.minute, monthly.hour, monthly.day_of_month) == ("0", "2", "1")
