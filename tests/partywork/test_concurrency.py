"""Thirty votes of one person at the same moment give one vote (run on PostgreSQL:
``DATABASE_URL=postgres://…/portal_<you>``; on SQLite the writers queue)."""

import datetime as dt
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from partywork.models import OrgKind, Vote
from partywork.services import organisations, selections
from portal.accounts.models import Role
from tests.concurrency import run_at_once
from tests.factories import CommunityFactory, ResidentFactory, UserFactory

ATTEMPTS = 30


@pytest.fixture
def election(transactional_db):
    community = CommunityFactory(name="并发社区", code="091")
    by = UserFactory(role=Role.PARTY_SECRETARY, community=community)
    branch = organisations.organisation_create(
        community=community,
        kind=OrgKind.BRANCH,
        name="并发党支部",
        founded_on=dt.date(2020, 1, 1),
        by=by,
    )
    members = [
        organisations.membership_add(
            organisation=branch,
            resident=ResidentFactory(community=community),
            joined_on=dt.date(2021, 1, 1),
            by=by,
        )
        for _ in range(3)
    ]
    now = timezone.now()
    selection = selections.selection_open(
        organisation=branch,
        year=now.year,
        vote_opens_at=now + dt.timedelta(hours=1),
        vote_closes_at=now + dt.timedelta(days=7),
        places=1,
        by=by,
    )
    nominations = [
        selections.nomination_create(
            selection=selection, membership=member, reason="优秀", nominated_by=members[0].resident
        )
        for member in members[1:]
    ]
    return members[0].resident, nominations, now + dt.timedelta(hours=2)


def test_thirty_votes_at_once_give_one(election):
    voter, nominations, during = election

    def attempt(index: int) -> str:
        try:
            selections.vote_cast(nomination=nominations[index % 2], voter=voter, now=during)
            return "voted"
        except ValidationError as error:
            return error.code

    outcomes = Counter(run_at_once([lambda i=i: attempt(i) for i in range(ATTEMPTS)]))
    assert outcomes == Counter(voted=1, already_voted=ATTEMPTS - 1), (connection.vendor, outcomes)
    assert Vote.objects.filter(voter=voter).count() == 1
