"""Issue 13.4: 共同生活 members added and removed at the survey or review, on their own
page: with a reason, by a checked ID number, refused clearly (a duplicate, a bad number,
a case past the survey), history and audit, and the change paid from the next unpaid
month.

张伟's household (东南, urban): 张伟, 王芳 and 张小明 (13, 10 % add-on). Urban standard
1180 from March; 张伟's wages 18,000 a year = 1,500 a month."""

import datetime as dt
import logging
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistance.models import Member, Status
from assistance.services import applications as services
from assistance.services.survey import member_add, member_remove
from tests.assistance.conftest import at, close_rosters
from tests.assistance.test_money import MAY, amounts, paying
from tests.factories import next_id_number

pytestmark = pytest.mark.django_db

JUNE = dt.date(2026, 6, 1)


def url(name, application):
    return reverse(f"assistance:{name}", args=[application.pk])


@pytest.fixture
def reviewing(programmes, zhang_household, staff_a, subdistrict_user):
    """In payment from February, February to May paid; a review begun on 3 June."""
    application = paying(programmes, zhang_household, staff_a, subdistrict_user)
    close_rosters(dt.date(2026, 2, 1), MAY, subdistrict_user)
    with time_machine.travel(at(dt.date(2026, 6, 3)), tick=False):
        services.application_advance(application=application, to="reviewing", by=staff_a)
    application.refresh_from_db()
    return application


def test_a_member_removed_at_review_is_paid_from_the_next_unpaid_month(reviewing, staff_a, caplog):
    wang = reviewing.members.get(resident__name="王芳")
    with time_machine.travel(at(dt.date(2026, 6, 3)), tick=False):
        with pytest.raises(ValidationError) as error:
            member_remove(member=wang, by=staff_a, reason="  ")
        assert error.value.code == "member_remove"
        with caplog.at_level(logging.INFO, logger="portal.audit"):
            member_remove(member=wang, by=staff_a, reason="离婚后迁出，不再共同生活")
        assert "assistance member removed" in caplog.text
        wang.refresh_from_db()
        assert (wang.counted, wang.not_counted_reason) == (False, "离婚后迁出，不再共同生活")
        assert wang.history.first().history_user == staff_a
        # Twice: refused, nothing changed.
        with pytest.raises(ValidationError) as error:
            member_remove(member=wang, by=staff_a, reason="再次")
        assert error.value.code == "member_remove"
        services.application_advance(
            application=reviewing, to="paying", by=staff_a, opinion="复核", category="C"
        )
    # May (closed) stays 1180 × 3 − 1500 + 118 = 2158; from June (the first unpaid month)
    # two counted: 1180 × 2 − 1500 + 118 (the child) = 2360 − 1500 + 118 = 978.
    assert amounts(MAY) == [(Decimal("2158.00"), 0)]
    assert amounts(JUNE) == [(Decimal("978.00"), 0)]


def test_the_last_counted_member_cannot_be_removed_and_a_removed_one_is_counted_again(
    reviewing, staff_a
):
    members = list(reviewing.members.select_related("resident").order_by("pk"))
    for member in members[:2]:
        member_remove(member=member, by=staff_a, reason="迁出")
    with pytest.raises(ValidationError) as error:
        member_remove(member=members[2], by=staff_a, reason="迁出")
    assert error.value.code == "member_remove"
    assert reviewing.members.filter(counted=True).count() == 1
    # Counted again through member_add with the reason (the undo), once only.
    again = member_add(
        application=reviewing, by=staff_a, id_number=members[0].resident.id_number,
        reason="复核发现仍共同生活",
    )  # fmt: skip
    assert again.pk == members[0].pk and again.counted and again.not_counted_reason == ""
    with pytest.raises(ValidationError) as error:
        member_add(
            application=reviewing, by=staff_a, id_number=members[0].resident.id_number,
            reason="再次",
        )  # fmt: skip
    assert error.value.code == "member_add"


def test_members_cannot_change_once_the_case_is_past_the_survey(
    programmes, zhang_household, staff_a, subdistrict_user
):
    application = paying(programmes, zhang_household, staff_a, subdistrict_user)
    assert application.status == Status.PAYING
    wang = application.members.get(resident__name="王芳")
    with pytest.raises(ValidationError) as error:
        member_remove(member=wang, by=staff_a, reason="迁出")
    assert error.value.code == "member_remove"
    with pytest.raises(ValidationError) as error:
        member_add(
            application=application, by=staff_a, id_number=next_id_number(dt.date(2000, 1, 1)),
            name="李四", reason="同住",
        )  # fmt: skip
    assert error.value.code == "member_add"
    assert Member.objects.filter(application=application, counted=True).count() == 3


