"""GB/T 42195-2022 levels of hand-scored cases (domain-rules §4.1): every level and each
raising rule, with the arithmetic in the comments. Maximum: B1 32 + B2 15 + B3 28 + B4 15
= 90. Levels: 0 = 90, 1 = 66–89, 2 = 46–65, 3 = 30–45, 4 = 0–29."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from eldercare import rules
from eldercare.services.assessments import assessment_record
from tests.eldercare.conftest import elder


def sheet(**scores):
    """Every item at its maximum, except those given."""
    full = {item.code: item.maximum for item in rules.ITEMS}
    full.update(scores)
    return full


def level(scores, **facts):
    checked = rules.check_scores(scores)
    total = sum(rules.indicator_totals(checked).values())
    return (total, *rules.assessed_level(total, **facts))


B1_ALL_TWO = {code: 2 for code in rules.ITEM_BY_CODE if code.startswith("b1_")}  # 8 × 2 = 16


def test_the_scale_has_26_items_and_90_points():
    assert len(rules.ITEMS) == 26
    assert rules.TOTAL_MAXIMUM == 90
    totals = rules.indicator_totals({i.code: i.maximum for i in rules.ITEMS})
    assert totals == {"B1": 32, "B2": 15, "B3": 28, "B4": 15}


def test_case_1_full_marks_is_intact():
    # 32 + 15 + 28 + 15 = 90 → level 0 能力完好
    assert level(sheet()) == (90, 0, 0)


def test_case_2_mild():
    # B1 all 2: 16 (−16); 90 − 16 = 74 → 66–89 → level 1 轻度受损
    assert level(sheet(**B1_ALL_TWO)) == (74, 1, 1)


def test_case_3_moderate_on_its_floor():
    # B1 16 (−16); B2 1+1+1+0 = 3 (−12); B3 time, place, memory 0 (−12); B4 social 0 (−4)
    # 90 − 16 − 12 − 12 − 4 = 46 → the floor of 46–65 → level 2 中度受损
    scores = sheet(
        **B1_ALL_TWO,
        b2_bed_position=1,
        b2_bed_chair=1,
        b2_walking=1,
        b2_stairs=0,
        b3_time=0,
        b3_place=0,
        b3_memory=0,
        b4_social=0,
    )
    assert level(scores) == (46, 2, 2)


def test_case_4_one_point_less_is_severe():
    # the same sheet with vision 1 (−1): 45 → 30–45 → level 3 重度受损
    scores = sheet(
        **B1_ALL_TWO,
        b2_bed_position=1,
        b2_bed_chair=1,
        b2_walking=1,
        b2_stairs=0,
        b3_time=0,
        b3_place=0,
        b3_memory=0,
        b4_social=0,
        b4_vision=1,
    )
    assert level(scores) == (45, 3, 3)


def test_case_5_total_loss():
    # everything 0 except B3's consciousness 2 and B4's vision 2, hearing 2: 6 → level 4
    scores = dict.fromkeys(rules.ITEM_BY_CODE, 0)
    scores.update(b3_consciousness=2, b4_vision=2, b4_hearing=2)
    assert level(scores) == (6, 4, 4)


def test_case_6_level_3_floor_is_30_and_29_is_level_4():
    # B1 0 (−32), B2 0 (−15): 90 − 47 = 43; B3 memory, understanding, expression 0 (−12) → 31;
    # aggression 0 (−1) → 30 → level 3; depression 0 too (−1) → 29 → level 4
    zero_b1_b2 = {c: 0 for c in rules.ITEM_BY_CODE if c[:2] in ("b1", "b2")}
    base = sheet(**zero_b1_b2, b3_memory=0, b3_understanding=0, b3_expression=0, b3_aggression=0)
    assert level(base) == (30, 3, 3)
    assert level({**base, "b3_depression": 0}) == (29, 4, 4)


def test_raise_1_dementia_raises_one_level():
    # 74 → level 1; diagnosed dementia (F00–F03) → level 2
    assert level(sheet(**B1_ALL_TWO), cognitive_disorder=True) == (74, 1, 2)


def test_raise_2_two_risk_events_in_30_days_raise_one_level():
    # 90 → level 0; 2 falls in 30 days → level 1; one fall does not raise
    assert level(sheet(), risk_events=2) == (90, 0, 1)
    assert level(sheet(), risk_events=1) == (90, 0, 0)


def test_raises_stack_and_cap_at_level_4():
    # 74 → 1; dementia +1 and 3 events +1 → 3
    assert level(sheet(**B1_ALL_TWO), cognitive_disorder=True, risk_events=3) == (74, 1, 3)
    # 45 → 3; +1 +1 → 5, capped at 4
    severe = sheet(
        **B1_ALL_TWO,
        b2_bed_position=1,
        b2_bed_chair=1,
        b2_walking=1,
        b2_stairs=0,
        b3_time=0,
        b3_place=0,
        b3_memory=0,
        b4_social=0,
        b4_vision=1,
    )
    assert level(severe, cognitive_disorder=True, risk_events=2) == (45, 3, 4)


def test_raises_do_not_stack_when_the_setting_says_so(settings):
    settings.ELDERCARE_ASSESSMENT_RAISES_STACK = False
    # 74 → 1; both facts → one level only → 2
    assert level(sheet(**B1_ALL_TWO), cognitive_disorder=True, risk_events=3) == (74, 1, 2)


def test_raise_3_coma_is_rated_at_the_top_level():
    # 90 would be level 0; coma → level 4 directly
    assert level(sheet(), coma=True) == (90, 0, 4)


@pytest.mark.parametrize(
    ("scores", "code"),
    [
        (sheet(b1_eating=5), "score_range"),  # eating is scored 0–4
        (sheet(b3_aggression=2), "score_range"),  # aggression 0–1
        (sheet(b2_stairs=-1), "score_range"),
        (sheet(b2_stairs="２"), "score_range"),  # full-width digit
        (sheet(b2_stairs="99999999999999999999"), "score_range"),
        ({k: v for k, v in sheet().items() if k != "b4_social"}, "missing_item"),
        (sheet(b4_social=""), "missing_item"),
        (sheet(extra=1), "unknown_item"),
    ],
)
def test_bad_score_sheets_are_refused(scores, code):
    with pytest.raises(rules.ScoreError) as caught:
        rules.check_scores(scores)
    assert caught.value.code == code


@pytest.mark.django_db
def test_the_service_stores_the_standard_the_level_and_the_due_date(community_a, staff_a):
    person = elder(community_a, dt.date(1940, 3, 1))
    first = assessment_record(
        elder=person,
        by=staff_a,
        assessed_on=dt.date(2025, 5, 10),
        reason="first",
        assessor_name="评估员甲",
        scores=sheet(**B1_ALL_TWO),
        cognitive_disorder=True,
    )
    assert (first.standard, first.total, first.self_care, first.base_level, first.level) == (
        "gb_t_42195_2022",
        74,
        16,
        1,
        2,
    )
    assert first.next_due_on == dt.date(2026, 5, 10)  # 12 months (ELDERCARE_REASSESSMENT_MONTHS)
    second = assessment_record(
        elder=person,
        by=staff_a,
        assessed_on=dt.date(2026, 5, 12),
        reason="periodic",
        assessor_name="评估员甲",
        scores=sheet(),
    )
    first.refresh_from_db()
    assert first.superseded and not second.superseded


@pytest.mark.django_db
def test_the_service_refuses_with_nothing_written(community_a, staff_a, staff_b):
    from eldercare.models import Assessment

    person = elder(community_a, dt.date(1940, 3, 1))
    bad = [
        ({"scores": sheet(b1_eating=9)}, staff_a, "score_range"),
        ({"scores": {}}, staff_a, "missing_item"),
        ({"scores": sheet()}, staff_b, "other_community"),
        ({"scores": sheet(), "assessed_on": dt.date(2999, 1, 1)}, staff_a, "future"),
    ]
    for kwargs, user, code in bad:
        arguments = {
            "elder": person,
            "by": user,
            "assessed_on": dt.date(2026, 1, 5),
            "reason": "first",
            "assessor_name": "甲",
        }
        arguments.update(kwargs)
        with pytest.raises(ValidationError) as caught:
            assessment_record(**arguments)
        assert caught.value.code == code
    young = elder(community_a, dt.date(1990, 1, 1))
    with pytest.raises(ValidationError) as caught:
        assessment_record(
            elder=young,
            by=staff_a,
            assessed_on=dt.date(2026, 1, 5),
            reason="first",
            assessor_name="甲",
            scores=sheet(),
        )
    assert caught.value.code == "not_elderly"
    assert not Assessment.objects.unscoped().exists()
