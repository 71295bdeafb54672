"""The monthly community statistics workbook: residents by community, age band and tag,
and the month's events, sign-ups, attendance and volunteer hours.

Every figure is one aggregate query over the communities in scope, so the build time
hardly grows with the number of residents; the workbook is written in openpyxl's
write-only mode. The Celery job, the monthly beat entry and the ``community_statistics``
command all build it through :func:`statistics_workbook`.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from portal.core import dates
from portal.core.dates import add_months, local_datetime, years_before
from portal.core.jobs import BuiltFile, JobError
from portal.core.xlsx import add_sheet, book_bytes
from portal.events.models import Event, EventStatus, Registration, RegistrationStatus
from portal.registry.models import Community, Household, Resident, Tag

Progress = Callable[[int, int, str], None]


def parse_month(text: str) -> dt.date:
    """``"2026-03"`` → 1 March 2026; JobError for anything else."""
    try:
        return dates.parse_month(text)
    except ValueError:
        raise JobError(_("Give the month as YYYY-MM, for example 2026-03.")) from None


def check_month(month: dt.date, today: dt.date | None = None) -> None:
    """A month that has not begun has nothing to count."""
    today = today or timezone.localdate()
    if month > today.replace(day=1):
        raise JobError(_("%(month)s has not begun yet.") % {"month": month.strftime("%Y-%m")})


@dataclass(frozen=True)
class AgeBand:
    label: str
    q: Q


def age_bands(on: dt.date) -> list[AgeBand]:
    """Age bands (周岁 on ``on``) as birth-date conditions: under 18, 18 to the legal age
    of the elderly (ELDERLY_AGE, 60), then to the 高龄 age (ADVANCED_AGE, 80), and over."""
    limits = [0, 18, settings.ELDERLY_AGE, settings.ADVANCED_AGE]
    bands = []
    for low, high in zip(limits, [*limits[1:], None], strict=True):
        condition = Q(birth_date__lte=years_before(on, low))
        if high is None:
            label = _("Aged %(low)s and over") % {"low": low}
        else:
            label = _("Aged %(low)s–%(high)s") % {"low": low, "high": high - 1}
            condition &= Q(birth_date__gt=years_before(on, high))
        bands.append(AgeBand(label, condition))
    return bands


def _with_total(rows: list[list[Any]], first_numeric: int) -> list[list[Any]]:
    """``rows`` and a total row summing every numeric column."""
    if not rows:
        return rows
    total: list[Any] = [_("Total")] + [""] * (first_numeric - 1)
    for column in range(first_numeric, len(rows[0])):
        total.append(sum((row[column] or 0) for row in rows))
    return [*rows, total]


def resident_rows(communities: Sequence[Community], month: dt.date) -> tuple[list, list]:
    """Header and one row per community: households, residents, age bands, tags, as on
    the month's last day (records created after it are not counted)."""
    next_month = local_datetime(add_months(month, 1))
    last_day = add_months(month, 1) - dt.timedelta(days=1)
    bands = age_bands(last_day)
    tags = list(Tag.objects.order_by("pk"))
    in_scope = {"community__in": communities, "created_at__lt": next_month}

    residents = {
        row["community"]: row
        for row in Resident.objects.filter(**in_scope)
        .values("community")
        .annotate(
            total=Count("pk"),
            **{f"band{i}": Count("pk", filter=band.q) for i, band in enumerate(bands)},
        )
        .order_by()
    }
    households = dict(
        Household.objects.filter(**in_scope)
        .values("community")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("community", "n")
    )
    tagged: dict[tuple[int, int], int] = {
        (row["resident__community"], row["tag"]): row["n"]
        for row in Resident.tags.through.objects.filter(
            resident__community__in=communities, resident__created_at__lt=next_month
        )
        .values("resident__community", "tag")
        .annotate(n=Count("pk"))
        .order_by()
    }

    header = [
        _("Community"),
        _("Households"),
        _("Residents"),
        *(band.label for band in bands),
        *(tag.name for tag in tags),
    ]
    rows = []
    for community in communities:
        counts = residents.get(community.pk, {})
        rows.append(
            [
                community.name,
                households.get(community.pk, 0),
                counts.get("total", 0),
                *(counts.get(f"band{i}", 0) for i in range(len(bands))),
                *(tagged.get((community.pk, tag.pk), 0) for tag in tags),
            ]
        )
    return header, _with_total(rows, 1)


def month_events(communities: Sequence[Community], month: dt.date, whole: bool):
    """Events that start in ``month``: the communities' own, and for a sub-district
    report also the sub-district-wide ones (no community)."""
    in_scope = Q(community__in=communities)
    if whole:
        in_scope |= Q(community__isnull=True)
    return Event.objects.filter(
        in_scope,
        starts_at__gte=local_datetime(month),
        starts_at__lt=local_datetime(add_months(month, 1)),
    )


