"""A resident's own assistance pages: asking for temporary assistance online and following
the household's applications. Only their own household's, never who handled them.

Assertions are on status codes, records and ids, not on interface text, so that they
hold before the Chinese catalogue has these strings.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from assistance.models import Application, Channel, Status
from assistance.services import applications as services
from tests.assistance.conftest import at
from tests.conftest import client_for
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

APPLY = reverse("assistance:temporary-request")
MINE = reverse("assistance:my-applications")
TODAY = dt.date(2026, 2, 10)
# The request (GET): session, user, the household of the user's registry record.
# The page: session, user, household, applications, their steps, their entitlements, and
# the menu's question whether the person is an elder-care volunteer (their visits page).
MINE_QUERIES = 7


@pytest.fixture(autouse=True)
def february():
    with time_machine.travel(at(TODAY), tick=False):
        yield


@pytest.fixture
def zhang_user(resident_user, zhang_household):
    """A resident account linked to 张伟, head of 张伟's household in 东南."""
    resident_user.resident = zhang_household.members.get(name="张伟")
    resident_user.save()
    return resident_user


@pytest.fixture
def emergency(programmes):
    return programmes["temporary-emergency"]


def ask(client, programme, *, reason="家中突发火灾，厨房烧毁", amount="3000"):
    return client.post(
        APPLY, {"programme": programme.pk, "reason": reason, "requested_amount": amount}
    )


def listed(response) -> list[int]:
    return [row.pk for row in response.context["applications"]]


# --- asking ---------------------------------------------------------------------------------------


def test_resident_asks_for_temporary_assistance_and_follows_it(client, zhang_user, emergency):
    client_for(client, zhang_user)
    page = client.get(APPLY)
    assert page.status_code == 200
    assert 'id="temporary-request-form"' in page.text
    offered = {p.code for p in page.context["form"].fields["programme"].queryset}
    assert offered == {"temporary-emergency", "temporary-expense"}

    response = ask(client, emergency)
    assert response.status_code == 302
    assert response["Location"] == MINE
    application = Application.objects.get()
    assert (
        application.household,
        application.programme,
        application.channel,
        application.status,
        application.requested_amount,
        application.submitted_by,
    ) == (
        zhang_user.resident.household,
        emergency,
        Channel.ONLINE,
        Status.SUBMITTED,
        Decimal("3000.00"),
        zhang_user,
    )
    assert application.members.count() == 3

    mine = client.get(MINE)
    assert mine.status_code == 200
    assert listed(mine) == [application.pk]
    row = mine.context["applications"][0]
    assert row.status == Status.SUBMITTED and row.amount is None
    assert [step.at for step in row.steps] == [application.submitted_at]
    assert f'id="application-{application.pk}"' in mine.text


def test_only_temporary_programmes_can_be_asked_for_online(client, zhang_user, programmes):
    client_for(client, zhang_user)
    response = ask(client, programmes["dibao-urban"])
    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("reason", "amount", "field"),
    [
        ("", "3000", "reason"),
        ("   ", "3000", "reason"),
        ("家中突发火灾", "0", "requested_amount"),
        ("家中突发火灾", "-5", "requested_amount"),
        ("家中突发火灾", "", "requested_amount"),
        ("家中突发火灾", "三千", "requested_amount"),
    ],
)
def test_missing_reason_or_amount_is_refused_and_nothing_written(
    client, zhang_user, emergency, reason, amount, field
):
    client_for(client, zhang_user)
    response = ask(client, emergency, reason=reason, amount=amount)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'id="error-summary"' in response.text
    assert not Application.objects.exists()


def test_a_second_request_to_the_same_programme_is_refused_on_the_form(
    client, zhang_user, emergency
):
    client_for(client, zhang_user)
    ask(client, emergency)
    response = ask(client, emergency, reason="又一次")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Application.objects.count() == 1


# --- who may use the pages -----------------------------------------------------------------------


