"""The work plans' measures counted from Party and League records (``plan_measures``):
each ``f(*, start, end, community=None, option="")``, both days inclusive."""

import datetime as dt
from typing import Any

from django.db.models import Q

from partywork.models import Meeting, Membership, OrgKind
from portal.core.dates import local_datetime
from portal.events.models import Event, EventKind, EventStatus, OrganiserApp


def _events(start: dt.date, end: dt.date, community: Any, kind: str) -> Any:
    events = Event.objects.filter(
        organiser_app=OrganiserApp.PARTYWORK,
        kind=kind,
        status=EventStatus.SCHEDULED,
        starts_at__gte=local_datetime(start),
        starts_at__lt=local_datetime(end + dt.timedelta(days=1)),
    )
    return events.filter(community=community) if community is not None else events


def party_days_held(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """主题党日 held (not cancelled) in the period."""
    return _events(start, end, community, EventKind.PARTY_DAY).count()


def league_activities(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """Youth League activities held (not cancelled) in the period."""
    return _events(start, end, community, EventKind.LEAGUE).count()


def meetings_held(*, start: dt.date, end: dt.date, community: Any = None, option: str = "") -> int:
    """Meeting records in the period; ``option`` a meeting kind (党员大会, 党课 …)."""
    meetings = Meeting.objects.filter(held_on__gte=start, held_on__lte=end)
    if option:
        meetings = meetings.filter(kind=option)
    if community is not None:
        meetings = meetings.filter(organisation__community=community)
    return meetings.count()


def members(*, start: dt.date, end: dt.date, community: Any = None, option: str = "") -> int:
    """Party members (``option="league"``: League members) on the period's last day."""
    levels = [OrgKind.LEAGUE] if option == "league" else [OrgKind.BRANCH, OrgKind.GENERAL_BRANCH]
    current = Membership.objects.filter(level__in=levels, joined_on__lte=end).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=end)
    )
    if community is not None:
        current = current.filter(organisation__community=community)
    return current.values("resident").distinct().count()
