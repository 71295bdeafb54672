"""The national schedules of the health app, kept as data (domain-rules §1.3, §1.4, §1.6, §2).

Nothing here is a constant of a view: the follow-up decision tables, the control
thresholds and the intervals are rows, each dated (``effective_from``) so a later norm is a
new row and an old visit is judged by the rule in force on its day. Every row names its
source. ``next_followup`` plays one visit through the table in force.

The intervals that the norms leave to local practice are Django settings with the
national default (``HEALTH_REGULAR_FOLLOWUP_DAYS`` …), read through ``setting()``.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# --- settings with their national defaults (domain-rules §8: local governments may be stricter)

DEFAULTS = {
    # §1.3/§1.4: at least 4 face-to-face follow-ups a year → every 3 months by default.
    "HEALTH_REGULAR_FOLLOWUP_DAYS": 91,
    # §1.3/§1.4: "within 2 weeks" after a first uncontrolled result or a referral.
    "HEALTH_SHORT_FOLLOWUP_DAYS": 14,
    # A follow-up due within this many days is on the "due" list.
    "HEALTH_DUE_WINDOW_DAYS": 14,
    # [local] overdue by more than this many days: lost to follow-up (失访), no national number.
    "HEALTH_LOST_AFTER_DAYS": 90,
    # [local] a dose not given this many days after its due date is overdue.
    "HEALTH_DOSE_GRACE_DAYS": 30,
    # [local] residents book and cancel until this many minutes before the slot starts.
    "HEALTH_BOOKING_CUTOFF_MINUTES": 60,
    # How many days ahead a schedule's slots are opened.
    "HEALTH_SLOT_HORIZON_DAYS": 14,
}


def setting(name: str) -> int:
    return int(getattr(settings, name, DEFAULTS[name]))


# --- dated values ---


def in_force(rows: tuple, on: dt.date):
    """The row of ``rows`` (sorted by ``effective_from``) in force on ``on``."""
    chosen = None
    for row in rows:
        if row.effective_from <= on:
            chosen = row
    if chosen is None:
        raise LookupError(f"no rule in force on {on}")
    return chosen


@dataclass(frozen=True)
class DatedDays:
    effective_from: dt.date
    days: int
    source: str


#: §2: renewal reminder before 到期日期, 30 days [local: no national number found].
RENEWAL_REMINDER_DAYS = (DatedDays(dt.date(2016, 6, 6), 30, "domain-rules §2 (local default)"),)


def renewal_reminder_days(on: dt.date) -> int:
    return in_force(RENEWAL_REMINDER_DAYS, on).days


def contract_end(start: dt.date) -> dt.date:
    """§2: a one-year term, end = start + 1 year − 1 day (29 Feb starts end on 27 Feb)."""
    try:
        same_day = start.replace(year=start.year + 1)
    except ValueError:  # 29 February: the year after has none
        same_day = dt.date(start.year + 1, 3, 1)
    return same_day - dt.timedelta(days=1)


# --- control thresholds (§1.3, §1.4) ---


@dataclass(frozen=True)
class Thresholds:
    effective_from: dt.date
    #: Emergency readings: SBP ≥ / DBP ≥ (both conditions), FPG ≥ or ≤, HR >, T >.
    emergency_sbp: int
    emergency_dbp: int
    #: 控制不满意 at SBP ≥ or DBP ≥; for patients of ``elderly_age`` and over, SBP ≥ elderly_sbp.
    control_sbp: int
    control_dbp: int
    elderly_age: int
    elderly_sbp: int
    emergency_fpg_high: str
    emergency_fpg_low: str
    control_fpg: str
    emergency_heart_rate: int
    emergency_temperature: str
    source: str


THRESHOLDS = (
    Thresholds(
        effective_from=dt.date(2017, 2, 28),
        emergency_sbp=180,
        emergency_dbp=110,
        control_sbp=140,
        control_dbp=90,
        elderly_age=65,
        elderly_sbp=150,  # [verify] only in a secondary page (domain-rules §1.3)
        emergency_fpg_high="16.7",
        emergency_fpg_low="3.9",
        control_fpg="7.0",
        emergency_heart_rate=100,
        emergency_temperature="39",
        source=(
            "国家基本公共卫生服务规范（第三版）高血压/2型糖尿病患者健康管理; domain-rules §1.3–1.4"
        ),
    ),
)

#: Physiological ranges a typed value must fall in (typing errors, not clinical limits).
RANGES = {
    "systolic": (50, 300),
    "diastolic": (30, 200),
    "heart_rate": (20, 250),
    "fasting_glucose": ("1.0", "40.0"),
    "weight": ("2", "300"),
    "temperature": ("34", "43"),
}


# --- the decision tables ---

#: What a visit found, most severe first (the table is read in this order).
EMERGENCY = "emergency"
COMPLICATION = "complication"  # new or worsened complication / ADR hard to control
REPEAT_UNCONTROLLED = "repeat_uncontrolled"  # the second uncontrolled (or ADR) visit in a row
UNCONTROLLED = "uncontrolled"  # first 控制不满意 or ADR
CONTROLLED = "controlled"

#: Actions of the tables.
URGENT_REFERRAL = "urgent_referral"
REFERRAL = "referral"
ADJUST = "adjust"
REGULAR = "regular"

ACTION_LABELS = {
    URGENT_REFERRAL: _("Treat, then urgent referral; follow the referral"),
    REFERRAL: _("Recommend referral; follow the referral"),
    ADJUST: _("Adjust the medication; see again soon"),
    REGULAR: _("Book the next regular follow-up"),
}


@dataclass(frozen=True)
class DecisionRow:
    situation: str
    action: str
    #: The setting holding the interval to the next follow-up.
    interval_setting: str
    source: str


@dataclass(frozen=True)
class DecisionTable:
    condition: str
    effective_from: dt.date
    rows: tuple[DecisionRow, ...]


_HT = "规范（第三版）高血压患者健康管理 随访评估和分类干预; domain-rules §1.3"
_DM = "规范（第三版）2型糖尿病患者健康管理 随访评估和分类干预; domain-rules §1.4"
_SHORT, _REGULAR = "HEALTH_SHORT_FOLLOWUP_DAYS", "HEALTH_REGULAR_FOLLOWUP_DAYS"


def _table(condition: str, source: str) -> DecisionTable:
    return DecisionTable(
        condition=condition,
        effective_from=dt.date(2017, 2, 28),
        rows=(
            DecisionRow(EMERGENCY, URGENT_REFERRAL, _SHORT, source),
            DecisionRow(COMPLICATION, REFERRAL, _SHORT, source),
            DecisionRow(REPEAT_UNCONTROLLED, REFERRAL, _SHORT, source),
            DecisionRow(UNCONTROLLED, ADJUST, _SHORT, source),
            DecisionRow(CONTROLLED, REGULAR, _REGULAR, source),
        ),
    )


DECISION_TABLES = {
    "hypertension": (_table("hypertension", _HT),),
    "diabetes": (_table("diabetes", _DM),),
}

#: §1.6 severe mental disorder: stability class → interval (encoded as settings per class).
SMI_INTERVALS = {
    "unstable": ("HEALTH_SMI_UNSTABLE_DAYS", 14),
    "basic": ("HEALTH_SMI_BASIC_DAYS", 14),
    "stable": ("HEALTH_SMI_STABLE_DAYS", 91),
}


def smi_stability(risk_level: int) -> str:
    """§1.6: risk 3–5 不稳定, 1–2 基本稳定, 0 稳定 (the doctor may class a visit worse
    for symptoms, insight or reactions)."""
    if risk_level >= 3:
        return "unstable"
    if risk_level >= 1:
        return "basic"
    return "stable"


# --- judging one visit ---


@dataclass(frozen=True)
class Reading:
    """What a follow-up measured and found (the inputs of the table)."""

    age: int
    systolic: int | None = None
    diastolic: int | None = None
    fasting_glucose: "object | None" = None  # Decimal
    heart_rate: int | None = None
    temperature: "object | None" = None  # Decimal
    emergency_signs: bool = False  # symptoms of the emergency row, pregnancy with high values
    adverse_reaction: bool = False
    complication: bool = False  # new or worsened complication, or ADR hard to control


def is_emergency(condition: str, reading: Reading, on: dt.date) -> bool:
    from decimal import Decimal

    limits = in_force(THRESHOLDS, on)
    if reading.emergency_signs:
        return True
    if (reading.systolic or 0) >= limits.emergency_sbp:
        return True
    if (reading.diastolic or 0) >= limits.emergency_dbp:
        return True
    if condition == "diabetes":
        glucose = reading.fasting_glucose
        if glucose is not None and (
            Decimal(glucose) >= Decimal(limits.emergency_fpg_high)
            or Decimal(glucose) <= Decimal(limits.emergency_fpg_low)
        ):
            return True
        if (reading.heart_rate or 0) > limits.emergency_heart_rate:
            return True
        if reading.temperature is not None and Decimal(reading.temperature) > Decimal(
            limits.emergency_temperature
        ):
            return True
    return False


def is_uncontrolled(condition: str, reading: Reading, on: dt.date) -> bool:
    """控制不满意 by the readings (an ADR counts too, in ``situation``)."""
    from decimal import Decimal

    limits = in_force(THRESHOLDS, on)
    if condition == "hypertension":
        sbp_limit = limits.elderly_sbp if reading.age >= limits.elderly_age else limits.control_sbp
        return (reading.systolic or 0) >= sbp_limit or (reading.diastolic or 0) >= (
            limits.control_dbp
        )
    glucose = reading.fasting_glucose
    return glucose is not None and Decimal(glucose) >= Decimal(limits.control_fpg)


def situation(condition: str, reading: Reading, on: dt.date, previous_uncontrolled: bool) -> str:
    """The table's situation for one visit, the most severe that applies."""
    if is_emergency(condition, reading, on):
        return EMERGENCY
    if reading.complication:
        return COMPLICATION
    uncontrolled = is_uncontrolled(condition, reading, on) or reading.adverse_reaction
    if uncontrolled and previous_uncontrolled:
        return REPEAT_UNCONTROLLED
    if uncontrolled:
        return UNCONTROLLED
    return CONTROLLED


