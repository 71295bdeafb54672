"""The refusals the issue names: an installation outside the user's community,
overlapping service records for one worker (and the other service checks)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from eldercare.models import Acceptance, Installation, ServiceRecord
from eldercare.services.devices import incident_record, installation_record
from eldercare.services.stations import service_record, station_month_figures
from eldercare.services.volunteers import volunteer_register
from tests.eldercare.conftest import elder
from tests.factories import ResidentFactory

SH = dt.timezone(dt.timedelta(hours=8))


def at(day, hour, minute=0):
    return dt.datetime(2026, 5, day, hour, minute, tzinfo=SH)


@pytest.mark.django_db
def test_installation_refusals(community_a, community_b, staff_a):
    mine = elder(community_a, dt.date(1940, 1, 1))
    theirs = elder(community_b, dt.date(1940, 1, 1))
    with pytest.raises(ValidationError) as caught:
        installation_record(
            household=theirs.household,
            elder=theirs,
            device_number="X1",
            installed_on=dt.date(2026, 5, 1),
            free=True,
            by=staff_a,
        )
    assert caught.value.code == "other_community"
    with pytest.raises(ValidationError) as caught:
        installation_record(
            household=mine.household,
            elder=theirs,
            device_number="X1",
            installed_on=dt.date(2026, 5, 1),
            free=True,
            by=staff_a,
        )
    assert caught.value.code == "not_member"
    installation_record(
        household=mine.household,
        elder=mine,
        device_number="X1",
        installed_on=dt.date(2026, 5, 1),
        free=True,
        by=staff_a,
    )
    for number, code in (("X1", "duplicate_number"), ("X2", "duplicate")):
        with pytest.raises(ValidationError) as caught:
            installation_record(
                household=mine.household,
                elder=mine,
                device_number=number,
                installed_on=dt.date(2026, 5, 2),
                free=True,
                by=staff_a,
            )
        assert caught.value.code == code
    assert Installation.objects.unscoped().count() == 1


@pytest.mark.django_db
def test_incident_times_in_order(community_a, staff_a):
    mine = elder(community_a, dt.date(1940, 1, 1))
    device = installation_record(
        household=mine.household,
        elder=mine,
        device_number="X1",
        installed_on=dt.date(2026, 5, 1),
        free=True,
        by=staff_a,
    )
    with pytest.raises(ValidationError) as caught:
        incident_record(
            installation=device,
            received_at=at(3, 10),
            responded_at=at(3, 9),
            closed_at=None,
            outcome="",
            by=staff_a,
        )
    assert caught.value.code == "order"
    incident = incident_record(
        installation=device,
        received_at=at(3, 10),
        responded_at=at(3, 10, 12),
        closed_at=at(3, 11),
        outcome="送医",
        by=staff_a,
    )
    assert incident.response_minutes == 12


@pytest.mark.django_db
def test_one_worker_cannot_be_in_two_records_at_once(
    community_a, staff_a, station_a, worker_a, meals
):
    first, second = elder(community_a, dt.date(1940, 1, 1)), elder(community_a, dt.date(1941, 1, 1))
    common = {"station": station_a, "item": meals, "worker": worker_a, "by": staff_a}
    service_record(
        elder=first, started_at=at(4, 11), ended_at=at(4, 12), free=True, amount=None, **common
    )
    with pytest.raises(ValidationError) as caught:  # 11:30–12:30 overlaps 11:00–12:00
        service_record(
            elder=second,
            started_at=at(4, 11, 30),
            ended_at=at(4, 12, 30),
            free=False,
            amount=Decimal("12"),
            **common,
        )
    assert caught.value.code == "overlap"
    # 12:00–12:30 touches but does not overlap
    service_record(
        elder=second,
        started_at=at(4, 12),
        ended_at=at(4, 12, 30),
        free=False,
        amount=Decimal("12"),
        **common,
    )
    bad = [
        ({"started_at": at(5, 10), "ended_at": at(5, 9), "free": True, "amount": None}, "order"),
        (
            {"started_at": at(5, 10), "ended_at": at(5, 11), "free": True, "amount": Decimal("5")},
            "amount",
        ),
        ({"started_at": at(5, 10), "ended_at": at(5, 11), "free": False, "amount": None}, "amount"),
    ]
    for kwargs, code in bad:
        with pytest.raises(ValidationError) as caught:
            service_record(elder=first, **common, **kwargs)
        assert caught.value.code == code
    assert ServiceRecord.objects.unscoped().count() == 2
    # May: 2 elders served, 1 of them free, 2 services, 90 minutes, 12.00 paid
    (figures,) = station_month_figures(dt.date(2026, 5, 1))
    assert (
        figures.served,
        figures.served_free,
        figures.services,
        figures.minutes,
        figures.paid,
    ) == (2, 1, 2, 90, Decimal("12.00"))


@pytest.mark.django_db
def test_a_station_being_built_records_nothing(community_a, staff_a, station_a, worker_a, meals):
    station_a.acceptance = Acceptance.BUILDING
    station_a.save()
    with pytest.raises(ValidationError) as caught:
        service_record(
            station=station_a,
            elder=elder(community_a, dt.date(1940, 1, 1)),
            item=meals,
            worker=worker_a,
            started_at=at(4, 11),
            ended_at=at(4, 12),
            free=True,
            amount=None,
            by=staff_a,
        )
    assert caught.value.code == "not_open"


@pytest.mark.django_db
def test_volunteers_are_real_name(community_a, staff_a):
    person = ResidentFactory(community=community_a, birth_date=dt.date(1980, 5, 17))
    with pytest.raises(ValidationError) as caught:
        volunteer_register(resident=person, id_number="110105198005170000", by=staff_a)
    assert caught.value.code == "id_mismatch"
    volunteer = volunteer_register(resident=person, id_number=person.id_number.lower(), by=staff_a)
    assert volunteer.registered_on == timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        volunteer_register(resident=person, id_number=person.id_number, by=staff_a)
    assert caught.value.code == "duplicate"
