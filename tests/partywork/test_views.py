"""The staff and member pages: scope (another community 404, other roles 403, anonymous
to login), the Party-day plan in one action, the private feed against the public one,
political affiliation kept from roles without the need, and the list pages' budgets."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from partywork.models import FeedToken, MeetingKind, OrgKind, PartyDay
from partywork.services import organisations, plans, selections
from portal.events.models import Event, EventKind, Registration, RegistrationStatus
from tests.events.factories import EventFactory
from tests.factories import ResidentFactory

THIS_YEAR = timezone.localdate().year


def _detail(branch):
    return reverse("partywork:organisation-detail", args=[branch.pk])


def test_the_secretary_sees_the_branch(client, secretary_a, members_a, branch_a):
    client.force_login(secretary_a)
    response = client.get(_detail(branch_a))
    assert response.status_code == 200
    assert members_a[1].resident.name in response.text


def test_another_communitys_secretary_gets_404(client, secretary_b, members_a, branch_a):
    client.force_login(secretary_b)
    for url in (
        _detail(branch_a),
        reverse("partywork:member-detail", args=[members_a[0].pk]),
        reverse("partywork:plan-generate", args=[branch_a.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_other_roles_get_403_and_anonymous_goes_to_log_in(
    client, staff_a, doctor_a, members_a, branch_a
):
    for user in (staff_a, doctor_a):
        client.force_login(user)
        assert client.get(_detail(branch_a)).status_code == 403
        assert client.get(reverse("partywork:organisation-list")).status_code == 403
        assert (
            client.get(reverse("partywork:member-detail", args=[members_a[0].pk])).status_code
            == 403
        )
    client.logout()
    response = client.get(_detail(branch_a))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_a_year_of_party_days_in_one_action(client, secretary_a, branch_a):
    client.force_login(secretary_a)
    url = reverse("partywork:plan-generate", args=[branch_a.pk])
    form = client.get(url)
    assert "春节慰问老党员活动" in form.text
    data = {"year": "2027", "day_of_month": "15", "place": ""}
    data |= {f"theme_{m}": theme for m, theme in enumerate(plans.PARTY_DAY_TEMPLATE, start=1)}
    data["theme_3"] = "党员志愿者植树护绿"
    response = client.post(url, data)
    assert response.status_code == 302
    days = PartyDay.objects.filter(plan__organisation=branch_a, plan__year=2027)
    assert days.count() == 12
    assert days.get(month=3).event.title == "党员志愿者植树护绿"
    again = client.post(url, data)
    assert again.status_code == 200
    assert "已" in again.text or "already" in again.text
    assert PartyDay.objects.count() == 12


def test_political_affiliation_only_for_party_roles(
    client, secretary_a, subdistrict_user, staff_a, doctor_a, members_a, branch_a
):
    url = reverse("registry:resident-detail", args=[members_a[0].resident.pk])
    for user in (secretary_a, subdistrict_user):
        client.force_login(user)
        response = client.get(url)
        if response.status_code == 200:
            assert branch_a.name in response.text
    for user in (staff_a, doctor_a):
        client.force_login(user)
        response = client.get(url)
        assert branch_a.name not in response.text
    # and never on a public page or the member's public calendar
    client.logout()
    assert branch_a.name not in client.get(reverse("events:calendar")).text


def test_the_secretary_sees_the_panel_on_the_resident_page(
    client, subdistrict_user, members_a, branch_a
):
    client.force_login(subdistrict_user)
    response = client.get(reverse("registry:resident-detail", args=[members_a[0].resident.pk]))
    assert response.status_code == 200
    assert branch_a.name in response.text


# --- the private feed --------------------------------------------------------------------


@pytest.fixture
def year_plan(branch_a, secretary_a):
    return plans.party_day_plan_generate(organisation=branch_a, year=THIS_YEAR, by=secretary_a)


def test_party_days_in_the_members_feed_but_not_the_public_one(
    client, member_user, year_plan, resident_b
):
    public_event = EventFactory(community=member_user.resident.community, title="社区读书会")
    Registration.objects.create(
        event=public_event, resident=member_user.resident, status=RegistrationStatus.CONFIRMED
    )
    other_public = EventFactory(community=member_user.resident.community, title="未报名的活动")
    client.force_login(member_user)
    assert client.post(reverse("partywork:feed-renew")).status_code == 302
    token = FeedToken.objects.get(user=member_user).token
    client.logout()
    feed = client.get(
        reverse("partywork:private-feed", args=[token]) + f"?year={THIS_YEAR}"
    ).content.decode()
    for theme in plans.PARTY_DAY_TEMPLATE:
        assert theme.replace(",", "\\,") in feed
    assert "社区读书会" in feed and other_public.title not in feed
    public = client.get(reverse("events:calendar-feed")).content.decode()
    assert plans.PARTY_DAY_TEMPLATE[11] not in public
    assert Event.objects.filter(kind=EventKind.PARTY_DAY).count() == 12


def test_the_feed_address_is_revocable(client, member_user, year_plan):
    client.force_login(member_user)
    client.post(reverse("partywork:feed-renew"))
    first = FeedToken.objects.get(user=member_user).token
    client.post(reverse("partywork:feed-renew"))
    second = FeedToken.objects.get(user=member_user).token
    assert first != second
    assert client.get(reverse("partywork:private-feed", args=[first])).status_code == 404
    assert client.get(reverse("partywork:private-feed", args=[second])).status_code == 200
    client.post(reverse("partywork:feed-revoke"))
    assert client.get(reverse("partywork:private-feed", args=[second])).status_code == 404


def test_a_non_members_feed_has_no_party_days(client, year_plan, branch_a):
    from portal.accounts.models import Role
    from tests.factories import UserFactory

    neighbour = ResidentFactory(community=branch_a.community)
    user = UserFactory(role=Role.RESIDENT)
    user.resident = neighbour
    user.save()
    token = FeedToken.objects.create(user=user).token
    feed = client.get(reverse("partywork:private-feed", args=[token])).content.decode()
    assert plans.PARTY_DAY_TEMPLATE[0] not in feed


# --- meetings and votes through the pages ------------------------------------------------


def test_a_meeting_with_a_non_member_is_refused(client, secretary_a, members_a, branch_a):
    neighbour = ResidentFactory(community=branch_a.community)
    client.force_login(secretary_a)
    response = client.post(
        reverse("partywork:meeting-create", args=[branch_a.pk]),
        {
            "kind": MeetingKind.GENERAL_ASSEMBLY,
            "held_on": "2026-01-10",
            "topic": "学习",
            "attendees": [members_a[0].resident.pk, neighbour.pk],
        },
    )
    assert response.status_code == 200
    assert not branch_a.meetings.exists()


def test_a_resident_votes_once_on_the_page(client, member_user, members_a, branch_a, secretary_a):
    now = timezone.now()
    selection = selections.selection_open(
        organisation=branch_a,
        year=THIS_YEAR,
        vote_opens_at=now + dt.timedelta(minutes=1),
        vote_closes_at=now + dt.timedelta(days=3),
        places=1,
        by=secretary_a,
    )
    nomination = selections.nomination_create(
        selection=selection,
        membership=members_a[1],
        reason="热心",
        nominated_by=members_a[0].resident,
    )
    selection.vote_opens_at = now - dt.timedelta(minutes=1)
    selection.save()
    client.force_login(member_user)
    url = reverse("partywork:selection-vote", args=[selection.pk])
    assert client.post(url, {"nomination": nomination.pk, "vote": ""}).status_code == 302
    again = client.post(url, {"nomination": nomination.pk, "vote": ""})
    assert again.status_code == 200
    assert selection.votes.count() == 1


def test_a_resident_of_another_community_cannot_open_the_selection(
    client, members_a, branch_a, secretary_a, resident_b
):
    from portal.accounts.models import Role
    from tests.factories import UserFactory

    now = timezone.now()
    selection = selections.selection_open(
        organisation=branch_a,
        year=THIS_YEAR,
        vote_opens_at=now + dt.timedelta(days=1),
        vote_closes_at=now + dt.timedelta(days=3),
        places=1,
        by=secretary_a,
    )
    outsider = UserFactory(role=Role.RESIDENT)
    outsider.resident = resident_b
    outsider.save()
    client.force_login(outsider)
    assert client.get(reverse("partywork:selection-vote", args=[selection.pk])).status_code == 404


# --- query budgets -----------------------------------------------------------------------


def _more_organisations(community, by, count):
    for n in range(count):
        branch = organisations.organisation_create(
            community=community,
            kind=OrgKind.BRANCH,
            name=f"第{n + 2}党支部",
            founded_on=dt.date(2020, 1, 1),
            by=by,
        )
        for _ in range(3):
            organisations.membership_add(
                organisation=branch,
                resident=ResidentFactory(community=community),
                joined_on=dt.date(2021, 1, 1),
                by=by,
            )


def test_organisation_list_budget(
    client, secretary_a, members_a, branch_a, django_assert_max_num_queries
):
    client.force_login(secretary_a)
    url = reverse("partywork:organisation-list")
    # session + user, the organisations with counts (one query), the menu's and
    # header's own queries: the same for one organisation as for four.
    with django_assert_max_num_queries(8) as one:
        assert client.get(url).status_code == 200
    _more_organisations(branch_a.community, secretary_a, 3)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def test_overdue_list_budget(
    client, secretary_a, members_a, branch_a, django_assert_max_num_queries
):
    client.force_login(secretary_a)
    url = reverse("partywork:overdue-list")
    # session + user, the branches, their groups, the meetings held, the committee
    # terms, and the menu's: the same for one branch as for four.
    with django_assert_max_num_queries(9) as one:
        assert client.get(url).status_code == 200
    _more_organisations(branch_a.community, secretary_a, 3)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def test_plan_detail_budget(
    client, secretary_a, year_plan, branch_a, django_assert_max_num_queries
):
    client.force_login(secretary_a)
    url = reverse("partywork:plan-detail", args=[branch_a.pk]) + f"?year={THIS_YEAR}"
    # session + user, the organisation, the twelve days with their events and counts.
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert plans.PARTY_DAY_TEMPLATE[5] in response.text


def test_staff_home_panel_budget(
    client, secretary_a, members_a, branch_a, django_assert_max_num_queries
):
    """The panel's three queries (the party organisations with counts, the meetings held,
    the committee terms) stay three with more branches."""
    client.force_login(secretary_a)
    url = reverse("core:staff-home")
    with django_assert_max_num_queries(20) as one:
        assert client.get(url).status_code == 200
    _more_organisations(branch_a.community, secretary_a, 3)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert "党" in response.text


def test_a_scheduled_meeting_reaches_the_members_feed_only(
    client, secretary_a, member_user, branch_a
):
    client.force_login(secretary_a)
    start = timezone.localtime() + dt.timedelta(days=3)
    response = client.post(
        reverse("partywork:meeting-schedule", args=[branch_a.pk]),
        {
            "kind": MeetingKind.LESSON,
            "starts_at": start.strftime("%Y-%m-%dT14:00"),
            "ends_at": start.strftime("%Y-%m-%dT16:00"),
            "place": "党员活动室",
            "topic": "学习党章",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(kind=EventKind.PARTY_LESSON)
    assert event.title == "党课：学习党章"
    token = FeedToken.objects.create(user=member_user).token
    client.logout()
    feed = client.get(reverse("partywork:private-feed", args=[token])).content.decode()
    assert "学习党章" in feed
    assert "学习党章" not in client.get(reverse("events:calendar-feed")).content.decode()