@dataclass(frozen=True)
class Decision:
    situation: str
    action: str
    next_date: dt.date
    source: str

    @property
    def refer(self) -> bool:
        return self.action in (URGENT_REFERRAL, REFERRAL)

    @property
    def uncontrolled(self) -> bool:
        """Whether this visit counts as the first of "two in a row" for the next."""
        return self.situation in (UNCONTROLLED, REPEAT_UNCONTROLLED)


def next_followup(
    condition: str, reading: Reading, on: dt.date, *, previous_uncontrolled: bool = False
) -> Decision:
    """The next due date of a hypertension or diabetes patient seen on ``on``, by the
    decision table in force that day."""
    table = in_force(DECISION_TABLES[condition], on)
    found = situation(condition, reading, on, previous_uncontrolled)
    row = next(row for row in table.rows if row.situation == found)
    days = setting(row.interval_setting)
    return Decision(found, row.action, on + dt.timedelta(days=days), row.source)


def smi_next_followup(risk_level: int, on: dt.date, stability: str = "") -> Decision:
    """§1.6: the next follow-up of a severe-mental-disorder patient by stability class."""
    stability = stability or smi_stability(risk_level)
    name, default = SMI_INTERVALS[stability]
    days = int(getattr(settings, name, default))
    action = URGENT_REFERRAL if stability == "unstable" else REGULAR
    return Decision(stability, action, on + dt.timedelta(days=days), "domain-rules §1.6")


# --- the 65+ self-care scale (§1.5) ---

SELF_CARE_ITEMS = ("eating", "grooming", "dressing", "toileting", "moving")
#: Highest score of each item on the 老年人生活自理能力评估表.
SELF_CARE_MAX = {"eating": 5, "grooming": 7, "dressing": 5, "toileting": 10, "moving": 10}
SELF_CARE_LEVELS = (
    (3, "independent", _("Self-reliant")),
    (8, "mild", _("Mildly dependent")),
    (18, "moderate", _("Moderately dependent")),
    (999, "dependent", _("Not self-reliant")),
)


def self_care_level(total: int) -> str:
    """§1.5: 0–3 可自理, 4–8 轻度依赖, 9–18 中度依赖, ≥19 不能自理."""
    for ceiling, code, _label in SELF_CARE_LEVELS:
        if total <= ceiling:
            return code
    return "dependent"
