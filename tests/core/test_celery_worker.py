"""The daily elderly-tag task, run by a real Celery worker through the real broker
(see tests/celery_worker.py), and its idempotency."""

import datetime as dt
import signal
import time
from pathlib import Path

import pytest
from django.utils import timezone

from portal.celery import app as celery_app
from portal.registry import services
from portal.registry.models import Resident, Tag
from portal.registry.tasks import elderly_tags_refresh_task
from tests.celery_worker import (
    STOP_TIMEOUT,
    delete_queue,
    new_queue_name,
    read_log,
    require_broker,
    running_worker,
    wait_for,
    wait_until_ready,
)
from tests.factories import ResidentFactory, next_id_number

TASK_TIMEOUT = 30


def _born_years_ago(years: int) -> dt.date:
    """A birth date a little over ``years`` ago (a month past the birthday)."""
    return timezone.localdate() - dt.timedelta(days=years * 365 + years // 4 + 30)


def _resident_aged(years: int) -> Resident:
    return ResidentFactory(id_number=next_id_number(_born_years_ago(years)))


def _is_elderly(resident: Resident) -> bool:
    return Resident.objects.filter(pk=resident.pk, tags__slug=Tag.ELDERLY).exists()


def _elderly_links() -> list[tuple[int, int]]:
    through = Resident.tags.through
    return sorted(
        through.objects.filter(tag__slug=Tag.ELDERLY).values_list("resident_id", "tag_id")
    )


# --- idempotency: no broker needed -------------------------------------------------------------


@pytest.mark.django_db
def test_elderly_tags_refresh_twice_tags_once():
    old, young = _resident_aged(61), _resident_aged(59)

    assert services.elderly_tags_refresh() == 1
    links, history = _elderly_links(), old.history.count()
    assert _is_elderly(old)
    assert not _is_elderly(young)

    assert services.elderly_tags_refresh() == 0
    assert _elderly_links() == links == [(old.pk, Tag.objects.get(slug=Tag.ELDERLY).pk)]
    assert old.history.count() == history  # no second history row either
    assert Tag.objects.filter(slug=Tag.ELDERLY).count() == 1


@pytest.mark.django_db
def test_elderly_tags_refresh_task_is_idempotent():
    old = _resident_aged(61)
    # .apply() runs the task body here, as a worker would, whatever the broker settings.
    assert elderly_tags_refresh_task.apply().get() == 1
    assert elderly_tags_refresh_task.apply().get() == 0
    assert _elderly_links() == [(old.pk, Tag.objects.get(slug=Tag.ELDERLY).pk)]


# --- a real worker --------------------------------------------------------------------------------


def _successes(log_path: Path) -> int:
    """Runs of the task the worker reported as finished (there is no result backend)."""
    prefix = f"Task {elderly_tags_refresh_task.name}["
    return sum(
        1 for line in read_log(log_path).splitlines() if prefix in line and " succeeded in " in line
    )


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_tags_the_61_year_old_through_the_broker(tmp_path, monkeypatch):
    broker_url = require_broker()
    # Committed (transaction=True), so the worker's own connection sees them.
    old, young = _resident_aged(61), _resident_aged(59)
    assert not _is_elderly(old)

    queue = new_queue_name()
    log_path = tmp_path / "worker.log"
    # Through the broker, never in-process, whatever the settings say.
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    started = time.monotonic()
    try:
        with running_worker(queue, broker_url, log_path) as worker:
            wait_until_ready(worker, log_path)
            elderly_tags_refresh_task.apply_async(queue=queue)
            wait_for(lambda: _is_elderly(old), TASK_TIMEOUT, worker, log_path, "the elderly tag")
            assert not _is_elderly(young)

            # Delivered a second time, the task finds nothing left to do.
            links = _elderly_links()
            elderly_tags_refresh_task.apply_async(queue=queue)
            wait_for(
                lambda: _successes(log_path) == 2,
                TASK_TIMEOUT,
                worker,
                log_path,
                "the second run",
            )
            assert _elderly_links() == links

            # Warm shutdown, as `docker compose stop` asks for it.
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(timeout=STOP_TIMEOUT) == 0, read_log(log_path)
    finally:
        delete_queue(broker_url, queue)
    log = read_log(log_path)
    assert "succeeded in" in log
    assert "Traceback" not in log, log
    print(f"worker test: {time.monotonic() - started:.1f} s from start to stop")
