"""The Celery application: settings come from Django under the CELERY_ namespace; the beat
schedule is the project's ``CELERY_BEAT_SCHEDULE`` plus every app's ``beat_schedule``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def install_beat_schedule(sender: Celery, **kwargs) -> None:
    """Merge the apps' periodic tasks once Django's apps are loaded (the worker and beat
    finalize the app after ``django.setup()``)."""
    from portal.core.hooks import beat_schedule

    sender.conf.beat_schedule = beat_schedule()
