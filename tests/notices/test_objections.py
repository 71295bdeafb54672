"""Objections to a running 公示 from its public page: signed-in visitors object through the
form, anonymous visitors are sent to log in, and the objection reaches the notice's owner
(an assistance case in 公示 is reopened and its notice withdrawn).

Assertions are on status codes, records and ids, not on interface text, so that they
hold before the Chinese catalogue has these strings.
"""

import datetime as dt
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from assistance.catalogue import install_catalogue
from assistance.models import Programme, Status
from assistance.services import applications as services
from portal.notices.models import NoticeObjection, NoticeStatus
from portal.registry.models import Relation
from tests.assistance.conftest import add_income, at, household_with, walk_to_publicity
from tests.conftest import client_for
from tests.notices.factories import NoticeFactory, NoticeListingFactory, PublicityFactory

pytestmark = pytest.mark.django_db

PUBLISHED_ON = dt.date(2026, 1, 8)  # the 公示 runs 8 to 14 January
DURING = at(dt.date(2026, 1, 10))
AFTER = at(dt.date(2026, 1, 20))
TEXT = "该户有一辆营运车辆未申报"


def detail(notice) -> str:
    return reverse("notices:notice-detail", args=[notice.pk])


def objection_url(notice) -> str:
    return reverse("notices:notice-objection", args=[notice.pk])


@pytest.fixture
def application(community_a, staff_a):
    """张伟's urban 低保 application in 公示 from 8 January 2026."""
    install_catalogue(2026)
    household = household_with(
        community_a,
        [
            ("张伟", dt.date(1975, 4, 2), Relation.HEAD),
            ("王芳", dt.date(1978, 9, 9), Relation.SPOUSE),
            ("张小明", dt.date(2012, 6, 1), Relation.CHILD),
        ],
    )
    household.members.filter(name="张伟").update(phone="13912340001")
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=household,
            programme=Programme.objects.get(code="dibao-urban"),
            by=staff_a,
            reason="户主失业，子女上学",
        )
    add_income(application, "18000", member=application.members.get(resident__name="张伟"))
    return walk_to_publicity(application, staff_a, PUBLISHED_ON)


@pytest.fixture
def notice(application):
    return application.current_notice()


# --- objecting through the page -------------------------------------------------------------------


def test_an_objection_through_the_page_reopens_the_case_and_withdraws_the_notice(
    client, application, notice, resident_user
):
    with time_machine.travel(DURING, tick=False):
        client_for(client, resident_user)
        page = client.get(detail(notice))
        assert page.status_code == 200
        assert 'id="objection-form"' in page.text
        assert f'action="{objection_url(notice)}"' in page.text
        response = client.post(objection_url(notice), {"text": TEXT})
    # The notice is withdrawn, so its page is gone: back to the list of notices.
    assert response.status_code == 302
    assert response["Location"] == reverse("notices:notice-list")
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    objection = NoticeObjection.objects.get()
    assert (objection.notice, objection.text, objection.submitted_by) == (
        notice,
        TEXT,
        resident_user,
    )
    application.refresh_from_db()
    notice.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert notice.status == NoticeStatus.WITHDRAWN
    assert application.steps.last().by is None  # the system reopened it, not a person


def test_an_objection_to_a_notice_of_no_case_comes_back_to_the_notice(client, community_a, staff_b):
    notice = PublicityFactory(community=community_a)
    # Any signed-in account may object, staff of another community too.
    response = client_for(client, staff_b).post(objection_url(notice), {"text": TEXT})
    assert response.status_code == 302
    assert response["Location"] == detail(notice)
    assert NoticeObjection.objects.get().submitted_by == staff_b
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.PUBLISHED


@pytest.mark.parametrize("text", ["", "   ", "异" * 2001])
def test_an_empty_or_overlong_objection_is_refused_and_nothing_changes(
    client, application, notice, resident_user, text
):
    with time_machine.travel(DURING, tick=False):
        client_for(client, resident_user)
        response = client.post(objection_url(notice), {"text": text})
    assert response.status_code == 200
    assert "text" in response.context["objection_form"].errors
    assert 'id="error-summary"' in response.text
    assert not NoticeObjection.objects.exists()
    application.refresh_from_db()
    assert application.status == Status.PUBLICITY


def test_anonymous_visitors_are_sent_to_log_in_and_back_to_the_notice(client, notice):
    with time_machine.travel(DURING, tick=False):
        page = client.get(detail(notice))
        assert page.status_code == 200
        assert 'id="objection-form"' not in page.text
        assert 'id="objection-login"' in page.text
        login = f"{reverse('accounts:login')}?{urlencode({'next': detail(notice)})}"
        assert f'href="{login}"' in page.text
        assert notice.objection_contact in page.text
        response = client.post(objection_url(notice), {"text": TEXT})
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.path == reverse("accounts:login")
    assert parse_qs(target.query)["next"] == [detail(notice)]
    assert not NoticeObjection.objects.exists()


def test_the_objection_address_answers_post_only(client, notice, resident_user):
    with time_machine.travel(DURING, tick=False):
        assert client_for(client, resident_user).get(objection_url(notice)).status_code == 405


# --- when there is no form ------------------------------------------------------------------------


def test_after_the_period_the_form_is_gone_and_objections_are_refused(
    client, application, notice, resident_user
):
    with time_machine.travel(AFTER, tick=False):
        client_for(client, resident_user)
        page = client.get(detail(notice))
        assert 'id="objection-form"' not in page.text
        assert 'id="objection-closed"' in page.text
        response = client.post(objection_url(notice), {"text": TEXT})
    assert response.status_code == 200
    assert response.context["objection_form"].non_field_errors()
    assert 'id="error-summary"' in response.text
    assert not NoticeObjection.objects.exists()
    application.refresh_from_db()
    assert application.status == Status.PUBLICITY


def test_before_the_period_there_is_no_form(client, community_a, resident_user):
    notice = PublicityFactory(
        community=community_a, period_starts=timezone.localdate() + dt.timedelta(days=2)
    )
    page = client_for(client, resident_user).get(detail(notice))
    assert 'id="objection-form"' not in page.text
    assert 'id="objection-upcoming"' in page.text


def test_an_announcement_takes_no_objections(client, resident_user):
    notice = NoticeFactory()
    client_for(client, resident_user)
    assert 'id="objection"' not in client.get(detail(notice)).text
    assert client.post(objection_url(notice), {"text": TEXT}).status_code == 200
    assert not NoticeObjection.objects.exists()


@pytest.mark.parametrize("traits", [{"draft": True}, {"withdrawn": True}])
def test_a_notice_not_public_is_404(client, resident_user, traits):
    notice = PublicityFactory(**traits)
    response = client_for(client, resident_user).post(objection_url(notice), {"text": TEXT})
    assert response.status_code == 404
    assert not NoticeObjection.objects.exists()


# --- privacy --------------------------------------------------------------------------------------


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_page_shows_no_id_or_phone_numbers(
    client, application, notice, resident_user, signed_in
):
    NoticeListingFactory(notice=notice, name="李四", detail="联系电话13812345678")
    members = list(application.household.members.all())
    with time_machine.travel(DURING, tick=False):
        if signed_in:
            client_for(client, resident_user)
        page = client.get(detail(notice)).text
        refused = client_for(client, resident_user).post(objection_url(notice), {"text": ""}).text
    for text in (page, refused):
        for member in members:
            assert member.id_number not in text
            assert member.name not in text  # names are masked (张*)
        assert "13912340001" not in text
        assert "13812345678" not in text
