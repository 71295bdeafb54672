"""The national immunisation schedule (国家免疫规划疫苗儿童免疫程序) as dated data
(domain-rules §1.10).

One row per dose, so a child's plan is the rows of the version in force for their birth
date and the product lines they are on (JE live or inactivated, HepA live or inactivated).
Versions: the 2021 schedule, and the DTaP change effective 2025-01-01 (百白破 at 2, 4, 6, 18
months and 6 years; the 6-year 白破 dose becomes 百白破). A child born on or after a
version's ``effective_from`` follows it.

Minimum age: the scheduled age (a dose is never given before its 起始月龄). Minimum
interval between doses of one vaccine: 28 days, except 乙脑灭活 doses 1→2 (7 days).
Catch-up tables (补种) are not encoded ([verify] in the rules document).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from health.rules import setting

VACCINES = {
    "HepB": _("Hepatitis B vaccine"),
    "BCG": _("BCG vaccine"),
    "IPV": _("Inactivated polio vaccine"),
    "bOPV": _("Bivalent oral polio vaccine"),
    "DTaP": _("DTaP vaccine"),
    "DT": _("DT vaccine"),
    "MMR": _("MMR vaccine"),
    "JE-L": _("Japanese encephalitis vaccine, live"),
    "JE-I": _("Japanese encephalitis vaccine, inactivated"),
    "MPSV-A": _("Group A meningococcal polysaccharide vaccine"),
    "MPSV-AC": _("Group A and C meningococcal polysaccharide vaccine"),
    "HepA-L": _("Hepatitis A vaccine, live"),
    "HepA-I": _("Hepatitis A vaccine, inactivated"),
}

#: The alternative product lines (§1.10 encoding note 2): the child is on one of each.
LINES = {"JE": ("JE-L", "JE-I"), "HepA": ("HepA-L", "HepA-I")}
DEFAULT_INTERVAL_DAYS = 28


@dataclass(frozen=True)
class Dose:
    vaccine: str
    number: int
    #: Age in months (years × 12); the minimum age as well.
    months: int
    #: Days after the same vaccine's previous dose (0 for the first).
    min_interval_days: int = DEFAULT_INTERVAL_DAYS
    #: Extra days after the age (JE-I dose 2: 7–10 days after dose 1, both at 8 months).
    extra_days: int = 0

    @property
    def key(self) -> str:
        return f"{self.vaccine}-{self.number}"

    @property
    def label(self) -> str:
        return f"{VACCINES[self.vaccine]} {self.number}"


@dataclass(frozen=True)
class ScheduleVersion:
    code: str
    name: str
    effective_from: dt.date
    doses: tuple[Dose, ...]
    source: str


def _doses(*rows: tuple) -> tuple[Dose, ...]:
    doses = []
    for vaccine, ages in rows:
        for number, age in enumerate(ages, start=1):
            months, extra = (age, 0) if isinstance(age, int) else age
            interval = 0 if number == 1 else DEFAULT_INTERVAL_DAYS
            if vaccine == "JE-I" and number == 2:
                interval = 7
            doses.append(Dose(vaccine, number, months, interval, extra))
    return tuple(doses)


_COMMON = (
    ("HepB", (0, 1, 6)),
    ("BCG", (0,)),
    ("IPV", (2, 3)),
    ("bOPV", (4, 48)),
    ("MMR", (8, 18)),
    ("JE-L", (8, 24)),
    ("JE-I", (8, (8, 7), 24, 72)),
    ("MPSV-A", (6, 9)),
    ("MPSV-AC", (36, 72)),
    ("HepA-L", (18,)),
    ("HepA-I", (18, 24)),
)

SCHEDULE_VERSIONS = (
    ScheduleVersion(
        code="2021",
        name="国家免疫规划疫苗儿童免疫程序（2021年版）",
        effective_from=dt.date(2021, 1, 1),
        doses=_doses(*_COMMON, ("DTaP", (3, 4, 5, 18)), ("DT", (72,))),
        source=(
            "国家卫生健康委《国家免疫规划疫苗儿童免疫程序及说明（2021年版）》; domain-rules §1.10"
        ),
    ),
    ScheduleVersion(
        code="2025",
        name="百白破疫苗免疫程序调整（2025年1月1日起）",
        effective_from=dt.date(2025, 1, 1),
        doses=_doses(*_COMMON, ("DTaP", (2, 4, 6, 18, 72))),
        source=(
            "国家疾控局等6部门《关于国家免疫规划百白破疫苗和白破疫苗"
            "免疫程序调整相关工作的通知》; domain-rules §1.10"
        ),
    ),
)


def version(code: str) -> ScheduleVersion:
    return next(v for v in SCHEDULE_VERSIONS if v.code == code)


def version_for_birth(birth_date: dt.date) -> ScheduleVersion:
    """The version a child born on ``birth_date`` follows (the oldest for earlier births)."""
    chosen = SCHEDULE_VERSIONS[0]
    for candidate in SCHEDULE_VERSIONS:
        if candidate.effective_from <= birth_date:
            chosen = candidate
    return chosen


def add_months_exact(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has none): 月龄."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def plan_doses(schedule: ScheduleVersion, *, je_line: str, hepa_line: str) -> list[Dose]:
    """The doses of ``schedule`` for a child on the given JE and HepA product lines."""
    skipped = {v for line, options in LINES.items() for v in options} - {je_line, hepa_line}
    return [dose for dose in schedule.doses if dose.vaccine not in skipped]


def due_date(dose: Dose, birth_date: dt.date) -> dt.date:
    return add_months_exact(birth_date, dose.months) + dt.timedelta(days=dose.extra_days)


GIVEN, OVERDUE, DUE, UPCOMING = "given", "overdue", "due", "upcoming"


@dataclass(frozen=True)
class PlanLine:
    dose: Dose
    due: dt.date
    state: str
    given_on: dt.date | None = None


def due_list(
    *,
    birth_date: dt.date,
    schedule: ScheduleVersion,
    je_line: str,
    hepa_line: str,
    given: dict[str, dt.date],
    on: dt.date,
) -> list[PlanLine]:
    """Every dose of the child's plan on ``on``: given, overdue (past its due date by more
    than ``HEALTH_DOSE_GRACE_DAYS``), due (reached its age) or upcoming; sorted by due date."""
    grace = dt.timedelta(days=setting("HEALTH_DOSE_GRACE_DAYS"))
    lines = []
    for dose in plan_doses(schedule, je_line=je_line, hepa_line=hepa_line):
        due = due_date(dose, birth_date)
        if dose.key in given:
            state = GIVEN
        elif on > due + grace:
            state = OVERDUE
        elif on >= due:
            state = DUE
        else:
            state = UPCOMING
        lines.append(PlanLine(dose, due, state, given.get(dose.key)))
    return sorted(lines, key=lambda line: (line.due, line.dose.vaccine, line.dose.number))


def dose_refusal(
    *,
    dose: Dose,
    birth_date: dt.date,
    given: dict[str, dt.date],
    on: dt.date,
) -> tuple[str, str] | None:
    """Why ``dose`` may not be given on ``on`` (``(code, message)``), or None."""
    if dose.key in given:
        return "dose_given", str(_("This dose has already been recorded."))
    if on < birth_date:
        return "before_birth", str(_("A dose cannot be given before birth."))
    if on < due_date(dose, birth_date):
        return "too_young", str(
            _("The child is younger than this dose's minimum age (%(date)s).")
            % {"date": due_date(dose, birth_date).isoformat()}
        )
    if dose.number > 1:
        previous = given.get(f"{dose.vaccine}-{dose.number - 1}")
        if previous is None:
            return "previous_missing", str(_("The previous dose of this vaccine is not recorded."))
        if (on - previous).days < dose.min_interval_days:
            return "too_soon", str(
                _("At least %(days)s days must pass after the previous dose.")
                % {"days": dose.min_interval_days}
            )
    return None
