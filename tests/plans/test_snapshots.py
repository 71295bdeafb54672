"""Month-end snapshots are kept once (idempotent), never change, and a later correction of
an earlier month shows as a note on the next snapshot; the daily values replace those of
the same day."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from portal.plans import services
from portal.plans.models import ItemValue, Snapshot
from tests.plans.factories import make_chapter, make_measured, make_plan
from tests.plans.test_progress import party_day

pytestmark = pytest.mark.django_db


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(4), tzinfo=dt.UTC), tick=False)


def test_snapshots_are_idempotent_and_corrections_become_a_note(community_a):
    item = make_measured(make_chapter(make_plan(community_a)))
    party_day(community_a, dt.date(2026, 1, 10))
    party_day(community_a, dt.date(2026, 2, 10))
    with at(dt.date(2026, 3, 5)):
        assert services.snapshots_take() == 2
        assert services.snapshots_take() == 0
    kept = {s.month: s.value for s in Snapshot.objects.filter(item=item)}
    assert kept == {dt.date(2026, 1, 1): Decimal(1), dt.date(2026, 2, 1): Decimal(2)}

    # A January party day entered late, and March's own.
    party_day(community_a, dt.date(2026, 1, 20))
    party_day(community_a, dt.date(2026, 3, 10))
    with at(dt.date(2026, 4, 2)):
        assert services.snapshots_take() == 1
        assert services.snapshots_take() == 0
    snapshots = list(Snapshot.objects.filter(item=item).order_by("month"))
    assert [s.value for s in snapshots] == [Decimal(1), Decimal(2), Decimal(4)]  # past months kept
    assert snapshots[0].note == snapshots[1].note == ""
    assert "2026-02" in snapshots[2].note and "3" in snapshots[2].note


def test_a_sub_district_item_is_snapshotted_for_each_community_too(community_a, community_b):
    make_measured(make_chapter(make_plan()))
    with at(dt.date(2026, 2, 3)):
        assert services.snapshots_take() == 3  # January: the total, 东南, 雅苑


def test_the_daily_values_replace_those_of_the_same_day(community_a):
    item = make_measured(make_chapter(make_plan(community_a)))
    party_day(community_a, dt.date(2026, 1, 10))
    with at(dt.date(2026, 3, 5)):
        assert services.values_compute() == 1
        party_day(community_a, dt.date(2026, 2, 10))
        assert services.values_compute() == 1
    assert list(ItemValue.objects.filter(item=item).values_list("on", "value")) == [
        (dt.date(2026, 3, 5), Decimal(2))
    ]
