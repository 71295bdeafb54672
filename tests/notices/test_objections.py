"""Objections to a running 公示 from its public page: residents linked to the registry
object through the form (rate-limited), other accounts are shown the office to object at
in person, anonymous visitors are sent to log in. The notice stays up until staff accept
(受理) the objection, which reopens the assistance case and withdraws the notice; 不予受理
with a reason leaves it up (issue 12.3).

Assertions are on status codes, records and ids, not on interface text, so that they
hold before the Chinese catalogue has these strings.
"""

import datetime as dt
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assistance.catalogue import install_catalogue
from assistance.models import Programme, Status
from assistance.services import applications as services
from portal.accounts.models import Role
from portal.notices import services as notice_services
from portal.notices.models import NoticeObjection, NoticeStatus
from portal.registry.models import Relation
from tests.assistance.conftest import add_income, at, household_with, walk_to_publicity
from tests.conftest import client_for
from tests.factories import UserFactory
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


@pytest.fixture
def resident_user(resident_user, community_a):
    """The resident account, linked to a registry record (it confirmed who it is)."""
    from tests.factories import ResidentFactory

    resident_user.resident = ResidentFactory(community=community_a, name="赵敏")
    resident_user.save()
    return resident_user


# --- objecting through the page -------------------------------------------------------------------


def test_an_objection_is_recorded_and_the_notice_withdrawn_only_once_staff_accept_it(
    client, application, notice, resident_user, staff_a
):
    with time_machine.travel(DURING, tick=False):
        client_for(client, resident_user)
        page = client.get(detail(notice))
        assert page.status_code == 200
        assert 'id="objection-form"' in page.text
        assert f'action="{objection_url(notice)}"' in page.text
        response = client.post(objection_url(notice), {"text": TEXT})
    # Recorded; the notice stays up while staff look at it.
    assert response.status_code == 302
    assert response["Location"] == detail(notice)
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
    objection = NoticeObjection.objects.get()
    assert (objection.notice, objection.text, objection.submitted_by) == (
        notice,
        TEXT,
        resident_user,
    )
    assert objection.awaits_triage
    application.refresh_from_db()
    notice.refresh_from_db()
    assert application.status == Status.PUBLICITY
    assert notice.status == NoticeStatus.PUBLISHED
    # 受理: the case goes back to investigation and the notice is withdrawn.
    with time_machine.travel(DURING, tick=False):
        client_for(client, staff_a)
        response = client.post(
            reverse("assistance:objection-accept", args=[objection.pk]),
            {"next": application.pk},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    notice.refresh_from_db()
    objection.refresh_from_db()
    assert objection.under_investigation and objection.accepted_by == staff_a
    assert application.status == Status.ACCEPTED
    assert notice.status == NoticeStatus.WITHDRAWN
    assert application.steps.last().by is None  # the system reopened it, not a person


def test_not_accepting_an_objection_keeps_the_notice_up(
    client, application, notice, resident_user, staff_a
):
    with time_machine.travel(DURING, tick=False):
        objection = notice_services.objection_file(notice=notice, text=TEXT, by=resident_user)
        client_for(client, staff_a)
        reject = reverse("assistance:objection-reject", args=[objection.pk])
        client.post(reject, {"reason": "  ", "next": application.pk})
        objection.refresh_from_db()
        assert objection.awaits_triage  # a reason is required
        client.post(
            reject, {"reason": "所述车辆登记在他人名下，与申请家庭无关", "next": application.pk}
        )
        # Decided: it can no longer be accepted, nor answered.
        client.post(reverse("assistance:objection-accept", args=[objection.pk]))
        with pytest.raises(ValidationError):
            notice_services.objection_answer(objection=objection, answer="x", by=staff_a)
    objection.refresh_from_db()
    application.refresh_from_db()
    notice.refresh_from_db()
    assert objection.status == "rejected" and objection.answer.startswith("所述车辆")
    assert application.status == Status.PUBLICITY
    assert notice.status == NoticeStatus.PUBLISHED


def test_an_objection_must_be_accepted_before_it_is_answered(
    application, notice, resident_user, staff_a
):
    with time_machine.travel(DURING, tick=False):
        objection = notice_services.objection_file(notice=notice, text=TEXT, by=resident_user)
        with pytest.raises(ValidationError) as refused:
            notice_services.objection_answer(objection=objection, answer="不成立", by=staff_a)
    assert refused.value.error_list[0].code == "untriaged"


def test_objections_of_one_person_are_rate_limited(
    client, application, notice, resident_user, community_a, settings
):
    settings.NOTICE_OBJECTIONS_PER_DAY = 2
    with time_machine.travel(DURING, tick=False):
        others = [PublicityFactory(community=community_a) for _ in range(2)]
        client_for(client, resident_user)
        client.post(objection_url(notice), {"text": TEXT})
        # One open objection per notice.
        again = client.post(objection_url(notice), {"text": TEXT + "。"})
        assert again.status_code == 200 and again.context["objection_form"].errors
        client.post(objection_url(others[0]), {"text": TEXT})
        # The day's allowance is used up.
        refused = client.post(objection_url(others[1]), {"text": TEXT})
    assert refused.status_code == 200 and refused.context["objection_form"].errors
    assert NoticeObjection.objects.count() == 2


def test_an_account_not_linked_to_the_registry_is_shown_the_office_instead(
    client, community_a, staff_b
):
    """A bare phone-number account (or staff of another community) cannot object on the
    page: no form, the office's address and phone instead, and a POST records nothing."""
    community_a.address, community_a.phone = "东南路166号", "0574-88120101"
    community_a.save()
    notice = PublicityFactory(community=community_a, objection_contact="")
    unlinked = UserFactory(username="13800001111", role=Role.RESIDENT)
    for user in (unlinked, staff_b):
        client_for(client, user)
        page = client.get(detail(notice))
        assert 'id="objection-form"' not in page.text
        assert 'id="objection-in-person"' in page.text
        assert "东南路166号" in page.text and "0574-88120101" in page.text
        response = client.post(objection_url(notice), {"text": TEXT})
        assert response.status_code == 200
        assert response.context["objection_form"].non_field_errors()
    assert not NoticeObjection.objects.exists()
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.PUBLISHED


def test_staff_record_an_objection_raised_in_person(client, application, notice, staff_a):
    with time_machine.travel(DURING, tick=False):
        client_for(client, staff_a)
        page = client.get(reverse("assistance:application-detail", args=[application.pk]))
        record = reverse("assistance:objection-record", args=[application.pk])
        assert record in page.text
        client.post(record, {"raised_by_name": "李大爷", "text": TEXT})
    objection = NoticeObjection.objects.get()
    assert objection.recorded_by == staff_a and objection.submitted_by is None
    assert objection.raised_by_name == "李大爷" and objection.awaits_triage
    application.refresh_from_db()
    assert application.status == Status.PUBLICITY


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