@pytest.mark.parametrize("url", [APPLY, MINE])
def test_anonymous_visitors_are_sent_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_unlinked_resident_is_sent_to_confirm_who_they_are(
    client, resident_user, emergency, zhang_household
):
    client_for(client, resident_user)
    for url in (APPLY, MINE):
        page = client.get(url)
        assert page.status_code == 200
        assert 'id="not-linked"' in page.text
        assert f"{reverse('accounts:link')}?next=" in page.text
    assert 'id="temporary-request-form"' not in client.get(APPLY).text
    response = ask(client, emergency)
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_a_resident_without_a_household_cannot_ask(client, resident_user, community_a, emergency):
    resident_user.resident = ResidentFactory(community=community_a, household=None)
    resident_user.save()
    client_for(client, resident_user)
    page = client.get(APPLY)
    assert page.status_code == 200
    assert 'id="no-household"' in page.text
    assert ask(client, emergency).status_code == 200
    assert not Application.objects.exists()
    assert 'id="no-household"' in client.get(MINE).text


def test_caseworkers_are_sent_to_the_staff_pages(client, staff_a, emergency):
    client_for(client, staff_a)
    assert client.get(APPLY)["Location"] == reverse("assistance:application-create")
    assert client.get(MINE)["Location"] == reverse("assistance:application-list")
    assert ask(client, emergency).status_code == 302
    assert not Application.objects.exists()


@pytest.mark.parametrize("url", [APPLY, MINE])
def test_other_staff_roles_are_refused(client, doctor_a, url):
    assert client_for(client, doctor_a).get(url).status_code == 403


# --- what the household sees ----------------------------------------------------------------------


def test_another_households_applications_are_never_listed(
    client, zhang_user, emergency, household_b, resident_b, staff_b, zhang_household, staff_a
):
    theirs = services.application_submit(
        household=household_b, programme=emergency, by=staff_b, reason="李家的申请"
    )
    ours = services.application_submit(
        household=zhang_household, programme=emergency, by=staff_a, reason="张家的申请"
    )
    page = client_for(client, zhang_user).get(MINE)
    assert listed(page) == [ours.pk]
    assert f"application-{theirs.pk}" not in page.text
    assert "李家的申请" not in page.text


def test_the_amount_once_confirmed_and_no_staff_names(
    client, zhang_user, emergency, staff_a, subdistrict_user
):
    client_for(client, zhang_user)
    ask(client, emergency, amount="2500")
    application = Application.objects.get()
    for to, by in [
        ("accepted", staff_a),
        ("investigated", staff_a),
        ("reviewed", staff_a),
        ("confirmed", subdistrict_user),
    ]:
        services.application_advance(
            application=application, to=to, by=by, opinion="入户核实：张伟家火灾"
        )
    page = client.get(MINE)
    row = page.context["applications"][0]
    assert (row.status, row.amount, row.one_off, row.pays_from) == (
        Status.CONFIRMED,
        Decimal("2500.00"),
        True,
        dt.date(2026, 3, 1),
    )
    assert len(row.steps) == 5
    assert "2,500.00 元（一次性发放）" in page.text
    for secret in (staff_a.username, staff_a.first_name, subdistrict_user.first_name, "入户核实"):
        assert secret not in page.text
    assert zhang_user.resident.id_number not in page.text


def test_my_applications_query_count_does_not_grow_with_rows(
    client, zhang_user, programmes, staff_a, django_assert_num_queries
):
    client_for(client, zhang_user)
    ask(client, programmes["temporary-emergency"])
    with django_assert_num_queries(MINE_QUERIES):
        assert len(client.get(MINE).context["applications"]) == 1
    ask(client, programmes["temporary-expense"], reason="住院手术费用")
    services.application_submit(
        household=zhang_user.resident.household,
        programme=programmes["dibao-urban"],
        by=staff_a,
        reason="户主失业",
    )
    for application in Application.objects.all():
        services.application_advance(application=application, to="accepted", by=staff_a)
    with django_assert_num_queries(MINE_QUERIES):
        assert len(client.get(MINE).context["applications"]) == 3