# --- the page --------------------------------------------------------------------------------


def test_the_members_page_adds_by_a_checked_id_number_and_removes_after_confirming(
    client, reviewing, staff_a
):
    client.force_login(staff_a)
    with time_machine.travel(at(dt.date(2026, 6, 3)), tick=False):
        page = client.get(url("application-members", reviewing))
        assert page.status_code == 200
        assert page.context["change_month"] == JUNE
        # A bad ID number: shown beside the field, nothing written.
        page = client.post(
            url("application-members", reviewing),
            {"id_number": "110101199003071234", "name": "李秀英", "reason": "同住"},
        )
        assert page.status_code == 200 and "id_number" in page.context["add_form"].errors
        assert reviewing.members.count() == 3
        # Not in the registry and no name: refused above the form.
        mother = next_id_number(dt.date(1950, 2, 2))
        page = client.post(
            url("application-members", reviewing), {"id_number": mother, "reason": "同住"}
        )
        assert page.status_code == 200 and page.context["add_form"].errors
        response = client.post(
            url("application-members", reviewing),
            {"id_number": mother, "name": "李秀英", "reason": "户主母亲，长期共同生活"},
        )
        assert response.status_code == 302
        added = reviewing.members.get(resident__name="李秀英")
        assert added.added_reason == "户主母亲，长期共同生活"
        # The duplicate: refused on the page.
        page = client.post(
            url("application-members", reviewing),
            {"id_number": mother, "name": "李秀英", "reason": "再次"},
        )
        assert page.status_code == 200 and page.context["add_form"].errors
        assert reviewing.members.count() == 4
        # Removing asks first; nothing changes before the confirmation.
        data = {"member": added.pk, "reason": "已回老家居住"}
        page = client.post(url("application-member-remove", reviewing), data)
        assert page.status_code == 200 and "includes/confirm_page.html" in [
            t.name for t in page.templates
        ]
        added.refresh_from_db()
        assert added.counted
        response = client.post(
            url("application-member-remove", reviewing), {**data, "confirmed": "1"}
        )
        assert response.status_code == 302
        added.refresh_from_db()
        assert (added.counted, added.not_counted_reason) == (False, "已回老家居住")
        # Without a reason: the form refuses, nothing written.
        zhang = reviewing.members.get(resident__name="张小明")
        page = client.post(
            url("application-member-remove", reviewing),
            {"member": zhang.pk, "reason": " ", "confirmed": "1"},
        )
        assert page.status_code == 200 and page.context["remove_form"].errors
        zhang.refresh_from_db()
        assert zhang.counted


def test_a_member_of_another_application_cannot_be_removed_here(
    client, reviewing, staff_a, household_a, resident_a, programmes
):
    other = services.application_submit(
        household=household_a, programme=programmes["dibao-urban"], by=staff_a, reason="失业"
    )
    stranger = other.members.first()
    client.force_login(staff_a)
    page = client.post(
        url("application-member-remove", reviewing),
        {"member": stranger.pk, "reason": "迁出", "confirmed": "1"},
    )
    assert page.status_code == 200 and "member" in page.context["remove_form"].errors
    stranger.refresh_from_db()
    assert stranger.counted


def test_the_members_page_sends_a_case_past_the_survey_back(
    client, programmes, zhang_household, staff_a, subdistrict_user
):
    application = paying(programmes, zhang_household, staff_a, subdistrict_user)
    client.force_login(staff_a)
    for name in ("application-members", "application-member-remove"):
        method = client.get if name == "application-members" else client.post
        response = method(url(name, application))
        assert response.status_code == 302 and response.url == application.get_absolute_url()


def test_the_members_pages_are_closed_to_outsiders_and_anonymous(client, reviewing, staff_b):
    for name in ("application-members", "application-member-remove"):
        response = client.post(url(name, reviewing))
        assert response.status_code == 302 and "login" in response.url
    client.force_login(staff_b)
    assert client.get(url("application-members", reviewing)).status_code == 404
    assert client.post(url("application-members", reviewing)).status_code == 404
    assert client.post(url("application-member-remove", reviewing)).status_code == 404
