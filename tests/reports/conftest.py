import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from openpyxl import load_workbook

from portal.core.dates import local_datetime
from portal.events.models import EventStatus, Registration, RegistrationStatus
from portal.registry.models import Tag
from tests.events.factories import EventFactory
from tests.factories import ResidentFactory, TagFactory, next_id_number

# The tests build March 2026 on 20 March 2026 (residents registered that day count).
TODAY = dt.datetime(2026, 3, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def march(db):
    with time_machine.travel(TODAY, tick=False):
        yield dt.date(2026, 3, 1)


def read_workbook(content: bytes) -> dict[str, dict]:
    """Each sheet's rows keyed by their first cell (community name or 合计 / Total)."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {
        sheet.title: {row[0]: row for row in sheet.iter_rows(values_only=True)}
        for sheet in book.worksheets
    }


def _at(day: int, hour: int = 9) -> dt.datetime:
    return local_datetime(dt.date(2026, 3, day), dt.time(hour))


@pytest.fixture
def march_data(march, community_a, community_b, household_a, household_b):
    """Community A: 4 residents (aged 10, 30, 65 and 85 on 31 March), 2 of them elderly;
    one event held (3 signed up, 1 waiting, 2 came for 2 hours each) and one called off.
    Community B: 1 resident aged 40, one event (1 came, 1.5 hours). One sub-district-wide
    event, and an April event that must not count."""
    elderly = TagFactory(slug=Tag.ELDERLY, name="老年人")
    ages = {10: None, 30: None, 65: elderly, 85: elderly}
    residents_a = []
    for age, tag in ages.items():
        resident = ResidentFactory(
            community=community_a,
            household=household_a,
            relation_to_head="head" if age == 30 else "child",
            id_number=next_id_number(dt.date(2026 - age, 1, 15)),
        )
        if tag:
            resident.tags.add(tag)
        residents_a.append(resident)
    resident_b = ResidentFactory(
        community=community_b,
        household=household_b,
        relation_to_head="head",
        id_number=next_id_number(dt.date(1986, 2, 1)),
    )
    held = EventFactory(community=community_a, starts_at=_at(5), ends_at=_at(5, 11), capacity=3)
    for resident, came in zip(residents_a[:3], (True, True, False), strict=True):
        Registration.objects.create(
            event=held,
            resident=resident,
            status=RegistrationStatus.CONFIRMED,
            attended_at=_at(5) if came else None,
            hours=Decimal("2.0") if came else None,
        )
    Registration.objects.create(
        event=held, resident=residents_a[3], status=RegistrationStatus.WAITLISTED
    )
    EventFactory(
        community=community_a, starts_at=_at(25), ends_at=_at(25, 11), status=EventStatus.CANCELLED
    )
    event_b = EventFactory(community=community_b, starts_at=_at(10), ends_at=_at(10, 11))
    Registration.objects.create(
        event=event_b,
        resident=resident_b,
        status=RegistrationStatus.CONFIRMED,
        attended_at=_at(10),
        hours=Decimal("1.5"),
    )
    EventFactory(community=None, starts_at=_at(12), ends_at=_at(12, 11))
    april = local_datetime(dt.date(2026, 4, 2), dt.time(9))
    EventFactory(community=community_a, starts_at=april, ends_at=april + dt.timedelta(hours=1))
    return march
