"""Elder-care fixtures: elders of community A (东南) of known ages, a station and a worker,
the 高龄津贴 table of the seed (80–89 100, 90–99 500, 100+ 800 元/月)."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from eldercare.models import (
    Acceptance,
    AllowanceBracket,
    ElderProfile,
    ServiceItem,
    ServiceKind,
    Station,
    Worker,
)
from portal.registry.idnumbers import build_id_number
from tests.factories import HouseholdFactory, ResidentFactory

_numbers = itertools.count(1)

TODAY = dt.date(2026, 6, 15)


def elder(community, birth, *, name="王奶奶", household=None, male=False, **profile):
    household = household or HouseholdFactory(community=community)
    resident = ResidentFactory(
        community=community,
        household=household,
        relation_to_head="head" if not household.members.exists() else "other",
        name=name,
        id_number=build_id_number("330203", birth, next(_numbers) * 2 + (1 if male else 2)),
        birth_date=birth,
    )
    if profile:
        ElderProfile.objects.create(resident=resident, **profile)
    return resident


@pytest.fixture
def brackets(db):
    start = dt.date(2020, 1, 1)
    AllowanceBracket.objects.create(
        effective_from=start, min_age=80, max_age=89, amount=Decimal("100")
    )
    AllowanceBracket.objects.create(
        effective_from=start, min_age=90, max_age=99, amount=Decimal("500")
    )
    AllowanceBracket.objects.create(
        effective_from=start, min_age=100, max_age=None, amount=Decimal("800")
    )


@pytest.fixture
def station_a(community_a):
    return Station.objects.create(
        community=community_a, name="东南居家养老服务站", acceptance=Acceptance.ACCEPTED
    )


@pytest.fixture
def worker_a(station_a):
    return Worker.objects.create(station=station_a, name="护理员小陈")


@pytest.fixture
def meals(db):
    return ServiceItem.objects.create(kind=ServiceKind.MEALS, name="助餐", price=Decimal("12"))
