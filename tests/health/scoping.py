"""The health app's community-scoped models, one row each in communities A and B, for the
scoping table of tests/security/test_scoping.py."""

import datetime as dt

from health.models import (
    Booking,
    ChildPlan,
    Contract,
    DoseGiven,
    ElderlyCheck,
    Facility,
    FollowUp,
    Patient,
    Slot,
    Team,
    Timetable,
)
from tests.health.helpers import make_slot, make_team, make_timetable

SCOPED_MODELS = [
    Timetable,
    Slot,
    Booking,
    Patient,
    FollowUp,
    ChildPlan,
    DoseGiven,
    ElderlyCheck,
    Facility,
    Team,
    Contract,
]


def scoped_world(resident_a, resident_b, issuer) -> dict:
    """A team with its facility, a timetable with a booked slot, a contract, a patient
    with a follow-up, a vaccination plan with a dose and an elderly check, in each
    resident's community."""
    rows: dict = {model: [] for model in SCOPED_MODELS}
    for resident in (resident_a, resident_b):
        team = make_team(resident.community)
        timetable = make_timetable(team.facility)
        slot = make_slot(timetable, days_ahead=3)
        patient = Patient.objects.create(
            resident=resident,
            condition="hypertension",
            team=team,
            registered_on=dt.date(2025, 6, 1),
        )
        plan = ChildPlan.objects.create(child=resident, schedule="2021")
        rows[Facility].append(team.facility)
        rows[Team].append(team)
        rows[Timetable].append(timetable)
        rows[Slot].append(slot)
        rows[Booking].append(
            Booking.objects.create(
                slot=slot, resident=resident, service=timetable.service, day=slot.day
            )
        )
        rows[Contract].append(
            Contract.objects.create(
                resident=resident,
                team=team,
                starts_on=dt.date(2026, 1, 1),
                ends_on=dt.date(2026, 12, 31),
            )
        )
        rows[Patient].append(patient)
        rows[FollowUp].append(
            FollowUp.objects.create(
                patient=patient,
                visited_on=dt.date(2026, 1, 10),
                method="clinic",
                classification="satisfied",
                situation="controlled",
                action="regular",
                next_due=dt.date(2026, 4, 11),
                doctor=issuer,
            )
        )
        rows[ChildPlan].append(plan)
        rows[DoseGiven].append(
            DoseGiven.objects.create(
                plan=plan, vaccine="HepB", number=1, given_on=dt.date(2026, 1, 1), given_by=issuer
            )
        )
        rows[ElderlyCheck].append(
            ElderlyCheck.objects.create(
                resident=resident,
                year=2026,
                checked_on=dt.date(2026, 3, 1),
                eating=0,
                grooming=0,
                dressing=0,
                toileting=0,
                moving=0,
                self_care_total=0,
                self_care_level="independent",
                doctor=issuer,
            )
        )
    return {model: tuple(pair) for model, pair in rows.items()}
