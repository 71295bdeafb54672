"""The iCalendar (RFC 5545) feed of the calendar, and of one event, through icalendar.

Every entry carries a stable UID, the event page's address (URL and in the description,
since several phone calendars show only the description) and the local time zone, so
that subscribed calendars on phones update instead of duplicating entries.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from portal.events.models import Event

PRODUCT_ID = "-//Community Services Portal//Calendar//ZH"


def build_calendar(events: Iterable[Event], request: HttpRequest, *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Ask subscribing clients to refresh a few times a day.
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    host = request.get_host().split(":")[0]
    stamp = timezone.now()
    for event in events:
        calendar.add_component(_entry(event, request, host=host, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _entry(event: Event, request: HttpRequest, *, host: str, stamp) -> VEvent:
    url = request.build_absolute_uri(event.get_absolute_url())
    entry = VEvent()
    entry.add("uid", f"event-{event.pk}@{host}")
    entry.add("dtstamp", stamp)
    entry.add("last-modified", event.updated_at)
    entry.add("dtstart", timezone.localtime(event.starts_at))
    entry.add("dtend", timezone.localtime(event.ends_at))
    entry.add("summary", event.title)
    entry.add("location", event.place)
    entry.add("url", url)
    description = "\n\n".join(part for part in (event.description, url) if part)
    entry.add("description", description)
    entry.add("categories", [event.get_kind_display()])
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return entry
