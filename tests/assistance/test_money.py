"""Issue 13, the money rules a 低保 caseworker checks, against hand computations: each
past month priced from its own facts (13.1), the record of paid months (13.2), dated
rules per programme (13.3) and rounding once, the 公示's amount, the review date (13.11).

张伟's household (东南, urban): 张伟, 王芳 and 张小明 (13): 10 % add-on for the child.
Urban standard 1100 to February, 1180 from March (the catalogue)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistance import payments
from assistance.models import (
    Entitlement,
    EntitlementReason,
    IncomeExclusion,
    IncomeItem,
    RosterMonth,
    RuleSet,
    Standard,
)
from assistance.roster import roster_rows
from assistance.services import applications as services
from tests.assistance.conftest import add_income, at, close_rosters, walk_to_publicity

pytestmark = pytest.mark.django_db

FEB, MARCH, APRIL, MAY = (dt.date(2026, m, 1) for m in (2, 3, 4, 5))


def paying(programmes, household, staff, confirmer, *, income="18000"):
    """Applied 5 January, 公示 from 8 January, confirmed 16 January: paid from February."""
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=household, programme=programmes["dibao-urban"], by=staff, reason="失业"
        )
    add_income(application, income, member=application.members.get(resident__name="张伟"))
    walk_to_publicity(application, staff, dt.date(2026, 1, 8))
    with time_machine.travel(at(dt.date(2026, 1, 16)), tick=False):
        services.application_advance(application=application, to="confirmed", by=confirmer)
    services.payments_start(FEB)
    application.refresh_from_db()
    return application


def raise_standard(programme, amount, month, *, entered):
    """A standard entered late (``entered``), recomputed as the task does after commit."""
    Standard.objects.filter(programme=programme, effective_from__gte=month).delete()
    standard = Standard.objects.create(
        programme=programme, registration_type="urban", monthly_amount=Decimal(amount),
        effective_from=month,
    )  # fmt: skip
    services.standard_recompute(standard.pk, entered)
    return standard


def amounts(month):
    return [(r.monthly_amount, r.arrears) for r in roster_rows(month)]


# --- 13.1: back-pay from each month's own facts ------------------------------------------


def test_back_pay_across_an_income_change_prices_each_month_from_its_own_facts(
    programmes, zhang_household, staff_a, subdistrict_user
):
    urban = programmes["dibao-urban"]
    Standard.objects.filter(programme=urban, effective_from=MARCH).delete()
    application = paying(programmes, zhang_household, staff_a, subdistrict_user)
    # February at 1100: household income 18,000 / 12 = 1,500 a month;
    # 1100 × 3 − 1500 + 110 = 1910.
    close_rosters(FEB, FEB, subdistrict_user)
    assert amounts(FEB) == [(Decimal("1910.00"), 0)]
    # A review on 5 March (March not yet paid) finds the wages fell to 6,000 a year:
    # 500 a month; 1100 × 3 − 500 + 110 = 2910 from March.
    with time_machine.travel(at(dt.date(2026, 3, 5)), tick=False):
        services.application_advance(application=application, to="reviewing", by=staff_a)
        IncomeItem.objects.filter(application=application).update(amount=Decimal("6000"))
        services.application_advance(
            application=application, to="paying", by=staff_a, opinion="复核"
        )
    close_rosters(MARCH, MARCH, subdistrict_user)
    assert amounts(MARCH) == [(Decimal("2910.00"), 0)]
    # On 10 April the office enters a raise to 1180 from February. April is the first
    # unpaid month: 1180 × 3 − 500 + 118 = 3158. Back-pay, month by month:
    #   February, by February's facts (1,500 a month): 3540 − 1500 + 118 = 2158 − 1910 = 248
    #   March, by March's facts (500 a month):         3540 − 500 + 118 = 3158 − 2910 = 248
    #   = 496 (today's survey for February would have given 3158 − 1910 = 1248: 1496).
    raise_standard(urban, "1180", FEB, entered=dt.date(2026, 4, 10))
    row = Entitlement.objects.get(application=application, reason=EntitlementReason.STANDARD)
    assert (row.pays_from, row.monthly_amount, row.arrears) == (
        APRIL, Decimal("3158.00"), Decimal("496.00")
    )  # fmt: skip
    assert amounts(APRIL) == [(Decimal("3158.00"), Decimal("496.00"))]


# --- 13.2: the paid months ------------------------------------------------------------------


def test_a_late_raise_is_paid_on_the_next_unpaid_roster_and_closed_months_stay_as_paid(
    programmes, zhang_household, staff_a, subdistrict_user
):
    urban = programmes["dibao-urban"]
    Standard.objects.filter(programme=urban, effective_from=MARCH).delete()
    paying(programmes, zhang_household, staff_a, subdistrict_user)
    close_rosters(FEB, MARCH, subdistrict_user)  # February and March paid
    march = RosterMonth.objects.get(month=MARCH)
    assert (march.closed_by, march.households, march.total) == (
        subdistrict_user, 1, Decimal("1910.00")
    )  # fmt: skip
    # The March raise is entered on 10 April, April not yet paid: April pays it
    # (1180 × 3 − 1500 + 118 = 2158) and back-pays March alone: 2158 − 1910 = 248.
    # (Treating the current month as paid would have paid from May with 496.)
    raise_standard(urban, "1180", MARCH, entered=dt.date(2026, 4, 10))
    assert amounts(APRIL) == [(Decimal("2158.00"), Decimal("248.00"))]
    assert amounts(MAY) == [(Decimal("2158.00"), 0)]
    # March was paid at 1910 and stays so: a closed month is never re-priced.
    assert amounts(MARCH) == [(Decimal("1910.00"), 0)]


def test_a_month_is_closed_once_in_order_and_not_before_it_begins(
    programmes, zhang_household, staff_a, subdistrict_user
):
    paying(programmes, zhang_household, staff_a, subdistrict_user)
    close_rosters(FEB, FEB, subdistrict_user)
    with pytest.raises(ValidationError, match=r"已于2026年2月10日由.*关闭，不能重复关闭"):
        payments.roster_close(month=FEB, by=subdistrict_user, now=at(dt.date(2026, 2, 11)))
    with pytest.raises(ValidationError, match="请先关闭2026年3月的花名册"):
        payments.roster_close(month=APRIL, by=subdistrict_user, now=at(dt.date(2026, 4, 11)))
    with pytest.raises(ValidationError, match="2026年3月尚未开始"):
        payments.roster_close(month=MARCH, by=subdistrict_user, now=at(dt.date(2026, 2, 20)))
    assert list(RosterMonth.objects.values_list("month", flat=True)) == [FEB]
    assert payments.first_unpaid_month(dt.date(2026, 4, 20)) == MARCH


# --- 13.3: dated rules per programme -------------------------------------------------------


def test_a_rules_change_applies_from_its_month_and_leaves_closed_months_unchanged(
    programmes, zhang_household, staff_a, subdistrict_user
):
    urban = programmes["dibao-urban"]
    application = paying(programmes, zhang_household, staff_a, subdistrict_user)
    assert application.rules is None  # the settings' defaults
    close_rosters(FEB, APRIL, subdistrict_user)
    # From March the city pays minors 20 % (was 10 %); entered on 20 April, April paid.
    rules = services.rule_set_add(
        by=subdistrict_user,
        programme=urban,
        effective_from=MARCH,
        addons={"elderly": "10", "minor": "20", "severely_disabled": "20", "seriously_ill": "20"},
        exclusions=list(IncomeExclusion.objects.all()),
    )
    services.rule_set_recompute(rules.pk, dt.date(2026, 4, 20))
    # May on: 1180 × 3 − 1500 + 20 % × 1180 = 2040 + 236 = 2276.
    # Back-pay for March and April (each 2158 paid): 2 × (2276 − 2158) = 236.
    row = Entitlement.objects.get(application=application, reason=EntitlementReason.RULES)
    assert (row.pays_from, row.monthly_amount, row.arrears, row.rules) == (
        MAY, Decimal("2276.00"), Decimal("236.00"), rules
    )  # fmt: skip
    # Closed months are as paid.
    assert amounts(MARCH) == amounts(APRIL) == [(Decimal("2158.00"), 0)]
    assert amounts(MAY) == [(Decimal("2276.00"), Decimal("236.00"))]
    # Run again: nothing more.
    assert services.rule_set_recompute(rules.pk, dt.date(2026, 4, 21)) == 0


def test_rules_rows_are_dated_and_refuse_a_second_row_for_a_month(programmes, subdistrict_user):
    urban = programmes["dibao-urban"]
    defaults = RuleSet.objects.in_force(urban, MARCH)
    assert defaults.pk is None  # no row yet: the settings
    assert (defaults.margin_multiple, defaults.temporary_cap_months) == (Decimal("1.5"), 10)
    services.rule_set_add(by=subdistrict_user, programme=urban, effective_from=MARCH)
    with pytest.raises(ValidationError, match="已有从该月起执行的规则"):
        services.rule_set_add(by=subdistrict_user, programme=urban, effective_from=MARCH)
    with pytest.raises(ValidationError, match="1日"):
        services.rule_set_add(
            by=subdistrict_user, programme=urban, effective_from=dt.date(2026, 5, 2)
        )
    assert RuleSet.objects.count() == 1
    assert RuleSet.objects.in_force(urban, FEB).pk is None
    assert RuleSet.objects.in_force(urban, APRIL).effective_from == MARCH


def test_income_exclusions_differ_by_programme(programmes, zhang_household, staff_a):
    """高龄津贴 not counted for 特困 only: the 低保 rules' list leaves it out."""
    urban = programmes["dibao-urban"]
    allowance = IncomeExclusion.objects.create(name="高龄津贴", position=99)
    others = list(IncomeExclusion.objects.exclude(pk=allowance.pk))
    services.rule_set_add(by=staff_a, programme=urban, effective_from=FEB, exclusions=others)
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=zhang_household, programme=urban, by=staff_a, reason="失业"
        )
    add_income(application, "18000")
    add_income(application, "1200", excluded="高龄津贴")
    from assistance.rules import assess

    # January (defaults: every listed exclusion) 18,000 / 36 = 500.00 a head;
    # February (the 低保 rules): (18,000 + 1,200) / 36 = 533.33.
    assert assess(application, dt.date(2026, 1, 1)).per_capita_income == Decimal("500.00")
    february = assess(application, FEB)
    assert february.per_capita_income == Decimal("533.33")
    # 1100 × 3 − 19,200 / 12 + 110 = 3300 − 1600 + 110 = 1810
    assert february.monthly_amount == Decimal("1810.00")


