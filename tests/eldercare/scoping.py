"""The eldercare app's community-scoped models, one row each in communities A and B, for
the scoping table of tests/security/test_scoping.py."""

import datetime as dt
from decimal import Decimal

from eldercare.models import (
    Acceptance,
    Assessment,
    ElderProfile,
    Enrolment,
    Incident,
    Installation,
    Pairing,
    ServiceItem,
    ServiceKind,
    ServiceRecord,
    ServiceRequest,
    Station,
    Team,
    Visit,
    Volunteer,
    Worker,
)

SCOPED_MODELS = [
    ElderProfile,
    Assessment,
    Station,
    Worker,
    ServiceRecord,
    Installation,
    Incident,
    Volunteer,
    Team,
    Pairing,
    Visit,
    Enrolment,
    ServiceRequest,
]


def scoped_world(resident_a, resident_b, issuer) -> dict:
    """Each resident as an elder with a profile, an assessment, a station with a worker who
    served them, a call device with an incident, a volunteer pairing with a visit, a team,
    an allowance enrolment and a service request, in their own community."""
    item = ServiceItem.objects.create(kind=ServiceKind.MEALS, name="助餐", price=Decimal("12"))
    rows: dict = {model: [] for model in SCOPED_MODELS}
    for resident in (resident_a, resident_b):
        community, household = resident.community, resident.household
        station = Station.objects.create(
            community=community, name="服务站", acceptance=Acceptance.ACCEPTED
        )
        worker = Worker.objects.create(station=station, name="护理员")
        started = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
        installation = Installation.objects.create(
            household=household,
            elder=resident,
            device_number=f"T-{resident.pk}",
            installed_on=dt.date(2026, 1, 5),
        )
        volunteer = Volunteer.objects.create(resident=resident, registered_on=dt.date(2026, 1, 1))
        pairing = Pairing.objects.create(
            elder=resident, volunteer=volunteer, interval_days=7, started_on=dt.date(2026, 1, 5)
        )
        rows[ElderProfile].append(ElderProfile.objects.create(resident=resident))
        rows[Assessment].append(
            Assessment.objects.create(
                elder=resident,
                assessed_on=dt.date(2026, 1, 6),
                reason="first",
                assessor=issuer,
                assessor_name="评估员",
                total=90,
            )
        )
        rows[Station].append(station)
        rows[Worker].append(worker)
        rows[ServiceRecord].append(
            ServiceRecord.objects.create(
                station=station,
                elder=resident,
                item=item,
                worker=worker,
                started_at=started,
                ended_at=started + dt.timedelta(hours=1),
                recorded_by=issuer,
            )
        )
        rows[Installation].append(installation)
        rows[Incident].append(
            Incident.objects.create(installation=installation, received_at=started)
        )
        rows[Volunteer].append(volunteer)
        rows[Team].append(Team.objects.create(community=community, name="助老队"))
        rows[Pairing].append(pairing)
        rows[Visit].append(
            Visit.objects.create(
                pairing=pairing,
                volunteer=volunteer,
                visited_on=dt.date(2026, 1, 9),
                hours=Decimal("1"),
            )
        )
        rows[Enrolment].append(
            Enrolment.objects.create(
                resident=resident,
                applied_on=dt.date(2021, 4, 2),
                first_month=dt.date(2021, 4, 1),
                enrolled_by=issuer,
            )
        )
        rows[ServiceRequest].append(
            ServiceRequest.objects.create(elder=resident, kind="device", requested_by=issuer)
        )
    return {model: tuple(pair) for model, pair in rows.items()}
