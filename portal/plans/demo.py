"""The demo's work plan: the seed's six plans (``demo_items``) as this year's plan of the
sub-district, entered through the services, then counted (the daily values and the
month-end snapshots, as the beat tasks would). Idempotent: a plan of this year for the
sub-district that exists already is left as it is."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.core import hooks
from portal.plans import services
from portal.plans.demo_items import CHAPTERS, Seed
from portal.plans.models import Item, ItemKind, Plan

Log = Callable[[str], None]


def _registered(key: str, measures: dict) -> str | None:
    """The registered key ``key`` names: itself, or for ``*.<name>`` the first app's
    measure of that name (after ``PLANS_DEMO_MEASURE_ALIASES``)."""
    key = getattr(settings, "PLANS_DEMO_MEASURE_ALIASES", {}).get(key, key)
    if not key.startswith("*."):
        return key if key in measures else None
    return next((k for k in sorted(measures) if k.split(".", 1)[1] == key[2:]), None)


def _measure(seed: Seed) -> tuple[str, str] | None:
    """The first of the seed's measures an installed app registers (through the aliases)."""
    measures = hooks.plan_measures()
    for wanted, option in seed.measures:
        key = _registered(wanted, measures)
        if key is None:
            continue
        spec = measures[key]
        if option and option not in dict(spec.options):
            continue  # the app counts no such filter: another candidate, or a milestone
        if "subdistrict" in spec.scopes:
            return key, option
    return None


def _day(year: int, month_day: tuple[int, int] | None) -> dt.date | None:
    return dt.date(year, *month_day) if month_day else None


def seed_plans(log: Log | None = None, *, today: dt.date | None = None) -> dict[str, int]:
    """Create this year's sub-district plan from the seed if it is missing, then compute
    its values and the snapshots of the months that have ended."""
    today = today or timezone.localdate()
    created = {"plans": 0, "items": 0, "measured": 0}
    with transaction.atomic():
        if not Plan.objects.unscoped().filter(year=today.year, community=None).exists():
            plan = services.plan_create(
                year=today.year,
                community=None,
                title=f"{today.year}年度街道社区工作计划",
                by=None,
            )
            created["plans"] = 1
            for title, seeds in CHAPTERS:
                chapter = services.chapter_add(plan=plan, title=title, by=None)
                for seed in seeds:
                    item = Item(
                        chapter=chapter,
                        text=seed.text,
                        owner_role=seed.owner_role,
                        starts_on=_day(today.year, seed.starts),
                        due_on=_day(today.year, seed.due),
                        public=seed.public,
                        kind=ItemKind.MILESTONE,
                    )
                    measure = _measure(seed)
                    if measure and seed.target:
                        item.kind = ItemKind.MEASURED
                        item.measure_key, item.option = measure
                        item.target = Decimal(seed.target)
                        created["measured"] += 1
                    services.item_save(item=item, by=None)
                    created["items"] += 1
                    if seed.done_note and item.period_end < today:
                        services.milestone_mark(
                            item=item, done_on=item.period_end, note=seed.done_note, by=None
                        )
    services.values_compute(on=today)
    services.snapshots_take(today=today)
    if log:
        log(
            f"plans: {created['plans']} plan, {created['items']} items "
            f"({created['measured']} measured)"
        )
    return created
