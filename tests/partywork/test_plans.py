import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partywork.models import PARTY_DAY_TEMPLATE, PartyDay
from partywork.services.plans import party_day_plan_generate
from portal.events.models import Audience, Event, EventKind


def test_a_year_of_party_days_on_the_15th(branch_a, secretary_a):
    plan = party_day_plan_generate(organisation=branch_a, year=2026, by=secretary_a)
    days = list(PartyDay.objects.filter(plan=plan).select_related("event"))
    assert [day.month for day in days] == list(range(1, 13))
    assert [day.theme for day in days] == list(PARTY_DAY_TEMPLATE)
    for day in days:
        start = timezone.localtime(day.event.starts_at)
        assert (start.year, start.month, start.day) == (2026, day.month, 15)
        assert day.event.kind == EventKind.PARTY_DAY
        assert day.event.audience == Audience.MEMBERS
        assert day.event.community == branch_a.community
    assert PARTY_DAY_TEMPLATE[0] == "春节慰问老党员活动"
    assert PARTY_DAY_TEMPLATE[11] == "“寻找身边的优秀党员”评选活动"


def test_a_chosen_day_and_edited_themes(branch_a, secretary_a):
    themes = list(PARTY_DAY_TEMPLATE)
    themes[8] = "《榜样》专题片观影"
    plan = party_day_plan_generate(
        organisation=branch_a, year=2027, by=secretary_a, themes=themes, day_of_month=8
    )
    september = plan.days.get(month=9)
    assert september.theme == "《榜样》专题片观影" == september.event.title
    assert timezone.localtime(september.event.starts_at).date() == dt.date(2027, 9, 8)


def test_a_year_is_generated_once_per_branch(branch_a, secretary_a):
    party_day_plan_generate(organisation=branch_a, year=2026, by=secretary_a)
    with pytest.raises(ValidationError) as error:
        party_day_plan_generate(organisation=branch_a, year=2026, by=secretary_a)
    assert error.value.code == "duplicate"
    assert Event.objects.filter(kind=EventKind.PARTY_DAY).count() == 12


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"day_of_month": 29}, "day"),
        ({"day_of_month": 0}, "day"),
        ({"themes": PARTY_DAY_TEMPLATE[:11]}, "themes"),
        ({"themes": [*PARTY_DAY_TEMPLATE[:11], "  "]}, "themes"),
        ({"year": 9999}, "year"),
        ({"starts": dt.time(16), "ends": dt.time(15)}, "times"),
    ],
)
def test_bad_plans_write_nothing(branch_a, secretary_a, changes, code):
    arguments = {"organisation": branch_a, "year": 2026, "by": secretary_a, **changes}
    with pytest.raises(ValidationError) as error:
        party_day_plan_generate(**arguments)
    assert error.value.code == code
    assert not Event.objects.exists()
