"""Plans, chapters and items for the tests: a community-A style plan of 2026 unless a test
says otherwise."""

import datetime as dt
from decimal import Decimal

from portal.plans.models import Chapter, Item, ItemKind, Plan

YEAR = 2026


def make_plan(community=None, year: int = YEAR, title: str = "2026年工作计划") -> Plan:
    return Plan.objects.create(year=year, community=community, title=title)


def make_chapter(plan: Plan, title: str = "篇4 党建工作") -> Chapter:
    return Chapter.objects.create(plan=plan, title=title, position=plan.chapters.count() + 1)


def make_measured(
    chapter: Chapter, *, target=12, key="events.held", option="party_day", **kw
) -> Item:
    return Item.objects.create(
        chapter=chapter,
        text=kw.pop("text", "每月开展一次主题党日活动，全年12次。"),
        kind=ItemKind.MEASURED,
        target=Decimal(target),
        measure_key=key,
        option=option,
        **kw,
    )


def make_milestone(chapter: Chapter, *, due: dt.date | None = None, **kw) -> Item:
    return Item.objects.create(
        chapter=chapter,
        text=kw.pop("text", "2月份召开党小组成立大会。"),
        kind=ItemKind.MILESTONE,
        due_on=due,
        **kw,
    )
