"""The health services refuse bad input by code, with nothing half-written."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from health.models import Booking, Contract, FollowUp, Patient, Slot
from health.services import appointments, contracts, records
from portal.core.dates import local_datetime
from portal.core.models import OfficialDay
from tests.factories import ResidentFactory, next_id_number
from tests.health.helpers import make_slot

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


# --- contracts ---


def test_sign_sets_a_one_year_term_and_derives_key_groups(resident_a, team_a, staff_a):
    elder = ResidentFactory(
        community=resident_a.community, id_number=next_id_number(dt.date(1950, 3, 1))
    )
    contract = contracts.contract_sign(
        resident=elder,
        team=team_a,
        starts_on=dt.date(2026, 3, 1),
        declared_groups=("disabled",),
        by=staff_a,
    )
    assert contract.ends_on == dt.date(2027, 2, 28)
    assert contract.key_groups == ["disabled", "elderly"]


def test_a_second_active_contract_is_refused(resident_a, team_a, staff_a):
    contracts.contract_sign(
        resident=resident_a, team=team_a, starts_on=dt.date(2026, 1, 5), by=staff_a
    )
    with pytest.raises(ValidationError) as error:
        contracts.contract_sign(
            resident=resident_a, team=team_a, starts_on=dt.date(2026, 2, 5), by=staff_a
        )
    assert codes(error.value) == {"duplicate"}
    with pytest.raises(ValidationError) as error:
        contracts.contract_request(resident=resident_a, team=team_a, by=None)
    assert codes(error.value) == {"duplicate"}
    assert Contract.objects.unscoped().count() == 1


def test_a_team_of_another_community_is_refused(resident_a, team_b, staff_a):
    with pytest.raises(ValidationError) as error:
        contracts.contract_sign(
            resident=resident_a, team=team_b, starts_on=dt.date(2026, 1, 5), by=staff_a
        )
    assert codes(error.value) == {"wrong_community"}


def test_request_confirm_decline(resident_a, resident_b, team_a, team_b, doctor_a):
    request = contracts.contract_request(resident=resident_a, team=team_a, by=None)
    confirmed = contracts.contract_confirm(
        contract=request, starts_on=dt.date(2026, 4, 1), by=doctor_a
    )
    assert (confirmed.status, confirmed.ends_on) == ("active", dt.date(2027, 3, 31))
    with pytest.raises(ValidationError) as error:
        contracts.contract_decline(contract=request, by=doctor_a)
    assert codes(error.value) == {"wrong_status"}
    other = contracts.contract_request(resident=resident_b, team=team_b, by=None)
    assert contracts.contract_decline(contract=other, by=doctor_a).status == "declined"
    # Declined: the resident may ask again.
    contracts.contract_request(resident=resident_b, team=team_b, by=None)


def test_end_and_renew(resident_a, team_a, staff_a):
    contract = contracts.contract_sign(
        resident=resident_a, team=team_a, starts_on=dt.date(2025, 6, 1), by=staff_a
    )
    renewed = contracts.contract_renew(contract=contract, by=staff_a)
    assert (renewed.starts_on, renewed.ends_on) == (dt.date(2026, 6, 1), dt.date(2027, 5, 31))
    contract.refresh_from_db()
    assert (contract.status, contract.end_reason) == ("ended", "renewed")
    with pytest.raises(ValidationError) as error:
        contracts.contract_end_early(
            contract=renewed, reason="expired", on=dt.date(2026, 7, 1), by=staff_a
        )
    assert codes(error.value) == {"bad_reason"}


def test_upkeep_marks_renewal_due_once_and_expires(resident_a, resident_b, team_a, team_b, staff_a):
    soon = contracts.contract_sign(
        resident=resident_a, team=team_a, starts_on=dt.date(2025, 7, 1), by=staff_a
    )
    old = contracts.contract_sign(
        resident=resident_b, team=team_b, starts_on=dt.date(2025, 1, 1), by=staff_a
    )
    # soon ends 2026-06-30: the 30-day window opens on 2026-05-31.
    assert contracts.contracts_upkeep(today=dt.date(2026, 5, 30)) == {"expired": 1, "reminded": 0}
    assert contracts.contracts_upkeep(today=dt.date(2026, 5, 31)) == {"expired": 0, "reminded": 1}
    assert contracts.contracts_upkeep(today=dt.date(2026, 5, 31)) == {"expired": 0, "reminded": 0}
    soon.refresh_from_db()
    old.refresh_from_db()
    assert soon.status == "renewal_due"
    assert (old.status, old.end_reason) == ("ended", "expired")


# --- bookings ---


def test_booking_and_cancel_return_the_place(timetable_a, resident_a, resident_b):
    slot = make_slot(timetable_a, capacity=1)
    booking = appointments.booking_create(slot=slot, resident=resident_a, by=None)
    with pytest.raises(ValidationError) as error:
        appointments.booking_create(slot=slot, resident=resident_b, by=None)
    assert codes(error.value) == {"slot_full"}
    appointments.booking_cancel(booking=booking, by=None)
    slot.refresh_from_db()
    assert slot.booked == 0
    appointments.booking_create(slot=slot, resident=resident_b, by=None)


def test_one_booking_per_service_and_day(timetable_a, resident_a):
    first = make_slot(timetable_a, hour=9)
    second = make_slot(timetable_a, hour=10)
    appointments.booking_create(slot=first, resident=resident_a, by=None)
    with pytest.raises(ValidationError) as error:
        appointments.booking_create(slot=second, resident=resident_a, by=None)
    assert codes(error.value) == {"duplicate"}
    assert Slot.objects.get(pk=second.pk).booked == 0


def test_booking_after_the_cutoff_is_refused(timetable_a, resident_a, staff_a):
    slot = make_slot(timetable_a, days_ahead=1)
    with time_machine.travel(slot.starts_at - dt.timedelta(minutes=59)):
        with pytest.raises(ValidationError) as error:
            appointments.booking_create(slot=slot, resident=resident_a, by=None)
        assert codes(error.value) == {"cutoff"}
        # Staff booking on the resident's behalf may still do so until the start.
        booking = appointments.booking_create(
            slot=slot, resident=resident_a, by=staff_a, on_behalf=True
        )
        with pytest.raises(ValidationError) as error:
            appointments.booking_cancel(booking=booking, by=None)
        assert codes(error.value) == {"cutoff"}
    assert Booking.objects.count() == 1


def test_no_shows_and_reminders(timetable_a, resident_a, resident_user):
    resident_user.resident = resident_a
    resident_user.save()
    slot = make_slot(timetable_a, days_ahead=1)
    booking = appointments.booking_create(slot=slot, resident=resident_a, by=None)
    assert appointments.bookings_remind() == 1
    assert appointments.bookings_remind() == 0
    message = resident_user.notifications.get()
    assert "明天 9:00" in message.body and timetable_a.facility.name in message.body
    assert "全科" not in message.body and resident_a.name not in message.body
    assert appointments.bookings_mark_no_shows(now=slot.ends_at + dt.timedelta(minutes=1)) == 1
    booking.refresh_from_db()
    assert booking.status == "no_show"


def test_slots_skip_official_holidays_and_leave(timetable_a):
    today = timezone.localdate()
    holiday = today + dt.timedelta(days=2)
    OfficialDay.objects.create(day=holiday, kind="holiday", name="国庆节")
    timetable_a.exceptions.create(day=today + dt.timedelta(days=3), reason="休假")
    created = appointments.slots_open(timetable=timetable_a)
    days = set(Slot.objects.filter(timetable=timetable_a).values_list("day", flat=True))
    assert holiday not in days and today + dt.timedelta(days=3) not in days
    assert created == 4 * (15 - 2)  # 9:00–11:00 in 30 minutes, 15 days less two
    assert appointments.slots_open(timetable=timetable_a) == 0


# --- follow-ups ---


@pytest.fixture
def patient(resident_a, team_a):
    return Patient.objects.create(
        resident=resident_a,
        condition="hypertension",
        team=team_a,
        registered_on=dt.date(2025, 1, 1),
        next_due=dt.date(2025, 1, 1),
    )


def visit(patient, doctor, day, sbp, dbp, **extra):
    return records.followup_record(
        patient=patient,
        by=doctor,
        visited_on=day,
        method="clinic",
        systolic=sbp,
        diastolic=dbp,
        **extra,
    )


def test_two_uncontrolled_in_a_row_refer(patient, doctor_a):
    first = visit(patient, doctor_a, dt.date(2026, 1, 5), 150, 95)
    assert (first.action, first.next_due, first.classification) == (
        "adjust",
        dt.date(2026, 1, 19),
        "unsatisfied",
    )
    second = visit(patient, doctor_a, dt.date(2026, 1, 19), 152, 96)
    assert (second.action, second.next_due) == ("referral", dt.date(2026, 2, 2))
    patient.refresh_from_db()
    assert patient.referred_on == dt.date(2026, 1, 19)
    records.referral_return(patient=patient, on=dt.date(2026, 1, 30), by=doctor_a)
    third = visit(patient, doctor_a, dt.date(2026, 2, 2), 130, 80)
    assert (third.action, third.next_due) == ("regular", dt.date(2026, 5, 4))
    assert records.face_to_face_count(patient, 2026) == 3


@pytest.mark.parametrize(
    "sbp,dbp,code",
    [
        (120, 130, "diastolic_above_systolic"),
        (120, 120, "diastolic_above_systolic"),
        (400, 80, "out_of_range"),
        (120, 10, "out_of_range"),
    ],
)
def test_bad_pressures_are_refused(patient, doctor_a, sbp, dbp, code):
    with pytest.raises(ValidationError) as error:
        visit(patient, doctor_a, dt.date(2026, 1, 5), sbp, dbp)
    assert code in codes(error.value)
    assert FollowUp.objects.count() == 0
    patient.refresh_from_db()
    assert patient.next_due == dt.date(2025, 1, 1)


def test_a_visit_in_the_future_is_refused(patient, doctor_a):
    with pytest.raises(ValidationError) as error:
        visit(patient, doctor_a, timezone.localdate() + dt.timedelta(days=1), 130, 80)
    assert codes(error.value) == {"future"}


def test_diabetes_glucose_out_of_range(resident_a, team_a, doctor_a):
    patient = records.patient_register(
        resident=resident_a,
        condition="diabetes",
        team=team_a,
        registered_on=dt.date(2025, 1, 1),
        by=doctor_a,
    )
    with pytest.raises(ValidationError) as error:
        records.followup_record(
            patient=patient,
            by=doctor_a,
            visited_on=dt.date(2026, 1, 5),
            method="home",
            fasting_glucose=Decimal("55"),
        )
    assert codes(error.value) == {"out_of_range"}


# --- vaccinations and the 65+ check ---


def test_dose_before_minimum_age_is_refused(community_a, doctor_a):
    with time_machine.travel(local_datetime(dt.date(2025, 6, 1), dt.time(10))):
        child = ResidentFactory(
            community=community_a, id_number=next_id_number(dt.date(2025, 1, 10))
        )
        plan = records.child_plan_create(child=child, by=doctor_a)
        assert plan.schedule == "2025"
        with pytest.raises(ValidationError) as error:
            records.dose_record(
                plan=plan, dose_key="DTaP-1", given_on=dt.date(2025, 3, 9), by=doctor_a
            )
        assert codes(error.value) == {"too_young"}
        records.dose_record(
            plan=plan, dose_key="DTaP-1", given_on=dt.date(2025, 3, 10), by=doctor_a
        )
        with pytest.raises(ValidationError) as error:
            records.dose_record(
                plan=plan, dose_key="DTaP-2", given_on=dt.date(2025, 5, 9), by=doctor_a
            )
        assert codes(error.value) == {"too_young"}  # 4 months is 05-10
        records.dose_record(
            plan=plan, dose_key="DTaP-2", given_on=dt.date(2025, 5, 10), by=doctor_a
        )
        assert plan.doses.count() == 2


def test_elderly_check(community_a, doctor_a):
    elder = ResidentFactory(community=community_a, id_number=next_id_number(dt.date(1955, 2, 1)))
    check = records.elderly_check_record(
        resident=elder,
        checked_on=dt.date(2026, 3, 1),
        by=doctor_a,
        scores={"eating": 0, "grooming": 1, "dressing": 3, "toileting": 1, "moving": 0},
    )
    assert (check.self_care_total, check.self_care_level) == (5, "mild")
    with pytest.raises(ValidationError) as error:
        records.elderly_check_record(
            resident=elder,
            checked_on=dt.date(2026, 4, 1),
            by=doctor_a,
            scores={"eating": 0, "grooming": 0, "dressing": 0, "toileting": 0, "moving": 0},
        )
    assert codes(error.value) == {"duplicate"}


def test_guardians_are_told_of_a_dose_due_once(community_a, resident_a, resident_user, doctor_a):
    resident_user.resident = resident_a
    resident_user.save()
    with time_machine.travel(local_datetime(dt.date(2026, 3, 12), dt.time(10))):
        child = ResidentFactory(
            community=community_a, id_number=next_id_number(dt.date(2026, 1, 10))
        )
        records.child_plan_create(child=child, guardians=[resident_a], by=doctor_a)
        # 2 months on 03-10: IPV-1 and DTaP-1 due since two days; HepB-2 since 02-10 (a
        # month: not "this week", so not told again).
        assert records.dose_reminders_send() == 2
        assert records.dose_reminders_send() == 0
        bodies = [n.body for n in resident_user.notifications.all()]
        assert all("疫苗" not in body and child.name not in body for body in bodies)
        assert "预防接种" in bodies[0]


def test_the_renewal_reminder_reaches_the_residents_account(
    resident_a, resident_user, team_a, staff_a
):
    resident_user.resident = resident_a
    resident_user.save()
    contracts.contract_sign(
        resident=resident_a, team=team_a, starts_on=dt.date(2025, 7, 1), by=staff_a
    )
    assert contracts.contracts_upkeep(today=dt.date(2026, 6, 1)) == {"expired": 0, "reminded": 1}
    message = resident_user.notifications.get()
    assert team_a.name in message.body and "续约" in message.body
    assert resident_a.name not in message.body


def test_a_day_off_cancels_the_days_bookings_and_tells_them(
    timetable_a, resident_a, resident_user, staff_a
):
    resident_user.resident = resident_a
    resident_user.save()
    slot = make_slot(timetable_a, days_ahead=3)
    booking = appointments.booking_create(slot=slot, resident=resident_a, by=None)
    assert (
        appointments.timetable_day_off(
            timetable=timetable_a, day=slot.day, reason="外出培训", by=staff_a
        )
        == 1
    )
    booking.refresh_from_db()
    slot.refresh_from_db()
    assert (booking.status, slot.cancelled, slot.booked) == ("cancelled", True, 0)
    message = resident_user.notifications.get()
    assert "9:00" in message.body and timetable_a.facility.name in message.body
    with pytest.raises(ValidationError) as error:
        appointments.booking_create(slot=slot, resident=resident_a, by=None)
    assert codes(error.value) == {"slot_cancelled"}
    with pytest.raises(ValidationError) as error:
        appointments.timetable_day_off(timetable=timetable_a, day=slot.day, reason="x", by=staff_a)
    assert codes(error.value) == {"duplicate"}
    assert appointments.slots_open(timetable=timetable_a) >= 0
    assert not Slot.objects.filter(timetable=timetable_a, day=slot.day, cancelled=False).exists()


def test_severe_mental_disorder_follow_up_by_risk_level(resident_a, team_a, doctor_a):
    patient = records.patient_register(
        resident=resident_a,
        condition="smi",
        team=team_a,
        registered_on=dt.date(2025, 1, 1),
        by=doctor_a,
    )
    with pytest.raises(ValidationError) as error:
        records.followup_record(
            patient=patient, by=doctor_a, visited_on=dt.date(2026, 1, 5), method="home"
        )
    assert codes(error.value) == {"required"}
    # Risk 3: 不稳定, refer, see again within two weeks; the doctor cannot class it better.
    visit = records.followup_record(
        patient=patient,
        by=doctor_a,
        visited_on=dt.date(2026, 1, 5),
        method="home",
        risk_level=3,
        stability="stable",
    )
    assert (visit.stability, visit.action, visit.next_due) == (
        "unstable",
        "urgent_referral",
        dt.date(2026, 1, 19),
    )
    visit = records.followup_record(
        patient=patient,
        by=doctor_a,
        visited_on=dt.date(2026, 1, 19),
        method="clinic",
        risk_level=0,
    )
    assert (visit.stability, visit.next_due) == ("stable", dt.date(2026, 4, 20))
