"""The permission-checked fetchers of health records: 404 outside the viewer's community
(``portal.accounts.scoping``, which logs the attempt). Every fetch of a health record
(patient, follow-up, child plan, 65+ check) writes a ``HealthAccess`` row: who, when, what.
Role checks are the views' decorators (``health.roles``)."""

from typing import Any

from health.models import (
    Booking,
    ChildPlan,
    Contract,
    FollowUp,
    HealthAccess,
    Patient,
    Team,
    Timetable,
)
from portal.accounts.scoping import get_visible_or_404


def record_access(user: Any, resident_id: int, what: str, object_id: int | None) -> None:
    HealthAccess.objects.create(user=user, resident_id=resident_id, what=what, object_id=object_id)


def get_patient_for_user(user: Any, pk: int) -> Patient:
    patient = get_visible_or_404(Patient.objects.select_related("resident", "team"), user, pk=pk)
    record_access(user, patient.resident_id, "patient", patient.pk)
    return patient


def get_followup_for_user(user: Any, pk: int) -> FollowUp:
    followup = get_visible_or_404(
        FollowUp.objects.select_related("patient__resident", "doctor"), user, pk=pk
    )
    record_access(user, followup.patient.resident_id, "followup", followup.pk)
    return followup


def get_child_plan_for_user(user: Any, pk: int) -> ChildPlan:
    plan = get_visible_or_404(ChildPlan.objects.select_related("child"), user, pk=pk)
    record_access(user, plan.child_id, "vaccination", plan.pk)
    return plan


def get_contract_for_user(user: Any, pk: int) -> Contract:
    return get_visible_or_404(Contract.objects.select_related("resident", "team"), user, pk=pk)


def get_team_for_user(user: Any, pk: int) -> Team:
    return get_visible_or_404(Team.objects.select_related("facility"), user, pk=pk)


def get_timetable_for_user(user: Any, pk: int) -> Timetable:
    return get_visible_or_404(Timetable.objects.select_related("facility"), user, pk=pk)


def get_booking_for_user(user: Any, pk: int) -> Booking:
    return get_visible_or_404(
        Booking.objects.select_related("slot__timetable__facility", "resident"), user, pk=pk
    )