# --- 13.11: round once, the 公示's amount, the review counted from confirmation -----------


def test_the_notice_states_what_confirmation_pays_and_the_review_counts_from_it(
    programmes, zhang_household, staff_a, subdistrict_user
):
    urban = programmes["dibao-urban"]
    with time_machine.travel(at(dt.date(2026, 1, 20)), tick=False):
        application = services.application_submit(
            household=zhang_household, programme=urban, by=staff_a, reason="失业"
        )
    add_income(application, "18000")
    # Surveyed on 24 January at 1100: 1100 × 3 − 1500 + 110 = 1910. Published on 26
    # January, the period ends 1 February: confirmation on 2 February pays from March,
    # at 1180: 1180 × 3 − 1500 + 118 = 2158, and the notice says so.
    walk_to_publicity(application, staff_a, dt.date(2026, 1, 26))
    listing = application.current_notice().listings.get()
    assert "2,158.00 元" in listing.detail and "2026年3月" in listing.detail
    assert "2026年1月26日" in application.current_notice().body
    with time_machine.travel(at(dt.date(2026, 2, 2)), tick=False):
        services.application_advance(application=application, to="confirmed", by=subdistrict_user)
    application.refresh_from_db()
    paid = Entitlement.objects.get(application=application)
    assert (paid.pays_from, paid.monthly_amount) == (MARCH, Decimal("2158.00"))
    # Category C: 6 months from the confirmation of 2 February.
    assert application.next_review_on == dt.date(2026, 8, 2)


