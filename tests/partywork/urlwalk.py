"""The Party work app's part of the URL walk: community A's branch with the resident as a
member, a meeting, a selection, the League branch with a contest and an entry, and a
member's private calendar address."""

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from partywork.models import FeedToken, OrgKind
from partywork.services import league, meetings, organisations, selections
from portal.accounts.models import Role
from tests.factories import ResidentFactory, UserFactory

BRANCH = lambda o: {"pk": o.party_branch.pk}  # noqa: E731
LEAGUE = lambda o: {"pk": o.party_league.pk}  # noqa: E731
MEMBER = lambda o: {"pk": o.party_membership.pk}  # noqa: E731
SELECTION = lambda o: {"pk": o.party_selection.pk}  # noqa: E731
CONTEST = lambda o: {"pk": o.party_contest.pk}  # noqa: E731

ARGUMENTS = {
    **{
        f"partywork:{name}": BRANCH
        for name in (
            "organisation-detail",
            "membership-create",
            "plan-generate",
            "plan-detail",
            "meeting-create",
            "meeting-schedule",
            "duty-summary",
            "selection-create",
        )
    },
    "partywork:contest-create": LEAGUE,
    "partywork:league-hours": LEAGUE,
    **{
        f"partywork:{name}": MEMBER
        for name in (
            "member-detail",
            "membership-end",
            "officer-create",
            "duty-assign",
            "duty-entry-create",
        )
    },
    "partywork:meeting-detail": lambda o: {"pk": o.party_meeting.pk},
    "partywork:selection-detail": SELECTION,
    "partywork:selection-close": SELECTION,
    "partywork:selection-vote": SELECTION,
    "partywork:contest-detail": CONTEST,
    "partywork:contest-entry-create": CONTEST,
    "partywork:contest-publish": CONTEST,
    "partywork:contest-entry-judge": lambda o: {
        "pk": o.party_contest.pk,
        "entry_pk": o.party_entry.pk,
    },
    "partywork:private-feed": lambda o: {"token": o.party_feed_token.token},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    by = UserFactory(role=Role.PARTY_SECRETARY, community=o.community)
    founded = dt.date(2020, 1, 1)
    branch = organisations.organisation_create(
        community=o.community, kind=OrgKind.BRANCH, name="东南社区党支部", founded_on=founded, by=by
    )
    membership = organisations.membership_add(
        organisation=branch, resident=o.resident, joined_on=dt.date(2021, 1, 1), by=by
    )
    meeting = meetings.meeting_record(
        organisation=branch,
        kind="general_assembly",
        held_on=dt.date(2024, 1, 10),
        topic="学习",
        attendees=[o.resident],
        by=by,
    )
    now = timezone.now()
    selection = selections.selection_open(
        organisation=branch,
        year=now.year,
        vote_opens_at=now + dt.timedelta(days=10),
        vote_closes_at=now + dt.timedelta(days=20),
        places=1,
        by=by,
    )
    league_branch = organisations.organisation_create(
        community=o.community, kind=OrgKind.LEAGUE, name="东南社区团支部", founded_on=founded, by=by
    )
    child = ResidentFactory(
        community=o.community, birth_date=timezone.localdate() - dt.timedelta(days=365 * 10)
    )
    contest = league.contest_create(
        organisation=league_branch, title="六一绘画比赛", held_on=timezone.localdate(), by=by
    )
    entry = league.contest_entry_add(
        contest=contest, entrant=child, category="drawing", title="我的家", by=by
    )
    member_user = UserFactory(role=Role.RESIDENT, username="party_member_a")
    member_user.resident = o.resident
    member_user.save()
    return {
        "party_branch": branch,
        "party_membership": membership,
        "party_meeting": meeting,
        "party_selection": selection,
        "party_league": league_branch,
        "party_contest": contest,
        "party_entry": entry,
        "party_feed_token": FeedToken.objects.create(user=member_user),
    }


# Rows of the URL walk's tables (tests/security/test_url_walk.py).
PUBLIC = {
    "partywork:private-feed": ({200}, {405}),  # a member's calendar, found by its secret token
}
RESIDENT_PAGES = {
    "partywork:my-partywork",
    "partywork:feed-renew",
    "partywork:feed-revoke",
    "partywork:selection-vote",
}

# Rows of the fuzz pass's tables (tests/security/test_fuzz.py): forms submitted to their view.
FORM_VIEWS = {
    "OrganisationForm": ("partywork:organisation-create", "post", None),
    "MembershipForm": ("partywork:membership-create", "post", lambda o: [o.party_branch.pk]),
    "MembershipEndForm": ("partywork:membership-end", "post", lambda o: [o.party_membership.pk]),
    "OfficerForm": ("partywork:officer-create", "post", lambda o: [o.party_membership.pk]),
    "PartyDayPlanForm": ("partywork:plan-generate", "post", lambda o: [o.party_branch.pk]),
    "MeetingForm": ("partywork:meeting-create", "post", lambda o: [o.party_branch.pk]),
    "MeetingScheduleForm": ("partywork:meeting-schedule", "post", lambda o: [o.party_branch.pk]),
    "DutyAssignForm": ("partywork:duty-assign", "post", lambda o: [o.party_membership.pk]),
    "DutyEntryForm": ("partywork:duty-entry-create", "post", lambda o: [o.party_membership.pk]),
    "SelectionForm": ("partywork:selection-create", "post", lambda o: [o.party_branch.pk]),
    "ContestForm": ("partywork:contest-create", "post", lambda o: [o.party_league.pk]),
    "ContestEntryForm": ("partywork:contest-entry-create", "post", lambda o: [o.party_contest.pk]),
    "JudgeForm": (
        "partywork:contest-entry-judge",
        "post",
        lambda o: [o.party_contest.pk, o.party_entry.pk],
    ),
    "NominationForm": ("partywork:selection-vote", "post", lambda o: [o.party_selection.pk]),
    "VoteForm": ("partywork:selection-vote", "post", lambda o: [o.party_selection.pk]),
}
RESIDENT_FORMS = {"NominationForm", "VoteForm"}
