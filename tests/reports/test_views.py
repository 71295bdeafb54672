"""The report pages: asking for the statistics workbook, its progress, the download, and
who may see what."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portal.core.jobs import JobStatus
from portal.reports.models import ReportJob
from tests.conftest import client_for

LIST = reverse("reports:job-list")


def _job(community=None, **fields) -> ReportJob:
    defaults = {
        "kind": "community_statistics",
        "title": "社区统计",
        "params": {"month": "2026-03"},
        "community": community,
    }
    return ReportJob.objects.create(**(defaults | fields))


@pytest.mark.django_db
def test_staff_ask_for_the_workbook_and_download_it(
    client, march_data, staff_a, community_a, django_capture_on_commit_callbacks
):
    client_for(client, staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, {"month": "2026-03", "community": community_a.pk})
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.community, job.requested_by, job.params) == (
        community_a,
        staff_a,
        {"month": "2026-03"},
    )

    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    assert "下载表格" in page.content.decode()
    assert 'data-hx-trigger="every 1s"' not in page.content.decode()  # finished: no more polling

    download = client.get(reverse("reports:job-download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True)
    assert [sheet.title for sheet in book.worksheets] == ["居民", "活动", "活动明细"]
    events = {row[0]: row for row in book.worksheets[1].iter_rows(values_only=True)}
    assert events["东南"][1:6] == (1, 1, 3, 1, 2)


@pytest.mark.django_db
def test_a_running_job_shows_a_polling_progress_bar(client, march, staff_a, community_a):
    job = _job(community_a, status=JobStatus.RUNNING, progress=40, stage="正在统计居民")
    client_for(client, staff_a)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'data-hx-trigger="every 1s"' in page
    assert '<progress class="job-progress-bar" max="100" value="40"' in page
    assert "正在统计居民" in page

    # htmx polls for the moving part only.
    part = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert part.lstrip().startswith('<div id="job-progress"')
    assert "<html" not in part
    assert 'value="40"' in part


@pytest.mark.django_db
def test_a_failed_job_says_why(client, march, staff_a, community_a):
    job = _job(community_a, status=JobStatus.FAILED, error="月份请按“年-月”填写，例如 2026-03。")
    client_for(client, staff_a)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "任务失败" in page
    assert "月份请按" in page
    download = client.get(reverse("reports:job-download", args=[job.pk]))
    assert download.status_code == 302  # nothing to download: back to the job page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"month": "2026-05", "community": ""}, "尚未开始"),
        ({"month": "三月", "community": ""}, "月份请按"),
    ],
)
def test_bad_months_are_refused(client, march, subdistrict_user, form, message):
    client_for(client, subdistrict_user)
    response = client.post(LIST, form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportJob.objects.exists()


@pytest.mark.django_db
def test_community_staff_cannot_ask_for_the_sub_district_or_another_community(
    client, march, staff_a, community_b
):
    client_for(client, staff_a)
    for community in ("", community_b.pk):
        response = client.post(LIST, {"month": "2026-03", "community": community})
        assert response.status_code == 200
        assert "is-invalid" in response.content.decode()
    assert not ReportJob.objects.exists()


@pytest.mark.django_db
def test_another_communitys_report_is_a_404(client, march, staff_b, community_a):
    job = _job(community_a, status=JobStatus.DONE)
    client_for(client, staff_b)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:job-download", args=[job.pk])).status_code == 404
    assert f"report-{job.pk}" not in client.get(LIST).content.decode()


@pytest.mark.django_db
def test_sub_district_reports_are_for_sub_district_roles(client, march, staff_a, subdistrict_user):
    job = _job(None, status=JobStatus.DONE)
    assert client_for(client, staff_a).get(job.get_absolute_url()).status_code == 404
    assert client_for(client, subdistrict_user).get(job.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_file_with_full_identity_is_only_for_identity_roles(
    client, march, doctor_a, staff_a, community_a
):
    job = _job(community_a, kind="resident_export", full_identity=True)
    assert client_for(client, doctor_a).get(job.get_absolute_url()).status_code == 404
    assert client_for(client, staff_a).get(job.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_residents_are_refused(client, march, resident_user):
    assert client_for(client, resident_user).get(LIST).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("jobs", [1, 20])
def test_the_list_costs_the_same_queries_for_1_and_20_reports(
    client, march, staff_a, community_a, django_assert_max_num_queries, jobs
):
    for _ in range(jobs):
        _job(community_a, requested_by=staff_a, status=JobStatus.DONE)
    client_for(client, staff_a)
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert len(re.findall(r'id="report-\d+"', response.content.decode())) == jobs


@pytest.mark.django_db
def test_the_job_page_says_what_was_chosen(
    client, march, staff_a, community_a, django_capture_on_commit_callbacks
):
    client_for(client, staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST, {"month": "2026-03", "community": community_a.pk})
    job = ReportJob.objects.get()
    assert job.selection == "统计月份：2026-03；社区：东南"
    assert "统计月份：2026-03；社区：东南" in client.get(job.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_job_waiting_long_says_the_workers_may_be_down(client, staff_a, community_a):
    job = _job(community_a)
    client_for(client, staff_a)
    assert 'id="job-waiting-long"' not in client.get(job.get_absolute_url()).text
    ReportJob.objects.filter(pk=job.pk).update(created_at=job.created_at - dt.timedelta(minutes=3))
    page = client.get(job.get_absolute_url()).text
    assert 'id="job-waiting-long"' in page
    assert "后台任务进程可能已停止" in page
