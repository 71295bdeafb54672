"""The workflow's rules through the services: refusals, reviews, stops, batch
confirmation, reminders and standards entered ahead or late."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings

from assistance.models import Application, Entitlement, Standard, Status, Step
from assistance.models.applications import Deadline
from assistance.roster import roster_rows
from assistance.services import applications as services
from assistance.services.reminders import review_reminders_send
from portal.notices.models import NoticeListing
from portal.notifications.models import Notification
from portal.registry.models import Relation
from tests.assistance.conftest import (
    add_income,
    at,
    close_rosters,
    household_with,
    walk_to_publicity,
)

pytestmark = pytest.mark.django_db


def submit(household, programme, staff, day=dt.date(2026, 1, 5), **fields):
    with time_machine.travel(at(day), tick=False):
        return services.application_submit(
            household=household, programme=programme, by=staff, reason="生活困难", **fields
        )


def confirmed(application, staff, confirmer, *, publish_on=dt.date(2026, 1, 8), category="C"):
    walk_to_publicity(application, staff, publish_on, category=category)
    with time_machine.travel(at(publish_on + dt.timedelta(days=8)), tick=False):
        services.application_advance(application=application, to="confirmed", by=confirmer)
    application.refresh_from_db()
    return application


@pytest.fixture
def zhang_application(programmes, zhang_household, staff_a):
    application = submit(zhang_household, programmes["dibao-urban"], staff_a)
    add_income(application, "18000", member=application.members.get(resident__name="张伟"))
    return application


# --- intake refusals -------------------------------------------------------------------


def test_second_application_to_the_same_programme_is_refused(zhang_application, staff_a):
    with pytest.raises(ValidationError, match="已有本项目的申请"):
        submit(zhang_application.household, zhang_application.programme, staff_a)
    assert Application.objects.count() == 1


def test_household_of_another_community_is_refused(programmes, zhang_household, staff_b):
    with pytest.raises(ValidationError, match="不属于您所在的社区"):
        submit(zhang_household, programmes["dibao-urban"], staff_b)
    assert not Application.objects.exists()


def test_urban_household_cannot_apply_for_rural_dibao(programmes, zhang_household, staff_a):
    with pytest.raises(ValidationError, match="农村"):
        submit(zhang_household, programmes["dibao-rural"], staff_a)


def test_reason_is_required(programmes, zhang_household, staff_a):
    with pytest.raises(ValidationError):
        services.application_submit(
            household=zhang_household, programme=programmes["dibao-urban"], by=staff_a, reason=" "
        )
    assert not Application.objects.exists() and not Step.objects.exists()


def test_resident_applies_online_for_temporary_assistance_only(
    programmes, zhang_household, resident_user
):
    resident_user.resident = zhang_household.members.get(name="张伟")
    resident_user.save()
    with pytest.raises(ValidationError, match="临时救助"):
        services.application_submit(
            household=zhang_household,
            programme=programmes["dibao-urban"],
            by=resident_user,
            reason="失业",
            channel="online",
        )
    application = services.application_submit(
        household=zhang_household,
        programme=programmes["temporary-emergency"],
        by=resident_user,
        reason="家中失火",
        channel="online",
        requested_amount=Decimal("3000"),
    )
    assert application.status == Status.SUBMITTED and application.members.count() == 3


# --- steps -------------------------------------------------------------------------------


def test_skipped_and_out_of_order_steps_are_refused(zhang_application, staff_a, subdistrict_user):
    for to in ("investigated", "publicity", "confirmed", "paying"):
        with pytest.raises(ValidationError):
            services.application_advance(application=zhang_application, to=to, by=subdistrict_user)
    zhang_application.refresh_from_db()
    assert zhang_application.status == Status.SUBMITTED
    assert zhang_application.steps.count() == 1


def test_refusal_needs_a_written_reason(zhang_application, staff_a):
    with pytest.raises(ValidationError, match="理由"):
        services.application_advance(application=zhang_application, to="not_accepted", by=staff_a)
    services.application_advance(
        application=zhang_application, to="not_accepted", by=staff_a, opinion="非本街道户籍"
    )
    zhang_application.refresh_from_db()
    assert zhang_application.status == Status.NOT_ACCEPTED and zhang_application.decided_at


def test_survey_completion_needs_its_findings_and_a_category(zhang_application, staff_a):
    services.application_advance(application=zhang_application, to="accepted", by=staff_a)
    with pytest.raises(ValidationError, match="调查情况"):
        services.application_advance(
            application=zhang_application, to="investigated", by=staff_a, category="C"
        )
    with pytest.raises(ValidationError, match="分类管理类别"):
        services.application_advance(
            application=zhang_application, to="investigated", by=staff_a, opinion="入户调查"
        )
    zhang_application.refresh_from_db()
    assert zhang_application.status == "accepted" and zhang_application.eligible is None


def test_ineligible_household_is_reviewed_and_refused_by_the_sub_district(
    programmes, zhang_household, staff_a, subdistrict_user
):
    application = submit(zhang_household, programmes["dibao-urban"], staff_a)
    add_income(application, "60000")  # 1,666.67 a head
    services.application_advance(application=application, to="accepted", by=staff_a)
    services.application_advance(
        application=application, to="investigated", by=staff_a, category="B", opinion="入户调查"
    )
    application.refresh_from_db()
    assert application.eligible is False
    services.application_advance(
        application=application, to="reviewed", by=staff_a, opinion="收入超标"
    )
    with pytest.raises(ValidationError, match="不符合条件"):  # not "complete the survey"
        services.application_advance(application=application, to="publicity", by=staff_a)
    services.application_advance(
        application=application, to="not_confirmed", by=subdistrict_user, opinion="收入超过标准"
    )
    application.refresh_from_db()
    assert application.status == Status.NOT_CONFIRMED


def test_public_notice_shows_no_id_number_and_lists_the_head(zhang_application, staff_a):
    walk_to_publicity(zhang_application, staff_a, dt.date(2026, 1, 8))
    notice = zhang_application.current_notice()
    listing = NoticeListing.objects.get(notice=notice)
    assert listing.name == "张伟"
    # The amount confirmation will pay from February: (1100 × 3 − 1500) + 110 = 1910.
    assert listing.detail == "保障人口 3 人，月保障金 1,910.00 元，自2026年2月起发放"
    for resident in zhang_application.household.members.all():
        assert resident.id_number not in notice.body + notice.title + listing.detail


def test_batch_confirmation_is_all_or_nothing(
    programmes, zhang_application, community_a, staff_a, subdistrict_user
):
    other = household_with(
        community_a, [("赵敏", dt.date(1950, 2, 2), Relation.HEAD)], address="东南花园2幢"
    )
    second = submit(other, programmes["dibao-urban"], staff_a)
    walk_to_publicity(zhang_application, staff_a, dt.date(2026, 1, 8))
    walk_to_publicity(second, staff_a, dt.date(2026, 1, 12))  # period runs to the 18th
    with time_machine.travel(at(dt.date(2026, 1, 16)), tick=False):
        with pytest.raises(ValidationError) as error:
            services.applications_confirm(
                applications=[zhang_application, second], by=subdistrict_user
            )
        assert "东南花园2幢" in " ".join(error.value.messages)
        assert not Application.objects.filter(status=Status.CONFIRMED).exists()
        assert not Entitlement.objects.exists()
    with time_machine.travel(at(dt.date(2026, 1, 19)), tick=False):
        services.applications_confirm(applications=[zhang_application, second], by=subdistrict_user)
    numbers = sorted(Application.objects.values_list("certificate_number", flat=True))
    assert numbers == ["CS20260001", "CS20260002"]


# --- payment, review, stop ---------------------------------------------------------------


def test_review_with_changed_income_changes_the_amount_from_next_month(
    zhang_application, staff_a, subdistrict_user
):
    application = confirmed(zhang_application, staff_a, subdistrict_user)
    services.payments_start(dt.date(2026, 2, 1))
    # Category C, urban: review every 6 months from the confirmation of 16 January.
    assert application.next_review_on == dt.date(2026, 7, 16)
    close_rosters(dt.date(2026, 2, 1), dt.date(2026, 7, 1), subdistrict_user)  # July paid
    with time_machine.travel(at(dt.date(2026, 7, 20)), tick=False):
        services.application_advance(application=application, to="reviewing", by=staff_a)
        add_income(application, "6000", member=application.members.get(resident__name="王芳"))
        step = services.application_advance(
            application=application, to="paying", by=staff_a, opinion="入户复核"
        )
    # Household (18000 + 6000) / 12 = 2000 a month, rounded once:
    # 1180 × 3 − 2000 + 118 = 1658.00 (per-capita 666.67 first would give 1657.99).
    assert "1,658.00 元" in step.opinion
    july, august = roster_rows(dt.date(2026, 7, 1)), roster_rows(dt.date(2026, 8, 1))
    assert july[0].monthly_amount == Decimal("2158.00")  # the March standard, old income
    assert august[0].monthly_amount == Decimal("1658.00")
    application.refresh_from_db()
    assert application.next_review_on == dt.date(2027, 1, 20)  # 6 months from the review


def test_review_without_change_keeps_the_amount(zhang_application, staff_a, subdistrict_user):
    application = confirmed(zhang_application, staff_a, subdistrict_user, category="A")
    services.payments_start(dt.date(2026, 2, 1))
    assert application.next_review_on == dt.date(2027, 1, 16)  # a year from confirmation
    count = Entitlement.objects.count()
    with time_machine.travel(at(dt.date(2026, 6, 3)), tick=False):
        services.application_advance(application=application, to="reviewing", by=staff_a)
        step = services.application_advance(application=application, to="paying", by=staff_a)
    assert "2,158.00 元" in step.opinion
    assert Entitlement.objects.count() == count


def test_stop_pays_nothing_from_the_next_month(zhang_application, staff_a, subdistrict_user):
    application = confirmed(zhang_application, staff_a, subdistrict_user)
    services.payments_start(dt.date(2026, 2, 1))
    close_rosters(dt.date(2026, 2, 1), dt.date(2026, 5, 1), subdistrict_user)  # May paid
    with time_machine.travel(at(dt.date(2026, 5, 12)), tick=False):
        with pytest.raises(ValidationError, match="街道"):
            services.application_advance(
                application=application, to="stopped", by=staff_a, opinion="迁出"
            )
        services.application_advance(
            application=application, to="stopped", by=subdistrict_user, opinion="户主再就业"
        )
    assert len(roster_rows(dt.date(2026, 5, 1))) == 1
    assert roster_rows(dt.date(2026, 6, 1)) == []


def test_known_future_standard_applies_from_its_month_without_back_pay(
    zhang_application, staff_a, subdistrict_user
):
    # Confirmed in January; the March raise was entered already (the catalogue).
    confirmed(zhang_application, staff_a, subdistrict_user)
    february, march = roster_rows(dt.date(2026, 2, 1)), roster_rows(dt.date(2026, 3, 1))
    assert (february[0].monthly_amount, february[0].standard) == (Decimal("1910.00"), 1100)
    assert (march[0].monthly_amount, march[0].arrears) == (Decimal("2158.00"), 0)


def test_standard_recompute_runs_once(zhang_application, staff_a, subdistrict_user):
    Standard.objects.filter(effective_from=dt.date(2026, 3, 1)).delete()
    confirmed(zhang_application, staff_a, subdistrict_user)
    standard = Standard.objects.create(
        programme=zhang_application.programme,
        registration_type="urban",
        monthly_amount=Decimal("1180"),
        effective_from=dt.date(2026, 3, 1),
    )
    close_rosters(dt.date(2026, 2, 1), dt.date(2026, 4, 1), subdistrict_user)  # April paid
    assert services.standard_recompute(standard.pk, dt.date(2026, 4, 10)) == 1
    assert services.standard_recompute(standard.pk, dt.date(2026, 4, 11)) == 0
    row = Entitlement.objects.get(standard=standard)
    # Paid from May; March and April back-paid: 2 × (2158 − 1910)
    assert (row.pays_from, row.arrears) == (dt.date(2026, 5, 1), Decimal("496.00"))


def test_standard_cannot_start_mid_month_or_repeat_a_month(programmes, subdistrict_user):
    with pytest.raises(ValidationError, match="1日"):
        services.standard_add(
            by=subdistrict_user,
            programme=programmes["dibao-urban"],
            registration_type="urban",
            monthly_amount=Decimal("1200"),
            effective_from=dt.date(2026, 12, 15),
        )
    with pytest.raises(ValidationError):
        services.standard_add(
            by=subdistrict_user,
            programme=programmes["dibao-urban"],
            registration_type="urban",
            monthly_amount=Decimal("1200"),
            effective_from=dt.date(2026, 3, 1),
        )


# --- reminders ----------------------------------------------------------------------------


def test_review_reminder_reaches_community_staff_once(
    zhang_application, staff_a, staff_b, subdistrict_user
):
    application = confirmed(zhang_application, staff_a, subdistrict_user)
    services.payments_start(dt.date(2026, 2, 1))
    assert review_reminders_send(dt.date(2026, 7, 1)) == 0  # due 1 August, 31 days ahead
    assert review_reminders_send(dt.date(2026, 7, 20)) == 1
    assert review_reminders_send(dt.date(2026, 7, 21)) == 0
    message = Notification.objects.get()
    assert message.recipient == staff_a
    assert application.certificate_number in message.subject
    assert message.url == application.get_absolute_url()


def test_decision_is_due_thirty_working_days_after_acceptance(zhang_application, staff_a):
    with time_machine.travel(at(dt.date(2026, 1, 6)), tick=False):  # a Tuesday
        services.application_advance(application=zhang_application, to="accepted", by=staff_a)
    zhang_application.refresh_from_db()
    # 28 weekdays to Friday 13 February, the make-up Saturday of the 14th, then the Spring
    # Festival's days off (15-23 February): the 30th working day is Tuesday 24 February.
    # (Monday to Friday alone would give 17 February, the first day of the new year.)
    with time_machine.travel(at(dt.date(2026, 2, 24)), tick=False):
        assert zhang_application.decision_deadline() == Deadline(dt.date(2026, 2, 24), False)
    with time_machine.travel(at(dt.date(2026, 2, 25)), tick=False):
        assert zhang_application.decision_deadline().overdue


@override_settings(ASSISTANCE_REVIEW_MONTHS_URBAN={"C": 3})
def test_urban_c_households_can_be_reviewed_quarterly(zhang_application, staff_a, subdistrict_user):
    application = confirmed(zhang_application, staff_a, subdistrict_user, category="C")
    assert application.next_review_on == dt.date(2026, 4, 16)  # confirmed 16 January, + 3
