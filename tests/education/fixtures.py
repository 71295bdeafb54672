"""Shared set-up of the education tests: a course of community A (东南) with a weekly
class of ten sessions in March–May 2026, a course coordinator, and learners."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from education.catalogue import install_programmes
from education.models import Course, CourseCategory
from education.services import courses as services
from portal.accounts.models import Role
from portal.events.models import Frequency
from tests.factories import ResidentFactory, UserFactory

TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2026
FIRST = dt.datetime(YEAR, 3, 2, 19, 0, tzinfo=TZ)  # a Monday
BEFORE = FIRST - dt.timedelta(days=7)


def at(day: dt.date | dt.datetime, hour: int = 20) -> dt.datetime:
    if isinstance(day, dt.datetime):
        return day
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)


@pytest.fixture
def coordinator(db):
    return UserFactory(username="kecheng", role=Role.COURSE_COORDINATOR)


@pytest.fixture
def programmes(db):
    return install_programmes()


@pytest.fixture
def course(community_a, programmes):
    return Course.objects.create(
        name="农村电商实务",
        category=CourseCategory.ECOMMERCE,
        community=community_a,
        teacher="王老师",
        place="东南社区服务中心三楼教室",
        hours=20,
        capacity=3,
        programme=programmes["labour_transfer"],
    )


def open_class(course, coordinator, *, count: int = 10, first: dt.datetime = FIRST, name="春季班"):
    return services.class_open(
        course=course,
        name=name,
        first_start=first,
        minutes=120,
        frequency=Frequency.WEEKLY,
        count=count,
        enrolment_closes_at=first,
        by=coordinator,
    )


@pytest.fixture
def course_class(course, coordinator):
    return open_class(course, coordinator)


def learners(community, number: int, **kwargs):
    return [ResidentFactory(community=community, **kwargs) for _ in range(number)]


def enrol(course_class, residents, by, now=BEFORE):
    return [
        services.enrolment_create(course_class=course_class, resident=r, by=by, now=now)
        for r in residents
    ]


def attend(course_class, resident, sessions, by):
    """Mark ``resident`` present at ``sessions`` (indexes into the class's sessions)."""
    all_sessions = list(course_class.sessions())
    for index in sessions:
        session = all_sessions[index]
        services.session_attendance_mark(
            session=session,
            resident=resident,
            attended=True,
            by=by,
            now=session.starts_at + dt.timedelta(minutes=30),
        )