def test_the_amount_is_rounded_once_from_the_household_total(programmes, zhang_household, staff_a):
    urban = programmes["dibao-urban"]
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=zhang_household, programme=urban, by=staff_a, reason="失业"
        )
    add_income(application, "18480")
    from assistance.rules import assess

    result = assess(application, MARCH)
    # 18,480 / 12 = 1,540 a month (513.33 a head, shown); 1180 × 3 − 1540 = 2000 + 118.
    # Per head first: (1180 − 513.33) × 3 = 2000.01.
    assert (result.per_capita_income, result.monthly_amount) == (
        Decimal("513.33"), Decimal("2118.00")
    )  # fmt: skip


# --- 13.5: 低保, 特困 and 边缘 exclude each other per person --------------------------------


def test_a_person_moves_from_dibao_to_destitute_support_in_one_month_with_no_overlap(
    client, programmes, community_a, staff_a, subdistrict_user
):
    from assistance.models import Application, LabourCapacity, Member, Status
    from portal.registry.models import Relation
    from tests.assistance.conftest import household_with
    from tests.conftest import client_for

    zhou = household_with(community_a, [("周永康", dt.date(1946, 3, 3), Relation.HEAD)])
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        dibao = services.application_submit(
            household=zhou, programme=programmes["dibao-urban"], by=staff_a, reason="独居"
        )
    add_income(dibao, "6000")
    walk_to_publicity(dibao, staff_a, dt.date(2026, 1, 8))
    with time_machine.travel(at(dt.date(2026, 1, 16)), tick=False):
        services.application_advance(application=dibao, to="confirmed", by=subdistrict_user)
    services.payments_start(FEB)
    close_rosters(FEB, MAY, subdistrict_user)
    # 低保 at 1180: 1180 − 6000 / 12 + 10 % × 1180 (80 years old) = 680 + 118 = 798.
    assert amounts(MAY) == [(Decimal("798.00"), 0)]
    with time_machine.travel(at(dt.date(2026, 5, 4)), tick=False):
        destitute = services.application_submit(
            household=zhou, programme=programmes["destitute-home"], by=staff_a, reason="无劳动能力"
        )
    add_income(destitute, "6000")
    Member.objects.filter(application=destitute).update(
        labour_capacity=LabourCapacity.NONE, care_tier="partial"
    )
    walk_to_publicity(destitute, staff_a, dt.date(2026, 5, 6))
    client_for(client, staff_a)
    page = client.get(destitute.get_absolute_url()).content.decode()
    assert "exclusive-conflicts" in page and "城市低保" in page
    with time_machine.travel(at(dt.date(2026, 5, 13)), tick=False):
        services.application_advance(application=destitute, to="confirmed", by=subdistrict_user)
    services.payments_start(dt.date(2026, 6, 1))
    dibao.refresh_from_db()
    assert dibao.status == Status.STOPPED
    assert "特困供养（分散）" in dibao.steps.last().opinion
    # June: 特困 alone, 1.3 × 1180 = 1534 + 400 半护理 = 1934; 低保 no longer (no gap:
    # May paid 798 by 低保, June 1934 by 特困; no overlap: never both in a month).
    june = [(r.programme, r.monthly_amount) for r in roster_rows(dt.date(2026, 6, 1))]
    assert june == [("特困供养（分散）", Decimal("1934.00"))]
    may = [(r.programme, r.monthly_amount) for r in roster_rows(MAY)]
    assert may == [("城市低保", Decimal("798.00"))]
    assert Application.objects.get(pk=destitute.pk).exclusive_conflicts().count() == 0


