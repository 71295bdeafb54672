"""Issue 13.6, 先行救助 (the service guide's promise): an emergency (急难型) temporary-
assistance case paid at once, before the paperwork, which is due within the rules'
``prior_paperwork_days`` (default 5); the decision pays only what is left; cases past
their due day are listed and flagged.

March 2026, urban 低保 standard 1,180: the cap per event is 10 × 1,180 = 11,800."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistance.models import Application, Entitlement, RuleSet
from assistance.roster import roster_rows
from assistance.services import applications as services
from assistance.temporary import prior_assistance_pay
from portal.registry.models import Relation
from tests.assistance.conftest import at, household_with

pytestmark = pytest.mark.django_db

MARCH_2, APRIL = dt.date(2026, 3, 2), dt.date(2026, 4, 1)


def applied(programme, household, staff, amount="5000", day=MARCH_2):
    with time_machine.travel(at(day), tick=False):
        return services.application_submit(
            household=household, programme=programme, by=staff, reason="家中失火",
            requested_amount=Decimal(amount),
        )  # fmt: skip


def test_paid_at_once_then_the_decision_pays_what_is_left(
    programmes, zhang_household, staff_a, subdistrict_user
):
    application = applied(programmes["temporary-emergency"], zhang_household, staff_a)
    with time_machine.travel(at(MARCH_2), tick=False):
        paid = prior_assistance_pay(
            application=application, by=subdistrict_user, amount="2000", reason="家中失火"
        )
    application.refresh_from_db()
    # Due 2 March + 5 days = 7 March; paid on the March roster (none closed yet).
    assert (application.prior_amount, application.paperwork_due) == (
        Decimal("2000.00"), dt.date(2026, 3, 7)
    )  # fmt: skip
    assert (paid.pays_from, paid.one_off, paid.reason) == (dt.date(2026, 3, 1), True, "prior")
    assert [(r.monthly_amount, r.one_off) for r in roster_rows(dt.date(2026, 3, 1))] == [
        (Decimal("2000.00"), True)
    ]
    assert application.steps.filter(opinion__contains="先行救助").exists()
    with time_machine.travel(at(dt.date(2026, 3, 5)), tick=False):
        for to in ("accepted", "investigated", "reviewed"):
            services.application_advance(
                application=application, to=to, by=staff_a, opinion="核实火灾损失"
            )
        services.application_advance(application=application, to="confirmed", by=subdistrict_user)
    application.refresh_from_db()
    # 5,000 decided, 2,000 paid in advance: 5,000 − 2,000 = 3,000 on the April roster.
    assert [(r.monthly_amount, r.one_off) for r in roster_rows(APRIL)] == [
        (Decimal("3000.00"), True)
    ]
    assert "2,000.00 元" in application.assessment
    assert not Application.objects.prior_pending().exists()


def test_refused_clearly_and_nothing_written(
    programmes, zhang_household, community_a, staff_a, subdistrict_user
):
    emergency = applied(programmes["temporary-emergency"], zhang_household, staff_a)
    other = household_with(
        community_a, [("赵敏", dt.date(1950, 2, 2), Relation.HEAD)], address="东南花园2幢"
    )
    expense = applied(programmes["temporary-expense"], other, staff_a)
    cases = [
        (emergency, staff_a, "2000", "失火"),  # community staff do not pay
        (emergency, subdistrict_user, "2000", " "),  # no reason
        (emergency, subdistrict_user, "11800.01", "失火"),  # over 10 × 1,180 = 11,800
        (emergency, subdistrict_user, "10.001", "失火"),  # not an exact sum
        (emergency, subdistrict_user, "0", "失火"),
        (expense, subdistrict_user, "2000", "重病"),  # 支出型 waits for its expense test
    ]
    with time_machine.travel(at(MARCH_2), tick=False):
        for application, by, amount, reason in cases:
            with pytest.raises(ValidationError) as error:
                prior_assistance_pay(application=application, by=by, amount=amount, reason=reason)
            assert error.value.code == "prior_assistance", (amount, reason)
        assert not Entitlement.objects.exists()
        prior_assistance_pay(
            application=emergency, by=subdistrict_user, amount="11800", reason="失火"
        )
        with pytest.raises(ValidationError) as error:  # twice
            prior_assistance_pay(
                application=emergency, by=subdistrict_user, amount="100", reason="失火"
            )
        assert error.value.code == "prior_assistance"
    assert Entitlement.objects.count() == 1


def test_the_days_are_the_dated_rules_and_overdue_cases_are_listed_and_flagged(
    client, programmes, zhang_household, staff_a, staff_b, subdistrict_user,
    django_assert_max_num_queries,
):  # fmt: skip
    emergency = programmes["temporary-emergency"]
    RuleSet.objects.create(
        programme=emergency, effective_from=dt.date(2026, 3, 1), prior_paperwork_days=3
    )
    application = applied(emergency, zhang_household, staff_a)
    with time_machine.travel(at(MARCH_2), tick=False):
        prior_assistance_pay(
            application=application, by=subdistrict_user, amount="1000", reason="失火"
        )
    application.refresh_from_db()
    assert application.paperwork_due == dt.date(2026, 3, 5)  # 2 March + 3 days
    assert not Application.objects.prior_overdue(dt.date(2026, 3, 5)).exists()
    from assistance.dashboard import staff_panels

    with time_machine.travel(at(dt.date(2026, 3, 6)), tick=False):
        # The staff home's urgent line: one case, for the case's community only.
        assert staff_panels(staff_a)[0].lines[-1].count == 1
        assert staff_panels(staff_b)[0].lines[-1].count == 0
    assert list(Application.objects.prior_overdue(dt.date(2026, 3, 6))) == [application]
    prior = reverse("assistance:prior-list")
    with time_machine.travel(at(dt.date(2026, 3, 6)), tick=False):
        client.force_login(staff_a)
        client.get(prior)
        # Session and user (2), count and page (head's name as a subquery) (2), the
        # session's stamp (3).
        with django_assert_max_num_queries(7):
            page = client.get(prior)
        assert [a.pk for a in page.context["page_obj"]] == [application.pk]
        assert "table-danger" in page.text
        detail = client.get(application.get_absolute_url())
        assert (
            detail.context["application"].prior_overdue and 'id="prior-assistance"' in detail.text
        )
        client.force_login(staff_b)
        assert list(client.get(prior).context["page_obj"]) == []


def test_the_prior_page_and_action_are_closed_to_outsiders_and_anonymous(
    client, programmes, zhang_household, staff_a, staff_b, subdistrict_user
):
    application = applied(programmes["temporary-emergency"], zhang_household, staff_a)
    pay = reverse("assistance:application-prior", args=[application.pk])
    data = {"amount": "1000", "reason": "失火"}
    for response in (client.get(reverse("assistance:prior-list")), client.post(pay, data)):
        assert response.status_code == 302 and "login" in response.url
    client.force_login(staff_b)
    assert client.post(pay, data).status_code == 404
    client.force_login(staff_a)
    assert client.get(application.get_absolute_url()).context["prior_form"] is None
    assert client.post(pay, data).status_code == 403
    client.force_login(subdistrict_user)
    assert client.get(application.get_absolute_url()).context["prior_form"] is not None
    with time_machine.travel(at(MARCH_2), tick=False):
        assert client.post(pay, {"amount": "abc", "reason": ""}).status_code == 302
        assert not Entitlement.objects.exists()
        assert client.post(pay, data).status_code == 302
    assert Entitlement.objects.get().monthly_amount == Decimal("1000.00")
