"""The monthly community statistics workbook: its figures, the job that builds it, the
command that writes the same file, and the monthly beat entry."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from portal.core.jobs import JobStatus
from portal.reports.models import ReportJob
from portal.reports.services import monthly_statistics_queue, report_build, report_request
from portal.reports.statistics import statistics_title, statistics_workbook
from tests.reports.conftest import read_workbook

RESIDENT_HEADER = ("Community", "Households", "Residents", "Aged 0–17", "Aged 18–59")


def _sheets(content: bytes) -> tuple[dict, dict, dict]:
    sheets = list(read_workbook(content).values())
    return sheets[0], sheets[1], sheets[2]


@pytest.mark.django_db
def test_the_workbook_counts_residents_events_sign_ups_and_hours(march_data):
    with translation.override("en"):
        residents, events, detail = _sheets(statistics_workbook(march_data))

    assert residents["Community"][:5] == RESIDENT_HEADER
    # households, residents, 0–17, 18–59, 60–79, 80+, then the tags (老年人 first)
    assert residents["东南"][1:8] == (1, 4, 1, 1, 1, 1, 2)
    assert residents["雅苑"][1:8] == (1, 1, 0, 1, 0, 0, 0)
    assert residents["Total"][1:8] == (2, 5, 1, 2, 1, 1, 2)

    # held, called off, signed up, waiting, came, hours
    assert events["东南"][1:] == (1, 1, 3, 1, 2, Decimal("4"))
    assert events["雅苑"][1:] == (1, 0, 1, 0, 1, Decimal("1.5"))
    assert events["Whole sub-district"][1:] == (1, 0, 0, 0, 0, 0)
    assert events["Total"][1:] == (3, 1, 4, 1, 3, Decimal("5.5"))

    listed = [row for key, row in detail.items() if key != "Date"]
    assert [row[0].date() for row in listed] == [
        dt.date(2026, 3, 5),
        dt.date(2026, 3, 10),
        dt.date(2026, 3, 12),
        dt.date(2026, 3, 25),
    ]  # the April event is not in March


@pytest.mark.django_db
def test_a_community_workbook_holds_that_community_only(march_data, community_a):
    with translation.override("en"):
        residents, events, detail = _sheets(statistics_workbook(march_data, community_a))
    assert set(residents) == {"Community", "东南", "Total"}
    assert set(events) == {"Community", "东南", "Total"}
    assert len(detail) == 1 + 2  # header, the held and the called-off event


@pytest.mark.django_db
def test_a_report_job_builds_the_file_and_a_second_run_does_nothing(
    march_data, subdistrict_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = report_request(
            kind="community_statistics",
            user=subdistrict_user,
            title=statistics_title(march_data, None),
            params={"month": "2026-03"},
        )
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == (JobStatus.DONE, 100, 1)
    assert job.filename == "community-statistics-2026-03-all.xlsx"
    with job.file.open("rb") as handle:
        content = handle.read()
    _residents, events, _detail = _sheets(content)
    assert events["合计"][1:] == (3, 1, 4, 1, 3, Decimal("5.5"))

    # Delivered again (a redelivered message): finished jobs are left alone.
    assert report_build(job.pk) is None
    job.refresh_from_db()
    assert job.attempts == 1


@pytest.mark.django_db
def test_a_failing_build_is_recorded_with_its_reason(march, community_a):
    job = ReportJob.objects.create(
        kind="community_statistics", title="x", params={"month": "March"}
    )
    with translation.override("en"):
        report_build(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "YYYY-MM" in job.error
    assert not job.file


@pytest.mark.django_db
def test_the_command_writes_the_same_workbook(march_data, tmp_path, community_a):
    out = tmp_path / "stats.xlsx"
    call_command("community_statistics", "2026-03", "--community", "东南", "--out", str(out))
    residents, events, _ = _sheets(out.read_bytes())
    assert residents["东南"][1:8] == (1, 4, 1, 1, 1, 1, 2)
    assert events["东南"][1:] == (1, 1, 3, 1, 2, Decimal("4"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["03/2026"], "YYYY-MM"),
        (["2026-05"], "has not begun"),
        (["2026-03", "--community", "火星"], "No community"),
    ],
)
def test_the_command_refuses_bad_arguments(march, arguments, message):
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("community_statistics", *arguments)


@pytest.mark.django_db
def test_the_monthly_beat_entry_queues_each_report_once(
    march_data, community_a, community_b, django_capture_on_commit_callbacks
):
    today = dt.date(2026, 4, 1)
    with django_capture_on_commit_callbacks(execute=True):
        first = monthly_statistics_queue(today)
    with django_capture_on_commit_callbacks(execute=True):
        second = monthly_statistics_queue(today)
    assert len(first) == 3  # the sub-district and the two communities
    assert second == []
    jobs = ReportJob.objects.filter(params={"month": "2026-03"})
    assert jobs.count() == 3
    assert set(jobs.values_list("status", flat=True)) == {JobStatus.DONE}
    assert set(jobs.values_list("community", flat=True)) == {None, community_a.pk, community_b.pk}


@pytest.mark.django_db
def test_whoever_asked_finds_the_outcome_in_the_inbox(
    march_data, staff_a, community_a, django_capture_on_commit_callbacks
):
    from portal.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        job = report_request(
            kind="community_statistics",
            user=staff_a,
            community=community_a,
            title=statistics_title(march_data, community_a),
            params={"month": "2026-03"},
        )
    [message] = Notification.objects.filter(recipient=staff_a)
    assert message.url == job.get_absolute_url()
    assert "社区统计 2026-03 · 东南" in message.subject
    assert report_build(job.pk) is None  # a second delivery tells nobody again
    assert Notification.objects.filter(recipient=staff_a).count() == 1


@pytest.mark.django_db
def test_the_age_bands_follow_the_settings(march_data, settings):
    settings.ADVANCED_AGE = 90  # a province that pays 高龄津贴 from 90
    with translation.override("en"):
        residents, _events, _detail = _sheets(statistics_workbook(march_data))
    assert residents["Community"][3:7] == (
        "Aged 0–17",
        "Aged 18–59",
        "Aged 60–89",
        "Aged 90 and over",
    )
    assert residents["东南"][3:7] == (1, 1, 2, 0)  # the 85-year-old is in 60–89 now
