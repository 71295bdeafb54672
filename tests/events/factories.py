"""Events starting a week from now, with sign-up open, unless a test says otherwise."""

import datetime as dt

import factory
from django.utils import timezone

from portal.core.dates import local_datetime
from portal.events.models import Event, EventKind, OrganiserApp


def in_days(days: float, hour: int = 14) -> dt.datetime:
    return local_datetime(timezone.localdate() + dt.timedelta(days=days), dt.time(hour))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"社区活动{n}")
    kind = EventKind.COMMUNITY
    organiser_app = OrganiserApp.PORTAL
    place = "社区活动室"
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + dt.timedelta(hours=2))
    capacity = 10
