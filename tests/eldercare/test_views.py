"""The staff pages: each answers its staff, refuses the outsider (404) and sends the
anonymous visitor to log in; list pages keep their query budgets."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from eldercare.models import (
    Assessment,
    Enrolment,
    Installation,
    Living,
    Pairing,
    Visit,
    VisitStatus,
    Volunteer,
)
from portal.accounts.models import Role
from tests.conftest import client_for
from tests.eldercare.conftest import elder
from tests.eldercare.test_assessment_rules import sheet
from tests.factories import ResidentFactory, UserFactory


@pytest.fixture
def cast(community_a, staff_a, brackets, station_a, worker_a, meals):
    people = [
        elder(community_a, dt.date(1940 + n, 2, 1), name=f"老人{n}", living=Living.ALONE)
        for n in range(3)
    ]
    volunteer = Volunteer.objects.create(
        resident=ResidentFactory(community=community_a, name="义工甲"),
        registered_on=dt.date(2026, 1, 1),
    )
    pairing = Pairing.objects.create(
        elder=people[0], volunteer=volunteer, interval_days=7, started_on=dt.date(2026, 1, 5)
    )
    visit = Visit.objects.create(
        pairing=pairing, volunteer=volunteer, visited_on=dt.date(2026, 1, 9), hours=Decimal("1")
    )
    device = Installation.objects.create(
        household=people[0].household,
        elder=people[0],
        device_number="D-1",
        installed_on=dt.date(2026, 1, 5),
    )
    enrolment = Enrolment.objects.create(
        resident=people[0],
        applied_on=dt.date(2021, 1, 1),
        first_month=dt.date(2021, 1, 1),
        enrolled_by=staff_a,
    )
    assessment = Assessment.objects.create(
        elder=people[0],
        assessed_on=dt.date(2026, 1, 6),
        reason="first",
        assessor=staff_a,
        assessor_name="甲",
        scores=sheet(),
        total=90,
        next_due_on=dt.date(2027, 1, 6),
    )
    return {
        "people": people,
        "volunteer": volunteer,
        "pairing": pairing,
        "visit": visit,
        "device": device,
        "enrolment": enrolment,
        "assessment": assessment,
    }


def detail_urls(cast, station):
    elder_pk = cast["people"][0].pk
    return [
        reverse("eldercare:elder-detail", args=[elder_pk]),
        reverse("eldercare:profile-edit", args=[elder_pk]),
        reverse("eldercare:assessment-create") + f"?elder={elder_pk}",
        reverse("eldercare:assessment-detail", args=[cast["assessment"].pk]),
        reverse("eldercare:station-detail", args=[station.pk]),
        reverse("eldercare:record-create", args=[station.pk]),
        reverse("eldercare:device-detail", args=[cast["device"].pk]),
        reverse("eldercare:pairing-detail", args=[cast["pairing"].pk]),
        reverse("eldercare:enrolment-stop", args=[cast["enrolment"].pk]),
    ]


LISTS = [
    "eldercare:elder-list",
    "eldercare:missing-list",
    "eldercare:station-list",
    "eldercare:station-figures",
    "eldercare:device-list",
    "eldercare:device-create",
    "eldercare:volunteer-list",
    "eldercare:volunteer-create",
    "eldercare:pairing-list",
    "eldercare:pairing-create",
    "eldercare:allowance-list",
    "eldercare:enrolment-create",
]


@pytest.mark.django_db
def test_staff_reach_every_page(client, cast, staff_a, station_a):
    client_for(client, staff_a)
    for url in [reverse(name) for name in LISTS if not name.endswith("-create")] + detail_urls(
        cast, station_a
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_outsiders_get_404_and_anonymous_visitors_log_in(client, cast, staff_b, station_a):
    for url in detail_urls(cast, station_a):
        assert client.get(url).status_code == 302, url
    client_for(client, staff_b)
    for url in detail_urls(cast, station_a):
        assert client.get(url).status_code == 404, url
    for name in LISTS:
        response = client.get(reverse(name))
        assert response.status_code in (200, 404), name
        assert "老人0" not in response.content.decode()


@pytest.mark.django_db
def test_a_doctor_is_refused(client, cast, doctor_a):
    client_for(client, doctor_a)
    assert client.get(reverse("eldercare:elder-list")).status_code == 403


@pytest.mark.django_db
def test_the_register_filters_by_category_and_band(client, cast, staff_a, community_a):
    elder(community_a, dt.date(1934, 1, 1), name="九旬老人")
    client_for(client, staff_a)
    page = client.get(reverse("eldercare:elder-list"), {"band": 90}).content.decode()
    # born 1940–1942: 84 to 86 in 2026, not 90+; born 1934: 92
    assert "九旬老人" in page and "老人0" not in page
    page = client.get(reverse("eldercare:elder-list"), {"category": "alone"}).content.decode()
    assert "老人1" in page
    page = client.get(reverse("eldercare:elder-list"), {"category": "childless"}).content.decode()
    assert "老人1" not in page


@pytest.mark.django_db
def test_list_query_budgets(client, cast, staff_a, community_a, django_assert_max_num_queries):
    client_for(client, staff_a)
    for n in range(5):
        elder(community_a, dt.date(1930 + n, 3, 1), name=f"更多{n}", living=Living.WITH_SPOUSE)
    # session + user (2); count + page of elders with community, household, profile (2);
    # the assistance statuses hook (1–2); disabled tags (1); the menu and panels (≤ 6)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("eldercare:elder-list")).status_code == 200
    # session + user (2); the table (1); the enrolments (1); menu (≤ 6)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("eldercare:allowance-list")).status_code == 200
    # session + user (2); count, page (2); progress: count, this year, target (3); calls (1);
    # menu (≤ 6)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("eldercare:device-list")).status_code == 200
    # session + user (2); count, page (2); waiting visits (1); menu (≤ 6)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("eldercare:pairing-list")).status_code == 200
    # session + user (2); visible ids (1); figures (2); stations (2); menu (≤ 6)
    with django_assert_max_num_queries(13):
        assert client.get(reverse("eldercare:station-list")).status_code == 200
    # session + user (2); elders in scope not enrolled (1); table (1); menu (≤ 6)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("eldercare:missing-list") + "?list=allowance").status_code == 200
    # session + user (2); elders without a device (1); statuses hook (1–2); disabled tags (1);
    # menu (≤ 6)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("eldercare:missing-list") + "?list=device").status_code == 200
    # session + user (2); count, page of requests with elder and community (2); menu (≤ 6)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("eldercare:request-list")).status_code == 200
    # session + user (2); count, page of volunteers with resident and community (2); menu (≤ 6)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("eldercare:volunteer-list")).status_code == 200
    # session + user (2); visible stations (1); figures (2); stations (1); menu (≤ 6)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("eldercare:station-figures")).status_code == 200


@pytest.mark.django_db
def test_recording_an_assessment_through_the_form(client, cast, staff_a):
    person = cast["people"][1]
    client_for(client, staff_a)
    data = {
        **sheet(b1_eating=0),
        "assessed_on": "2026-05-01",
        "reason": "first",
        "assessor_name": "评估员乙",
        "risk_events": "2",
    }
    response = client.post(reverse("eldercare:assessment-create") + f"?elder={person.pk}", data)
    assessment = Assessment.objects.unscoped().get(elder=person)
    assert response.status_code == 302
    # 90 − 4 = 86 → level 1; 2 risk events → level 2
    assert (assessment.total, assessment.base_level, assessment.level) == (86, 1, 2)
    bad = client.post(
        reverse("eldercare:assessment-create") + f"?elder={person.pk}",
        {**data, "b1_eating": "9"},
    )
    assert (
        bad.status_code == 200 and Assessment.objects.unscoped().filter(elder=person).count() == 1
    )


@pytest.mark.django_db
def test_the_volunteer_logs_a_visit_and_staff_approve_it(client, cast, staff_a):
    volunteer = cast["volunteer"]
    account = UserFactory(username="yigong", role=Role.RESIDENT, resident=volunteer.resident)
    client_for(client, account)
    assert "老人0" in client.get(reverse("eldercare:my-visits")).content.decode()
    url = reverse("eldercare:visit-log", args=[cast["pairing"].pk])
    response = client.post(url, {"visited_on": "2026-02-01", "hours": "1.5", "notes": "聊天"})
    assert response.status_code == 302
    visit = Visit.objects.unscoped().get(visited_on=dt.date(2026, 2, 1))
    # another elder's pairing is not this volunteer's: 404
    other = Pairing.objects.create(
        elder=cast["people"][2],
        volunteer=Volunteer.objects.create(
            resident=ResidentFactory(community=staff_a.community), registered_on=dt.date(2026, 1, 1)
        ),
        interval_days=7,
        started_on=dt.date(2026, 1, 1),
    )
    assert client.get(reverse("eldercare:visit-log", args=[other.pk])).status_code == 404
    client_for(client, staff_a)
    client.post(reverse("eldercare:visit-decide", args=[visit.pk]), {"decision": "approve"})
    visit.refresh_from_db()
    assert visit.status == VisitStatus.APPROVED


@pytest.mark.django_db
def test_the_resident_panel_shows_the_elder(client, cast, staff_a, doctor_a):
    from eldercare.dashboard import resident_panels

    (panel,) = resident_panels(staff_a, cast["people"][0])
    assert any("义工甲" in str(line.value) for line in panel.lines)
    assert resident_panels(doctor_a, cast["people"][0]) == []


@pytest.mark.django_db
def test_the_staff_panel_counts_the_work_due_in_one_query(
    cast, staff_a, staff_b, django_assert_num_queries
):
    from eldercare.dashboard import staff_panels

    Assessment.objects.filter(pk=cast["assessment"].pk).update(next_due_on=dt.date(2020, 1, 1))
    with django_assert_num_queries(1):
        (panel,) = staff_panels(staff_a)
    assert [line.count for line in panel.lines] == [0, 1, 1]  # requests, visits, overdue
    assert [line.count for line in staff_panels(staff_b)[0].lines] == [0, 0, 0]


@pytest.mark.django_db
def test_the_monthly_call_report_gives_the_median_response(client, cast, staff_a):
    from eldercare.models import Incident

    device = cast["device"]
    sh = dt.timezone(dt.timedelta(hours=8))
    # May: responses after 4, 10 and 30 minutes (one call unanswered) → median 10
    for day, minutes in ((3, 4), (9, 10), (20, 30), (25, None)):
        received = dt.datetime(2026, 5, day, 9, tzinfo=sh)
        Incident.objects.create(
            installation=device,
            received_at=received,
            responded_at=received + dt.timedelta(minutes=minutes) if minutes else None,
        )
    client_for(client, staff_a)
    page = client.get(reverse("eldercare:device-list"), {"month": "2026-05"}).content.decode()
    figures = page.split('id="call-figures"')[1].split("</p>")[0]
    assert "4" in figures and "3" in figures and "10" in figures
    empty = client.get(reverse("eldercare:device-list"), {"month": "2026-04"}).content.decode()
    assert "0" in empty.split('id="call-figures"')[1].split("</p>")[0]
