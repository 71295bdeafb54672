"""Health records are seen by the family doctors of the patient's community only.

Walked over every route of the app (with community A's records from ``urlwalk.py``): a
family doctor of community B gets 404 on A's records and no A row on any list; community
A's care-station operator and Party secretary are refused everything (403); community
staff see the office side but no clinical record. Every view of a record writes an access
entry; the resident page's panel is only for clinicians; the lists hold only the viewer's
community's ids.
"""

from types import SimpleNamespace

import pytest
from django.urls import URLPattern, get_resolver, reverse

from health.dashboard import resident_panels, staff_panels
from health.models import HealthAccess, Patient
from portal.accounts.models import Role
from tests.factories import UserFactory
from tests.health import urlwalk
from tests.health.helpers import make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def health(resident_a, household_a, compound_a, community_a, staff_a):
    base = SimpleNamespace(
        resident=resident_a,
        household=household_a,
        compound=compound_a,
        community=community_a,
        staff=staff_a,
    )
    return SimpleNamespace(**urlwalk.walk_objects(base))


@pytest.fixture
def doctor_b(community_b):
    return UserFactory(username="doctor_b", role=Role.FAMILY_DOCTOR, community=community_b)


def staff_routes():
    resolver = get_resolver()
    namespace = resolver.namespace_dict["health"][1]
    routes = []
    for pattern in namespace.url_patterns:
        assert isinstance(pattern, URLPattern)
        if str(pattern.pattern).startswith("staff/"):
            routes.append(f"health:{pattern.name}")
    return routes


def url(name, health):
    filler = urlwalk.ARGUMENTS.get(name)
    return reverse(name, kwargs=filler(health) if filler else None)


def test_every_staff_route_is_walked():
    assert len(staff_routes()) == 33


@pytest.mark.parametrize("role", [Role.CARE_STATION_OPERATOR, Role.PARTY_SECRETARY])
def test_care_operators_and_party_secretaries_are_refused_everything(
    client, health, community_a, role
):
    client.force_login(UserFactory(role=role, community=community_a))
    for name in staff_routes():
        for method in ("get", "post"):
            response = getattr(client, method)(url(name, health))
            assert response.status_code in {403, 405}, (name, method, response.status_code)
    assert not HealthAccess.objects.exists()


def test_a_doctor_of_another_community_gets_404_and_no_rows(client, health, doctor_b, resident_a):
    client.force_login(doctor_b)
    secrets = [resident_a.name, resident_a.id_number]
    for name in staff_routes():
        target = url(name, health)
        if name in urlwalk.ARGUMENTS:
            for method in ("get", "post"):
                response = getattr(client, method)(target)
                assert response.status_code in {404, 405}, (name, method, response.status_code)
        else:
            response = client.get(target)
            assert response.status_code == 200, name
            assert not any(secret in response.text for secret in secrets), name
    assert not HealthAccess.objects.exists()


def test_lists_hold_only_the_viewers_community_ids(
    client, health, doctor_a, doctor_b, community_b, resident_b
):
    team_b = make_team(community_b)
    patient_b = Patient.objects.create(
        resident=resident_b,
        condition="diabetes",
        team=team_b,
        registered_on=health.health_patient.registered_on,
    )
    client.force_login(doctor_b)
    ids = {p.pk for p in client.get(reverse("health:patient-list")).context["page_obj"]}
    assert ids == {patient_b.pk}
    client.force_login(doctor_a)
    ids = {p.pk for p in client.get(reverse("health:patient-list")).context["page_obj"]}
    assert ids == {health.health_patient.pk}
    contracts = {c.pk for c in client.get(reverse("health:contract-list")).context["page_obj"]}
    assert contracts == {health.health_contract.pk}


def test_community_staff_see_the_office_side_but_no_clinical_record(client, health, staff_a):
    client.force_login(staff_a)
    assert client.get(url("health:contract-detail", health)).status_code == 200
    assert client.get(url("health:booking-create", health)).status_code == 200
    for name in (
        "health:patient-detail",
        "health:followup-detail",
        "health:child-detail",
        "health:patient-list",
        "health:followup-due",
        "health:overdue",
    ):
        assert client.get(url(name, health)).status_code == 403, name
    assert not HealthAccess.objects.exists()


def test_every_view_of_a_record_writes_an_access_entry(client, health, doctor_a):
    client.force_login(doctor_a)
    for name, what, pk in (
        ("health:patient-detail", "patient", health.health_patient.pk),
        ("health:followup-detail", "followup", health.health_followup.pk),
        ("health:child-detail", "vaccination", health.health_plan.pk),
    ):
        assert client.get(url(name, health)).status_code == 200
        entry = HealthAccess.objects.latest("at")
        assert (entry.user, entry.what, entry.object_id) == (doctor_a, what, pk)
    assert HealthAccess.objects.count() == 3


def test_the_resident_panel_is_for_clinicians_only(
    health, resident_a, doctor_a, staff_a, community_a
):
    assert resident_panels(doctor_a, resident_a)[0].lines
    for role in (Role.COMMUNITY_STAFF, Role.CARE_STATION_OPERATOR, Role.PARTY_SECRETARY):
        user = (
            staff_a
            if role == Role.COMMUNITY_STAFF
            else UserFactory(role=role, community=community_a)
        )
        assert resident_panels(user, resident_a) == []
    assert staff_panels(UserFactory(role=Role.PARTY_SECRETARY, community=community_a)) == []
    lines = staff_panels(doctor_a)[0].lines
    assert [line.count for line in lines] == [0, 1, 0]  # the walk's patient is due today


def test_the_resident_page_shows_health_only_to_clinicians(
    client, health, resident_a, doctor_a, staff_a
):
    page = reverse("registry:resident-detail", args=[resident_a.pk])
    client.force_login(staff_a)
    team = health.health_team.name  # on the panel's contract line only
    assert team not in client.get(page).text
    client.force_login(doctor_a)
    response = client.get(page)
    assert response.status_code == 200
    assert team in response.text and "高血压" in response.text
