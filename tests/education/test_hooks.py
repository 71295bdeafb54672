"""What the education app adds through the kernel's hooks: menus, panels, the report kind,
the beat task, the notification kind and the work-plan measures."""

import datetime as dt

import pytest
from django.urls import reverse

from education.models import ColumnCategory, ColumnPost, DegreeEnrolment, DegreeLevel
from education.services import programmes as programme_services
from portal.core import hooks
from portal.core.panels import staff_panels
from tests.conftest import client_for
from tests.education.fixtures import YEAR, at, attend, enrol, learners

pytestmark = pytest.mark.django_db


def test_menus(coordinator, staff_a, doctor_a, resident_user):
    course_list = reverse("education:course-list")
    assert course_list in [item.url for item in hooks.staff_menu(coordinator)]
    assert course_list in [item.url for item in hooks.staff_menu(staff_a)]
    assert course_list not in [item.url for item in hooks.staff_menu(doctor_a)]
    public = [item.url for item in hooks.public_menu(resident_user)]
    assert reverse("education:my-courses") in public
    assert reverse("education:public-courses") in public


def test_staff_panel_counts_the_waiting_list(course_class, community_a, coordinator, doctor_a):
    enrol(course_class, learners(community_a, 4), coordinator)  # three places
    [panel] = [p for p in staff_panels(coordinator) if p.url == reverse("education:course-list")]
    assert panel.lines[0].count == 1
    assert not [p for p in staff_panels(doctor_a) if p.url == reverse("education:course-list")]


def test_resident_panel_lists_courses_and_certificates(
    client, course_class, resident_a, coordinator, staff_a, doctor_a
):
    enrol(course_class, [resident_a], coordinator)
    [panel] = [p for p in hooks.resident_panels(staff_a, resident_a) if p.title == "社区学院"]
    assert str(course_class) in [line.label for line in panel.lines]
    assert not [p for p in hooks.resident_panels(doctor_a, resident_a) if p.title == "社区学院"]
    client_for(client, staff_a)
    page = client.get(resident_a.get_absolute_url()).content.decode()
    assert course_class.course.name in page


def test_kinds_and_beat_task_are_registered():
    assert hooks.report_kind("education_programmes").allowed == "education.roles.is_education_staff"
    assert "education_column_short" in hooks.notification_kinds()
    assert (
        hooks.beat_schedule()["education-column-week-check"]["task"]
        == "education.tasks.column_week_check_task"
    )


def test_plan_measures_count_the_records(
    course_class, community_a, community_b, coordinator, programmes, resident_b
):
    measures = hooks.plan_measures()
    assert {
        "education.training_person_times",
        "education.learners",
        "education.degree_enrolments",
        "education.column_posts",
    } <= set(measures)
    a, b = learners(community_a, 2)
    enrol(course_class, [a, b], coordinator)
    attend(course_class, a, [0, 1, 2], coordinator)  # March: 2, 9, 16
    attend(course_class, b, [0], coordinator)
    programme_services.training_entry_record(
        programme=programmes["farmer_skills"],
        year=YEAR,
        held_on=dt.date(YEAR, 3, 20),
        title="水稻栽培",
        person_times=120,
        persons=110,
        community=community_b,
        by=coordinator,
        today=dt.date(YEAR, 6, 1),
    )
    DegreeEnrolment.objects.create(
        resident=resident_b,
        university="陕西师范大学",
        major="小学教育",
        level=DegreeLevel.JUNIOR_TO_BACHELOR,
        enrolled_on=dt.date(YEAR, 3, 1),
    )
    for day in (2, 3):
        ColumnPost.objects.create(
            title=f"信息{day}",
            category=ColumnCategory.MARKET,
            body="…",
            published_at=at(dt.date(YEAR, 3, day)),
        )
    march = {"start": dt.date(YEAR, 3, 1), "end": dt.date(YEAR, 3, 31)}

    def count(key, **kwargs):
        return hooks.resolve(measures[key].count)(**march, **kwargs)

    assert count("education.training_person_times") == 4 + 120
    assert count("education.training_person_times", option="labour_transfer") == 4
    assert count("education.training_person_times", option="farmer_skills") == 120
    assert count("education.training_person_times", community=community_a) == 4
    assert count("education.learners") == 2
    assert count("education.learners", community=community_b) == 0
    assert count("education.degree_enrolments") == 1
    assert count("education.degree_enrolments", community=community_a) == 0
    assert count("education.column_posts") == 2
