"""Party work fixtures: a branch of community A with five members, secretaries of A and B."""

import datetime as dt

import pytest

from partywork.models import OrgKind
from partywork.services import organisations
from portal.accounts.models import Role
from tests.factories import ResidentFactory, UserFactory

FOUNDED = dt.date(2020, 1, 1)


@pytest.fixture
def secretary_a(community_a):
    return UserFactory(username="party_a", role=Role.PARTY_SECRETARY, community=community_a)


@pytest.fixture
def secretary_b(community_b):
    return UserFactory(username="party_b", role=Role.PARTY_SECRETARY, community=community_b)


@pytest.fixture
def branch_a(community_a, secretary_a):
    return organisations.organisation_create(
        community=community_a,
        kind=OrgKind.BRANCH,
        name="东南社区第一党支部",
        founded_on=FOUNDED,
        by=secretary_a,
    )


@pytest.fixture
def members_a(branch_a, secretary_a, resident_a):
    people = [resident_a] + [
        ResidentFactory(community=branch_a.community, household=resident_a.household)
        for _ in range(4)
    ]
    return [
        organisations.membership_add(
            organisation=branch_a, resident=person, joined_on=dt.date(2021, 3, 1), by=secretary_a
        )
        for person in people
    ]


@pytest.fixture
def member_user(members_a):
    user = UserFactory(username="dangyuan", role=Role.RESIDENT)
    user.resident = members_a[0].resident
    user.save()
    return user
