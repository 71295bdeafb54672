from partywork.models.duties import Duty, DutyAssignment, DutyEntry
from partywork.models.feeds import FeedToken
from partywork.models.league import Award, Contest, ContestEntry, EntryCategory
from partywork.models.meetings import Meeting, MeetingKind
from partywork.models.organisations import (
    COMMITTEE_POSTS,
    PARTY_KINDS,
    JoinedHow,
    LeftHow,
    Membership,
    Officer,
    Organisation,
    OrgKind,
    Post,
    Standing,
)
from partywork.models.plans import PARTY_DAY_TEMPLATE, PartyDay, PartyDayPlan
from partywork.models.selections import Nomination, Selection, Vote

__all__ = [
    "COMMITTEE_POSTS",
    "PARTY_DAY_TEMPLATE",
    "PARTY_KINDS",
    "Award",
    "Contest",
    "ContestEntry",
    "Duty",
    "DutyAssignment",
    "DutyEntry",
    "EntryCategory",
    "FeedToken",
    "JoinedHow",
    "LeftHow",
    "Meeting",
    "MeetingKind",
    "Membership",
    "Nomination",
    "Officer",
    "OrgKind",
    "Organisation",
    "PartyDay",
    "PartyDayPlan",
    "Post",
    "Selection",
    "Standing",
    "Vote",
]