def _registration_counts(prefix: str = "") -> dict[str, Any]:
    """Sign-up aggregates, over ``registrations`` from an event (prefix) or directly."""
    status, attended = f"{prefix}status", f"{prefix}attended_at__isnull"
    key = f"{prefix}pk"
    return {
        "confirmed": Count(key, filter=Q(**{status: RegistrationStatus.CONFIRMED})),
        "waitlisted": Count(key, filter=Q(**{status: RegistrationStatus.WAITLISTED})),
        "attended": Count(key, filter=Q(**{attended: False})),
        "hours": Sum(f"{prefix}hours", filter=Q(**{attended: False})),
    }


def event_rows(communities: Sequence[Community], month: dt.date, whole: bool) -> tuple[list, list]:
    """Header and one row per community (and one for sub-district-wide events):
    events held and called off, sign-ups, waiting list, attendance, volunteer hours."""
    events = month_events(communities, month, whole)
    held = {
        row["community"]: row
        for row in events.values("community")
        .annotate(
            held=Count("pk", filter=Q(status=EventStatus.SCHEDULED)),
            cancelled=Count("pk", filter=Q(status=EventStatus.CANCELLED)),
        )
        .order_by()
    }
    signed = {
        row["event__community"]: row
        for row in Registration.objects.filter(event__in=events)
        .values("event__community")
        .annotate(**_registration_counts())
        .order_by()
    }
    header = [
        _("Community"),
        _("Events held"),
        _("Events called off"),
        _("Sign-ups"),
        _("On the waiting list"),
        _("Attendances"),
        _("Volunteer hours"),
    ]
    owners: list[tuple[int | None, str]] = [(c.pk, c.name) for c in communities]
    if whole:
        owners.append((None, _("Whole sub-district")))
    rows = []
    for pk, name in owners:
        events_of, signups = held.get(pk, {}), signed.get(pk, {})
        rows.append(
            [
                name,
                events_of.get("held", 0),
                events_of.get("cancelled", 0),
                signups.get("confirmed", 0),
                signups.get("waitlisted", 0),
                signups.get("attended", 0),
                signups.get("hours") or Decimal(0),
            ]
        )
    return header, _with_total(rows, 1)


def event_detail_rows(
    communities: Sequence[Community], month: dt.date, whole: bool, progress: Progress
) -> tuple[list, list]:
    """Header and one row per event of the month, in start order."""
    events = (
        month_events(communities, month, whole)
        .select_related("community")
        .annotate(**_registration_counts("registrations__"))
        .order_by("starts_at", "pk")
    )
    header = [
        _("Date"),
        _("Time"),
        _("Community"),
        _("Title"),
        _("Kind"),
        _("Place"),
        _("Places"),
        _("Sign-ups"),
        _("Attendances"),
        _("Volunteer hours"),
        _("Status"),
    ]
    events = list(events)
    rows = []
    for done, event in enumerate(events, start=1):
        starts = timezone.localtime(event.starts_at)
        rows.append(
            [
                starts.date(),
                date_format(starts, "H:i"),
                event.community.name if event.community else _("Whole sub-district"),
                event.title,
                event.get_kind_display(),
                event.place,
                event.capacity if event.capacity is not None else _("No limit"),
                event.confirmed,
                event.attended,
                event.hours or Decimal(0),
                event.get_status_display(),
            ]
        )
        progress(done, len(events), _("Listing the month's events"))
    return header, rows


def statistics_workbook(
    month: dt.date, community: Community | None = None, progress: Progress | None = None
) -> bytes:
    """The workbook for ``month`` and one community, or every community (None)."""
    progress = progress or (lambda done, total, stage: None)
    whole = community is None
    communities = [community] if community else list(Community.objects.order_by("code", "name"))
    book = Workbook(write_only=True)
    steps = 3
    progress(0, steps, _("Counting residents"))
    add_sheet(book, _("Residents"), *resident_rows(communities, month), widths=[14])
    progress(1, steps, _("Counting events and sign-ups"))
    add_sheet(book, _("Events of the month"), *event_rows(communities, month, whole), widths=[14])
    progress(2, steps, _("Listing the month's events"))

    def detail_progress(done: int, total: int, stage: str) -> None:
        progress(2 * total + done, steps * total, stage)

    header, rows = event_detail_rows(communities, month, whole, detail_progress)
    add_sheet(book, _("Event list"), header, rows, widths=[12, 8, 12, 30, 12, 20])
    return book_bytes(book)


def statistics_title(month: dt.date, community: Community | None) -> str:
    scope = community.name if community else _("Whole sub-district")
    return _("Community statistics %(month)s · %(scope)s") % {
        "month": month.strftime("%Y-%m"),
        "scope": scope,
    }


def statistics_filename(month: dt.date, community: Community | None) -> str:
    scope = community.code or community.pk if community else "all"
    return f"community-statistics-{month:%Y-%m}-{scope}.xlsx"


def build_community_statistics(job: Any) -> BuiltFile:
    """The report job's builder: the month in ``job.params``, the job's community."""
    month = parse_month(job.params.get("month", ""))
    content = statistics_workbook(month, job.community, job.report_progress)
    return BuiltFile(statistics_filename(month, job.community), content)
