"""Builders for the health tests (plain functions, usable from threads and the walk)."""

import datetime as dt

from django.utils import timezone

from health.models import Facility, Service, Slot, Team, TeamMember, Timetable
from portal.core.dates import local_datetime


def make_team(community, *, doctor=None, compounds=()):
    facility = Facility.objects.create(
        community=community,
        kind="station",
        name=f"{community.name}社区卫生服务站",
        hours="周一至周五 8:00-17:00",
    )
    team = Team.objects.create(community=community, facility=facility, name=f"{community.name}一队")
    team.compounds.set(compounds)
    TeamMember.objects.create(team=team, role="gp", name="王医生", user=doctor)
    TeamMember.objects.create(team=team, role="nurse", name="李护士")
    TeamMember.objects.create(team=team, role="public_health", name="赵医师")
    return team


def make_timetable(facility, *, service=Service.GENERAL, capacity=5):
    return Timetable.objects.create(
        facility=facility,
        service=service,
        weekdays="1234567",
        starts_at=dt.time(9, 0),
        ends_at=dt.time(11, 0),
        slot_minutes=30,
        capacity=capacity,
        valid_from=dt.date(2020, 1, 1),
    )


def make_slot(timetable, *, days_ahead=2, hour=9, capacity=None):
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    start = local_datetime(day, dt.time(hour, 0))
    return Slot.objects.create(
        timetable=timetable,
        day=day,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=30),
        capacity=capacity or timetable.capacity,
    )
