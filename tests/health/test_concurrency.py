"""50 residents book a 5-place slot at the same instant: exactly 5 get a place.

Each call runs in its own thread, connection and transaction, started together at a
barrier (``tests.concurrency.run_at_once``). On PostgreSQL the slot row's lock
(``SELECT … FOR UPDATE`` in ``booking_create``) serialises them; run with
``DATABASE_URL=postgres://…/portal_<you>``. On SQLite the writers queue on the database lock.
"""

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from health.models import Booking, Slot
from health.services.appointments import booking_create
from tests.concurrency import run_at_once
from tests.factories import CommunityFactory, ResidentFactory
from tests.health.helpers import make_slot, make_team, make_timetable

THREADS = 50
CAPACITY = 5


@pytest.fixture
def crowd(transactional_db):
    community = CommunityFactory(name="并发卫生社区", code="091")
    team = make_team(community)
    slot = make_slot(make_timetable(team.facility, capacity=CAPACITY))
    people = [ResidentFactory(community=community) for _ in range(THREADS)]
    return slot, people


def _race(slot, people) -> Counter:
    def attempt(resident) -> str:
        try:
            booking_create(slot=slot, resident=resident, by=None)
            return "booked"
        except ValidationError as error:
            return error.code

    return Counter(run_at_once([lambda r=resident: attempt(r) for resident in people]))


def test_fifty_at_once_on_five_places_give_exactly_five(crowd):
    slot, people = crowd
    outcomes = _race(slot, people)
    print("health booking race:", connection.vendor, dict(outcomes))
    assert outcomes == Counter(booked=CAPACITY, slot_full=THREADS - CAPACITY), (
        connection.vendor,
        outcomes,
    )
    assert Booking.objects.filter(slot=slot, status="booked").count() == CAPACITY
    assert Slot.objects.get(pk=slot.pk).booked == CAPACITY


def test_the_same_resident_twice_at_once_gets_one_booking(crowd):
    slot, people = crowd
    outcomes = _race(slot, [people[0]] * 6)
    assert outcomes["booked"] == 1, outcomes
    assert set(outcomes) <= {"booked", "duplicate"}
    assert Booking.objects.filter(slot=slot, resident=people[0]).count() == 1
    assert Slot.objects.get(pk=slot.pk).booked == 1
