"""The Party work demo through ``seed_demo`` (300 residents), on 29 November 2026: a
branch per community with members, this year's Party days, overdue meetings in 东南,
the ten roles, last year's selection, the League's contest; twice creates nothing."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from partywork import demo
from partywork.models import (
    Contest,
    DutyEntry,
    Meeting,
    Membership,
    Nomination,
    Organisation,
    OrgKind,
    PartyDay,
    Selection,
)
from partywork.services.meetings import overdue_meetings
from portal.registry.models import Community
from tests.assistance.conftest import at

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        time_machine.travel(at(TODAY), tick=False),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("seed_demo", force=True, residents=300, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_data, db):
    with time_machine.travel(at(TODAY, 11), tick=False):
        yield demo_data


def test_a_branch_per_community_with_members_and_party_days(seeded):
    assert Organisation.objects.filter(kind=OrgKind.BRANCH).count() == Community.objects.count()
    assert Membership.objects.filter(level=OrgKind.BRANCH).count() > 10
    dongnan = Organisation.objects.get(community__name="东南", kind=OrgKind.BRANCH)
    assert PartyDay.objects.filter(plan__organisation=dongnan, plan__year=2026).count() == 12
    assert PartyDay.objects.filter(plan__year=2026).count() >= 12


def test_meetings_some_overdue_roles_selection_and_league(seeded):
    dongnan = Organisation.objects.get(community__name="东南", kind=OrgKind.BRANCH)
    assert Meeting.objects.filter(organisation=dongnan).exists()
    kinds = {period.kind for period in overdue_meetings(dongnan)}
    assert "general_assembly" in kinds
    assert DutyEntry.objects.exists()
    assert Selection.objects.filter(year=2025, closed_at__isnull=False).exists()
    assert Nomination.objects.filter(selected=True).exists()
    assert Contest.objects.filter(results_published_at__isnull=False).exists()


def test_the_guide_links_to_the_members_page(seeded):
    from portal.guide.models import ServiceEntry

    entry = ServiceEntry.objects.get(slug="zhuti-dangri")
    assert entry.online_path == "/partywork/my/"


def test_a_second_run_creates_nothing(seeded):
    counts = demo.seed_partywork()
    assert not any(counts.values()), counts
