"""The health pages: the lists within their query budgets, recording a follow-up, the
residents' booking and 我的预约, a contract request confirmed by the team, the coverage
report and the work-plan measures."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from health.models import Booking, Contract, FollowUp, HealthAccess, Slot
from health.reports import build_coverage
from portal.core import hooks
from tests.health import urlwalk
from tests.health.helpers import make_slot

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


# Each list: 1 session, 2 user, then the page's own queries (counted per view), and the
# savepoint/session-stamp/release (3) of the login middleware: budget = 5 + own.
LISTS = [
    ("health:team-list", 2),  # teams with counts, members
    ("health:contract-list", 2),  # count, page
    ("health:timetable-list", 1),  # timetables
    ("health:booking-list", 2),  # count, page
    ("health:patient-list", 2),  # count, page
    ("health:followup-due", 2),  # count, page
    ("health:child-list", 2),  # plans, doses
    ("health:elderly-list", 3),  # count, page, checks
    ("health:home", 1),  # teams
    # teams+compounds (2), residents (1), registries and statuses hook (2), contracts (1),
    # checks (1), plans+doses (2), lost patients (1): bounded, whatever the numbers
    ("health:overdue", 10),
]


@pytest.mark.parametrize("name,own", LISTS)
def test_list_query_budgets(client, health, doctor_a, django_assert_max_num_queries, name, own):
    client.force_login(doctor_a)
    with django_assert_max_num_queries(5 + own + 2):  # +2: the menu's and panels' checks
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_overdue_page_links_each_row_to_its_action(client, health, doctor_a, resident_a):
    Contract.objects.unscoped().delete()
    client.force_login(doctor_a)
    response = client.get(reverse("health:overdue"))
    assert response.status_code == 200
    text = response.text
    assert (
        f"{reverse('health:contract-create')}?resident={resident_a.pk}" in text
    )  # hypertension, no contract
    assert reverse("health:child-detail", args=[health.health_plan.pk]) in text  # doses overdue


def test_recording_a_follow_up_through_the_page(client, health, doctor_a):
    client.force_login(doctor_a)
    page = reverse("health:followup-create", args=[health.health_patient.pk])
    assert client.get(page).status_code == 200
    today = timezone.localdate()
    response = client.post(
        page,
        {
            "visited_on": today.isoformat(),
            "method": "clinic",
            "systolic": "150",
            "diastolic": "96",
            "symptoms": ["headache"],
            "adherence": "regular",
        },
    )
    followup = FollowUp.objects.unscoped().latest("pk")
    assert response.status_code == 302 and response.url == followup.get_absolute_url()
    assert (followup.action, followup.next_due) == ("adjust", today + dt.timedelta(days=14))
    bad = client.post(
        page,
        {"visited_on": today.isoformat(), "method": "clinic", "systolic": "90", "diastolic": "120"},
    )
    assert bad.status_code == 200
    assert "舒张压必须低于收缩压" in bad.text
    assert FollowUp.objects.unscoped().count() == 2  # the walk's and the one above


def test_a_resident_books_sees_and_cancels(client, health, resident_user, resident_a):
    resident_user.resident = resident_a
    resident_user.save()
    client.force_login(resident_user)
    slot = make_slot(health.health_timetable, days_ahead=4)
    page = client.get(reverse("health:book"))
    assert page.status_code == 200 and f"slot-{slot.pk}" in page.text
    response = client.post(reverse("health:book-slot", args=[slot.pk]))
    assert response.url == reverse("health:my-bookings")
    booking = Booking.objects.unscoped().get(slot=slot)
    mine = client.get(reverse("health:my-bookings"))
    assert f"booking-{booking.pk}" in mine.text and reverse("events:my-bookings") in mine.text
    client.post(reverse("health:my-booking-cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert Slot.objects.unscoped().get(pk=slot.pk).booked == 0


def test_an_unlinked_resident_is_sent_to_link_their_account(client, resident_user, db):
    client.force_login(resident_user)
    response = client.get(reverse("health:book"))
    assert response.status_code == 200
    assert reverse("accounts:link") in response.text


def test_a_resident_of_another_community_cannot_book_its_slots(
    client, health, resident_user, resident_b
):
    resident_user.resident = resident_b
    resident_user.save()
    client.force_login(resident_user)
    assert client.post(reverse("health:book-slot", args=[health.health_slot.pk])).status_code == 404
    assert (
        client.post(
            reverse("health:my-booking-cancel", args=[health.health_booking.pk])
        ).status_code
        == 404
    )


def test_a_contract_request_confirmed_by_the_team(
    client, health, resident_user, resident_a, doctor_a
):
    Contract.objects.unscoped().delete()
    resident_user.resident = resident_a
    resident_user.save()
    client.force_login(resident_user)
    client.post(
        reverse("health:contract-request"), {"team": health.health_team.pk, "package": "basic"}
    )
    request = Contract.objects.unscoped().get(resident=resident_a)
    assert request.status == "requested"
    client.force_login(doctor_a)
    client.post(reverse("health:contract-confirm", args=[request.pk]), {"starts_on": "2026-03-01"})
    request.refresh_from_db()
    assert (request.status, request.ends_on) == ("active", dt.date(2027, 2, 28))


def test_staff_book_on_behalf_and_check_in(client, health, staff_a, resident_b, resident_a):
    client.force_login(staff_a)
    slot = make_slot(health.health_timetable, days_ahead=0, hour=23)
    # Another community's resident is not in the choices: refused by the form.
    response = client.post(
        reverse("health:booking-create", args=[slot.pk]), {"resident": resident_b.pk}
    )
    assert response.status_code == 200 and not Booking.objects.unscoped().filter(slot=slot).exists()
    client.post(reverse("health:booking-create", args=[slot.pk]), {"resident": resident_a.pk})
    booking = Booking.objects.unscoped().get(slot=slot)
    client.post(reverse("health:booking-check-in", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == "checked_in"
    assert not HealthAccess.objects.exists()


def test_coverage_report(health, community_a):
    job = SimpleNamespace(community=community_a, community_id=community_a.pk)
    built = build_coverage(job)
    rows = list(load_workbook(__import__("io").BytesIO(built.content)).active.values)
    hypertension = next(row for row in rows if row[1] == "高血压")
    assert hypertension[2:4] == (1, 1)  # one patient, with a contract


def test_plan_measures(health, community_a, community_b, doctor_a):
    measures = hooks.plan_measures()
    assert {
        "health.contracts_signed",
        "health.followups_done",
        "health.elderly_checks",
        "health.doses_given",
    } <= set(measures)
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))

    def count(key, community=None, option=""):
        return hooks.resolve(measures[key].count)(
            start=year[0], end=year[1], community=community, option=option
        )

    assert count("health.contracts_signed") == 1
    assert count("health.contracts_signed", community_a, "hypertension") == 1
    assert count("health.contracts_signed", community_a, "elderly") == 0
    assert count("health.contracts_signed", community_b) == 0
    assert count("health.followups_done", community_a, "hypertension") == 1
    assert count("health.doses_given") == 0  # the walk's dose was given at birth, years ago
