"""The party-work app's community-scoped models, one row each in communities A and B, for
the scoping table of tests/security/test_scoping.py."""

import datetime as dt

from partywork.models import (
    Contest,
    ContestEntry,
    DutyAssignment,
    DutyEntry,
    Meeting,
    Membership,
    Nomination,
    Officer,
    Organisation,
    PartyDayPlan,
    Selection,
)

SCOPED_MODELS = [
    DutyAssignment,
    DutyEntry,
    Contest,
    ContestEntry,
    Meeting,
    Organisation,
    Membership,
    Officer,
    PartyDayPlan,
    Selection,
    Nomination,
]


def scoped_world(resident_a, resident_b, issuer) -> dict:
    """A branch with the resident as member and secretary, their duty with an entry, a
    meeting, a party-day plan, a selection with their nomination, and a contest with their
    entry, in each resident's community."""
    rows: dict = {model: [] for model in SCOPED_MODELS}
    for resident in (resident_a, resident_b):
        branch = Organisation.objects.create(
            community=resident.community,
            kind="branch",
            name="党支部",
            founded_on=dt.date(2020, 1, 1),
        )
        membership = Membership.objects.create(
            organisation=branch, resident=resident, level="branch", joined_on=dt.date(2021, 1, 1)
        )
        assignment = DutyAssignment.objects.create(
            membership=membership, duty="sanitation", year=2026
        )
        contest = Contest.objects.create(
            organisation=branch, title="绘画比赛", held_on=dt.date(2026, 6, 1)
        )
        selection = Selection.objects.create(
            organisation=branch,
            year=2026,
            vote_opens_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
            vote_closes_at=dt.datetime(2026, 6, 10, tzinfo=dt.UTC),
        )
        rows[Organisation].append(branch)
        rows[Membership].append(membership)
        rows[DutyAssignment].append(assignment)
        rows[DutyEntry].append(
            DutyEntry.objects.create(
                assignment=assignment, done_on=dt.date(2026, 3, 1), description="清扫"
            )
        )
        rows[Contest].append(contest)
        rows[ContestEntry].append(
            ContestEntry.objects.create(
                contest=contest,
                entrant=resident,
                category="drawing",
                title="我的家",
                age_group="6-9",
            )
        )
        rows[Meeting].append(
            Meeting.objects.create(
                organisation=branch,
                kind="general_assembly",
                held_on=dt.date(2026, 1, 10),
                topic="学习",
            )
        )
        rows[Officer].append(
            Officer.objects.create(
                organisation=branch,
                membership=membership,
                post="secretary",
                term_start=dt.date(2024, 1, 1),
                term_end=dt.date(2028, 12, 31),
            )
        )
        rows[PartyDayPlan].append(
            PartyDayPlan.objects.create(organisation=branch, year=2026, day_of_month=1)
        )
        rows[Selection].append(selection)
        rows[Nomination].append(
            Nomination.objects.create(
                selection=selection, membership=membership, reason="表现好", nominated_by=resident
            )
        )
    return {model: tuple(pair) for model, pair in rows.items()}
