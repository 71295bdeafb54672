"""The work plans' measures counted from elder-care records (``plan_measures`` hook):
each ``f(*, start, end, community=None, option="")``, both days inclusive."""

import datetime as dt
from typing import Any

from eldercare.models import Assessment, Enrolment, Installation, ServiceRecord, Visit, VisitStatus


def _in(queryset: Any, lookup: str, community: Any) -> Any:
    return queryset.filter(**{lookup: community}) if community is not None else queryset


def devices_installed(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """Devices in place at ``end`` (台): the seed counts the installed total (68 → 100)."""
    devices = (
        Installation.objects.unscoped().filter(installed_on__lte=end).exclude(removed_on__lte=end)
    )
    return _in(devices, "household__community", community).count()


def assessments_done(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    rows = Assessment.objects.unscoped().filter(assessed_on__gte=start, assessed_on__lte=end)
    return _in(rows, "elder__community", community).count()


def station_services(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    rows = ServiceRecord.objects.unscoped().filter(
        started_at__date__gte=start, started_at__date__lte=end
    )
    if option == "free":
        rows = rows.filter(free=True)
    return _in(rows, "station__community", community).count()


def visits_approved(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    rows = Visit.objects.unscoped().filter(
        status=VisitStatus.APPROVED, visited_on__gte=start, visited_on__lte=end
    )
    return _in(rows, "pairing__elder__community", community).count()


def allowance_recipients(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """Elders on the list at any time in the period (人)."""
    rows = Enrolment.objects.unscoped().filter(first_month__lte=end).exclude(died_on__lt=start)
    return _in(rows, "resident__community", community).count()
