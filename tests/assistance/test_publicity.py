"""Issue 13.13: one 公示 per community and batch, listing every household in it (names
masked on the public page, programme, people, amount), not one notice per household.

Urban standard 1100 in January (1180 from March); a 公示 published 8 January runs
7 days, so the first payment month is February (1100)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistance.models import Application, Status, Step
from assistance.services import applications as services
from portal.notices.models import Notice, NoticeListing
from portal.registry.models import Relation
from tests.assistance.conftest import add_income, at, household_with

pytestmark = pytest.mark.django_db

JAN_8 = dt.date(2026, 1, 8)
PUBLISH = reverse("assistance:application-batch-publish")


def reviewed(household, programme, staff, wages):
    """Applied, surveyed (the head's wages over 12 months) and reviewed on 5 January."""
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=household, programme=programme, by=staff, reason="失业"
        )
        head = application.members.get(resident__relation_to_head=Relation.HEAD)
        add_income(application, wages, member=head)
        services.application_advance(application=application, to="accepted", by=staff)
        services.application_advance(
            application=application, to="investigated", by=staff, category="C",
            opinion="入户调查属实",
        )  # fmt: skip
        services.application_advance(
            application=application, to="reviewed", by=staff, opinion="评议通过"
        )
    application.refresh_from_db()
    return application


@pytest.fixture
def batch(programmes, zhang_household, community_a, community_b, staff_a, staff_b):
    urban = programmes["dibao-urban"]
    zhao = household_with(
        community_a, [("赵敏", dt.date(1950, 2, 2), Relation.HEAD)], address="东南花园2幢"
    )
    qian = household_with(
        community_b, [("钱华", dt.date(1960, 3, 3), Relation.HEAD)], address="雅苑3幢"
    )
    return [
        reviewed(zhang_household, urban, staff_a, "18000"),
        reviewed(zhao, urban, staff_a, "6000"),
        reviewed(qian, urban, staff_b, "0"),
    ]


def test_a_batch_gets_one_notice_per_community_listing_every_household(batch, subdistrict_user):
    zhang, zhao, qian = batch
    with time_machine.travel(at(JAN_8), tick=False):
        notices = services.applications_publish(applications=batch, by=subdistrict_user)
    assert len(notices) == 2 and Notice.objects.count() == 2
    east = zhang.household.community
    [notice_a] = [n for n in notices if n.community == east]
    listings = {row.name: row.detail for row in NoticeListing.objects.filter(notice=notice_a)}
    # 张伟: 18,000 / 12 = 1,500 a month; 1100 × 3 − 1500 + 110 (the child) = 1910.
    # 赵敏 (alone, 76): 6,000 / 12 = 500; 1100 − 500 + 110 (elderly add-on) = 710.
    assert listings == {
        "张伟": "保障人口 3 人，月保障金 1,910.00 元，自2026年2月起发放",
        "赵敏": "保障人口 1 人，月保障金 710.00 元，自2026年2月起发放",
    }
    assert notice_a.body.startswith("以下2户家庭申请城市低保") and "写明所指家庭" in notice_a.body
    assert notice_a.title == f"{east.name}社区城市低保拟保障对象公示"
    for application in batch:
        application.refresh_from_db()
        assert application.status == Status.PUBLICITY
    assert zhang.current_notice() == zhao.current_notice() == notice_a
    assert qian.current_notice() != notice_a
    assert qian.current_notice().listings.get().name == "钱华"
    # The public page masks the names of the whole list.
    from django.test import Client

    page = Client().get(reverse("notices:notice-detail", args=[notice_a.pk]))
    assert page.status_code == 200
    assert "张*" in page.text and "赵*" in page.text and "张伟" not in page.text