def test_a_move_is_refused_while_the_other_case_is_still_being_decided(
    programmes, zhang_household, staff_a, subdistrict_user
):
    from assistance.models import Status

    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        margin = services.application_submit(
            household=zhang_household, programme=programmes["dibao-margin"], by=staff_a,
            reason="收入低",
        )  # fmt: skip
        dibao = services.application_submit(
            household=zhang_household, programme=programmes["dibao-urban"], by=staff_a,
            reason="失业",
        )  # fmt: skip
    add_income(dibao, "18000")
    walk_to_publicity(dibao, staff_a, dt.date(2026, 1, 8))
    with (
        time_machine.travel(at(dt.date(2026, 1, 16)), tick=False),
        pytest.raises(ValidationError, match=r"低保边缘家庭.*先办结"),
    ):
        services.application_advance(application=dibao, to="confirmed", by=subdistrict_user)
    dibao.refresh_from_db()
    margin.refresh_from_db()
    assert (dibao.status, dibao.certificate_number, margin.status) == (
        Status.PUBLICITY, "", Status.SUBMITTED
    )  # fmt: skip
    assert not Entitlement.objects.exists()


# --- 13.6: 临时救助 limits per event and per year, 一事一议 ---------------------------------


def _temporary(programme, household, staff, amount, day, rigid="40000"):
    with time_machine.travel(at(day), tick=False):
        application = services.application_submit(
            household=household, programme=programme, by=staff, reason="突发重病",
            requested_amount=Decimal(amount), rigid_expenses=Decimal(rigid),
        )  # fmt: skip
        services.application_advance(application=application, to="accepted", by=staff)
        services.application_advance(
            application=application, to="investigated", by=staff, opinion="核实住院费用"
        )
    application.refresh_from_db()
    return application


