"""The payee account (收款账户, domain-rules §3.8) the roster pays into: recorded on its
own page while the case is open, shown in full only to the roles that verify identity
(with an audit line) and as its last four digits to everyone else, flagged when a case
in payment has none, written on the roster, and masked in the admin's history."""

import datetime as dt
import logging

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistance.models import AccountStatus, Application, Status
from assistance.roster import roster_workbook
from assistance.services import applications as services
from portal.registry.masking import bank_account_for, mask_bank_account
from portal.registry.models import Relation
from tests.assistance.conftest import at, household_with
from tests.assistance.test_roster import sheet_rows
from tests.assistance.test_standard_views import ROSTER, ROSTER_QUERIES, paying_case
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CARD = "6217000010001234567"
TYPED_CARD = "6217 0000 1000 1234 567"


def account_url(application) -> str:
    return reverse("assistance:application-account", args=[application.pk])


def account_form(**fields) -> dict:
    return {
        "bank_name": "中国农业银行宁波鄞州支行",
        "account_name": "张伟",
        "account_number": TYPED_CARD,
        "account_status": AccountStatus.NORMAL,
    } | fields


@pytest.fixture
def case(programmes, zhang_household, staff_a, subdistrict_user) -> Application:
    return paying_case(programmes, zhang_household, staff_a, subdistrict_user)


def with_account(application, by, **fields) -> Application:
    values = account_form(account_number=CARD) | fields
    return services.payee_account_save(application=application, by=by, **values)


def test_masking_keeps_the_last_four_digits_only():
    assert mask_bank_account(CARD) == "****4567"
    assert mask_bank_account("") == ""
    staff = UserFactory.build(role="community_staff")
    admin = UserFactory.build(role="administrator", is_superuser=True)
    assert bank_account_for(staff, CARD) == CARD
    assert bank_account_for(admin, CARD) == "****4567"


def test_caseworker_records_the_account_with_history_and_an_audit_line(
    client, case, staff_a, caplog
):
    client.force_login(staff_a)
    assert client.get(account_url(case)).status_code == 200
    with caplog.at_level(logging.INFO, logger="portal.audit"):
        response = client.post(account_url(case), account_form())
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    case.refresh_from_db()
    assert (case.bank_name, case.account_name, case.account_number) == (
        "中国农业银行宁波鄞州支行",
        "张伟",
        CARD,  # the spaces people type between groups are removed
    )
    assert case.status == Status.PAYING  # the step is untouched
    assert case.history.first().history_user == staff_a
    audit = [r.getMessage() for r in caplog.records if r.name == "portal.audit"]
    assert audit == [f"assistance payee account: user={staff_a.pk} application={case.pk}"]
    assert CARD not in caplog.text


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"account_number": "6217-0000-ABCD"}, "account_number"),
        ({"account_number": "123456789"}, "account_number"),  # 9 digits
        ({"account_number": "1" * 31}, "account_number"),
        ({"bank_name": ""}, "bank_name"),
        ({"account_name": " "}, "account_name"),
        ({"account_status": "lost"}, "account_status"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_written(
    client, case, staff_a, fields, field
):
    client.force_login(staff_a)
    response = client.post(account_url(case), account_form(**fields))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    case.refresh_from_db()
    assert case.account_number == "" and case.bank_name == ""


def test_other_communities_and_other_roles_cannot_reach_the_page(
    client, case, staff_b, doctor_a, resident_user
):
    client.force_login(staff_b)
    assert client.get(account_url(case)).status_code == 404
    assert client.post(account_url(case), account_form()).status_code == 404
    for user in (doctor_a, resident_user):
        client.force_login(user)
        assert client.post(account_url(case), account_form()).status_code == 403
    case.refresh_from_db()
    assert case.account_number == ""


def test_the_account_of_an_ended_case_cannot_be_changed(client, case, staff_a, subdistrict_user):
    with time_machine.travel(at(dt.date(2026, 6, 1)), tick=False):
        services.application_advance(
            application=case, to="stopped", by=subdistrict_user, opinion="迁出"
        )
    client.force_login(staff_a)
    response = client.post(account_url(case), account_form())
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["warning"]
    with pytest.raises(ValidationError):
        with_account(case, staff_a)
    case.refresh_from_db()
    assert case.account_number == ""


def test_identity_roles_see_the_full_number_and_leave_an_audit_line(client, case, staff_a, caplog):
    with_account(case, staff_a)
    client.force_login(staff_a)
    with caplog.at_level(logging.INFO, logger="portal.audit"):
        page = client.get(case.get_absolute_url())
    assert page.context["account_number"] == CARD
    assert f"bank account shown: user={staff_a.pk} application={case.pk}" in caplog.text
    assert client.get(account_url(case)).context["form"]["account_number"].value() == CARD


def test_administrators_see_four_digits_and_an_empty_box_that_keeps_the_number(
    client, case, staff_a, admin_user
):
    with_account(case, staff_a)
    client.force_login(admin_user)
    page = client.get(case.get_absolute_url())
    assert CARD not in page.text and "****4567" in page.text
    form_page = client.get(account_url(case))
    assert CARD not in form_page.text and "****4567" in form_page.text
    # Left empty, the number stays; the status changes.
    response = client.post(
        account_url(case), account_form(account_number="", account_status=AccountStatus.FROZEN)
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.account_number, case.account_status) == (CARD, AccountStatus.FROZEN)
    # A new number typed replaces it.
    client.post(account_url(case), account_form(account_number="6228480010009876543"))
    case.refresh_from_db()
    assert case.account_number == "6228480010009876543"


def test_a_case_in_payment_without_a_normal_account_is_flagged(client, case, staff_a):
    client.force_login(staff_a)
    assert case.account_missing
    assert client.get(case.get_absolute_url()).context["application"].account_missing
    assert 'id="account-missing"' in client.get(case.get_absolute_url()).text
    case = with_account(case, staff_a)
    assert not case.account_missing
    assert 'id="account-missing"' not in client.get(case.get_absolute_url()).text
    case = with_account(case, staff_a, account_status=AccountStatus.CLOSED)
    assert case.account_missing
    assert 'id="account-missing"' in client.get(case.get_absolute_url()).text


def test_the_roster_lists_the_account_masked_or_in_full(case, staff_a):
    with_account(case, staff_a)
    masked = sheet_rows(roster_workbook(dt.date(2026, 2, 1))[0])
    header = masked[0]
    row = dict(zip(header, masked[1], strict=True))
    assert header[4:8] == ["开户银行", "账户名称", "银行账号", "账号状态"]
    assert (row["开户银行"], row["账户名称"], row["银行账号"], row["账号状态"]) == (
        "中国农业银行宁波鄞州支行",
        "张*",
        "****4567",
        "正常",
    )
    assert CARD not in str(masked)
    full = sheet_rows(roster_workbook(dt.date(2026, 2, 1), full_identity=True)[0])
    row = dict(zip(full[0], full[1], strict=True))
    assert (row["账户名称"], row["银行账号"]) == ("张伟", CARD)


def test_the_roster_says_when_no_account_is_recorded(case):
    rows = sheet_rows(roster_workbook(dt.date(2026, 2, 1))[0])
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["银行账号"], row["账号状态"]) == (None, "未登记")


