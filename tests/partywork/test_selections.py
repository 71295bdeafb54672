import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partywork.models import Nomination, Vote
from partywork.services import selections

NOW = timezone.now()


@pytest.fixture
def selection(branch_a, secretary_a):
    return selections.selection_open(
        organisation=branch_a,
        year=2026,
        vote_opens_at=NOW + dt.timedelta(days=1),
        vote_closes_at=NOW + dt.timedelta(days=8),
        places=1,
        by=secretary_a,
    )


@pytest.fixture
def nominations(selection, members_a, resident_a):
    return [
        selections.nomination_create(
            selection=selection, membership=member, reason="热心服务", nominated_by=resident_a
        )
        for member in members_a[1:3]
    ]


def test_nominations_close_when_voting_opens(selection, members_a, resident_a, resident_b):
    with pytest.raises(ValidationError) as error:
        selections.nomination_create(
            selection=selection, membership=members_a[1], reason="好", nominated_by=resident_b
        )
    assert error.value.code == "not_allowed"
    with pytest.raises(ValidationError) as error:
        selections.nomination_create(
            selection=selection,
            membership=members_a[1],
            reason="好",
            nominated_by=resident_a,
            now=NOW + dt.timedelta(days=2),
        )
    assert error.value.code == "closed"


def test_one_vote_per_person_and_only_in_the_window(nominations, members_a):
    voter = members_a[0].resident
    with pytest.raises(ValidationError) as error:
        selections.vote_cast(nomination=nominations[0], voter=voter, now=NOW)
    assert error.value.code == "not_open"
    during = NOW + dt.timedelta(days=2)
    selections.vote_cast(nomination=nominations[0], voter=voter, now=during)
    with pytest.raises(ValidationError) as error:
        selections.vote_cast(nomination=nominations[1], voter=voter, now=during)
    assert error.value.code == "already_voted"
    with pytest.raises(ValidationError) as error:
        selections.vote_cast(
            nomination=nominations[1], voter=members_a[1].resident, now=NOW + dt.timedelta(days=9)
        )
    assert error.value.code == "not_open"
    assert Vote.objects.count() == 1


def test_results_record_the_most_voted(selection, nominations, members_a, secretary_a):
    during = NOW + dt.timedelta(days=2)
    for member in members_a[:3]:
        selections.vote_cast(nomination=nominations[1], voter=member.resident, now=during)
    selections.vote_cast(nomination=nominations[0], voter=members_a[3].resident, now=during)
    with pytest.raises(ValidationError) as error:
        selections.selection_close(selection=selection, by=secretary_a, now=during)
    assert error.value.code == "still_open"
    chosen = selections.selection_close(
        selection=selection, by=secretary_a, now=NOW + dt.timedelta(days=9)
    )
    assert chosen == [nominations[1]]
    assert list(Nomination.objects.filter(selected=True)) == [nominations[1]]