def test_temporary_assistance_over_the_yearly_limit_is_paid_through_a_recorded_decision(
    programmes, zhang_household, staff_a, subdistrict_user
):
    from assistance.models import SpecialDecision
    from assistance.temporary import special_decision_record

    emergency, expense = programmes["temporary-emergency"], programmes["temporary-expense"]
    # Per event: 10 × 1180 = 11,800; per household and year: 12 × 1180 = 14,160.
    first = _temporary(emergency, zhang_household, staff_a, "3000", dt.date(2026, 3, 2))
    assert first.eligible
    with time_machine.travel(at(dt.date(2026, 3, 3)), tick=False):
        services.application_advance(application=first, to="reviewed", by=staff_a, opinion="同意")
        services.application_advance(application=first, to="confirmed", by=subdistrict_user)
    # 3,000 paid in April; then 11,800 for 支出型: 3,000 + 11,800 = 14,800 > 14,160.
    second = _temporary(expense, zhang_household, staff_a, "11800", dt.date(2026, 4, 6))
    assert second.eligible is False
    assert "14,160.00 元" in second.assessment and "一事一议" in second.assessment
    # A decision without its minutes, or by nobody, is refused and nothing is written.
    with pytest.raises(ValidationError, match="会议纪要") as error:
        special_decision_record(
            application=second, by=subdistrict_user, decided_by="", decided_on=None,
            minutes=" ", amount="11800", now=at(dt.date(2026, 4, 8)),
        )  # fmt: skip
    assert len(error.value.messages) == 3
    with pytest.raises(ValidationError, match="街道"):
        special_decision_record(
            application=second, by=staff_a, decided_by="联席会议",
            decided_on=dt.date(2026, 4, 7), minutes="同意", amount="11800",
        )  # fmt: skip
    assert not SpecialDecision.objects.exists()
    special_decision_record(
        application=second, by=subdistrict_user, decided_by="街道社会救助工作联席会议",
        decided_on=dt.date(2026, 4, 7), minutes="因病支出巨大，同意按一事一议救助11800元",
        amount="11800", now=at(dt.date(2026, 4, 8)),
    )  # fmt: skip
    second.refresh_from_db()
    assert second.eligible and second.proposed_amount == Decimal("11800.00")
    with pytest.raises(ValidationError, match="已有一事一议"):
        special_decision_record(
            application=second, by=subdistrict_user, decided_by="联席会议",
            decided_on=dt.date(2026, 4, 7), minutes="再议", amount="1",
            now=at(dt.date(2026, 4, 8)),
        )  # fmt: skip
    with time_machine.travel(at(dt.date(2026, 4, 9)), tick=False):
        services.application_advance(application=second, to="reviewed", by=staff_a, opinion="同意")
        services.application_advance(application=second, to="confirmed", by=subdistrict_user)
    # Paid in May, once: 11,800.
    may = [(r.programme, r.monthly_amount) for r in roster_rows(MAY)]
    assert may == [("临时救助（支出型）", Decimal("11800.00"))]


def test_temporary_assistance_per_event_cap(programmes, zhang_household, staff_a):
    # 11,801 > 10 × 1180 = 11,800 for one event.
    over = _temporary(
        programmes["temporary-emergency"], zhang_household, staff_a, "11801", dt.date(2026, 3, 2)
    )
    assert over.eligible is False and "11,800.00 元" in over.assessment


# --- 13.8: 渐退期, 追缴, overdue reviews ----------------------------------------------------


def test_income_above_the_standard_at_review_tapers_for_six_months_then_stops(
    programmes, zhang_household, staff_a, subdistrict_user
):
    from assistance.models import Status

    application = paying(programmes, zhang_household, staff_a, subdistrict_user)
    close_rosters(FEB, dt.date(2026, 7, 1), subdistrict_user)
    # 20 July: 王芳 found work, 30,000 a year: (18,000 + 30,000) / 12 = 4,000 a month,
    # more than 1180 × 3 = 3,540: no longer eligible. The 渐退期 (6 months, the default
    # rules) keeps 2,158 a month (1180 × 3 − 1500 + 118) from August (the first unpaid
    # month) to January 2027, and stops payment from February 2027.
    with time_machine.travel(at(dt.date(2026, 7, 20)), tick=False):
        services.application_advance(application=application, to="reviewing", by=staff_a)
        add_income(application, "30000", member=application.members.get(resident__name="王芳"))
        step = services.application_advance(
            application=application, to="paying", by=staff_a, opinion="复核"
        )
    assert "渐退期" in step.opinion and "2027年2月" in step.opinion
    assert amounts(dt.date(2026, 8, 1)) == [(Decimal("2158.00"), 0)]
    assert amounts(dt.date(2027, 1, 1)) == [(Decimal("2158.00"), 0)]
    assert amounts(dt.date(2027, 2, 1)) == []
    services.payments_start(dt.date(2027, 2, 1))
    application.refresh_from_db()
    assert (application.status, application.taper_ends) == (Status.STOPPED, dt.date(2027, 2, 1))


