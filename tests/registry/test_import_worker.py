"""A worker killed in the middle of an import loses nothing and duplicates nothing.

A real worker (prefork pool, one child) takes the commit of a checked 20,000-row import
from the real broker. When the import reaches its writing step, the child running it is
killed with SIGKILL, as the kernel's OOM killer or a crash would. The task is
``acks_late`` with ``reject_on_worker_lost``: the message goes back to the queue, a new
child takes it, starts the commit again from the file, and the registry ends up with
every row exactly once (the first run's transaction was rolled back with its process).
"""

import os
import signal
import time
from pathlib import Path

import pytest
from django.db import transaction

from portal.celery import app as celery_app
from portal.registry import imports, tasks
from portal.registry.imports import ImportPhase
from portal.registry.models import Household, RegistryImport, Resident, Tag
from portal.reports.models import JobStatus
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


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_writing_an_import_loses_and_duplicates_nothing(
    tmp_path, monkeypatch, staff_a, compound_a
):
    broker_url = require_broker()
    TagFactory(slug=Tag.PARTY_MEMBER, name="党员")
    queue = new_queue_name()
    log_path = tmp_path / "worker.log"
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    # The import's tasks go to this test's queue, through the broker.
    for task in (tasks.check_import_task, tasks.commit_import_task):
        monkeypatch.setattr(
            task,
            "delay_on_commit",
            lambda pk, task=task: transaction.on_commit(
                lambda: task.apply_async(args=[pk], queue=queue)
            ),
        )
    content = workbook(households(ROWS, community="东南", compound=compound_a.name))
    try:
        with running_worker(queue, broker_url, log_path, pool="prefork") as worker:
            wait_until_ready(worker, log_path)
            pk = imports.start_import(staff_a, upload(content)).pk
            wait_for(
                lambda: _job(pk).phase == ImportPhase.CHECKED,
                TIMEOUT,
                worker,
                log_path,
                "the dry run",
            )
            assert _job(pk).error_count == 0, _job(pk).errors[:5]

            imports.request_commit(_job(pk), staff_a)
            wait_for(
                lambda: _job(pk).progress >= 80 or _job(pk).status == JobStatus.DONE,
                TIMEOUT,
                worker,
                log_path,
                "the writing step",
            )
            assert _job(pk).status == JobStatus.RUNNING, "the commit ended before the kill"
            [child] = _children(worker.pid)
            os.kill(child, signal.SIGKILL)
            killed_at = time.monotonic()

            wait_for(
                lambda: _job(pk).status in (JobStatus.DONE, JobStatus.FAILED),
                TIMEOUT,
                worker,
                log_path,
                "the commit to run again and finish",
            )
            print(f"commit finished {time.monotonic() - killed_at:.1f} s after the kill")
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(timeout=STOP_TIMEOUT) == 0, read_log(log_path)
    finally:
        delete_queue(broker_url, queue)

    log = read_log(log_path)
    assert "SIGKILL" in log, log  # the pool saw its child die
    job = _job(pk)
    assert (job.status, job.phase, job.attempts) == (JobStatus.DONE, ImportPhase.COMMITTED, 2)
    assert job.residents_created == ROWS
    assert Resident.objects.count() == ROWS
    assert Resident.objects.values("id_number").distinct().count() == ROWS
    assert Household.objects.count() == job.households_created
    assert Resident.history.filter(history_type="+").count() == ROWS
