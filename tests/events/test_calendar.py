"""The public calendar (month and list views, filters) and its iCalendar feed."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from portal.events.models import Audience, EventKind
from tests.events.factories import EventFactory
from tests.factories import TagFactory

pytestmark = pytest.mark.django_db


def this_month(day: int = 15, hour: int = 14) -> dt.datetime:
    today = timezone.localdate()
    return dt.datetime(today.year, today.month, day, hour, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def party_day(community_a):
    start = this_month()
    return EventFactory(
        community=community_a,
        title="“喜看家乡变化”参观园区活动",
        kind=EventKind.PARTY_DAY,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )


@pytest.fixture
def league_b(community_b):
    start = this_month(16)
    return EventFactory(
        community=community_b,
        title="雅苑团支部法制课",
        kind=EventKind.LEAGUE,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )


@pytest.fixture
def district_wide():
    start = this_month(20)
    return EventFactory(
        community=None, title="街道运动会", starts_at=start, ends_at=start + dt.timedelta(hours=3)
    )


def test_anonymous_visitor_sees_this_months_party_day(client, party_day):
    response = client.get(reverse("events:calendar"))
    assert response.status_code == 200
    assert party_day.title in response.text
    assert party_day.get_absolute_url() in response.text


def test_community_filter_keeps_sub_district_wide_events(
    client, party_day, league_b, district_wide, community_a
):
    response = client.get(reverse("events:calendar"), {"community": community_a.code})
    assert party_day.title in response.text
    assert district_wide.title in response.text
    assert league_b.title not in response.text


def test_kind_filter(client, party_day, league_b):
    response = client.get(reverse("events:calendar"), {"kind": EventKind.LEAGUE})
    assert league_b.title in response.text
    assert party_day.title not in response.text


def test_a_tampered_filter_shows_everything_instead_of_failing(client, party_day):
    response = client.get(
        reverse("events:calendar"), {"community": "x' OR 1=1", "month": "2026-13"}
    )
    assert response.status_code == 200
    assert party_day.title in response.text


def test_other_months_are_reached_by_the_month_links(client, community_a):
    start = this_month() + dt.timedelta(days=62)
    later = EventFactory(
        community=community_a, starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    assert later.title not in client.get(reverse("events:calendar")).text
    month = timezone.localtime(start).strftime("%Y-%m")
    assert later.title in client.get(reverse("events:calendar"), {"month": month}).text


def test_list_view_shows_the_coming_weeks(client, community_a):
    soon = EventFactory(community=community_a, title="下周的活动")
    response = client.get(reverse("events:calendar"), {"view": "list"})
    assert soon.title in response.text


def test_members_only_events_stay_off_the_public_calendar(client, community_a, resident_user):
    start = this_month(10)
    secret = EventFactory(
        community=community_a,
        title="支部委员会会议",
        audience=Audience.MEMBERS,
        members_tag=TagFactory(slug="party-cal", name="党员"),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    assert secret.title not in client.get(reverse("events:calendar")).text
    assert secret.title not in client.get(reverse("events:calendar-feed")).text
    assert client.get(secret.get_absolute_url()).status_code == 404


def test_calendar_queries_do_not_grow_with_events(
    client, community_a, django_assert_max_num_queries
):
    for day in range(1, 28):
        start = this_month(day)
        EventFactory(community=community_a, starts_at=start, ends_at=start + dt.timedelta(hours=1))
    # filter form's community lookup, the events (with their communities)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("events:calendar"), {"community": community_a.code})
    assert response.status_code == 200


def test_page_explains_how_to_subscribe_with_the_same_filters(client, community_a, party_day):
    response = client.get(reverse("events:calendar"), {"community": community_a.code})
    assert f"calendar.ics?community={community_a.code}" in response.text
    assert "webcal://" in response.text


# --- the feed ------------------------------------------------------------------------------------


def _entries(response) -> list:
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_feed_parses_and_each_entry_links_back(client, party_day, league_b):
    entries = _entries(client.get(reverse("events:calendar-feed")))
    by_title = {str(entry["SUMMARY"]): entry for entry in entries}
    assert set(by_title) == {party_day.title, league_b.title}
    entry = by_title[party_day.title]
    assert str(entry["URL"]) == f"http://testserver{party_day.get_absolute_url()}"
    assert str(entry["URL"]) in str(entry["DESCRIPTION"])
    assert entry.decoded("DTSTART") == party_day.starts_at
    assert str(entry["UID"]) == f"event-{party_day.pk}@testserver"
    assert str(entry["LOCATION"]) == party_day.place


def test_feed_follows_the_filters(client, party_day, league_b, community_b):
    entries = _entries(client.get(reverse("events:calendar-feed"), {"community": community_b.code}))
    assert [str(entry["SUMMARY"]) for entry in entries] == [league_b.title]
    entries = _entries(client.get(reverse("events:calendar-feed"), {"kind": EventKind.PARTY_DAY}))
    assert [str(entry["SUMMARY"]) for entry in entries] == [party_day.title]


def test_feed_marks_cancelled_events(client, party_day):
    party_day.status = "cancelled"
    party_day.save()
    (entry,) = _entries(client.get(reverse("events:calendar-feed")))
    assert str(entry["STATUS"]) == "CANCELLED"


def test_one_event_downloads_as_ics(client, party_day):
    response = client.get(reverse("events:event-feed", args=[party_day.pk]))
    (entry,) = _entries(response)
    assert str(entry["SUMMARY"]) == party_day.title
    assert "attachment" in response["Content-Disposition"]


def test_an_event_over_several_days_shows_on_each(client, community_a):
    start = this_month(10, hour=9)
    camp = EventFactory(
        community=community_a,
        title="青少年夏令营",
        starts_at=start,
        ends_at=start + dt.timedelta(days=2, hours=8),
    )
    response = client.get(reverse("events:calendar"), {"month": f"{start:%Y-%m}"})
    days = [day for day, events in response.context["days"] if camp in events]
    assert days == [start.date() + dt.timedelta(days=n) for n in range(3)]


@pytest.mark.parametrize(
    ("url_name", "params"),
    [("events:calendar", {"view": "list"}), ("events:calendar-feed", {}), ("core:home", {})],
)
def test_list_feed_and_home_queries_do_not_grow(
    client, community_a, url_name, params, django_assert_max_num_queries
):
    for day in range(1, 28):
        start = this_month(day) + dt.timedelta(days=20)
        EventFactory(community=community_a, starts_at=start, ends_at=start + dt.timedelta(hours=1))
    # list: the events with their communities (+ the filter's community when given);
    # feed: the events; home: sub-district, communities, notices, events
    with django_assert_max_num_queries(4):
        response = client.get(reverse(url_name), params)
    assert response.status_code == 200


# --- ?year=: a whole year of the calendar and the feed -------------------------------------


def _on(year: int, month: int, title: str, community, **fields):
    start = dt.datetime(year, month, 15, 14, tzinfo=timezone.get_current_timezone())
    return EventFactory(
        community=community,
        title=title,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        **fields,
    )


def test_year_view_shows_the_whole_year(client, community_a):
    _on(2031, 1, "一月活动", community_a)
    _on(2031, 12, "十二月活动", community_a)
    _on(2032, 1, "次年活动", community_a)
    response = client.get(reverse("events:calendar"), {"year": "2031"})
    assert response.status_code == 200
    assert "一月活动" in response.text and "十二月活动" in response.text
    assert "次年活动" not in response.text
    assert "year=2031" in response.context["feed_url"]


def test_year_feed_holds_the_whole_year_of_public_events(client, community_a):
    tag = TagFactory(slug="party_member", name="党员")
    _on(2031, 2, "二月公开活动", community_a)
    _on(2031, 11, "十一月党员活动", community_a, audience=Audience.MEMBERS, members_tag=tag)
    feed = client.get(reverse("events:calendar-feed"), {"year": "2031"}).content.decode()
    assert "二月公开活动" in feed
    assert "十一月党员活动" not in feed
    # Without ?year= the feed keeps its window around today.
    assert "二月公开活动" not in client.get(reverse("events:calendar-feed")).content.decode()


@pytest.mark.parametrize("year", ["0001", "9999", "20261", "２０２６", "", "-1", "1e3", "abcd"])
def test_a_bad_year_falls_back_to_the_month(client, year):
    assert client.get(reverse("events:calendar"), {"year": year}).status_code == 200
    assert client.get(reverse("events:calendar-feed"), {"year": year}).status_code == 200