def test_a_batch_is_all_or_nothing_and_says_which_case_cannot_go(
    batch, subdistrict_user, programmes
):
    qian = batch[2]
    services.application_advance(application=qian, to="accepted", by=subdistrict_user)
    with time_machine.travel(at(JAN_8), tick=False), pytest.raises(ValidationError) as error:
        services.applications_publish(applications=batch, by=subdistrict_user)
    assert {item.code for item in error.value.error_list} == {"publish"}
    assert any("雅苑" in message for message in error.value.messages)
    assert not Notice.objects.exists()
    assert not Step.objects.filter(to_status=Status.PUBLICITY).exists()
    assert set(Application.objects.values_list("status", flat=True)) == {
        Status.REVIEWED,
        Status.ACCEPTED,
    }
    with pytest.raises(ValidationError) as error:
        services.applications_publish(applications=[], by=subdistrict_user)
    assert error.value.code == "publish"


def test_one_case_published_alone_still_gets_its_notice(batch, staff_a):
    zhang = batch[0]
    with time_machine.travel(at(JAN_8), tick=False):
        services.application_advance(application=zhang, to="publicity", by=staff_a)
    notice = zhang.current_notice()
    assert notice.listings.count() == 1 and "城市低保" in notice.title


# --- the page ----------------------------------------------------------------------------------


def test_the_batch_page_lists_the_scope_and_publishes_the_ticked_cases(
    client, batch, staff_a, django_assert_max_num_queries
):
    zhang, zhao, qian = batch
    client.force_login(staff_a)
    client.get(PUBLISH)  # the session's first save, once per visit
    # Session and user (2), the count and the page of cases with their heads' names (2),
    # then the session's stamp: savepoint, update, release (3).
    with django_assert_max_num_queries(7):
        page = client.get(PUBLISH)
    assert [a.pk for a in page.context["page_obj"]] == [zhang.pk, zhao.pk]
    # Another community's case cannot be ticked: refused, nothing published.
    response = client.post(PUBLISH, {"applications": [zhang.pk, qian.pk]})
    assert response.status_code == 200 and not Notice.objects.exists()
    with time_machine.travel(at(JAN_8), tick=False):
        response = client.post(PUBLISH, {"applications": [zhang.pk, zhao.pk]})
        assert response.status_code == 302
        assert Notice.objects.get().listings.count() == 2
        assert list(client.get(PUBLISH).context["page_obj"]) == []


def test_the_batch_page_query_count_does_not_grow_with_the_cases(
    client, batch, subdistrict_user, django_assert_max_num_queries
):
    client.force_login(subdistrict_user)
    client.get(PUBLISH)  # the session's first save, once per visit
    # Session and user (2), the count and the page (2), the session's stamp (3),
    # whatever the number of cases.
    with django_assert_max_num_queries(7):
        page = client.get(PUBLISH)
    assert len(page.context["page_obj"]) == 3


def test_the_batch_page_is_closed_to_anonymous_and_other_roles(client, doctor_a):
    response = client.get(PUBLISH)
    assert response.status_code == 302 and "login" in response.url
    client.force_login(doctor_a)
    assert client.get(PUBLISH).status_code == 403
    assert client.post(PUBLISH, {"applications": ["1"]}).status_code == 403


def test_an_objection_accepted_from_one_case_of_a_batch_reopens_that_case_only(
    client, batch, subdistrict_user, staff_a
):
    from portal.notices import services as notice_services

    zhang, zhao, _qian = batch
    with time_machine.travel(at(JAN_8), tick=False):
        services.applications_publish(applications=batch, by=subdistrict_user)
    notice = zhang.current_notice()
    with time_machine.travel(at(dt.date(2026, 1, 10)), tick=False):
        objection = notice_services.objection_record(
            notice=notice, text="张伟家有车辆未申报", raised_by_name="王某", by=staff_a
        )
        client.force_login(staff_a)
        response = client.post(
            reverse("assistance:objection-accept", args=[objection.pk]), {"next": zhang.pk}
        )

    assert response.status_code == 302
    zhang.refresh_from_db()
    zhao.refresh_from_db()
    notice.refresh_from_db()
    assert zhang.status == Status.ACCEPTED  # investigated again
    assert zhao.status == Status.PUBLICITY  # the rest of the batch stays on its notice
    assert notice.status == "published"
