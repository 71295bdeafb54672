"""高龄津贴 monthly lists against hand computation (domain-rules §4.3; the seed's table:
80–89 100, 90–99 500, 100+ 800 元/月). The bracket of a month is the age reached by the
last day of the month before; the first month is the month of the 80th birthday."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from eldercare.models import AllowanceBracket, Enrolment
from eldercare.services.allowance import allowance_rows, enrolment_create, enrolment_stop
from tests.eldercare.conftest import elder

MARCH, APRIL, FEBRUARY = dt.date(2026, 3, 1), dt.date(2026, 4, 1), dt.date(2026, 2, 1)


def rows_of(month):
    return {
        row.enrolment.resident.name: (row.age, row.amount, row.change)
        for row in allowance_rows(month, Enrolment.objects.unscoped())
    }


@pytest.fixture
def march_cast(brackets, community_a, staff_a):
    # 赵 turns 80 on 15 March 2026 (born 1946-03-15) and applied on 2 March.
    zhao = elder(community_a, dt.date(1946, 3, 15), name="赵")
    # 钱 turns 90 on 20 March 2026 (born 1936-03-20), on the list since 2016.
    qian = elder(community_a, dt.date(1936, 3, 20), name="钱")
    # 孙 is 85 all year (born 1940-07-01).
    sun = elder(community_a, dt.date(1940, 7, 1), name="孙")
    enrolment_create(resident=zhao, applied_on=dt.date(2026, 3, 2), by=staff_a)
    Enrolment.objects.create(
        resident=qian,
        applied_on=dt.date(2016, 3, 1),
        first_month=dt.date(2016, 3, 1),
        enrolled_by=staff_a,
    )
    Enrolment.objects.create(
        resident=sun,
        applied_on=dt.date(2020, 7, 1),
        first_month=dt.date(2020, 7, 1),
        enrolled_by=staff_a,
    )
    return zhao, qian, sun


@pytest.mark.django_db
def test_february_before_the_birthdays(march_cast):
    # 赵 is 79 and not paid yet (first month: March); 钱 89 → 100; 孙 85 → 100
    assert rows_of(FEBRUARY) == {
        "钱": (89, Decimal("100"), "continuing"),
        "孙": (85, Decimal("100"), "continuing"),
    }


@pytest.mark.django_db
def test_march_the_month_of_the_birthdays(march_cast):
    # 赵: 80 on 15 March → new this month at the 80–89 amount, 100
    # 钱: 90 on 20 March, but on 28 February he was 89 → still 100 in March
    # 孙: 85 → 100. Total 300.
    rows = rows_of(MARCH)
    assert rows == {
        "赵": (80, Decimal("100"), "new"),
        "钱": (90, Decimal("100"), "continuing"),
        "孙": (85, Decimal("100"), "continuing"),
    }
    assert sum(amount for _, amount, _ in rows.values()) == Decimal("300")


@pytest.mark.django_db
def test_april_the_bracket_changes_from_the_month_after_the_birthday(march_cast):
    # 钱 was 90 on 31 March → 90–99 → 500 from April (bracket changed, was 100);
    # 赵 80 → 100 continuing; 孙 100. Total 700.
    rows = rows_of(APRIL)
    assert rows == {
        "赵": (80, Decimal("100"), "continuing"),
        "钱": (90, Decimal("500"), "changed"),
        "孙": (85, Decimal("100"), "continuing"),
    }
    assert sum(amount for _, amount, _ in rows.values()) == Decimal("700")


@pytest.mark.django_db
def test_the_next_month_rule_starts_after_the_birthday(settings, brackets, community_a, staff_a):
    settings.ELDERCARE_ALLOWANCE_FIRST_MONTH = "next"
    zhao = elder(community_a, dt.date(1946, 3, 15), name="赵")
    enrolment = enrolment_create(resident=zhao, applied_on=dt.date(2026, 3, 2), by=staff_a)
    assert enrolment.first_month == APRIL
    assert rows_of(MARCH) == {}
    assert rows_of(APRIL) == {"赵": (80, Decimal("100"), "new")}


@pytest.mark.django_db
def test_death_stops_and_lists_the_months_to_recover(march_cast, staff_a):
    _zhao, _qian, sun = march_cast
    # 孙 died on 10 January 2026; recorded on 5 April: January is owed, February, March
    # and April were paid in advance → 3 months × 100 = 300 to recover.
    enrolment_stop(
        enrolment=sun.allowance_enrolment,
        died_on=dt.date(2026, 1, 10),
        by=staff_a,
        recorded_on=dt.date(2026, 4, 5),
    )
    april = {
        r.enrolment.resident.name: r for r in allowance_rows(APRIL, Enrolment.objects.unscoped())
    }
    assert april["孙"].change == "stopped"
    assert (april["孙"].amount, april["孙"].recover_months, april["孙"].recover_amount) == (
        Decimal("0"),
        3,
        Decimal("300"),
    )
    assert "孙" not in rows_of(dt.date(2026, 5, 1))
    assert rows_of(dt.date(2026, 1, 1))["孙"][1] == Decimal("100")


@pytest.mark.django_db
def test_a_new_table_applies_from_its_first_day(march_cast):
    AllowanceBracket.objects.create(
        effective_from=APRIL, min_age=80, max_age=89, amount=Decimal("150")
    )
    AllowanceBracket.objects.create(
        effective_from=APRIL, min_age=90, max_age=None, amount=Decimal("600")
    )
    assert rows_of(MARCH)["孙"][1] == Decimal("100")
    assert rows_of(APRIL) == {
        "赵": (80, Decimal("150"), "changed"),
        "钱": (90, Decimal("600"), "changed"),
        "孙": (85, Decimal("150"), "changed"),
    }


@pytest.mark.django_db
def test_enrolment_refusals(brackets, community_a, staff_a, staff_b):
    young = elder(community_a, dt.date(1950, 1, 1), name="年轻")
    old = elder(community_a, dt.date(1940, 1, 1), name="老")
    cases = [
        (young, staff_a, dt.date(2026, 3, 1), "not_eligible"),  # 80 only in 2030
        (old, staff_b, dt.date(2026, 3, 1), "other_community"),
        (old, staff_a, dt.date(2999, 3, 1), "future"),
    ]
    for resident, user, day, code in cases:
        with pytest.raises(ValidationError) as caught:
            enrolment_create(resident=resident, applied_on=day, by=user)
        assert caught.value.code == code
    enrolment_create(resident=old, applied_on=dt.date(2026, 3, 1), by=staff_a)
    with pytest.raises(ValidationError) as caught:
        enrolment_create(resident=old, applied_on=dt.date(2026, 3, 1), by=staff_a)
    assert caught.value.code == "duplicate"
