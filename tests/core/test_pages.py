import pytest
from django.urls import reverse

from tests.factories import HouseholdFactory, ResidentFactory


@pytest.mark.django_db
def test_home_is_public_and_lists_the_community_offices(client, community_a, community_b):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "东南" in response.text
    assert "雅苑" in response.text


@pytest.mark.django_db
def test_home_speaks_chinese_by_default_and_english_after_the_switch(client):
    assert 'lang="zh-hans"' in client.get("/").text
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert 'lang="en"' in response.text


def test_staff_home_counts_only_the_communities_in_scope(client, staff_a, resident_a, resident_b):
    client.force_login(staff_a)
    response = client.get(reverse("core:staff-home"))
    assert response.status_code == 200
    assert [c.name for c in response.context["communities"]] == ["东南"]
    assert response.context["communities"][0].resident_count == 1


def test_staff_home_for_subdistrict_staff_counts_every_community(
    client, subdistrict_user, resident_a, resident_b
):
    client.force_login(subdistrict_user)
    response = client.get(reverse("core:staff-home"))
    counts = {
        c.name: (c.household_count, c.resident_count) for c in response.context["communities"]
    }
    assert counts == {"东南": (1, 1), "雅苑": (1, 1)}


def test_staff_home_query_count_does_not_grow_with_communities(
    client, subdistrict_user, community_a, django_assert_max_num_queries
):
    # 1 session, 2 user, 3 communities with their two count subqueries, 4 the assistance
    # panel's counts (one aggregate), 5 the elder-care panel's counts (one union), 6-8 the
    # Party work panel (organisations with counts, meetings held, committee terms), 9 the
    # work plans' panel (this year's plans in scope: none here), 10-12 savepoint, session
    # update (last-seen stamp), release. Health and education show sub-district staff no
    # panel.
    client.force_login(subdistrict_user)
    with django_assert_max_num_queries(12):
        client.get(reverse("core:staff-home"))
    for _ in range(20):
        household = HouseholdFactory()
        ResidentFactory(community=household.community)
    with django_assert_max_num_queries(12):
        client.get(reverse("core:staff-home"))


def test_staff_home_refuses_residents_and_sends_visitors_to_log_in(client, resident_user):
    response = client.get(reverse("core:staff-home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    client.force_login(resident_user)
    assert client.get(reverse("core:staff-home")).status_code == 403


def test_login_brings_staff_to_the_staff_home(client, staff_a):
    response = client.post(
        reverse("accounts:login"), {"username": "staff_a", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response.url == reverse("core:staff-home")


def test_logout_needs_post(client, staff_a):
    client.force_login(staff_a)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("core:staff-home")).status_code == 302


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_until_the_switch_is_used(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="zh-hans"' in response.text
    assert "社区服务门户" in response.text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert 'lang="en"' in response.text
    assert "Community Services Portal" in response.text
