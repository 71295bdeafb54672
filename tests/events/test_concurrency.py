"""Parallel sign-ups against the real database: the capacity holds and nobody gets two places.

Each thread has its own database connection and transaction and they start together at a
barrier, so on PostgreSQL the row lock in ``registration_create`` is what keeps the count right (on
SQLite the IMMEDIATE transactions queue the writers). Run under ``.ci/run`` on both.
"""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from portal.events import services
from portal.events.models import Registration
from tests.concurrency import run_at_once
from tests.events.factories import EventFactory
from tests.factories import CommunityFactory, ResidentFactory

THREADS = 12
CAPACITY = 5


def _race(event, residents) -> Counter:
    """Sign every resident up at once; count the outcomes."""

    def attempt(resident) -> str:
        try:
            return services.registration_create(event=event, resident=resident, by=None).status
        except ValidationError as error:
            return error.code

    return Counter(run_at_once([lambda r=resident: attempt(r) for resident in residents]))


@pytest.fixture
def crowd(transactional_db):
    community = CommunityFactory(name="并发社区", code="090")
    people = [ResidentFactory(community=community) for _ in range(THREADS)]
    return community, people


def test_parallel_sign_ups_never_exceed_capacity(crowd):
    community, people = crowd
    event = EventFactory(community=community, capacity=CAPACITY, waitlist_enabled=False)
    outcomes = _race(event, people)
    assert outcomes["confirmed"] == CAPACITY, (connection.vendor, outcomes)
    assert sum(outcomes.values()) == THREADS
    assert Registration.objects.filter(event=event, status="confirmed").count() == CAPACITY


def test_parallel_sign_ups_fill_places_then_the_waiting_list_in_order(crowd):
    community, people = crowd
    event = EventFactory(community=community, capacity=CAPACITY)
    outcomes = _race(event, people)
    assert outcomes == Counter(confirmed=CAPACITY, waitlisted=THREADS - CAPACITY), outcomes
    confirmed = Registration.objects.filter(event=event, status="confirmed")
    waiting = Registration.objects.filter(event=event, status="waitlisted")
    # Everyone confirmed signed up no later than everyone waiting.
    assert max(r.created_at for r in confirmed) <= min(r.created_at for r in waiting)


def test_parallel_double_submits_give_one_sign_up(crowd):
    community, people = crowd
    event = EventFactory(community=community, capacity=CAPACITY)
    outcomes = _race(event, [people[0]] * 6)
    assert outcomes["confirmed"] == 1, outcomes
    assert Registration.objects.filter(event=event, resident=people[0]).count() == 1
