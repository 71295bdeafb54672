"""The education demo: ``seed_demo`` runs the kernel's demo and then
``education.demo.seed_education``, on 29 November 2026."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from education import demo
from education.models import (
    ColumnPost,
    CompletionCertificate,
    CourseClass,
    EnrolmentStatus,
    ProgrammeTarget,
)
from education.progress import programme_progress
from education.services.column import column_week_check
from portal.events.models import Registration
from portal.guide.models import ServiceEntry
from tests.education.fixtures import at

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        time_machine.travel(at(TODAY), tick=False),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("seed_demo", force=True, residents=300, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_data, db):
    with time_machine.travel(at(TODAY, 11), tick=False):
        yield demo_data


def test_the_plans_targets_and_this_years_progress(seeded):
    targets = dict(
        ProgrammeTarget.objects.filter(year=2026).values_list("programme__code", "target")
    )
    assert targets["farmer_skills"] == 18000 and targets["adult_degree"] == 65
    assert len(targets) == 7
    for target in ProgrammeTarget.objects.select_related("programme"):
        progress = programme_progress(target.programme, 2026, today=TODAY)
        assert progress.year_total.person_times > 0, target.programme.code


def test_classes_with_attendance_a_waiting_list_and_certificates(seeded):
    assert CourseClass.objects.count() == len(demo.CLASSES) + len(demo.UPCOMING)
    attended = Registration.objects.attended().filter(event__organiser_app="education")
    assert attended.unscoped().count() > 200
    statuses = set(
        CourseClass.objects.get(
            course__name="计算机基础与办公软件", name="秋季班"
        ).enrolments.values_list("status", flat=True)
    )
    assert statuses == {EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED}
    assert CompletionCertificate.objects.exists()


def test_the_column_has_one_short_week(seeded):
    assert ColumnPost.objects.count() == demo.COLUMN_WEEKS * 3 - 1
    assert column_week_check(today=TODAY) == 0  # last week was full


def test_the_guide_links_to_the_course_list(seeded):
    entry = ServiceEntry.objects.get(slug="shequ-xueyuan-baoming")
    assert entry.online_path == "/education/courses/"


def test_a_second_run_creates_nothing(seeded):
    counts = demo._counts()
    assert demo.seed_education() == 0
    assert demo._counts() == counts
