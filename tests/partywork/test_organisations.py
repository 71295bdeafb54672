import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partywork.models import LeftHow, Membership, OrgKind, Post, Standing
from partywork.services import organisations
from portal.registry.models import Tag
from tests.factories import ResidentFactory


def test_a_member_in_two_branches_of_the_same_level_is_refused(
    branch_a, members_a, secretary_a, community_a
):
    second = organisations.organisation_create(
        community=community_a,
        kind=OrgKind.BRANCH,
        name="第二党支部",
        founded_on=dt.date(2020, 1, 1),
        by=secretary_a,
    )
    with pytest.raises(ValidationError) as error:
        organisations.membership_add(
            organisation=second,
            resident=members_a[0].resident,
            joined_on=dt.date(2022, 1, 1),
            by=secretary_a,
        )
    assert error.value.code == "second_branch"
    assert not second.memberships.exists()


def test_a_branch_member_may_also_be_in_a_group(branch_a, members_a, secretary_a, community_a):
    group = organisations.organisation_create(
        community=community_a,
        kind=OrgKind.GROUP,
        name="第一党小组",
        parent=branch_a,
        founded_on=dt.date(2020, 1, 1),
        by=secretary_a,
    )
    organisations.membership_add(
        organisation=group,
        resident=members_a[0].resident,
        joined_on=dt.date(2022, 1, 1),
        by=secretary_a,
    )
    assert Membership.objects.filter(resident=members_a[0].resident).count() == 2


def test_after_a_transfer_out_the_member_may_join_another_branch(
    branch_a, members_a, secretary_a, community_a
):
    organisations.membership_end(
        membership=members_a[0],
        left_on=dt.date(2023, 5, 1),
        left_how=LeftHow.TRANSFERRED_OUT,
        by=secretary_a,
    )
    second = organisations.organisation_create(
        community=community_a,
        kind=OrgKind.BRANCH,
        name="第二党支部",
        founded_on=dt.date(2020, 1, 1),
        by=secretary_a,
    )
    organisations.membership_add(
        organisation=second,
        resident=members_a[0].resident,
        joined_on=dt.date(2023, 5, 1),
        by=secretary_a,
        joined_how="transferred_in",
    )


def test_membership_keeps_the_party_tag(branch_a, members_a, secretary_a):
    resident = members_a[1].resident
    assert resident.tags.filter(slug=Tag.PARTY_MEMBER).exists()
    organisations.membership_end(
        membership=members_a[1],
        left_on=dt.date(2024, 1, 1),
        left_how=LeftHow.TRANSFERRED_OUT,
        by=secretary_a,
    )
    assert not resident.tags.filter(slug=Tag.PARTY_MEMBER).exists()


def test_branch_rules_warn_below_three_full_members(branch_a, members_a, secretary_a):
    assert branch_a.warnings() == []
    members_a[2].standing = Standing.PROBATIONARY
    members_a[2].save()
    organisations.membership_end(
        membership=members_a[3],
        left_on=dt.date(2024, 1, 1),
        left_how=LeftHow.DECEASED,
        by=secretary_a,
    )
    warnings = organisations.membership_end(
        membership=members_a[4],
        left_on=dt.date(2024, 1, 1),
        left_how=LeftHow.TRANSFERRED_OUT,
        by=secretary_a,
    )
    assert len(warnings) == 1 and "3" in warnings[0]


def test_a_committee_is_due_from_seven_full_members(branch_a, members_a, secretary_a):
    for _ in range(2):
        organisations.membership_add(
            organisation=branch_a,
            resident=ResidentFactory(community=branch_a.community),
            joined_on=dt.date(2021, 3, 1),
            by=secretary_a,
        )
    assert len(branch_a.warnings()) == 1
    today = timezone.localdate()
    organisations.officer_appoint(
        membership=members_a[1],
        post=Post.ORGANISATION,
        term_start=dt.date(2021, 3, 1),
        term_end=today.replace(year=today.year + 2),
        by=secretary_a,
    )
    assert branch_a.warnings() == []


def test_league_members_are_14_to_28(community_a, secretary_a):
    league = organisations.organisation_create(
        community=community_a,
        kind=OrgKind.LEAGUE,
        name="东南社区团支部",
        founded_on=dt.date(2020, 1, 1),
        by=secretary_a,
    )
    old = ResidentFactory(community=community_a, birth_date=dt.date(1980, 1, 1))
    with pytest.raises(ValidationError) as error:
        organisations.membership_add(
            organisation=league, resident=old, joined_on=dt.date(2024, 1, 1), by=secretary_a
        )
    assert error.value.code == "age"


def test_a_resident_of_another_community_is_refused(branch_a, secretary_a, resident_b):
    with pytest.raises(ValidationError) as error:
        organisations.membership_add(
            organisation=branch_a,
            resident=resident_b,
            joined_on=dt.date(2024, 1, 1),
            by=secretary_a,
        )
    assert error.value.code == "other_community"
