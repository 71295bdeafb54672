"""The 500s found by attacking the portal with bad input (issue 12.6), each reproduced:
every one answers a page or a 4xx now, never a server error."""

import io

import openpyxl
import pytest
from django.urls import reverse

from portal.events import services
from tests.conftest import client_for
from tests.events.factories import EventFactory
from tests.events.test_staff_views import event_form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "10000-01", "2026-13", "-1-1"])
def test_the_calendar_takes_any_month(client, month):
    response = client.get(reverse("events:calendar"), {"month": month})
    assert response.status_code == 200
    assert (
        client.get(reverse("events:calendar"), {"month": month, "view": "list"}).status_code == 200
    )


PERIODS = [
    {"start": "0001-01-01", "end": "9999-12-31"},
    {"start": "9999-12-31", "end": "9999-12-31"},
    {"start": "0001-01-01", "end": "0001-01-01"},
]


@pytest.mark.parametrize("period", PERIODS)
def test_volunteer_hours_take_any_period(client, staff_a, resident_a, period):
    client_for(client, staff_a)
    assert client.get(reverse("events:staff-hour-totals"), period).status_code in (200, 400)
    url = reverse("events:staff-certificate-issue", args=[resident_a.pk])
    assert client.get(url, period).status_code in (200, 400)
    assert client.post(url, period).status_code in (200, 302, 400)


@pytest.mark.parametrize(
    ("start", "end"),
    [("0001-01-01T00:00", "0001-01-01T02:00"), ("9999-12-31T20:00", "9999-12-31T23:59")],
)
def test_an_event_at_the_ends_of_time_is_refused(client, staff_a, community_a, start, end):
    client_for(client, staff_a)
    data = event_form_data(community_a, starts_at=start, ends_at=end)
    response = client.post(reverse("events:staff-event-create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize("value", ["99999999999999999999", "9223372036854775808", "٣"])
def test_an_oversized_record_number_is_404(client, subdistrict_user, value):
    client_for(client, subdistrict_user)
    response = client.get(reverse("registry:household-options"), {"community": value})
    assert response.status_code == 404


def test_the_attendee_workbook_of_an_event_titled_with_sheet_title_characters(
    client, staff_a, community_a, resident_a
):
    event = EventFactory(community=community_a, title=r"讲座: a/b? *[1]\ 第二场" + "长" * 40)
    services.registration_create(event=event, resident=resident_a, by=None)
    client_for(client, staff_a)
    response = client.get(reverse("events:staff-attendee-export", args=[event.pk]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.active.title) <= 31


@pytest.mark.parametrize("next_url", ["0", "home", "accounts:login", "javascript:x"])
def test_a_next_that_is_no_path_is_ignored(client, resident_user, next_url):
    """Found by the fuzzing: a signed-in visitor on the registration page with
    ``next=0`` was redirected to the view named "0", a NoReverseMatch (500)."""
    client_for(client, resident_user)
    response = client.get(reverse("accounts:register"), {"next": next_url})
    assert response.status_code == 302 and response.url == "/"


def test_a_household_choice_that_is_a_unicode_digit_is_refused(client, staff_a):
    """Found by make fuzz: "²" passes str.isdigit() but is no number (a 500)."""
    client_for(client, staff_a)
    response = client.post(reverse("registry:resident-create"), {"household": "²", "name": "x"})
    assert response.status_code == 200
    assert "household" in response.context["form"].errors
