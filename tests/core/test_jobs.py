"""``portal.core.jobs.run_job``: the outcome is recorded, ``job_finished`` tells the
listeners (the notifications app), and a listener's failure never undoes the outcome."""

import logging

import pytest

from portal.core.jobs import JobError, JobStatus, job_finished, run_job
from portal.notifications.models import Notification
from portal.reports.models import ReportJob


@pytest.fixture
def job(staff_a, community_a):
    return ReportJob.objects.create(
        kind="community_statistics",
        title="东南 2026-03",
        community=community_a,
        requested_by=staff_a,
    )


def test_a_finished_job_is_announced_once_and_the_requester_told(job, staff_a):
    seen = []

    def listener(sender, job, **kwargs):
        seen.append((sender, job.pk, job.status))

    job_finished.connect(listener)
    try:
        run_job(ReportJob, job.pk, lambda claimed: claimed.finish())
        assert run_job(ReportJob, job.pk, lambda claimed: claimed.finish()) is None
    finally:
        job_finished.disconnect(listener)

    assert seen == [(ReportJob, job.pk, JobStatus.DONE)]
    [message] = Notification.objects.filter(recipient=staff_a)
    assert message.kind == "job_finished"


def test_a_job_error_is_recorded_as_the_users_message(job):
    def work(claimed):
        raise JobError("没有这个月的数据")

    done = run_job(ReportJob, job.pk, work)

    assert (done.status, done.error) == (JobStatus.FAILED, "没有这个月的数据")


def test_a_failing_listener_is_logged_and_does_not_undo_the_outcome(job, caplog):
    def broken(sender, job, **kwargs):
        raise RuntimeError("listener down")

    job_finished.connect(broken)
    try:
        with caplog.at_level(logging.ERROR, logger="portal.core.jobs"):
            done = run_job(ReportJob, job.pk, lambda claimed: claimed.finish())
    finally:
        job_finished.disconnect(broken)

    assert done.status == JobStatus.DONE
    assert ReportJob.objects.get(pk=job.pk).status == JobStatus.DONE
    assert "job_finished receiver" in caplog.text
