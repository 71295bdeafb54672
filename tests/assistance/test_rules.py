"""The rules objects against hand computations (domain-rules §3.3–3.7)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from assistance.models import CareTier, LabourCapacity, RuleSet
from assistance.rules import Survey, SurveyMember, addon_percent, rules_for

pytestmark = pytest.mark.django_db

JAN, MARCH, APRIL = dt.date(2026, 1, 1), dt.date(2026, 3, 1), dt.date(2026, 4, 1)
ADULT = SurveyMember(age=45)


def survey(programme, *members, registration="urban", income="0", support="0", assets="0", **extra):
    return Survey(
        programme=programme,
        registration_type=registration,
        lookback_months=12,
        members=tuple(members),
        incomes=((Decimal(income), None),),
        monthly_support=Decimal(support),
        financial_assets=Decimal(assets),
        **extra,
    )


def assess(programme, on, *members, **fields):
    return rules_for(programme.rule).assess(survey(programme, *members, **fields), on)


def test_subsistence_difference_rule_uses_the_standard_in_force(programmes):
    urban = programmes["dibao-urban"]
    # 12,000 a year for two adults: 500 a month each.
    january = assess(urban, JAN, ADULT, ADULT, income="12000")
    assert january.per_capita_income == Decimal("500.00")
    assert january.monthly_amount == Decimal("1200.00")  # (1100 − 500) × 2
    march = assess(urban, MARCH, ADULT, ADULT, income="12000")
    assert march.standard_amount == Decimal("1180.00")
    assert march.monthly_amount == Decimal("1360.00")  # (1180 − 500) × 2


def test_rural_standard_rises_in_april_not_march(programmes):
    rural = programmes["dibao-rural"]
    march = assess(rural, MARCH, ADULT, registration="rural")
    april = assess(rural, APRIL, ADULT, registration="rural")
    assert (march.standard_amount, april.standard_amount) == (Decimal("980"), Decimal("1060"))


def test_income_at_the_standard_is_not_eligible(programmes):
    # 1100 × 12 = 13,200 a year for one person: exactly the standard.
    result = assess(programmes["dibao-urban"], JAN, ADULT, income="13200")
    assert not result.eligible
    assert result.monthly_amount == 0
    assert "1100" in result.notes[0]


def test_obligor_support_counts_as_income(programmes):
    # 300 a month owed by a son living elsewhere: per capita 300.
    result = assess(programmes["dibao-urban"], JAN, ADULT, support="300")
    assert result.household_income == Decimal("3600.00")
    assert result.monthly_amount == Decimal("800.00")


def test_members_not_counted_are_left_out(programmes):
    absent = SurveyMember(age=30, counted=False)
    result = assess(programmes["dibao-urban"], JAN, ADULT, absent, income="6000")
    assert result.counted_members == 1
    assert result.per_capita_income == Decimal("500.00")


def test_classified_addons_take_the_largest_group_per_member(programmes):
    elderly_and_disabled = SurveyMember(age=70, severely_disabled=True)
    child = SurveyMember(age=10)
    defaults = RuleSet(programme=programmes["dibao-urban"])  # the settings' values
    assert addon_percent(elderly_and_disabled, defaults) == Decimal("20")
    result = assess(programmes["dibao-urban"], JAN, elderly_and_disabled, child)
    # (1100 − 0) × 2 + 20 % × 1100 + 10 % × 1100 = 2200 + 220 + 110
    assert result.addon_amount == Decimal("330.00")
    assert result.monthly_amount == Decimal("2530.00")


@override_settings(ASSISTANCE_AMOUNT_RULE="banded")
def test_banded_rule_pays_a_share_of_the_standard(programmes):
    # Per capita 500 of 1100 (45 %): the 0.6 band pays 70 % of the standard per person.
    result = assess(programmes["dibao-urban"], JAN, ADULT, ADULT, income="12000")
    assert result.monthly_amount == Decimal("1540.00")  # 1100 × 0.7 × 2


def test_deposits_over_the_limit_refuse(programmes):
    # Limit: 24 months × 1100 × 1 person = 26,400.
    assert assess(programmes["dibao-urban"], JAN, ADULT, assets="26400").eligible
    result = assess(programmes["dibao-urban"], JAN, ADULT, assets="26400.01")
    assert not result.eligible
    assert "26400.00" in result.notes[0]


def test_margin_household_between_the_standard_and_one_and_a_half_times(programmes):
    margin = programmes["dibao-margin"]
    # Per capita 1500: not below 1100, below 1650.
    assert assess(margin, JAN, ADULT, income="18000").eligible
    below = assess(margin, JAN, ADULT, income="12000")
    assert not below.eligible and "最低生活保障" in below.notes[0]
    above = assess(margin, JAN, ADULT, income=str(1650 * 12))
    assert not above.eligible


@override_settings(ASSISTANCE_MARGIN_MULTIPLE=Decimal("2"))
def test_margin_multiple_is_a_setting(programmes):
    assert assess(programmes["dibao-margin"], JAN, ADULT, income=str(2000 * 12)).eligible


def test_destitute_support_is_one_point_three_times_the_standard_plus_care(programmes):
    home = programmes["destitute-home"]
    elderly = SurveyMember(age=78, care_tier=CareTier.PARTIAL)
    urban = assess(home, MARCH, elderly)
    # urban: 1.3 × 1180 = 1534 + half-care 400
    assert urban.monthly_amount == Decimal("1934.00")
    rural = assess(home, APRIL, elderly, registration="rural")
    # rural: own standard 1400 > 1.3 × 1060 = 1378; + 400
    assert rural.monthly_amount == Decimal("1800.00")


def test_destitute_refuses_a_person_able_to_work_or_with_a_paying_obligor(programmes):
    home = programmes["destitute-home"]
    worker = SurveyMember(age=40, care_tier=CareTier.SELF_CARE)
    assert not assess(home, JAN, worker).eligible
    disabled = SurveyMember(age=40, labour_capacity=LabourCapacity.NONE, care_tier=CareTier.FULL)
    assert assess(home, JAN, disabled).eligible
    # "No obligor able to support" is a finding about each obligor, not a payment.
    assert not assess(home, JAN, disabled, able_obligors=("张强",)).eligible


def test_destitute_support_is_per_person(programmes):
    home = programmes["destitute-home"]
    # A household of a worker (40) and his mother (78, half-care): she is supported on
    # her own, he is not (and does not refuse the case). Her own 6,000 a year (500 a
    # month) is below 1180; his wages are not hers. 1.3 × 1180 = 1534 + 400 = 1934.
    worker = SurveyMember(age=40, incomes=((Decimal("48000"), None),))
    mother = SurveyMember(age=78, care_tier=CareTier.PARTIAL, incomes=((Decimal("6000"), None),))
    result = assess(home, MARCH, worker, mother)
    assert (result.eligible, result.counted_members, result.monthly_amount) == (
        True, 1, Decimal("1934.00")
    )  # fmt: skip
    assert result.per_capita_income == Decimal("500.00")
    # A 17-year-old still at school is supported as a minor until 18; out of school not.
    pupil = SurveyMember(age=17, in_school=True, care_tier=CareTier.SELF_CARE)
    assert assess(home, MARCH, pupil).eligible
    assert not assess(home, MARCH, SurveyMember(age=17, care_tier=CareTier.SELF_CARE)).eligible


def test_temporary_assistance_is_capped_at_ten_months_of_the_standard(programmes):
    emergency = programmes["temporary-emergency"]
    ok = assess(emergency, JAN, ADULT, requested_amount=Decimal("11000"))
    assert ok.eligible and ok.one_off and ok.monthly_amount == Decimal("11000.00")
    over = assess(emergency, JAN, ADULT, requested_amount=Decimal("11000.01"))
    assert not over.eligible and "11,000.00 元" in over.notes[0]


def test_allowance_pays_its_own_standard_per_person(programmes):
    orphan = programmes["orphan"]
    child = SurveyMember(age=9)
    assert assess(orphan, MARCH, child).monthly_amount == Decimal("1800.00")
    assert assess(orphan, APRIL, child).monthly_amount == Decimal("1900.00")


def test_no_counted_member_is_refused(programmes):
    result = assess(programmes["dibao-urban"], JAN, SurveyMember(age=40, counted=False))
    assert not result.eligible


@pytest.mark.parametrize("code", ["dibao-urban", "orphan", "veteran"])
def test_a_programme_without_a_standard_in_force_refuses_with_the_reason(programmes, code):
    # The catalogue's standards start in January of last year: none before.
    result = assess(programmes[code], dt.date(2020, 1, 1), SurveyMember(age=9))
    assert not result.eligible and result.monthly_amount == 0
    assert programmes[code].name in result.notes[-1] and "2020-01-01" in result.notes[-1]
