"""The national rules elder care encodes, as plain functions the models and services call
(domain-rules §4): the GB/T 42195-2022 capability assessment (items, maximum scores, the
five levels and the level-raising rules of C4), the care categories and age bands, the
emergency-call eligibility the seed states, and the 高龄津贴 month arithmetic.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from eldercare import conf

# --- GB/T 42195-2022 --------------------------------------------------------------------------

STANDARD_GB_42195 = "gb_t_42195_2022"
STANDARD_MZ_039 = "mz_t_039_2013"


@dataclass(frozen=True)
class Item:
    code: str
    indicator: str
    label: Any
    maximum: int


B1, B2, B3, B4 = "B1", "B2", "B3", "B4"
INDICATORS = {
    B1: _("Self-care"),  # 自理能力
    B2: _("Basic mobility"),  # 基础运动能力
    B3: _("Mental state"),  # 精神状态
    B4: _("Perception and social participation"),  # 感知觉与社会参与
}

#: The 26 second-level items with their maximum scores (domain-rules §4.1); totals
#: B1 32 + B2 15 + B3 28 + B4 15 = 90.
ITEMS: tuple[Item, ...] = (
    Item("b1_eating", B1, _("Eating"), 4),
    Item("b1_grooming", B1, _("Grooming"), 4),
    Item("b1_bathing", B1, _("Bathing"), 4),
    Item("b1_upper_dressing", B1, _("Dressing the upper body"), 4),
    Item("b1_lower_dressing", B1, _("Dressing the lower body, shoes and socks"), 4),
    Item("b1_urine", B1, _("Bladder control"), 4),
    Item("b1_bowel", B1, _("Bowel control"), 4),
    Item("b1_toilet", B1, _("Toilet use"), 4),
    Item("b2_bed_position", B2, _("Turning in bed"), 4),
    Item("b2_bed_chair", B2, _("Bed-chair transfer"), 4),
    Item("b2_walking", B2, _("Walking on level ground"), 4),
    Item("b2_stairs", B2, _("Stairs"), 3),
    Item("b3_time", B3, _("Orientation in time"), 4),
    Item("b3_place", B3, _("Orientation in place"), 4),
    Item("b3_person", B3, _("Orientation to people"), 4),
    Item("b3_memory", B3, _("Memory"), 4),
    Item("b3_understanding", B3, _("Understanding"), 4),
    Item("b3_expression", B3, _("Expression"), 4),
    Item("b3_aggression", B3, _("Aggressive behaviour"), 1),
    Item("b3_depression", B3, _("Depressive symptoms"), 1),
    Item("b3_consciousness", B3, _("Level of consciousness"), 2),
    Item("b4_vision", B4, _("Vision"), 2),
    Item("b4_hearing", B4, _("Hearing"), 2),
    Item("b4_daily_affairs", B4, _("Daily affairs"), 4),
    Item("b4_transport", B4, _("Going out by transport"), 3),
    Item("b4_social", B4, _("Social contact"), 4),
)
ITEM_BY_CODE = {item.code: item for item in ITEMS}
TOTAL_MAXIMUM = sum(item.maximum for item in ITEMS)  # 90

#: (level, lowest total): 0 能力完好 90; 1 轻度受损 66–89; 2 中度受损 46–65; 3 重度受损
#: 30–45; 4 完全丧失 0–29.
LEVEL_FLOORS = ((0, 90), (1, 66), (2, 46), (3, 30), (4, 0))
TOP_LEVEL = 4
LEVEL_NAMES = {
    0: _("Capability intact"),  # 能力完好
    1: _("Mildly impaired"),  # 能力轻度受损（轻度失能）
    2: _("Moderately impaired"),  # 能力中度受损（中度失能）
    3: _("Severely impaired"),  # 能力重度受损（重度失能）
    4: _("Capability lost"),  # 能力完全丧失（完全失能）
}
MZ_LEVEL_NAMES = {
    0: _("Capability intact"),
    1: _("Mild disability"),
    2: _("Moderate disability"),
    3: _("Severe disability"),
}


class ScoreError(ValueError):
    """A score sheet with a missing item, an unknown item, or a score out of range."""

    def __init__(self, message: Any, code: str, item: str = "") -> None:
        super().__init__(str(message))
        self.message, self.code, self.item = message, code, item


def check_scores(scores: dict[str, Any]) -> dict[str, int]:
    """Every item present, each a whole number from 0 to its maximum; ``ScoreError``
    (codes ``missing_item``, ``unknown_item``, ``score_range``) otherwise."""
    unknown = sorted(set(scores) - set(ITEM_BY_CODE))
    if unknown:
        raise ScoreError(_("Unknown item: %(item)s.") % {"item": unknown[0]}, "unknown_item")
    checked = {}
    for item in ITEMS:
        value = scores.get(item.code)
        if value is None or value == "":
            raise ScoreError(
                _("Score every item: %(item)s is missing.") % {"item": item.label},
                "missing_item",
                item.code,
            )
        number = -1
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            number = int(value.strip()[:4])
        if not 0 <= number <= item.maximum:
            raise ScoreError(
                _("%(item)s is scored from 0 to %(maximum)s.")
                % {"item": item.label, "maximum": item.maximum},
                "score_range",
                item.code,
            )
        checked[item.code] = number
    return checked


def indicator_totals(scores: dict[str, int]) -> dict[str, int]:
    totals = dict.fromkeys(INDICATORS, 0)
    for code, value in scores.items():
        totals[ITEM_BY_CODE[code].indicator] += value
    return totals


def level_for_total(total: int) -> int:
    for level, floor in LEVEL_FLOORS:
        if total >= floor:
            return level
    return TOP_LEVEL


def assessed_level(
    total: int, *, cognitive_disorder: bool = False, risk_events: int = 0, coma: bool = False
) -> tuple[int, int]:
    """(level from the total, final level) by GB/T 42195 C4: coma → the top level (4);
    a diagnosed dementia or other mental disorder raises one level; ``risk_events`` of
    ``ELDERCARE_RISK_EVENTS_RAISE`` (2) or more in the last 30 days raise one level; the
    two stack unless ``ELDERCARE_ASSESSMENT_RAISES_STACK`` is off; capped at level 4."""
    base = level_for_total(total)
    if coma:
        return base, TOP_LEVEL
    raises = int(bool(cognitive_disorder)) + int(risk_events >= conf.setting("RISK_EVENTS_RAISE"))
    if not conf.setting("ASSESSMENT_RAISES_STACK"):
        raises = min(raises, 1)
    return base, min(base + raises, TOP_LEVEL)


# --- care categories and age bands ------------------------------------------------------------

#: Age bands of the register (the lowest is the kernel's ELDERLY_AGE).
BANDS = (65, 70, 80, 90, 100)

CATEGORY_LABELS = {
    "hardship": _("In hardship"),  # 困难
    "empty_nest": _("Empty nest"),  # 空巢
    "alone": _("Living alone"),  # 独居
    "childless": _("Childless and widowed"),  # 孤寡
    "disabled": _("Disabled"),  # 残疾
    "advanced": _("Advanced age"),  # 高龄
    "subsistence": _("Subsistence allowance"),  # 低保
    "destitute": _("Destitute support"),  # 特困
}


def visit_interval(categories: set[str]) -> int:
    """Days between visits for an elder of these categories: the shortest that applies."""
    intervals = conf.setting("VISIT_INTERVALS")
    found = [intervals[c] for c in categories if c in intervals]
    return min(found) if found else conf.setting("VISIT_INTERVAL")


def device_eligible(age: int, categories: set[str], *, veteran: bool, red_army: bool) -> bool:
    """The seed's free emergency-call rule (plan 1): 70+ 低保 living alone, disabled
    veterans, old Red Army members, 孤寡 elderly, and 80+ 空巢 elderly."""
    return bool(
        (age >= 70 and "subsistence" in categories and "alone" in categories)
        or veteran
        or red_army
        or "childless" in categories
        or (age >= 80 and "empty_nest" in categories)
    )


# --- months -----------------------------------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def months_between(first: dt.date, last: dt.date) -> int:
    """Whole months from ``first``'s month to ``last``'s (0 for the same month)."""
    return (last.year - first.year) * 12 + last.month - first.month


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
