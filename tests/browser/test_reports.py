"""Staff ask for the monthly statistics in a real browser, watch the progress bar move
while the workbook is built, and download a workbook that openpyxl reads back."""

import datetime as dt
import io
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone
from openpyxl import load_workbook

from portal.core.dates import local_datetime
from portal.core.jobs import JobStatus
from portal.events.models import Registration
from portal.reports import tasks
from portal.reports.models import ReportJob
from portal.reports.services import report_build
from tests.events.factories import EventFactory
from tests.factories import ResidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EVENTS = 12
STEP_PAUSE = 0.3  # seconds after each recorded step, so the 1 s poll sees several of them


@pytest.fixture
def month_of_events(community_a):
    """Twelve events this month in community A, each with two sign-ups, one of whom came."""
    today = timezone.localdate()
    people = [ResidentFactory(community=community_a) for _ in range(2)]
    for index in range(EVENTS):
        day = today.replace(day=1) + dt.timedelta(days=index % 28)
        starts = local_datetime(day, dt.time(9))
        event = EventFactory(
            community=community_a, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
        )
        for number, person in enumerate(people):
            Registration.objects.create(
                event=event,
                resident=person,
                status="confirmed",
                attended_at=starts if number == 0 else None,
            )
    return today.replace(day=1)


@pytest.fixture
def worker_in_a_thread(monkeypatch):
    """Jobs are queued to a list instead of the broker, and built here in a thread, each
    recorded step followed by a short pause, while the browser polls the page."""
    queued: list[int] = []
    monkeypatch.setattr(tasks.report_build_task, "delay_on_commit", queued.append)
    original = ReportJob.report_progress

    def paced(self, done, total, stage=""):
        before = (self.progress, self.stage)
        original(self, done, total, stage)
        if (self.progress, self.stage) != before:
            time.sleep(STEP_PAUSE)

    monkeypatch.setattr(ReportJob, "report_progress", paced)

    def start() -> threading.Thread:
        deadline = time.monotonic() + 10
        while not queued and time.monotonic() < deadline:
            time.sleep(0.05)
        assert queued, "no report was queued"

        def build() -> None:
            try:
                report_build(queued[0])
            finally:
                connection.close()

        thread = threading.Thread(target=build)
        thread.start()
        return thread

    return start


def test_the_monthly_report_builds_with_a_moving_progress_bar(
    phone, staff_a, month_of_events, worker_in_a_thread
):
    page = phone.page
    phone.log_in_as_staff(staff_a)

    phone.go("/staff/reports/")
    page.fill("#id_month", month_of_events.strftime("%Y-%m"))
    page.click("#submit-id-submit")
    page.wait_for_url("**/staff/reports/*/")
    builder = worker_in_a_thread()

    seen: list[int] = []
    deadline = time.monotonic() + 60
    while not page.is_visible("#report-download"):
        assert time.monotonic() < deadline, f"the report did not finish; progress seen: {seen}"
        bar = page.query_selector("progress.job-progress-bar")
        if bar:
            value = int(bar.get_attribute("value"))
            if not seen or seen[-1] != value:
                seen.append(value)
                if len(seen) == 3:
                    phone.shot("1-progress")
        time.sleep(0.1)
    builder.join(timeout=30)
    phone.shot("2-done")

    print(f"progress values the page showed: {seen}")
    moving = [value for value in seen if 0 < value < 100]
    assert len(set(moving)) >= 2, f"the bar did not move: {seen}"
    assert seen == sorted(seen), f"the bar went backwards: {seen}"
    assert ReportJob.objects.get().status == JobStatus.DONE

    with page.expect_download() as download:
        page.click("#report-download")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True)
    events = {row[0]: row for row in book.worksheets[1].iter_rows(values_only=True)}
    assert events["东南"][1:6] == (EVENTS, 0, 2 * EVENTS, 0, EVENTS)
    assert phone.fits_the_screen()
    assert not phone.errors, phone.errors
