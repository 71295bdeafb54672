"""The daily elderly-tag task, run by a real Celery worker through the real broker.

The worker is a separate process (``celery worker --pool solo``) consuming a queue of its
own, with DATABASE_URL pointing at this test run's database, so it sees the rows the test
commits. No result backend: the test polls the database.

Without a reachable broker (CELERY_BROKER_URL unset, or Redis down on a newcomer's
laptop) the worker test is skipped; with PORTAL_REQUIRE_BROKER=1 (CI) it fails instead.
"""

import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from kombu import Connection, Exchange, Queue

from portal.celery import app as celery_app
from portal.registry import services
from portal.registry.models import Resident, Tag
from portal.registry.tasks import elderly_tags_refresh_task
from tests.factories import ResidentFactory, next_id_number

WORKER_READY_TIMEOUT = 30  # seconds: start-up is Django + Celery imports, about 2 s here
TASK_TIMEOUT = 30
STOP_TIMEOUT = 20


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


def _require_broker() -> str:
    """The broker URL, or skip (fail when PORTAL_REQUIRE_BROKER=1) when there is none."""
    required = os.environ.get("PORTAL_REQUIRE_BROKER", "").strip().lower() in {"1", "true", "yes"}
    url = settings.CELERY_BROKER_URL
    problem = None
    if not url:
        problem = "no broker: CELERY_BROKER_URL is not set"
    else:
        broker = Connection(url, connect_timeout=3)
        try:
            broker.ensure_connection(max_retries=1, interval_start=0, timeout=5)
        except Exception as exc:  # any transport error: the broker is not there
            problem = f"broker {broker.as_uri()} unreachable: {exc!r}"
        finally:
            broker.release()
    if problem:
        if required:
            pytest.fail(f"{problem} (PORTAL_REQUIRE_BROKER=1)")
        pytest.skip(problem)
    return url


def _test_database_url() -> str:
    """DATABASE_URL of the database this test runs on (test_<name> on PostgreSQL)."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        path = Path(name)
        assert path.is_absolute(), f"the worker cannot share an in-memory database ({name})"
        return f"sqlite:///{path}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextlib.contextmanager
def _running_worker(queue: str, broker_url: str, log_path: Path) -> Iterator[subprocess.Popen]:
    env = {
        **os.environ,
        "PORTAL_TESTING": "1",
        "DATABASE_URL": _test_database_url(),
        "CELERY_BROKER_URL": broker_url,
        "CONN_MAX_AGE": "0",
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        *(sys.executable, "-m", "celery", "--app", "portal", "worker"),
        *("--pool", "solo", "--concurrency", "1", "--queues", queue),
        *("--hostname", f"{queue}@%h", "--loglevel", "INFO"),
        *("--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        yield worker
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=STOP_TIMEOUT)


def _wait_for(condition, timeout: float, worker: subprocess.Popen, log_path: Path, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.poll() is not None:
            pytest.fail(f"the worker exited ({worker.returncode}) before {what}:\n{_log(log_path)}")
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout} s waiting for {what}:\n{_log(log_path)}")


def _log(log_path: Path) -> str:
    return log_path.read_text(encoding="utf-8", errors="replace")


def _successes(log_path: Path) -> int:
    """Runs of the task the worker reported as finished (there is no result backend)."""
    prefix = f"Task {elderly_tags_refresh_task.name}["
    return sum(
        1 for line in _log(log_path).splitlines() if prefix in line and " succeeded in " in line
    )


def _delete_queue(broker_url: str, queue: str) -> None:
    """Remove the test queue and its binding from the broker (best effort)."""
    with contextlib.suppress(Exception), Connection(broker_url) as conn:
        # Declared as Celery declares a queue it routes to by name; kombu deletes only the
        # bindings a channel knows about.
        test_queue = Queue(queue, Exchange(queue, type="direct"), routing_key=queue)
        test_queue.bind(conn.default_channel).declare()
        test_queue.bind(conn.default_channel).delete()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_tags_the_61_year_old_through_the_broker(tmp_path, monkeypatch):
    broker_url = _require_broker()
    # Committed (transaction=True), so the worker's own connection sees them.
    old, young = _resident_aged(61), _resident_aged(59)
    assert not _is_elderly(old)

    queue = f"test-worker-{uuid.uuid4().hex[:12]}"
    log_path = tmp_path / "worker.log"
    # Through the broker, never in-process, whatever the settings say.
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    started = time.monotonic()
    try:
        with _running_worker(queue, broker_url, log_path) as worker:
            _wait_for(
                lambda: " ready." in _log(log_path),
                WORKER_READY_TIMEOUT,
                worker,
                log_path,
                "the worker to be ready",
            )
            elderly_tags_refresh_task.apply_async(queue=queue)
            _wait_for(lambda: _is_elderly(old), TASK_TIMEOUT, worker, log_path, "the elderly tag")
            assert not _is_elderly(young)

            # Delivered a second time, the task finds nothing left to do.
            links = _elderly_links()
            elderly_tags_refresh_task.apply_async(queue=queue)
            _wait_for(
                lambda: _successes(log_path) == 2,
                TASK_TIMEOUT,
                worker,
                log_path,
                "the second run",
            )
            assert _elderly_links() == links

            # Warm shutdown, as `docker compose stop` asks for it.
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(timeout=STOP_TIMEOUT) == 0, _log(log_path)
    finally:
        _delete_queue(broker_url, queue)
    log = _log(log_path)
    assert "succeeded in" in log
    assert "Traceback" not in log, log
    print(f"worker test: {time.monotonic() - started:.1f} s from start to stop")
