"""The events app's work-plan measures (``plan_measures`` in its config): activities held,
sign-ups and attendance in person-times (人次) and persons (人), volunteer hours, counted
from the calendar's own records for events that started in the period.

``community``: the events of that community (a sub-district-wide event counts for the
sub-district only); None: every event. ``option``: an ``EventKind`` value, "" for all.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from portal.core.dates import local_datetime
from portal.events.models import Event, EventStatus, Registration, RegistrationStatus


def _events(start: dt.date, end: dt.date, community: Any, option: str):
    events = Event.objects.unscoped().filter(
        status=EventStatus.SCHEDULED,
        starts_at__gte=local_datetime(start),
        starts_at__lt=local_datetime(end + dt.timedelta(days=1)),
    )
    if community is not None:
        events = events.filter(community=community)
    if option:
        events = events.filter(kind=option)
    return events


def _registrations(start: dt.date, end: dt.date, community: Any, option: str):
    return Registration.objects.unscoped().filter(event__in=_events(start, end, community, option))


def count_held(*, start: dt.date, end: dt.date, community: Any = None, option: str = "") -> int:
    """Activities held (场): scheduled (not cancelled) events that started in the period."""
    return _events(start, end, community, option).count()


def count_signups(*, start: dt.date, end: dt.date, community: Any = None, option: str = "") -> int:
    """Sign-ups (人次): confirmed places at those events (waiting list and cancelled not)."""
    return (
        _registrations(start, end, community, option)
        .filter(status=RegistrationStatus.CONFIRMED)
        .count()
    )


def count_signup_persons(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """Different people signed up (人)."""
    return (
        _registrations(start, end, community, option)
        .filter(status=RegistrationStatus.CONFIRMED)
        .values("resident")
        .distinct()
        .count()
    )


def count_attendance(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """Attendance (人次): sign-ups checked in."""
    return _registrations(start, end, community, option).attended().count()


def count_attendance_persons(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """Different people who came (人)."""
    return (
        _registrations(start, end, community, option)
        .attended()
        .values("resident")
        .distinct()
        .count()
    )


def count_volunteer_hours(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> Decimal:
    """Volunteer hours credited (小时) to the people who came."""
    total = (
        _registrations(start, end, community, option).attended().aggregate(total=Sum("hours"))
    )["total"]
    return total or Decimal(0)
