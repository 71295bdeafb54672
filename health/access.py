"""The permission-checked fetchers of health records: 404 outside the viewer's community
(``portal.accounts.scoping``, which logs the attempt). Every fetch of a health record
(patient, follow-up, child plan, 65+ check) writes a ``HealthAccess`` row: who, when, what.
Role checks are the views' decorators (``health.roles``)."""

from typing import Any

from django.core.exceptions import PermissionDenied

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
from health.roles import is_clinician
from portal.accounts.scoping import get_visible_or_404


def record_access(user: Any, resident_id: int, what: str, object_id: int | None) -> None:
    HealthAccess.objects.create(user=user, resident_id=resident_id, what=what, object_id=object_id)


def _clinical(user: Any, record: Any, resident_id: int, what: str) -> Any:
    """A health record fetched in scope: 403 for roles without the right (after the
    community's 404, so another community learns nothing), then the access entry."""
    if not is_clinician(user):
        raise PermissionDenied
    record_access(user, resident_id, what, record.pk)
    return record


def get_patient_for_user(user: Any, pk: int) -> Patient:
    patient = get_visible_or_404(Patient.objects.select_related("resident", "team"), user, pk=pk)
    return _clinical(user, patient, patient.resident_id, "patient")


def get_followup_for_user(user: Any, pk: int) -> FollowUp:
    followup = get_visible_or_404(
        FollowUp.objects.select_related("patient__resident", "doctor"), user, pk=pk
    )
    return _clinical(user, followup, followup.patient.resident_id, "followup")


def get_child_plan_for_user(user: Any, pk: int) -> ChildPlan:
    plan = get_visible_or_404(ChildPlan.objects.select_related("child"), user, pk=pk)
    return _clinical(user, plan, plan.child_id, "vaccination")


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
