"""The refusals of the plan services, by code, and next year's plan."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from portal.core import contract
from portal.plans import services
from portal.plans.models import Chapter, Item, ItemKind, Plan
from tests.events.factories import EventFactory
from tests.plans.factories import make_chapter, make_measured, make_milestone, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def july():
    with time_machine.travel(dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def test_a_plan_twice_for_the_same_year_and_scope_is_refused(community_a, subdistrict_user):
    services.plan_create(year=2026, community=None, title="街道计划", by=subdistrict_user)
    services.plan_create(year=2026, community=community_a, title="东南计划", by=subdistrict_user)
    for community in (None, community_a):
        with pytest.raises(ValidationError) as error:
            services.plan_create(year=2026, community=community, title="again", by=subdistrict_user)
        assert error.value.code == "duplicate"
    assert Plan.objects.unscoped().count() == 2


@pytest.mark.parametrize("year", [1, 1999, 2101, 9999])
def test_a_year_out_of_range_is_refused(year, subdistrict_user):
    with pytest.raises(ValidationError) as error:
        services.plan_create(year=year, community=None, title="计划", by=subdistrict_user)
    assert error.value.code == "year"


@pytest.mark.parametrize("target", ["0", "-5"])
def test_a_target_of_zero_or_less_is_refused(target, community_a, subdistrict_user):
    chapter = make_chapter(make_plan(community_a))
    item = Item(
        chapter=chapter,
        text="党日",
        kind=ItemKind.MEASURED,
        target=Decimal(target),
        measure_key="events.held",
        option="party_day",
    )
    with pytest.raises(ValidationError) as error:
        services.item_save(item=item, by=subdistrict_user)
    assert "target_not_positive" in codes(error.value)
    assert not Item.objects.exists()


def test_a_measure_the_scope_cannot_count_is_refused(community_a, subdistrict_user, settings):
    # A measure that only the sub-district can count, on a community's plan.
    from django.apps import apps

    config = apps.get_app_config("events")
    only_total = contract.PlanMeasureSpec(
        "events.total_only",
        "x",
        "场",
        count="portal.events.measures.count_held",
        scopes=(contract.SCOPE_SUBDISTRICT,),
    )
    original = config.plan_measures
    config.plan_measures = (*original, only_total)
    try:
        item = Item(
            chapter=make_chapter(make_plan(community_a)),
            text="x",
            kind=ItemKind.MEASURED,
            target=Decimal(3),
            measure_key="events.total_only",
        )
        with pytest.raises(ValidationError) as error:
            services.item_save(item=item, by=subdistrict_user)
        assert "scope_not_counted" in codes(error.value)
        item.chapter = make_chapter(make_plan(None), title="篇1")
        services.item_save(item=item, by=subdistrict_user)  # the sub-district can
    finally:
        config.plan_measures = original


def test_an_unknown_measure_or_filter_is_refused(community_a, subdistrict_user):
    chapter = make_chapter(make_plan(community_a))
    item = Item(
        chapter=chapter,
        text="x",
        kind=ItemKind.MEASURED,
        target=Decimal(3),
        measure_key="nope.nothing",
    )
    with pytest.raises(ValidationError) as error:
        services.item_save(item=item, by=subdistrict_user)
    assert "unknown_measure" in codes(error.value)
    item.measure_key, item.option = "events.held", "not_a_kind"
    with pytest.raises(ValidationError) as error:
        services.item_save(item=item, by=subdistrict_user)
    assert "unknown_option" in codes(error.value)


def test_a_milestone_done_without_evidence_is_refused(community_a, subdistrict_user):
    item = make_milestone(make_chapter(make_plan(community_a)))
    with pytest.raises(ValidationError) as error:
        services.milestone_mark(item=item, done_on=dt.date(2026, 2, 20), by=subdistrict_user)
    assert error.value.code == "no_evidence"
    item.refresh_from_db()
    assert item.done_on is None
    # Nor through the item form's path.
    item.done_on = dt.date(2026, 2, 20)
    with pytest.raises(ValidationError) as error:
        services.item_save(item=item, by=subdistrict_user)
    assert "no_evidence" in codes(error.value)


def test_a_milestone_done_with_an_event_note_or_later_reopened(
    community_a, community_b, subdistrict_user
):
    item = make_milestone(make_chapter(make_plan(community_a)))
    other = EventFactory(community=community_b)
    with pytest.raises(ValidationError) as error:
        services.milestone_mark(
            item=item, done_on=dt.date(2026, 2, 20), event=other, by=subdistrict_user
        )
    assert error.value.code == "evidence_scope"
    with pytest.raises(ValidationError) as error:
        services.milestone_mark(
            item=item, done_on=dt.date(2026, 7, 2), note="x", by=subdistrict_user
        )
    assert error.value.code == "future"
    own = EventFactory(community=community_a)
    services.milestone_mark(item=item, done_on=dt.date(2026, 2, 20), event=own, by=subdistrict_user)
    item.refresh_from_db()
    assert (item.done_on, item.evidence_event) == (dt.date(2026, 2, 20), own)
    services.milestone_reopen(item=item, by=subdistrict_user)
    item.refresh_from_db()
    assert item.done_on is None and item.evidence_event == own


def test_a_measured_item_cannot_be_marked_done(community_a, subdistrict_user):
    item = make_measured(make_chapter(make_plan(community_a)))
    with pytest.raises(ValidationError) as error:
        services.milestone_mark(
            item=item, done_on=dt.date(2026, 2, 1), note="x", by=subdistrict_user
        )
    assert error.value.code == "not_milestone"


def test_dates_outside_the_year_or_backwards_are_refused(community_a, subdistrict_user):
    item = make_measured(make_chapter(make_plan(community_a)))
    item.due_on = dt.date(2027, 1, 31)
    with pytest.raises(ValidationError) as error:
        services.item_save(item=item, by=subdistrict_user)
    assert "outside_year" in codes(error.value)
    item.starts_on, item.due_on = dt.date(2026, 5, 1), dt.date(2026, 4, 1)
    with pytest.raises(ValidationError) as error:
        services.item_save(item=item, by=subdistrict_user)
    assert "period_backwards" in codes(error.value)


def test_next_years_plan_starts_from_this_one(community_a, subdistrict_user):
    plan = make_plan(community_a, title="2026年东南社区工作计划")
    chapter = make_chapter(plan)
    measured = make_measured(chapter, due_on=dt.date(2026, 6, 30), public=True)
    milestone = make_milestone(
        chapter, due=dt.date(2026, 2, 28), done_on=dt.date(2026, 2, 20), evidence_note="记录"
    )
    new = services.plan_copy_next_year(plan=plan, by=subdistrict_user)
    assert (new.year, new.community, new.title, new.based_on) == (
        2027,
        community_a,
        "2027年东南社区工作计划",
        plan,
    )
    copies = {i.copied_from_id: i for i in Item.objects.filter(chapter__plan=new)}
    assert copies[measured.pk].target == measured.target
    assert copies[measured.pk].due_on == dt.date(2027, 6, 30)
    assert copies[measured.pk].public
    assert copies[milestone.pk].done_on is None and not copies[milestone.pk].evidence_note
    assert Chapter.objects.filter(plan=new).count() == 1
    with pytest.raises(ValidationError) as error:
        services.plan_copy_next_year(plan=plan, by=subdistrict_user)
    assert error.value.code == "duplicate"


def test_chapter_titles_are_unique_within_a_plan(community_a, subdistrict_user):
    plan = make_plan(community_a)
    services.chapter_add(plan=plan, title="篇1", by=subdistrict_user)
    with pytest.raises(ValidationError) as error:
        services.chapter_add(plan=plan, title=" 篇1 ", by=subdistrict_user)
    assert error.value.code == "duplicate"