def test_money_paid_after_the_case_should_have_stopped_is_recovered_or_waived_with_a_reason(
    programmes, zhang_household, staff_a, subdistrict_user
):
    from assistance.models import RecoveryStatus

    application = paying(programmes, zhang_household, staff_a, subdistrict_user)
    close_rosters(FEB, MAY, subdistrict_user)
    with pytest.raises(ValidationError, match="请先停发"):
        payments.recovery_record(
            application=application, by=subdistrict_user, from_month=APRIL, reason="隐瞒收入",
            now=at(dt.date(2026, 5, 20)),
        )  # fmt: skip
    with time_machine.travel(at(dt.date(2026, 5, 20)), tick=False):
        services.application_advance(
            application=application, to="stopped", by=subdistrict_user, opinion="隐瞒经营收入"
        )
    assert amounts(dt.date(2026, 6, 1)) == []  # May was paid; nothing from June
    # It should have stopped from April: April 2,158 + May 2,158 = 4,316 owed.
    recovery = payments.recovery_record(
        application=application, by=subdistrict_user, from_month=APRIL,
        reason="自2026年4月起有经营收入未申报", now=at(dt.date(2026, 5, 21)),
    )  # fmt: skip
    assert (recovery.amount, recovery.to_month, recovery.status) == (
        Decimal("4316.00"), MAY, RecoveryStatus.OWED
    )  # fmt: skip
    with pytest.raises(ValidationError, match="豁免须写明理由"):
        payments.recovery_settle(
            recovery=recovery, by=subdistrict_user, outcome=RecoveryStatus.WAIVED, note=" "
        )
    recovery.refresh_from_db()
    assert recovery.status == RecoveryStatus.OWED
    payments.recovery_settle(
        recovery=recovery, by=subdistrict_user, outcome=RecoveryStatus.RECOVERED, note="已退回"
    )
    with pytest.raises(ValidationError, match="已追回"):
        payments.recovery_settle(
            recovery=recovery, by=subdistrict_user, outcome=RecoveryStatus.WAIVED, note="困难"
        )


def test_an_overdue_review_suspends_payment_after_the_grace_period(
    programmes, zhang_household, staff_a, subdistrict_user
):
    application = paying(programmes, zhang_household, staff_a, subdistrict_user)
    # Category C, confirmed 16 January: review due 16 July; 30 days' grace to 15 August.
    assert application.next_review_on == dt.date(2026, 7, 16)
    assert amounts(dt.date(2026, 8, 1)) == [(Decimal("2158.00"), 0)]
    assert amounts(dt.date(2026, 9, 1)) == []  # suspended
    with time_machine.travel(at(dt.date(2026, 9, 3)), tick=False):
        services.application_advance(application=application, to="reviewing", by=staff_a)
        services.application_advance(
            application=application, to="paying", by=staff_a, opinion="复核"
        )
    assert amounts(dt.date(2026, 9, 1)) == [(Decimal("2158.00"), 0)]  # resumed


# --- 13.12: the case pages ---------------------------------------------------------------


