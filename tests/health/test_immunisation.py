"""A child's due list by the dated schedule (domain-rules §1.10): children born before
2025-01-01 follow the 2021 schedule (百白破 3, 4, 5, 18 months + 白破 at 6 years), those
born on or after it the 2025 change (百白破 2, 4, 6, 18 months and 6 years). Lists worked
out by hand from the table; the grace before "overdue" is 30 days."""

import datetime as dt

import pytest

from health import immunisation as imm


def lines(birth, on, given=(), je="JE-L", hepa="HepA-L"):
    schedule = imm.version_for_birth(birth)
    return schedule.code, imm.due_list(
        birth_date=birth,
        schedule=schedule,
        je_line=je,
        hepa_line=hepa,
        given=dict.fromkeys(given, birth),
        on=on,
    )


def states(result, state):
    return sorted(line.dose.key for line in result[1] if line.state == state)


BEFORE = dt.date(2024, 6, 10)  # 2021 schedule
AFTER = dt.date(2025, 1, 1)  # the first day of the 2025 change


def test_version_by_birth_date():
    assert imm.version_for_birth(dt.date(2024, 12, 31)).code == "2021"
    assert imm.version_for_birth(AFTER).code == "2025"
    assert imm.version_for_birth(dt.date(2018, 5, 1)).code == "2021"


def test_born_2024_at_three_months_with_birth_doses_given():
    # 2024-09-10 is 3 months: IPV-1 (2 m, due 08-10 → overdue after 09-09) is overdue,
    # HepB-2 (1 m, due 07-10) overdue; IPV-2 and DTaP-1 (3 m) due today.
    result = lines(BEFORE, dt.date(2024, 9, 10), given=["HepB-1", "BCG-1"])
    assert result[0] == "2021"
    assert states(result, "given") == ["BCG-1", "HepB-1"]
    assert states(result, "overdue") == ["HepB-2", "IPV-1"]
    assert states(result, "due") == ["DTaP-1", "IPV-2"]
    assert "DTaP-1" not in states(result, "upcoming")


def test_born_2025_at_two_months_gets_dtap_at_two_months():
    # 2025-03-01 is 2 months: IPV-1 and DTaP-1 (2 m in the 2025 change) due, HepB-2 due
    # since 02-01 (grace ends 03-03: still due, not overdue).
    result = lines(AFTER, dt.date(2025, 3, 1), given=["HepB-1", "BCG-1"])
    assert result[0] == "2025"
    assert states(result, "due") == ["DTaP-1", "HepB-2", "IPV-1"]
    assert states(result, "overdue") == []


def test_dtap_rows_of_each_version():
    def dtap(birth):
        schedule = imm.version_for_birth(birth)
        return [(d.vaccine, d.months) for d in schedule.doses if d.vaccine in ("DTaP", "DT")]

    assert dtap(BEFORE) == [("DTaP", 3), ("DTaP", 4), ("DTaP", 5), ("DTaP", 18), ("DT", 72)]
    assert dtap(AFTER) == [("DTaP", 2), ("DTaP", 4), ("DTaP", 6), ("DTaP", 18), ("DTaP", 72)]


ALL_BY_ONE = [
    "BCG-1",
    "HepB-1",
    "HepB-2",
    "HepB-3",
    "IPV-1",
    "IPV-2",
    "bOPV-1",
    "MPSV-A-1",
    "MPSV-A-2",
    "MMR-1",
    "JE-L-1",
]


def test_born_2024_at_eighteen_months():
    # 2025-12-10: everything up to 12 months given; the 18-month doses due today.
    given = [*ALL_BY_ONE, "DTaP-1", "DTaP-2", "DTaP-3"]
    result = lines(BEFORE, dt.date(2025, 12, 10), given=given)
    assert states(result, "due") == ["DTaP-4", "HepA-L-1", "MMR-2"]
    assert states(result, "overdue") == []
    assert "DT-1" in states(result, "upcoming")


def test_born_2025_at_seven_months_missing_the_six_month_dtap():
    # 2025-08-15 (7.5 months): DTaP-3 (6 m, due 07-01, grace to 07-31) overdue; MPSV-A-1
    # (6 m) overdue as well; HepB-3 given.
    given = ["BCG-1", "HepB-1", "HepB-2", "HepB-3", "IPV-1", "IPV-2", "bOPV-1", "DTaP-1", "DTaP-2"]
    result = lines(AFTER, dt.date(2025, 8, 15), given=given)
    assert states(result, "overdue") == ["DTaP-3", "MPSV-A-1"]
    assert states(result, "due") == []
    # Next: the 8- and 9-month doses.
    assert {"MMR-1", "JE-L-1", "MPSV-A-2"} <= set(states(result, "upcoming"))


def test_born_2019_at_six_years_gets_the_dt_dose():
    birth = dt.date(2019, 4, 1)
    result = lines(birth, dt.date(2025, 4, 1), given=[])
    assert result[0] == "2021"
    assert "DT-1" in states(result, "due")
    assert "DTaP-5" not in {line.dose.key for line in result[1]}


def test_born_2025_at_six_years_gets_a_fifth_dtap():
    result = lines(AFTER, dt.date(2031, 1, 1))
    assert "DTaP-5" in states(result, "due")
    assert "DT-1" not in {line.dose.key for line in result[1]}


def test_inactivated_lines_replace_the_live_ones():
    result = lines(BEFORE, dt.date(2025, 2, 17), je="JE-I", hepa="HepA-I")
    keys = {line.dose.key for line in result[1]}
    assert {"JE-I-1", "JE-I-2", "JE-I-3", "JE-I-4", "HepA-I-1", "HepA-I-2"} <= keys
    assert not {"JE-L-1", "HepA-L-1"} & keys
    # JE-I 1 at 8 months (2025-02-10), JE-I 2 seven days later.
    due = {line.dose.key: line.due for line in result[1]}
    assert due["JE-I-2"] == dt.date(2025, 2, 17)


@pytest.mark.parametrize(
    "key,on,given,code",
    [
        ("IPV-1", dt.date(2024, 8, 9), {}, "too_young"),  # 2 months is 08-10
        ("IPV-2", dt.date(2024, 9, 20), {"IPV-1": dt.date(2024, 9, 1)}, "too_soon"),
        ("IPV-2", dt.date(2024, 10, 1), {}, "previous_missing"),
        ("IPV-1", dt.date(2024, 8, 10), {"IPV-1": dt.date(2024, 8, 10)}, "dose_given"),
        ("IPV-1", dt.date(2024, 8, 10), {}, None),
        ("IPV-2", dt.date(2024, 9, 29), {"IPV-1": dt.date(2024, 9, 1)}, None),  # 28 days
    ],
)
def test_dose_refusals(key, on, given, code):
    schedule = imm.version("2021")
    dose = next(d for d in schedule.doses if d.key == key)
    refusal = imm.dose_refusal(dose=dose, birth_date=BEFORE, given=given, on=on)
    assert (refusal[0] if refusal else None) == code
