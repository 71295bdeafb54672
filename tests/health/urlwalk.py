"""The health app's part of the URL walk (collected by tests/security/urlwalk.py): how to
fill each of its routes that takes arguments, and community A's health records they name."""

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from health.models import (
    Booking,
    ChildPlan,
    Contract,
    DoseGiven,
    FollowUp,
    Patient,
)
from tests.health.helpers import make_slot, make_team, make_timetable

ARGUMENTS = {
    "health:team-detail": lambda o: {"pk": o.health_team.pk},
    **{
        f"health:{name}": lambda o: {"pk": o.health_contract.pk}
        for name in (
            "contract-detail",
            "contract-confirm",
            "contract-decline",
            "contract-renew",
            "contract-end",
        )
    },
    "health:timetable-detail": lambda o: {"pk": o.health_timetable.pk},
    "health:timetable-open": lambda o: {"pk": o.health_timetable.pk},
    "health:timetable-day-off": lambda o: {"pk": o.health_timetable.pk},
    "health:booking-create": lambda o: {"pk": o.health_slot.pk},
    "health:booking-check-in": lambda o: {"pk": o.health_booking.pk},
    "health:booking-cancel": lambda o: {"pk": o.health_booking.pk},
    "health:patient-detail": lambda o: {"pk": o.health_patient.pk},
    "health:followup-create": lambda o: {"pk": o.health_patient.pk},
    "health:referral-return": lambda o: {"pk": o.health_patient.pk},
    "health:followup-detail": lambda o: {"pk": o.health_followup.pk},
    "health:child-detail": lambda o: {"pk": o.health_plan.pk},
    "health:dose-create": lambda o: {"pk": o.health_plan.pk},
    "health:book-slot": lambda o: {"pk": o.health_slot.pk},
    "health:my-booking-cancel": lambda o: {"pk": o.health_booking.pk},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    """Community A's health records: a team, a contract, a timetable with a booked slot,
    a hypertension patient with a follow-up, and a child's vaccination plan."""
    resident, staff = o.resident, o.staff
    team = make_team(o.community, compounds=[o.compound])
    contract = Contract.objects.create(
        resident=resident,
        team=team,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        key_groups=["hypertension"],
    )
    timetable = make_timetable(team.facility)
    slot = make_slot(timetable, days_ahead=3)
    booking = Booking.objects.create(
        slot=slot, resident=resident, service=timetable.service, day=slot.day
    )
    slot.booked = 1
    slot.save()
    patient = Patient.objects.create(
        resident=resident,
        condition="hypertension",
        team=team,
        registered_on=dt.date(2025, 6, 1),
        next_due=timezone.localdate(),
    )
    followup = FollowUp.objects.create(
        patient=patient,
        visited_on=dt.date(2026, 1, 10),
        method="clinic",
        systolic=136,
        diastolic=84,
        classification="satisfied",
        situation="controlled",
        action="regular",
        next_due=dt.date(2026, 4, 11),
        doctor=staff,
    )
    plan = ChildPlan.objects.create(child=resident, schedule="2021")
    DoseGiven.objects.create(
        plan=plan, vaccine="HepB", number=1, given_on=resident.birth_date, given_by=staff
    )
    return {
        "health_team": team,
        "health_contract": contract,
        "health_timetable": timetable,
        "health_slot": slot,
        "health_booking": booking,
        "health_patient": patient,
        "health_followup": followup,
        "health_plan": plan,
    }


# Rows of the URL walk's tables (tests/security/test_url_walk.py).
# A resident's own health bookings and contract request (staff: the staff pages).
RESIDENT_PAGES = {
    "health:book",
    "health:book-slot",
    "health:my-bookings",
    "health:my-booking-cancel",
    "health:contract-request",
}

# Rows of the fuzz pass's tables (tests/security/test_fuzz.py): forms submitted to their view.
FORM_VIEWS = {
    "ContractSignForm": ("health:contract-create", "post", None),
    "ContractEndForm": ("health:contract-end", "post", lambda o: [o.health_contract.pk]),
    "ContractConfirmForm": ("health:contract-confirm", "post", lambda o: [o.health_contract.pk]),
    "ContractFilterForm": ("health:contract-list", "get", None),
    "TimetableForm": ("health:timetable-create", "post", None),
    "StaffBookingForm": ("health:booking-create", "post", lambda o: [o.health_slot.pk]),
    "BookingFilterForm": ("health:booking-list", "get", None),
    "PatientForm": ("health:patient-create", "post", None),
    "FollowUpForm": ("health:followup-create", "post", lambda o: [o.health_patient.pk]),
    "ChildPlanForm": ("health:child-create", "post", None),
    "DoseForm": ("health:dose-create", "post", lambda o: [o.health_plan.pk]),
    "ElderlyCheckForm": ("health:elderly-create", "post", None),
    "ContractRequestForm": ("health:contract-request", "post", None),
    "DayOffForm": ("health:timetable-day-off", "post", lambda o: [o.health_timetable.pk]),
}
