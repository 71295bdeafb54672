"""The whole path of a 低保 case through the services: application, survey, 公示 with
an objection, confirmation, three months of payment and a raise of the standard entered
after it took effect, back-paid on the next roster."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from assistance.models import Entitlement, Standard, Status
from assistance.roster import roster_rows
from assistance.services import applications as services
from portal.notices import services as notice_services
from portal.notices.models import NoticeObjection, NoticeStatus
from tests.assistance.conftest import add_income, at, close_rosters, walk_to_publicity

pytestmark = pytest.mark.django_db


def test_application_to_third_month_of_payment(
    programmes,
    zhang_household,
    staff_a,
    subdistrict_user,
    resident_user,
    django_capture_on_commit_callbacks,
):
    # The office enters the March raise late, on 20 March (below).
    Standard.objects.filter(
        programme__code="dibao-urban", effective_from=dt.date(2026, 3, 1)
    ).delete()
    urban = programmes["dibao-urban"]
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=zhang_household, programme=urban, by=staff_a, reason="户主失业，子女上学"
        )
    # 12 months: wages 18,000; a 优待抚恤金 of 1,200 is recorded but not counted.
    add_income(application, "18000", member=application.members.get(resident__name="张伟"))
    add_income(application, "1200", excluded="优待抚恤金")
    walk_to_publicity(application, staff_a, dt.date(2026, 1, 8))
    assert application.status == Status.PUBLICITY
    assert application.per_capita_income == Decimal("500.00")
    # (1100 − 500) × 3 + 10 % of 1100 for the child = 1910
    assert application.proposed_amount == Decimal("1910.00")
    notice = application.current_notice()
    assert notice.status == NoticeStatus.PUBLISHED
    assert notice.period_starts == dt.date(2026, 1, 8) and notice.period_ends == dt.date(
        2026, 1, 14
    )

    # An objection reopens the investigation and withdraws the notice.
    with time_machine.travel(at(dt.date(2026, 1, 10)), tick=False):
        resident_user.resident = application.members.get(resident__name="王芳").resident
        resident_user.save()
        objection = notice_services.objection_file(
            notice=notice, text="该户有一辆营运车辆未申报", by=resident_user
        )
        # The notice stays up until staff accept (受理) the objection.
        assert application.current_notice().status == NoticeStatus.PUBLISHED
        notice_services.objection_accept(objection=objection, by=staff_a)
    application.refresh_from_db()
    notice.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert notice.status == NoticeStatus.WITHDRAWN
    # Cannot be published again while the objection is open.
    with time_machine.travel(at(dt.date(2026, 1, 13)), tick=False):
        services.application_advance(
            application=application,
            to="investigated",
            by=staff_a,
            category="C",
            opinion="复查：车辆已转让",
        )
        services.application_advance(
            application=application, to="reviewed", by=staff_a, opinion="复查"
        )
        with pytest.raises(ValidationError, match="异议"):
            services.application_advance(application=application, to="publicity", by=staff_a)
        notice_services.objection_answer(
            objection=objection, answer="经入户核查，车辆已于2025年转让，异议不成立", by=staff_a
        )
        services.application_advance(application=application, to="publicity", by=staff_a)
    application.refresh_from_db()
    second = application.current_notice()
    assert second.pk != notice.pk and second.period_ends == dt.date(2026, 1, 19)
    assert NoticeObjection.objects.get().status == "answered"

    # Community staff cannot confirm; nobody confirms before the period ends.
    with time_machine.travel(at(dt.date(2026, 1, 19)), tick=False):
        with pytest.raises(ValidationError, match=r"sub-district|街道"):
            services.application_advance(application=application, to="confirmed", by=staff_a)
        with pytest.raises(ValidationError, match="2026-01-19"):
            services.application_advance(
                application=application, to="confirmed", by=subdistrict_user
            )
    with time_machine.travel(at(dt.date(2026, 1, 22)), tick=False):
        services.application_advance(application=application, to="confirmed", by=subdistrict_user)
    application.refresh_from_db()
    assert application.certificate_number == "CS20260001"
    assert application.payment_starts == dt.date(2026, 2, 1)
    assert application.next_review_on == dt.date(2026, 7, 22)  # C: 6 months from confirmation

    # Not on January's roster; from February on.
    assert roster_rows(dt.date(2026, 1, 1)) == []
    services.payments_start(dt.date(2026, 2, 1))
    application.refresh_from_db()
    assert application.status == Status.PAYING
    february = roster_rows(dt.date(2026, 2, 1))
    assert [(r.monthly_amount, r.arrears) for r in february] == [(Decimal("1910.00"), 0)]
    # February's and March's rosters are paid (closed) on the 10th.
    close_rosters(dt.date(2026, 2, 1), dt.date(2026, 3, 1), subdistrict_user)

    # The March raise (1100 → 1180) is entered on 20 March, after March was paid: April
    # pays the new amount and back-pays March.
    with (
        time_machine.travel(at(dt.date(2026, 3, 20)), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.standard_add(
            by=subdistrict_user,
            programme=urban,
            registration_type="urban",
            monthly_amount=Decimal("1180"),
            effective_from=dt.date(2026, 3, 1),
        )
    raise_row = Entitlement.objects.get(reason="standard")
    assert raise_row.pays_from == dt.date(2026, 4, 1)
    # (1180 − 500) × 3 + 118 = 2158; March paid 1910, so 248 back-pay.
    assert raise_row.monthly_amount == Decimal("2158.00")
    assert raise_row.arrears == Decimal("248.00")
    march = roster_rows(dt.date(2026, 3, 1))
    assert [(r.monthly_amount, r.arrears, r.total) for r in march] == [
        (Decimal("1910.00"), 0, Decimal("1910.00"))
    ]
    april = roster_rows(dt.date(2026, 4, 1))
    assert [(r.standard, r.monthly_amount, r.arrears, r.total) for r in april] == [
        (Decimal("1180.00"), Decimal("2158.00"), Decimal("248.00"), Decimal("2406.00"))
    ]
    may = roster_rows(dt.date(2026, 5, 1))
    assert [(r.monthly_amount, r.arrears) for r in may] == [(Decimal("2158.00"), 0)]
    # Every step is recorded with who and when.
    labels = [(s.from_status, s.to_status, s.by_id) for s in application.steps.all()]
    assert labels[0] == ("", "submitted", staff_a.pk)
    assert ("publicity", "accepted", None) in labels
    assert labels[-2:] == [
        ("publicity", "confirmed", subdistrict_user.pk),
        ("confirmed", "paying", None),
    ]
