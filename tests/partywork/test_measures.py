import datetime as dt

from partywork import measures
from partywork.models import LeftHow, MeetingKind
from partywork.services import organisations
from partywork.services.meetings import meeting_record
from partywork.services.plans import party_day_plan_generate
from portal.core import hooks


def test_the_measures_are_registered():
    keys = set(hooks.plan_measures())
    assert {
        "partywork.party_days_held",
        "partywork.meetings_held",
        "partywork.members",
        "partywork.league_activities",
    } <= keys


def test_counts_over_a_period_and_a_community(branch_a, members_a, secretary_a, community_b):
    party_day_plan_generate(organisation=branch_a, year=2026, by=secretary_a)
    first_half = {"start": dt.date(2026, 1, 1), "end": dt.date(2026, 6, 15)}
    assert measures.party_days_held(**first_half) == 6
    assert measures.party_days_held(**first_half, community=branch_a.community) == 6
    assert measures.party_days_held(**first_half, community=community_b) == 0
    meeting_record(
        organisation=branch_a,
        kind=MeetingKind.LESSON,
        held_on=dt.date(2026, 3, 2),
        topic="党课",
        attendees=[members_a[0].resident],
        by=secretary_a,
    )
    assert measures.meetings_held(**first_half) == 1
    assert measures.meetings_held(**first_half, option="general_assembly") == 0
    assert measures.members(**first_half) == 5
    organisations.membership_end(
        membership=members_a[4],
        left_on=dt.date(2026, 3, 1),
        left_how=LeftHow.TRANSFERRED_OUT,
        by=secretary_a,
    )
    assert measures.members(**first_half) == 4
    assert measures.members(start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1)) == 5
    assert measures.league_activities(**first_half) == 0
