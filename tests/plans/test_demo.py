"""The demo plan: ``seed_demo`` (300 residents) on 29 November 2026 makes this year's
sub-district plan from the seed's six plans, at least ten of its items measured and
counted live from the demo's records; a second run creates nothing."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from portal.plans import progress
from portal.plans.demo import seed_plans
from portal.plans.demo_items import CHAPTERS
from portal.plans.models import Item, ItemKind, ItemValue, Plan, Snapshot
from tests.assistance.conftest import at

TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        time_machine.travel(at(TODAY), tick=False),
        transaction.atomic(),
    ):
        call_command("seed_demo", force=True, residents=300, stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_data, db):
    with time_machine.travel(at(TODAY), tick=False):
        yield


def test_the_six_plans_are_the_chapters_and_items(seeded):
    plan = Plan.objects.unscoped().get(year=2026, community=None)
    assert [c.title for c in plan.chapters.order_by("position")] == [t for t, _s in CHAPTERS]
    assert Item.objects.filter(chapter__plan=plan).count() == sum(len(s) for _t, s in CHAPTERS)


def test_at_least_ten_measured_items_count_live_from_the_demo_records(seeded):
    items = list(Item.objects.filter(chapter__plan__year=2026, kind=ItemKind.MEASURED))
    assert len(items) >= 10
    counted = [item for item in items if (progress.count(item, TODAY) or 0) > 0]
    assert len(counted) >= 10, [(i.measure_key, i.option) for i in items]
    # The page's values and snapshots were made by the seeder as the beat would.
    assert ItemValue.objects.filter(on=TODAY).exists()
    assert Snapshot.objects.filter(month=dt.date(2026, 10, 1)).exists()


def test_a_second_run_creates_nothing(seeded):
    before = (Item.objects.count(), ItemValue.objects.count(), Snapshot.objects.count())
    assert seed_plans() == {"plans": 0, "items": 0, "measured": 0}
    assert (Item.objects.count(), ItemValue.objects.count(), Snapshot.objects.count()) == before
