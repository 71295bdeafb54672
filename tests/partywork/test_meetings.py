"""The overdue list against hand-built cases across a quarter boundary (today 2026-04-10)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from partywork.models import MeetingKind, OrgKind, Post
from partywork.services import organisations
from partywork.services.meetings import meeting_record, meetings_due_soon, overdue_meetings

TODAY = dt.date(2026, 4, 10)


def _record(branch, kind, day, members, by):
    return meeting_record(
        organisation=branch,
        kind=kind,
        held_on=day,
        topic="学习",
        by=by,
        attendees=[m.resident for m in members],
    )


def _rows(periods):
    return [(p.organisation.name, p.kind, p.start, p.end) for p in periods]


@pytest.fixture
def lookback_three(settings):
    settings.PARTYWORK_OVERDUE_LOOKBACK_MONTHS = 3  # from 2026-01-01


def test_quarter_and_year_periods(branch_a, members_a, secretary_a, lookback_three):
    _record(branch_a, MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 3, 31), members_a, secretary_a)
    # Held in the second quarter: does not make up for the first.
    _record(branch_a, MeetingKind.LESSON, dt.date(2026, 4, 1), members_a, secretary_a)
    name = branch_a.name
    assert _rows(overdue_meetings(branch_a, today=TODAY)) == [
        (name, "lesson", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ]


def test_a_committee_meets_monthly_while_in_office(
    branch_a, members_a, secretary_a, lookback_three
):
    organisations.officer_appoint(
        membership=members_a[1],
        post=Post.ORGANISATION,
        term_start=dt.date(2026, 2, 1),
        term_end=dt.date(2031, 1, 31),
        by=secretary_a,
    )
    for kind in (MeetingKind.GENERAL_ASSEMBLY, MeetingKind.LESSON):
        _record(branch_a, kind, dt.date(2026, 1, 20), members_a, secretary_a)
    _record(branch_a, MeetingKind.COMMITTEE, dt.date(2026, 2, 10), members_a[:3], secretary_a)
    name = branch_a.name
    # January: no committee yet; February held; March overdue; April still due.
    assert _rows(overdue_meetings(branch_a, today=TODAY)) == [
        (name, "committee", dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
    ]


def test_last_years_yearly_meetings_and_the_groups(branch_a, members_a, secretary_a):
    group = organisations.organisation_create(
        community=branch_a.community,
        kind=OrgKind.GROUP,
        name="第一党小组",
        parent=branch_a,
        founded_on=dt.date(2026, 3, 1),
        by=secretary_a,
    )
    member = organisations.membership_add(
        organisation=group,
        resident=members_a[0].resident,
        joined_on=dt.date(2026, 3, 1),
        by=secretary_a,
    )
    _record(group, MeetingKind.GROUP, dt.date(2026, 3, 5), [member], secretary_a)
    _record(branch_a, MeetingKind.LIFE, dt.date(2025, 12, 30), members_a, secretary_a)
    rows = _rows(overdue_meetings(branch_a, today=TODAY))
    # 2025's appraisal was not held (life meeting was); the group's March meeting was held.
    assert (branch_a.name, "appraisal", dt.date(2025, 1, 1), dt.date(2025, 12, 31)) in rows
    assert (branch_a.name, "life", dt.date(2025, 1, 1), dt.date(2025, 12, 31)) not in rows
    assert not [row for row in rows if row[0] == "第一党小组"]
    # The quarter before the lookback (2025-01..03) is outside; 2025-04..06 is in.
    assert (
        branch_a.name,
        "general_assembly",
        dt.date(2025, 1, 1),
        dt.date(2025, 3, 31),
    ) not in rows
    assert (branch_a.name, "general_assembly", dt.date(2025, 4, 1), dt.date(2025, 6, 30)) in rows


def test_due_soon_before_the_quarter_ends(branch_a, members_a, secretary_a, lookback_three):
    due = _rows(meetings_due_soon(branch_a, today=dt.date(2026, 3, 25)))
    assert (branch_a.name, "general_assembly", dt.date(2026, 1, 1), dt.date(2026, 3, 31)) in due
    assert not meetings_due_soon(branch_a, today=dt.date(2026, 3, 10))


def test_attendees_must_be_members(branch_a, members_a, secretary_a, resident_b):
    from tests.factories import ResidentFactory

    neighbour = ResidentFactory(community=branch_a.community)
    with pytest.raises(ValidationError) as error:
        meeting_record(
            organisation=branch_a,
            kind=MeetingKind.GENERAL_ASSEMBLY,
            held_on=dt.date(2026, 1, 5),
            topic="学习",
            by=secretary_a,
            attendees=[members_a[0].resident, neighbour],
        )
    assert error.value.code == "not_member"
    assert neighbour.name in error.value.messages[0]
    assert not branch_a.meetings.exists()


def test_a_group_meeting_is_a_groups(branch_a, members_a, secretary_a):
    with pytest.raises(ValidationError) as error:
        _record(branch_a, MeetingKind.GROUP, dt.date(2026, 1, 5), members_a, secretary_a)
    assert error.value.code == "wrong_kind"
