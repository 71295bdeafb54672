"""Parallel enrolments against the real database: a class's places hold, the rest wait,
nobody is enrolled twice. Each thread has its own connection and transaction; on
PostgreSQL the row lock in ``enrolment_create`` keeps the count right (on SQLite the
writers queue)."""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from education.models import Course, Enrolment
from education.services import courses as services
from portal.accounts.models import Role
from portal.events.models import Registration
from tests.concurrency import run_at_once
from tests.education.fixtures import BEFORE, FIRST
from tests.factories import CommunityFactory, ResidentFactory, UserFactory

THREADS = 10
CAPACITY = 4


@pytest.fixture
def setting(transactional_db):
    community = CommunityFactory(name="并发社区", code="091")
    coordinator = UserFactory(username="kecheng_c", role=Role.COURSE_COORDINATOR)
    course = Course.objects.create(
        name="并发课程",
        category="computer",
        community=community,
        teacher="李",
        place="中心",
        hours=10,
        capacity=CAPACITY,
    )
    course_class = services.class_open(
        course=course,
        name="班",
        first_start=FIRST,
        minutes=60,
        frequency="weekly",
        count=3,
        by=coordinator,
    )
    people = [ResidentFactory(community=community) for _ in range(THREADS)]
    return course_class, people, coordinator


def _attempt(course_class, resident, by):
    try:
        return services.enrolment_create(
            course_class=course_class, resident=resident, by=by, now=BEFORE
        ).status
    except ValidationError as error:
        return error.code


def test_parallel_enrolments_never_exceed_the_places(setting):
    course_class, people, by = setting
    outcomes = Counter(run_at_once([lambda r=r: _attempt(course_class, r, by) for r in people]))
    assert outcomes == Counter(confirmed=CAPACITY, waitlisted=THREADS - CAPACITY), (
        connection.vendor,
        outcomes,
    )
    confirmed = Enrolment.objects.filter(course_class=course_class, status="confirmed")
    assert confirmed.unscoped().count() == CAPACITY
    # Places at every session for the confirmed only.
    sessions = Registration.objects.filter(event__series=course_class.series_id).unscoped()
    assert sessions.count() == CAPACITY * 3


def test_the_same_person_twice_at_once_is_enrolled_once(setting):
    course_class, people, by = setting
    person = people[0]
    outcomes = Counter(run_at_once([lambda: _attempt(course_class, person, by)] * 4))
    assert outcomes == Counter(confirmed=1, already_enrolled=3), (connection.vendor, outcomes)
    assert Enrolment.objects.filter(resident=person).unscoped().count() == 1
