"""The follow-up decision tables of domain-rules §1.3 (hypertension) and §1.4 (type-2
diabetes), one hand-written case (or more) per row, with the dates worked out by hand:
a visit on 2026-03-02 is next due on 2026-03-16 (+14 days) or 2026-06-01 (+91 days)."""

import datetime as dt
from decimal import Decimal

import pytest

from health import rules
from health.rules import Reading, next_followup

VISIT = dt.date(2026, 3, 2)
TWO_WEEKS = dt.date(2026, 3, 16)
QUARTER = dt.date(2026, 6, 1)  # 91 days: four face-to-face follow-ups a year


def hp(systolic, diastolic, age=60, **extra) -> Reading:
    return Reading(age=age, systolic=systolic, diastolic=diastolic, **extra)


# Hypertension (§1.3): (case, reading, previous uncontrolled, situation, action, next date).
HYPERTENSION_CASES = [
    # Row 1 emergency: SBP ≥180 and/or DBP ≥110, or emergency signs → urgent referral, 2 weeks.
    ("sbp 180", hp(180, 100), False, "emergency", "urgent_referral", TWO_WEEKS),
    ("dbp 110", hp(150, 110), False, "emergency", "urgent_referral", TWO_WEEKS),
    (
        "signs at normal bp",
        hp(128, 80, emergency_signs=True),
        False,
        "emergency",
        "urgent_referral",
        TWO_WEEKS,
    ),
    ("sbp 179 is not an emergency", hp(179, 100), False, "uncontrolled", "adjust", TWO_WEEKS),
    # Row 2 controlled: below 140/90, no ADR, no complication → regular, 3 months.
    ("139/89 controlled", hp(139, 89), False, "controlled", "regular", QUARTER),
    ("controlled after an uncontrolled visit", hp(130, 80), True, "controlled", "regular", QUARTER),
    # Row 3 first uncontrolled (≥140 and/or ≥90) or ADR → adjust, within 2 weeks.
    ("sbp 140", hp(140, 80), False, "uncontrolled", "adjust", TWO_WEEKS),
    ("dbp 90", hp(130, 90), False, "uncontrolled", "adjust", TWO_WEEKS),
    (
        "adr at normal bp",
        hp(130, 80, adverse_reaction=True),
        False,
        "uncontrolled",
        "adjust",
        TWO_WEEKS,
    ),
    # ≥65: control at SBP <150 ([verify] threshold, a dated row in rules.THRESHOLDS).
    ("65+ at 145/85 controlled", hp(145, 85, age=65), False, "controlled", "regular", QUARTER),
    ("65+ at 150/85 uncontrolled", hp(150, 85, age=65), False, "uncontrolled", "adjust", TWO_WEEKS),
    ("64 at 145/85 uncontrolled", hp(145, 85, age=64), False, "uncontrolled", "adjust", TWO_WEEKS),
    # Row 4 two uncontrolled in a row / complication → referral, follow within 2 weeks.
    ("second uncontrolled", hp(150, 95), True, "repeat_uncontrolled", "referral", TWO_WEEKS),
    (
        "adr after uncontrolled",
        hp(130, 80, adverse_reaction=True),
        True,
        "repeat_uncontrolled",
        "referral",
        TWO_WEEKS,
    ),
    (
        "new complication",
        hp(130, 80, complication=True),
        False,
        "complication",
        "referral",
        TWO_WEEKS,
    ),
]


@pytest.mark.parametrize(
    "reading,previous,situation,action,next_date",
    [case[1:] for case in HYPERTENSION_CASES],
    ids=[case[0] for case in HYPERTENSION_CASES],
)
def test_hypertension_table(reading, previous, situation, action, next_date):
    decision = next_followup("hypertension", reading, VISIT, previous_uncontrolled=previous)
    assert (decision.situation, decision.action, decision.next_date) == (
        situation,
        action,
        next_date,
    )


def dm(glucose, systolic=125, diastolic=80, **extra) -> Reading:
    return Reading(
        age=60,
        systolic=systolic,
        diastolic=diastolic,
        fasting_glucose=Decimal(glucose),
        **extra,
    )