def test_case_pages_show_money_the_next_step_and_actions_forward_first(
    client, programmes, zhang_household, staff_a, subdistrict_user
):
    from assistance.models import LabourCapacity
    from tests.conftest import client_for

    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=zhang_household, programme=programmes["dibao-urban"], by=staff_a,
            reason="失业",
        )  # fmt: skip
    # The survey proposes 无劳动能力 for 张小明 (13), not for his parents (50, 47).
    capacities = dict(application.members.values_list("resident__name", "labour_capacity"))
    assert capacities == {
        "张伟": LabourCapacity.FULL, "王芳": LabourCapacity.FULL, "张小明": LabourCapacity.NONE
    }  # fmt: skip
    add_income(application, "18000")
    with time_machine.travel(at(dt.date(2026, 1, 8)), tick=False):
        services.application_advance(application=application, to="accepted", by=staff_a)
        services.application_advance(
            application=application, to="investigated", by=staff_a, category="C", opinion="入户"
        )
        services.application_advance(
            application=application, to="reviewed", by=staff_a, opinion="评议"
        )
        client_for(client, staff_a)
        page = client.get(application.get_absolute_url())
        # Forward first, as actions; sending back after.
        assert page.context["actions"] == [
            ("publicity", "发布公示"), ("accepted", "退回重新调查")
        ]  # fmt: skip
        # 1100 × 3 − 1500 + 110 = 1910
        assert "1,910.00 元" in page.text
        services.application_advance(application=application, to="publicity", by=staff_a)
        page = client.get(application.get_absolute_url())
        assert "公示期至2026年1月14日" in page.text and "自2026年1月15日起审核确认" in page.text
        listing = client.get(reverse("assistance:application-list"), {"tab": "all"})
        assert "1,910.00 元" in listing.text
    with time_machine.travel(at(dt.date(2026, 1, 16)), tick=False):
        client_for(client, subdistrict_user)
        page = client.get(application.get_absolute_url())
        assert page.context["actions"][0] == ("confirmed", "确认")


# --- 13.4: 共同生活 members added at the survey --------------------------------------------


def test_a_member_added_at_review_is_paid_from_the_next_unpaid_month(
    programmes, zhang_household, staff_a, subdistrict_user
):
    from assistance.models import Member
    from assistance.services.survey import member_add
    from tests.factories import next_id_number

    application = paying(programmes, zhang_household, staff_a, subdistrict_user)
    close_rosters(FEB, MAY, subdistrict_user)
    mother = next_id_number(dt.date(1950, 2, 2))
    with time_machine.travel(at(dt.date(2026, 6, 3)), tick=False):
        services.application_advance(application=application, to="reviewing", by=staff_a)
        # Refused, nothing written: no reason; an invalid number; a new person unnamed.
        with pytest.raises(ValidationError, match="写明"):
            member_add(application=application, by=staff_a, id_number=mother, reason=" ")
        with pytest.raises(ValidationError):
            member_add(application=application, by=staff_a, id_number="123", reason="同住")
        with pytest.raises(ValidationError, match="姓名"):
            member_add(application=application, by=staff_a, id_number=mother, reason="同住")
        # 张伟's mother, 76, registered in her home town, has lived with them since May.
        added = member_add(
            application=application, by=staff_a, id_number=mother, name="李秀英",
            reason="户主母亲，户籍在外地，长期共同生活",
        )  # fmt: skip
        with pytest.raises(ValidationError, match=r"李秀英.*已在本次调查中"):
            member_add(
                application=application, by=staff_a, id_number=mother, name="李秀英",
                reason="再次添加",
            )  # fmt: skip
        assert Member.objects.filter(application=application).count() == 4
        assert added.labour_capacity == "none" and added.resident.household is None
        services.application_advance(
            application=application, to="paying", by=staff_a, opinion="复核"
        )
    # From June (May was paid): 1180 × 4 − 1500 + 118 (the child) + 118 (the mother, 76)
    # = 4720 − 1500 + 236 = 3456; May stays 2158 (1180 × 3 − 1500 + 118).
    assert amounts(MAY) == [(Decimal("2158.00"), 0)]
    assert amounts(dt.date(2026, 6, 1)) == [(Decimal("3456.00"), 0)]


# --- 13.9: 就业成本 and the asset test -----------------------------------------------------


