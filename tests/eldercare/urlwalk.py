"""The elder-care part of the URL walk: how to fill each route that takes arguments, and
community A's records they name (an elder of 85, a station, a device, a pairing with a
visit waiting for approval, a 高龄津贴 enrolment, an assessment)."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from eldercare.models import (
    Acceptance,
    Assessment,
    Enrolment,
    Installation,
    Pairing,
    ServiceRequest,
    Station,
    Visit,
    Volunteer,
)
from portal.registry.idnumbers import build_id_number
from portal.registry.models import Household, Resident

ARGUMENTS = {
    "eldercare:elder-detail": lambda o: {"pk": o.elder.pk},
    "eldercare:profile-edit": lambda o: {"pk": o.elder.pk},
    "eldercare:condition-change": lambda o: {"pk": o.elder.pk},
    "eldercare:assessment-detail": lambda o: {"pk": o.assessment.pk},
    "eldercare:station-detail": lambda o: {"pk": o.station.pk},
    "eldercare:record-create": lambda o: {"pk": o.station.pk},
    "eldercare:device-detail": lambda o: {"pk": o.installation.pk},
    "eldercare:device-remove": lambda o: {"pk": o.installation.pk},
    "eldercare:pairing-detail": lambda o: {"pk": o.pairing.pk},
    "eldercare:pairing-end": lambda o: {"pk": o.pairing.pk},
    "eldercare:visit-decide": lambda o: {"pk": o.visit.pk},
    "eldercare:enrolment-stop": lambda o: {"pk": o.allowance_enrolment.pk},
    "eldercare:visit-log": lambda o: {"pk": o.pairing.pk},
    "eldercare:request-handle": lambda o: {"pk": o.service_request.pk},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    community, staff = o.community, o.staff
    household = Household.objects.create(community=community, address="东南花园9幢101室")
    birth = dt.date(1941, 4, 2)
    elder = Resident.objects.create(
        community=community,
        household=household,
        relation_to_head="head",
        name="walk老人",
        gender="F",
        id_number=build_id_number("330203", birth, 88),
        birth_date=birth,
    )
    station = Station.objects.create(
        community=community, name="walk服务站", acceptance=Acceptance.ACCEPTED
    )
    installation = Installation.objects.create(
        household=household, elder=elder, device_number="WALK-1", installed_on=dt.date(2026, 1, 5)
    )
    volunteer = Volunteer.objects.create(resident=o.resident, registered_on=dt.date(2026, 1, 1))
    pairing = Pairing.objects.create(
        elder=elder, volunteer=volunteer, interval_days=7, started_on=dt.date(2026, 1, 5)
    )
    visit = Visit.objects.create(
        pairing=pairing, volunteer=volunteer, visited_on=dt.date(2026, 1, 9), hours=Decimal("1")
    )
    enrolment = Enrolment.objects.create(
        resident=elder,
        applied_on=dt.date(2021, 4, 2),
        first_month=dt.date(2021, 4, 1),
        enrolled_by=staff,
    )
    assessment = Assessment.objects.create(
        elder=elder,
        assessed_on=dt.date(2026, 1, 6),
        reason="first",
        assessor=staff,
        assessor_name="评估员",
        total=90,
    )
    service_request = ServiceRequest.objects.create(
        elder=elder, kind="device", requested_by=staff, note="想装呼叫器"
    )
    return {
        "service_request": service_request,
        "elder": elder,
        "station": station,
        "installation": installation,
        "pairing": pairing,
        "visit": visit,
        "allowance_enrolment": enrolment,
        "assessment": assessment,
    }


# Rows of the URL walk's tables (tests/security/test_url_walk.py).
RESIDENT_PAGES = {"eldercare:apply"}

# Rows of the fuzz pass's tables (tests/security/test_fuzz.py): forms submitted to their view.
FORM_VIEWS = {
    "ElderFilterForm": ("eldercare:elder-list", "get", None),
    "ElderProfileForm": ("eldercare:profile-edit", "post", lambda o: [o.elder.pk]),
    "CapabilityAssessmentForm": ("eldercare:assessment-create", "post", None),
    "ElderServiceRecordForm": ("eldercare:record-create", "post", lambda o: [o.station.pk]),
    "DeviceInstallationForm": ("eldercare:device-create", "post", None),
    "CallIncidentForm": ("eldercare:device-detail", "post", lambda o: [o.installation.pk]),
    "VolunteerRegisterForm": ("eldercare:volunteer-create", "post", None),
    "ElderPairingForm": ("eldercare:pairing-create", "post", None),
    "ElderVisitForm": ("eldercare:visit-log", "post", lambda o: [o.pairing.pk]),
    "AllowanceEnrolmentForm": ("eldercare:enrolment-create", "post", None),
    "AllowanceStopForm": ("eldercare:enrolment-stop", "post", lambda o: [o.allowance_enrolment.pk]),
    "CareMonthForm": ("eldercare:allowance-list", "get", None),
    "ElderRequestForm": ("eldercare:apply", "post", None),
}
RESIDENT_FORMS = {"ElderRequestForm"}
