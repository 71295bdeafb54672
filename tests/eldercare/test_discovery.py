"""主动发现 against hand-built cases (seed plan 1's device rule: 70+ 低保 living alone,
disabled veterans, old Red Army members, 孤寡, 80+ 空巢), on 15 June 2026."""

import datetime as dt

import pytest

from eldercare import discovery, register
from eldercare.models import Assessment, Enrolment, Installation, Living, Volunteer
from eldercare.services.volunteers import pairing_create
from portal.core import contract
from tests.eldercare.conftest import TODAY, elder
from tests.eldercare.test_assessment_rules import sheet
from tests.factories import ResidentFactory


def born(age, month=1):
    """Born in ``month`` of the year that makes them ``age`` on 15 June 2026."""
    return dt.date(TODAY.year - age, month, 1)


@pytest.fixture
def cast(community_a, community_b, staff_a, monkeypatch, brackets):
    people = {
        # 72, 低保 (the hook says so), alone → device; alone → pairing
        "A": elder(community_a, born(72), name="A", living=Living.ALONE),
        # 72, 低保, with spouse: not alone → no device rule
        "B": elder(community_a, born(72), name="B", living=Living.WITH_SPOUSE),
        # 65, 孤寡 → device
        "C": elder(community_a, born(65), name="C", childless=True),
        # 82, empty nest (spouse only) → device; 80+ → allowance
        "D": elder(community_a, born(82), name="D", living=Living.WITH_SPOUSE),
        # 78, empty nest: under 80 → nothing
        "D2": elder(community_a, born(78), name="D2", living=Living.WITH_SPOUSE),
        # 62, disabled veteran → device
        "E": elder(community_a, born(62), name="E", disabled_veteran=True),
        # 95, old Red Army, has a device → no device row; 80+ not enrolled → allowance
        "F": elder(community_a, born(95), name="F", red_army=True),
        # 70, alone, no 低保 → no device; paired below → no pairing row
        "G": elder(community_a, born(70), name="G", living=Living.ALONE),
        # 81, no profile, not enrolled → allowance
        "H": elder(community_a, born(81), name="H"),
        # 85, enrolled → nothing
        "I": elder(community_a, born(85), name="I"),
        # 79 → nothing
        "J": elder(community_a, born(79), name="J"),
        # community B: 孤寡, 90 → never in A's lists
        "X": elder(community_b, born(90), name="X", childless=True, living=Living.ALONE),
    }
    subsistence = {people["A"].pk, people["B"].pk}
    monkeypatch.setattr(
        register.hooks,
        "resident_statuses",
        lambda ids: {pk: {contract.STATUS_SUBSISTENCE} for pk in ids if pk in subsistence},
    )
    Installation.objects.create(
        household=people["F"].household,
        elder=people["F"],
        device_number="HJ-0001",
        installed_on=dt.date(2025, 5, 1),
    )
    Enrolment.objects.create(
        resident=people["I"],
        applied_on=dt.date(2021, 1, 1),
        first_month=dt.date(2021, 1, 1),
        enrolled_by=staff_a,
    )
    helper = Volunteer.objects.create(
        resident=ResidentFactory(community=community_a, name="义工"),
        registered_on=dt.date(2026, 1, 1),
    )
    pairing_create(elder=people["G"], volunteer=helper, by=staff_a, started_on=dt.date(2026, 1, 5))
    for person, day in (("C", dt.date(2025, 1, 10)), ("E", dt.date(2026, 3, 1))):
        Assessment.objects.create(
            elder=people[person],
            assessed_on=day,
            reason="first",
            assessor=staff_a,
            assessor_name="甲",
            scores=sheet(),
            total=90,
            next_due_on=day.replace(year=day.year + 1),
        )
    return people


def names(user, which):
    return [row.resident.name for row in discovery.missing(user, which, TODAY)]


@pytest.mark.django_db
def test_the_four_lists_match_the_hand_built_cases(cast, staff_a):
    assert names(staff_a, "device") == ["A", "C", "D", "E"]
    assert names(staff_a, "allowance") == ["D", "F", "H"]
    assert names(staff_a, "alone") == ["A"]
    assert names(staff_a, "assessment") == ["C"]  # due 2025-01-10 + 12 months < 15 June


@pytest.mark.django_db
def test_the_sub_district_sees_every_community(cast, subdistrict_user, staff_b):
    assert "X" in names(subdistrict_user, "device")
    assert names(staff_b, "device") == ["X"]
    assert names(staff_b, "alone") == ["X"]


@pytest.mark.django_db
def test_each_row_links_to_its_fix(cast, staff_a):
    row = discovery.missing(staff_a, "device", TODAY)[0]
    assert row.action_url == f"/staff/eldercare/devices/new/?elder={row.resident.pk}"
    row = discovery.missing(staff_a, "allowance", TODAY)[0]
    assert row.action_url.startswith("/staff/eldercare/allowance/new/?resident=")
