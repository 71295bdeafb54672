"""A worker killed in the middle of an import loses nothing and duplicates nothing.

A real worker takes the commit of a checked 20,000-row import from the real broker and
is killed with SIGKILL when the import reaches its writing step, as the kernel's OOM
killer or a crash would, in the two ways a worker dies:

- the pool's child running the task dies: the task is ``acks_late`` with
  ``reject_on_worker_lost``, so the pool puts the message back and a new child takes it;
- the whole worker dies (a solo pool, or the machine): the message was never
  acknowledged, so the broker hands it to the next worker once the visibility timeout
  has passed (shortened to a few seconds here).

Either way the commit starts again from the file and the registry ends up with every
row exactly once: the first run's transaction was rolled back with its process.
"""

import os
import signal
import time
from pathlib import Path

import pytest
from django.db import transaction

from portal.celery import app as celery_app
from portal.core.jobs import JobStatus
from portal.registry import imports, tasks
from portal.registry.imports import ImportPhase
from portal.registry.models import Household, RegistryImport, Resident, Tag
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
from tests.factories import TagFactory
from tests.registry.importdata import households, upload, workbook

ROWS = 20_000
TIMEOUT = 120  # seconds for a phase; about 10 here
# Seconds before the broker hands a dead worker's message to another (two hours in
# production, where no task runs that long).
VISIBILITY_TIMEOUT = 5


def _children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its ")"
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _job(pk: int) -> RegistryImport:
    return RegistryImport.objects.get(pk=pk)


@pytest.fixture
def import_queue(monkeypatch, compound_a):
    """A queue of this test's own that the import's tasks are published to, through the
    broker; a checked-clean 20,000-row workbook; the broker URL."""
    broker_url = require_broker()
    TagFactory(slug=Tag.PARTY_MEMBER, name="党员")
    queue = new_queue_name()
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    for task in (tasks.import_check_task, tasks.import_commit_task):
        monkeypatch.setattr(
            task,
            "delay_on_commit",
            lambda pk, task=task: transaction.on_commit(
                lambda: task.apply_async(args=[pk], queue=queue)
            ),
        )
    content = workbook(households(ROWS, community="东南", compound=compound_a.name))
    yield queue, broker_url, content
    delete_queue(broker_url, queue)


def _checked_import(staff, content, worker, log_path) -> int:
    pk = imports.import_start(staff, upload(content)).pk
    wait_for(lambda: _job(pk).phase == ImportPhase.CHECKED, TIMEOUT, worker, log_path, "the check")
    assert _job(pk).error_count == 0, _job(pk).errors[:5]
    return pk


def _commit_until_writing(pk, staff, worker, log_path) -> None:
    imports.import_commit_request(_job(pk), staff)
    wait_for(
        lambda: _job(pk).progress >= 80 or _job(pk).status == JobStatus.DONE,
        TIMEOUT,
        worker,
        log_path,
        "the writing step",
    )
    assert _job(pk).status == JobStatus.RUNNING, "the commit ended before the kill"


def _wait_until_finished(pk, worker, log_path) -> None:
    wait_for(
        lambda: _job(pk).status in (JobStatus.DONE, JobStatus.FAILED),
        TIMEOUT,
        worker,
        log_path,
        "the commit to run again and finish",
    )


def _assert_imported_once(pk: int) -> None:
    job = _job(pk)
    assert (job.status, job.phase, job.attempts) == (JobStatus.DONE, ImportPhase.COMMITTED, 2)
    assert job.residents_created == ROWS
    assert Resident.objects.count() == ROWS
    assert Resident.objects.values("id_number").distinct().count() == ROWS
    assert Household.objects.count() == job.households_created
    assert Resident.history.filter(history_type="+").count() == ROWS


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_pool_child_killed_while_writing_an_import(tmp_path, staff_a, import_queue):
    queue, broker_url, content = import_queue
    log_path = tmp_path / "worker.log"
    with running_worker(queue, broker_url, log_path, pool="prefork") as worker:
        wait_until_ready(worker, log_path)
        pk = _checked_import(staff_a, content, worker, log_path)
        _commit_until_writing(pk, staff_a, worker, log_path)
        [child] = _children(worker.pid)
        os.kill(child, signal.SIGKILL)
        killed_at = time.monotonic()
        _wait_until_finished(pk, worker, log_path)
        print(f"commit finished {time.monotonic() - killed_at:.1f} s after the kill")
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=STOP_TIMEOUT) == 0, read_log(log_path)
    assert "SIGKILL" in read_log(log_path)  # the pool saw its child die
    _assert_imported_once(pk)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_whole_worker_killed_while_writing_an_import(tmp_path, staff_a, import_queue):
    queue, broker_url, content = import_queue
    log_path = tmp_path / "worker.log"
    short = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    with running_worker(queue, broker_url, log_path, extra_env=short) as first:
        wait_until_ready(first, log_path)
        pk = _checked_import(staff_a, content, first, log_path)
        _commit_until_writing(pk, staff_a, first, log_path)
        first.kill()  # SIGKILL: no warm shutdown, nothing handed back
        first.wait(timeout=STOP_TIMEOUT)
        killed_at = time.monotonic()
    assert _job(pk).status == JobStatus.RUNNING  # left as the dead worker had it
    assert Resident.objects.count() == 0  # its transaction died with it

    with running_worker(queue, broker_url, log_path, extra_env=short) as second:
        wait_until_ready(second, log_path, readiness=2)
        _wait_until_finished(pk, second, log_path)
        print(f"commit finished {time.monotonic() - killed_at:.1f} s after the kill")
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=STOP_TIMEOUT) == 0, read_log(log_path)
    _assert_imported_once(pk)
