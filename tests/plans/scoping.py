"""The work plans' community-scoped models, one row each in communities A and B, for the
scoping table of tests/security/test_scoping.py."""

import datetime as dt
from decimal import Decimal

from portal.plans.models import Item, ItemValue, Plan
from tests.plans.factories import make_chapter, make_measured, make_plan

SCOPED_MODELS = [Plan, Item, ItemValue]


def scoped_world(resident_a, resident_b, issuer) -> dict:
    """A community plan with a measured item and its value, in each resident's community."""
    rows: dict = {model: [] for model in SCOPED_MODELS}
    for resident in (resident_a, resident_b):
        plan = make_plan(community=resident.community)
        item = make_measured(make_chapter(plan))
        rows[Plan].append(plan)
        rows[Item].append(item)
        rows[ItemValue].append(
            ItemValue.objects.create(
                item=item,
                community=resident.community,
                on=dt.date(2026, 3, 1),
                value=Decimal(3),
                computed_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
            )
        )
    return {model: tuple(pair) for model, pair in rows.items()}