DIABETES_CASES = [
    # Row 1 emergency: FPG ≥16.7 or ≤3.9; SBP ≥180/DBP ≥110; HR >100; T >39; signs.
    ("fpg 16.7", dm("16.7"), False, "emergency", "urgent_referral", TWO_WEEKS),
    ("fpg 3.9", dm("3.9"), False, "emergency", "urgent_referral", TWO_WEEKS),
    ("sbp 180", dm("6.0", 180, 90), False, "emergency", "urgent_referral", TWO_WEEKS),
    ("dbp 110", dm("6.0", 160, 110), False, "emergency", "urgent_referral", TWO_WEEKS),
    ("hr 101", dm("6.0", heart_rate=101), False, "emergency", "urgent_referral", TWO_WEEKS),
    ("hr 100 is not", dm("6.0", heart_rate=100), False, "controlled", "regular", QUARTER),
    (
        "t 39.1",
        dm("6.0", temperature=Decimal("39.1")),
        False,
        "emergency",
        "urgent_referral",
        TWO_WEEKS,
    ),
    ("signs", dm("6.0", emergency_signs=True), False, "emergency", "urgent_referral", TWO_WEEKS),
    # Row 2 controlled: FPG <7.0.
    ("fpg 6.9", dm("6.9"), False, "controlled", "regular", QUARTER),
    ("fpg 4.0", dm("4.0"), False, "controlled", "regular", QUARTER),
    # Row 3 first uncontrolled (FPG ≥7.0) or ADR → within 2 weeks.
    ("fpg 7.0", dm("7.0"), False, "uncontrolled", "adjust", TWO_WEEKS),
    ("fpg 16.6", dm("16.6"), False, "uncontrolled", "adjust", TWO_WEEKS),
    ("adr", dm("6.0", adverse_reaction=True), False, "uncontrolled", "adjust", TWO_WEEKS),
    # Row 4 two in a row / complication → referral.
    ("second uncontrolled", dm("8.2"), True, "repeat_uncontrolled", "referral", TWO_WEEKS),
    ("complication", dm("6.0", complication=True), False, "complication", "referral", TWO_WEEKS),
]


@pytest.mark.parametrize(
    "reading,previous,situation,action,next_date",
    [case[1:] for case in DIABETES_CASES],
    ids=[case[0] for case in DIABETES_CASES],
)
def test_diabetes_table(reading, previous, situation, action, next_date):
    decision = next_followup("diabetes", reading, VISIT, previous_uncontrolled=previous)
    assert (decision.situation, decision.action, decision.next_date) == (
        situation,
        action,
        next_date,
    )


def test_the_intervals_are_settings(settings):
    settings.HEALTH_REGULAR_FOLLOWUP_DAYS = 60
    settings.HEALTH_SHORT_FOLLOWUP_DAYS = 10
    assert next_followup("diabetes", dm("6.0"), VISIT).next_date == VISIT + dt.timedelta(60)
    assert next_followup("diabetes", dm("8.0"), VISIT).next_date == VISIT + dt.timedelta(10)


def test_every_table_row_names_its_source():
    for tables in rules.DECISION_TABLES.values():
        for table in tables:
            assert {row.situation for row in table.rows} == {
                "emergency",
                "complication",
                "repeat_uncontrolled",
                "uncontrolled",
                "controlled",
            }
            assert all("§1." in row.source for row in table.rows)


def test_no_rule_before_the_third_edition():
    with pytest.raises(LookupError):
        next_followup("diabetes", dm("6.0"), dt.date(2010, 1, 1))


@pytest.mark.parametrize(
    "risk,stability,days",
    [
        (0, "stable", 91),
        (1, "basic", 14),
        (2, "basic", 14),
        (3, "unstable", 14),
        (5, "unstable", 14),
    ],
)
def test_severe_mental_disorder_intervals(risk, stability, days):
    decision = rules.smi_next_followup(risk, VISIT)
    assert decision.situation == stability
    assert decision.next_date == VISIT + dt.timedelta(days)


@pytest.mark.parametrize(
    "start,end",
    [
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        (dt.date(2026, 3, 15), dt.date(2027, 3, 14)),
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28)),
        (dt.date(2027, 3, 1), dt.date(2028, 2, 29)),
    ],
)
def test_contract_end_is_start_plus_a_year_less_a_day(start, end):
    assert rules.contract_end(start) == end


@pytest.mark.parametrize(
    "total,level",
    [
        (0, "independent"),
        (3, "independent"),
        (4, "mild"),
        (8, "mild"),
        (9, "moderate"),
        (18, "moderate"),
        (19, "dependent"),
        (37, "dependent"),
    ],
)
def test_self_care_levels(total, level):
    assert rules.self_care_level(total) == level