def test_the_admin_masks_the_account_number_and_its_history(client, case, staff_a, admin_user):
    with_account(case, staff_a)
    with_account(case, staff_a, account_number="6228480010009876543")
    client.force_login(admin_user)
    change = client.get(reverse("admin:assistance_application_change", args=[case.pk]))
    assert change.status_code == 200
    assert CARD[-8:] not in change.text and "6228480010009876543" not in change.text
    assert "****6543" in change.text
    history = client.get(reverse("admin:assistance_application_history", args=[case.pk]))
    assert history.status_code == 200
    assert "6228480010009876543" not in history.text and CARD not in history.text
    assert "****6543" in history.text and "****4567" in history.text
    version = case.history.first()
    form = reverse(
        "admin:assistance_application_simple_history", args=[case.pk, version.history_id]
    )
    assert client.get(form).status_code == 403


def test_the_roster_page_lists_the_cases_the_bank_cannot_pay(
    client,
    programmes,
    zhang_household,
    community_a,
    staff_a,
    staff_b,
    subdistrict_user,
    django_assert_max_num_queries,
):
    first = paying_case(programmes, zhang_household, staff_a, subdistrict_user)
    client.force_login(subdistrict_user)
    with django_assert_max_num_queries(ROSTER_QUERIES):
        listed = client.get(ROSTER).context["unpayable"]
    assert [a.pk for a in listed] == [first.pk]
    assert listed[0].head_name == "张伟"
    other = household_with(
        community_a,
        [
            ("张伟", dt.date(1970, 3, 3), Relation.HEAD),
            ("李芳", dt.date(1972, 5, 5), Relation.SPOUSE),
            ("张丽", dt.date(2010, 7, 7), Relation.CHILD),
        ],
        address="东南花园2幢201室",
    )
    second = paying_case(programmes, other, staff_a, subdistrict_user)
    with django_assert_max_num_queries(ROSTER_QUERIES):
        page = client.get(ROSTER)
    assert {a.pk for a in page.context["unpayable"]} == {first.pk, second.pk}
    assert f'id="unpayable-{second.pk}"' in page.text
    # Recorded: off the list. A frozen account: back on it.
    with_account(first, staff_a)
    with_account(second, staff_a, account_status=AccountStatus.FROZEN)
    assert [a.pk for a in client.get(ROSTER).context["unpayable"]] == [second.pk]
    # Another community's staff never see these households.
    client.force_login(staff_b)
    assert client.get(ROSTER).context["unpayable"] == []