def test_employment_cost_and_vehicles_homes_businesses_by_the_local_rule(
    programmes, zhang_household, staff_a, subdistrict_user
):
    from assistance.models import Asset
    from assistance.rules import assess

    urban = programmes["dibao-urban"]
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=zhang_household, programme=urban, by=staff_a, reason="失业"
        )
    add_income(application, "18000", member=application.members.get(resident__name="张伟"))
    # Defaults: no 就业成本. 1180 × 3 − 1500 + 118 = 2158.
    assert assess(application, MARCH).monthly_amount == Decimal("2158.00")
    services.rule_set_add(
        by=subdistrict_user, programme=urban, effective_from=MARCH,
        employment_cost_percent=Decimal("30"), business_rule="review",
        exclusions=list(IncomeExclusion.objects.all()),
    )  # fmt: skip
    # From March 30 % of 1180 = 354 of 张伟's 1,500 a month is not counted:
    # 1180 × 3 − (1500 − 354) + 118 = 3540 − 1146 + 118 = 2512.
    march = assess(application, MARCH)
    assert (march.monthly_amount, march.per_capita_income) == (
        Decimal("2512.00"),
        Decimal("382.00"),
    )
    # A tricycle worth 1,500 goes to the community review; a car worth 80,000 refuses
    # (the limit is 30,000); a business goes to review under these rules; a second
    # flat refuses (the default rule).
    Asset.objects.create(
        application=application, kind="vehicle", description="电动三轮车", value=1500
    )
    Asset.objects.create(
        application=application, kind="business", description="个体户执照", value=0
    )
    result = assess(application, MARCH)
    assert result.eligible and any("电动三轮车" in n for n in result.notes)
    assert any("个体户执照" in n and "评议" in n for n in result.notes)
    flat = Asset.objects.create(
        application=application, kind="housing", description="另有住房一套", value=300000
    )
    assert not assess(application, MARCH).eligible
    flat.delete()
    Asset.objects.create(application=application, kind="vehicle", description="小轿车", value=80000)
    refused = assess(application, MARCH)
    assert not refused.eligible and "30,000.00 元" in refused.notes[-1]


def test_expense_type_temporary_assistance_tests_income_after_rigid_expenses(
    programmes, zhang_household, staff_a
):
    from assistance.services.survey import rigid_expenses_save

    expense = programmes["temporary-expense"]
    assert expense.expense_test
    with time_machine.travel(at(dt.date(2026, 3, 2)), tick=False):
        application = services.application_submit(
            household=zhang_household, programme=expense, by=staff_a, reason="住院",
            requested_amount=Decimal("5000"),
        )  # fmt: skip
        services.application_advance(application=application, to="accepted", by=staff_a)
    # Wages 90,000 a year: 7,500 a month, 2,500 a head; the ceiling is 1.5 × 1180 = 1770.
    add_income(application, "90000")
    from assistance.rules import assess

    assert "刚性支出" in assess(application, MARCH).notes[0]  # not recorded yet
    # 12,000 of rigid expenses: (90,000 − 12,000) / 12 / 3 = 2,166.67 ≥ 1770: refused.
    application = rigid_expenses_save(application=application, by=staff_a, amount="12000")
    refused = assess(application, MARCH)
    assert not refused.eligible and "2,166.67 元" in refused.notes[0]
    # 30,000: (90,000 − 30,000) / 12 / 3 = 1,666.67 < 1770: eligible for the 5,000.
    application = rigid_expenses_save(application=application, by=staff_a, amount="30000")
    assert assess(application, MARCH).monthly_amount == Decimal("5000.00")
    with pytest.raises(ValidationError, match="元"):
        rigid_expenses_save(application=application, by=staff_a, amount="很多")


def test_the_case_page_records_a_case_by_case_decision(
    client, programmes, zhang_household, staff_a, subdistrict_user
):
    from assistance.models import SpecialDecision
    from tests.conftest import client_for

    case = _temporary(
        programmes["temporary-emergency"], zhang_household, staff_a, "12000", dt.date(2026, 3, 2)
    )
    assert case.eligible is False  # 12,000 > 11,800 a event
    url = reverse("assistance:application-special-decision", args=[case.pk])
    client_for(client, staff_a)
    assert client.get(case.get_absolute_url()).context["decision_form"] is None
    assert client.post(url, {"minutes": "同意"}).status_code == 403  # community staff
    client_for(client, subdistrict_user)
    with time_machine.travel(at(dt.date(2026, 3, 5)), tick=False):
        assert client.get(case.get_absolute_url()).context["decision_form"] is not None
        page = client.post(url, {"decided_by": "联席会议", "amount": "12000"}, follow=True)
        assert "会议纪要" in page.text and not SpecialDecision.objects.exists()
        page = client.post(
            url,
            {"decided_by": "街道社会救助工作联席会议", "decided_on": "2026-03-04",
             "minutes": "火灾致房屋损毁，同意救助12000元", "amount": "12000"},
            follow=True,
        )  # fmt: skip
    assert "special-decision" in page.text and "12,000.00 元" in page.text
    case.refresh_from_db()
    assert case.eligible and case.proposed_amount == Decimal("12000.00")
