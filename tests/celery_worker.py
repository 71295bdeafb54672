"""A real Celery worker for integration tests: a separate process consuming a queue of
its own through the configured broker, on this test run's database.

Without a reachable broker (CELERY_BROKER_URL unset, or Redis down on a newcomer's
laptop) the tests that need one are skipped; with PORTAL_REQUIRE_BROKER=1 (CI) they
fail instead. The worker has no result backend: tests poll the database.
"""

import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection
from kombu import Connection, Exchange, Queue

WORKER_READY_TIMEOUT = 30  # seconds: start-up is Django + Celery imports, about 2 s here
STOP_TIMEOUT = 20


def require_broker() -> str:
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


def test_database_url() -> str:
    """DATABASE_URL of the database this test runs on (test_<name> on PostgreSQL)."""
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        path = Path(name)
        assert path.is_absolute(), f"the worker cannot share an in-memory database ({name})"
        return f"sqlite:///{path}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


test_database_url.__test__ = False  # a helper, not a test


def new_queue_name() -> str:
    return f"test-worker-{uuid.uuid4().hex[:12]}"


@contextlib.contextmanager
def running_worker(
    queue: str,
    broker_url: str,
    log_path: Path,
    *,
    pool: str = "solo",
    extra_env: dict[str, str] | None = None,
) -> Iterator[subprocess.Popen]:
    """A worker process on ``queue``, killed at the end if it is still running. Its log
    is appended to ``log_path`` (several workers may share one log)."""
    env = {
        **os.environ,
        "PORTAL_TESTING": "1",
        "DATABASE_URL": test_database_url(),
        "CELERY_BROKER_URL": broker_url,
        "CONN_MAX_AGE": "0",
        "PYTHONUNBUFFERED": "1",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **(extra_env or {}),
    }
    command = [
        *(sys.executable, "-m", "celery", "--app", "portal", "worker"),
        *("--pool", pool, "--concurrency", "1", "--queues", queue),
        *("--hostname", f"{queue}-{uuid.uuid4().hex[:4]}@%h", "--loglevel", "INFO"),
        *("--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    with log_path.open("ab") as log:
        worker = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        yield worker
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=STOP_TIMEOUT)


def wait_for(
    condition: Callable[[], object],
    timeout: float,
    worker: subprocess.Popen,
    log_path: Path,
    what: str,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.poll() is not None:
            pytest.fail(
                f"the worker exited ({worker.returncode}) before {what}:\n{read_log(log_path)}"
            )
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout} s waiting for {what}:\n{read_log(log_path)}")


def wait_until_ready(worker: subprocess.Popen, log_path: Path, *, readiness: int = 1) -> None:
    """Until the log says `ready.` ``readiness`` times (once per worker started on it)."""
    wait_for(
        lambda: read_log(log_path).count(" ready.") >= readiness,
        WORKER_READY_TIMEOUT,
        worker,
        log_path,
        "the worker to be ready",
    )


def read_log(log_path: Path) -> str:
    return log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""


def delete_queue(broker_url: str, queue: str) -> None:
    """Remove the test queue and its binding from the broker (best effort)."""
    with contextlib.suppress(Exception), Connection(broker_url) as conn:
        # Declared as Celery declares a queue it routes to by name; kombu deletes only the
        # bindings a channel knows about.
        test_queue = Queue(queue, Exchange(queue, type="direct"), routing_key=queue)
        test_queue.bind(conn.default_channel).declare()
        test_queue.bind(conn.default_channel).delete()
