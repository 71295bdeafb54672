"""追缴 on staff pages (issue 13.8, the page the admin lacked): the list of the user's
scope, repayments in exact yuan, closing as recovered or waived with a reason after a
confirmation; another community's recovery is a 404, community staff only read.

张伟's household paid 2,158 a month from March (1180 × 3 − 1500 + 118); stopped on
20 May; it should have stopped from April: April 2,158 + May 2,158 = 4,316 owed."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistance import payments
from assistance.models import RecoveryRepayment, RecoveryStatus
from assistance.services import applications as services
from portal.registry.models import Relation
from tests.assistance.conftest import at, close_rosters, household_with
from tests.assistance.test_money import APRIL, FEB, MAY, paying

pytestmark = pytest.mark.django_db

MAY_21 = dt.date(2026, 5, 21)


def stopped(programmes, household, staff, confirmer, *, close=True):
    application = paying(programmes, household, staff, confirmer)
    if close:
        close_rosters(FEB, MAY, confirmer)
    with time_machine.travel(at(dt.date(2026, 5, 20)), tick=False):
        services.application_advance(
            application=application, to="stopped", by=confirmer, opinion="隐瞒经营收入"
        )
    application.refresh_from_db()
    return application


@pytest.fixture
def recovery(programmes, zhang_household, staff_a, subdistrict_user):
    application = stopped(programmes, zhang_household, staff_a, subdistrict_user)
    return payments.recovery_record(
        application=application, by=subdistrict_user, from_month=APRIL,
        reason="自2026年4月起有经营收入未申报", now=at(MAY_21),
    )  # fmt: skip


def test_repayments_are_exact_and_the_last_one_closes_the_recovery(recovery, subdistrict_user):
    assert recovery.amount == Decimal("4316.00")
    with time_machine.travel(at(dt.date(2026, 6, 10)), tick=False):
        for amount in ("0", "-5", "10.005", "abc", "NaN", "1e309"):
            with pytest.raises(ValidationError) as error:
                payments.recovery_repay(
                    recovery=recovery, by=subdistrict_user, amount=amount,
                    paid_on=dt.date(2026, 6, 1),
                )  # fmt: skip
            assert error.value.code == "recovery", amount
        with pytest.raises(ValidationError) as error:  # tomorrow
            payments.recovery_repay(
                recovery=recovery, by=subdistrict_user, amount="100",
                paid_on=dt.date(2026, 6, 11),
            )  # fmt: skip
        assert error.value.code == "recovery"
        payments.recovery_repay(
            recovery=recovery, by=subdistrict_user, amount="1000.10",
            paid_on=dt.date(2026, 6, 1), note="收据 0012",
        )  # fmt: skip
        recovery.refresh_from_db()
        # 4,316.00 − 1,000.10 = 3,315.90 still owed.
        assert (recovery.repaid, recovery.outstanding) == (Decimal("1000.10"), Decimal("3315.90"))
        # More than is owed: refused, nothing written.
        with pytest.raises(ValidationError, match=r"3,315\.90"):
            payments.recovery_repay(
                recovery=recovery, by=subdistrict_user, amount="3315.91",
                paid_on=dt.date(2026, 6, 10),
            )  # fmt: skip
        assert RecoveryRepayment.objects.count() == 1
        payments.recovery_repay(
            recovery=recovery, by=subdistrict_user, amount="3315.90",
            paid_on=dt.date(2026, 6, 10),
        )  # fmt: skip
    recovery.refresh_from_db()
    assert recovery.status == RecoveryStatus.RECOVERED and recovery.outstanding == 0
    assert recovery.repaid == Decimal("4316.00")
    with pytest.raises(ValidationError) as error:
        payments.recovery_repay(
            recovery=recovery, by=subdistrict_user, amount="1", paid_on=dt.date(2026, 6, 10)
        )
    assert error.value.code == "recovery"


def test_a_waiver_writes_off_what_is_left_with_its_reason(recovery, subdistrict_user, staff_a):
    payments.recovery_repay(
        recovery=recovery, by=subdistrict_user, amount="316", paid_on=dt.date(2026, 6, 1)
    )
    with pytest.raises(ValidationError) as error:
        payments.recovery_repay(
            recovery=recovery, by=staff_a, amount="1", paid_on=dt.date(2026, 6, 1)
        )
    assert error.value.code == "recovery"  # community staff do not record money
    payments.recovery_settle(
        recovery=recovery, by=subdistrict_user, outcome=RecoveryStatus.WAIVED,
        note="户主重病，无力偿还",
    )  # fmt: skip
    recovery.refresh_from_db()
    # 4,316 − 316 repaid = 4,000 waived; nothing more owed.
    assert (recovery.status, recovery.repaid, recovery.outstanding) == (
        RecoveryStatus.WAIVED, Decimal("316.00"), Decimal("0")
    )  # fmt: skip
    assert recovery.settlement_note == "户主重病，无力偿还"


def test_recovered_in_full_records_the_rest_as_repaid_today(recovery, subdistrict_user):
    with time_machine.travel(at(dt.date(2026, 6, 12)), tick=False):
        payments.recovery_settle(
            recovery=recovery,
            by=subdistrict_user,
            outcome=RecoveryStatus.RECOVERED,
            note="一次退回",
        )
    last = RecoveryRepayment.objects.get()
    assert (last.amount, last.paid_on) == (Decimal("4316.00"), dt.date(2026, 6, 12))


# --- pages -------------------------------------------------------------------------------------


def url(name, pk=None):
    return reverse(f"assistance:{name}", args=[pk] if pk else None)


def test_the_list_is_scoped_and_its_queries_do_not_grow(
    client, recovery, programmes, community_b, staff_a, staff_b, subdistrict_user,
    django_assert_max_num_queries,
):  # fmt: skip
    qian = household_with(
        community_b, [("钱华", dt.date(1960, 3, 3), Relation.HEAD)], address="雅苑3幢"
    )
    from assistance.models import Recovery

    other = Recovery.objects.create(
        application=services.application_submit(
            household=qian, programme=programmes["dibao-urban"], by=staff_b, reason="失业"
        ),
        from_month=APRIL, to_month=MAY, amount=Decimal("100"), reason="测试",
        recorded_by=subdistrict_user, recorded_at=at(MAY_21),
    )  # fmt: skip
    client.force_login(staff_a)
    client.get(url("recovery-list"))
    # Session and user (2), count and page (repaid sum, head's name as a subquery) (2),
    # the session's stamp (3).
    with django_assert_max_num_queries(7):
        page = client.get(url("recovery-list"))
    assert [r.pk for r in page.context["page_obj"]] == [recovery.pk]
    assert "4,316.00 元" in page.text
    client.force_login(subdistrict_user)
    client.get(url("recovery-list"))
    with django_assert_max_num_queries(7):
        page = client.get(url("recovery-list"), {"status": "owed"})
    assert {r.pk for r in page.context["page_obj"]} == {recovery.pk, other.pk}
    page = client.get(url("recovery-list"), {"status": "waived"})
    assert list(page.context["page_obj"]) == []


def test_repay_and_waive_on_the_page_with_a_confirmation(client, recovery, subdistrict_user):
    client.force_login(subdistrict_user)
    with time_machine.travel(at(dt.date(2026, 6, 10)), tick=False):
        page = client.get(url("recovery-detail", recovery.pk))
        assert page.status_code == 200 and page.context["repay_form"] is not None
        page = client.post(
            url("recovery-repay", recovery.pk), {"amount": "99999", "paid_on": "2026-06-01"}
        )
        assert page.status_code == 200 and page.context["repay_form"].errors
        response = client.post(
            url("recovery-repay", recovery.pk),
            {"amount": "1000.50", "paid_on": "2026-06-01", "note": "收据"},
        )
        assert response.status_code == 302
        # A waiver without a reason: refused by the form, before any confirmation.
        page = client.post(url("recovery-settle", recovery.pk), {"outcome": "waived", "note": ""})
        assert page.status_code == 200 and "note" in page.context["settle_form"].errors
        data = {"outcome": "waived", "note": "无力偿还"}
        page = client.post(url("recovery-settle", recovery.pk), data)
        assert "includes/confirm_page.html" in [t.name for t in page.templates]
        assert "3,315.50 元" in page.text  # 4,316.00 − 1,000.50 still owed
        recovery.refresh_from_db()
        assert recovery.status == RecoveryStatus.OWED
        response = client.post(url("recovery-settle", recovery.pk), {**data, "confirmed": "1"})
        assert response.status_code == 302
    recovery.refresh_from_db()
    assert recovery.status == RecoveryStatus.WAIVED


def test_a_recovery_is_recorded_on_the_stopped_case_page(
    client, programmes, zhang_household, staff_a, subdistrict_user
):
    application = stopped(programmes, zhang_household, staff_a, subdistrict_user)
    client.force_login(subdistrict_user)
    page = client.get(application.get_absolute_url())
    assert page.context["recovery_form"] is not None
    response = client.post(
        url("recovery-record", application.pk), {"from_month": "2026-04", "reason": ""}
    )
    assert response.status_code == 302 and not application.recoveries.exists()
    with time_machine.travel(at(MAY_21), tick=False):
        response = client.post(
            url("recovery-record", application.pk),
            {"from_month": "2026-04", "reason": "隐瞒收入"},
        )
    recovery = application.recoveries.get()
    assert response.url == url("recovery-detail", recovery.pk)
    assert recovery.amount == Decimal("4316.00")
    client.force_login(staff_a)
    page = client.get(application.get_absolute_url())
    assert page.context["recovery_form"] is None and page.context["recoveries"] == [recovery]


def test_community_staff_read_only_outsiders_404_anonymous_to_login(
    client, recovery, staff_a, staff_b
):
    pk = recovery.pk
    posts = ("recovery-repay", "recovery-settle")
    for name in ("recovery-list", "recovery-detail", *posts):
        response = (client.post if name in posts else client.get)(
            url(name, None if name == "recovery-list" else pk)
        )
        assert response.status_code == 302 and "login" in response.url, name
    response = client.post(url("recovery-record", recovery.application_id))
    assert response.status_code == 302 and "login" in response.url
    client.force_login(staff_a)
    page = client.get(url("recovery-detail", pk))
    assert page.status_code == 200 and page.context["repay_form"] is None
    for name in posts:
        assert (
            client.post(url(name, pk), {"amount": "1", "paid_on": "2026-06-01"}).status_code == 403
        )
    assert client.post(url("recovery-record", recovery.application_id)).status_code == 403
    client.force_login(staff_b)
    assert client.get(url("recovery-detail", pk)).status_code == 404
    assert client.get(url("recovery-list")).context["page_obj"].paginator.count == 0
