"""The health app's records, re-exported: teams and contracts, appointments, health records."""

from health.models.appointments import (
    Booking,
    BookingStatus,
    Service,
    Slot,
    Timetable,
    TimetableException,
    slot_times,
)
from health.models.records import (
    FACE_TO_FACE,
    Adherence,
    ChildPlan,
    Classification,
    Condition,
    DoseGiven,
    ElderlyCheck,
    FollowUp,
    HepaLine,
    JeLine,
    Level3,
    Patient,
    PatientStatus,
    Salt,
    Stability,
    VisitMethod,
)
from health.models.teams import (
    DERIVED_GROUPS,
    OPEN_STATUSES,
    Contract,
    ContractStatus,
    EndReason,
    Facility,
    FacilityKind,
    HealthAccess,
    KeyGroup,
    MemberRole,
    Package,
    Team,
    TeamMember,
)

__all__ = [
    "DERIVED_GROUPS", "FACE_TO_FACE", "OPEN_STATUSES", "Adherence", "Booking", "BookingStatus",
    "ChildPlan", "Classification", "Condition", "Contract", "ContractStatus", "DoseGiven",
    "ElderlyCheck", "EndReason", "Facility", "FacilityKind", "FollowUp", "HealthAccess",
    "HepaLine", "JeLine", "KeyGroup", "Level3", "MemberRole", "Package", "Patient",
    "PatientStatus", "Salt", "Service", "Slot", "Stability", "Team", "TeamMember", "Timetable",
    "TimetableException", "VisitMethod", "slot_times",
]
