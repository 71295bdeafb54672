"""Home-care station services (domain-rules §4.2): recording a service given, the elder's
confirmation and rating, and a station's monthly figures (the seed: served 66, of them
26 free)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from eldercare import rules
from eldercare.models import Acceptance, ServiceRecord, Station, Worker
from eldercare.roles import check_scope
from eldercare.services.common import check_elderly

CENT = Decimal("0.01")


def service_record(
    *,
    station: Station,
    elder: Any,
    item: Any,
    worker: Worker,
    started_at: dt.datetime,
    ended_at: dt.datetime,
    free: bool,
    amount: Decimal | None,
    by: Any,
    confirmed: bool = False,
    rating: int | None = None,
) -> ServiceRecord:
    """Record a service the station gave ``elder``.

    Station operators and staff of the station's community call it. Raises
    ``ValidationError`` with code ``other_community`` (station or elder outside the
    user's community), ``not_open`` (a station not yet accepted), ``wrong_worker``,
    ``order`` (end not after start), ``future``, ``amount`` (a free service with an amount,
    or a paid one without), ``not_elderly``, or ``overlap`` (the worker is in another
    record at that time; the worker's row is locked so two requests at once cannot both
    pass)."""
    check_scope(by, station.community_id)
    check_scope(by, elder.community_id)
    check_elderly(elder, started_at.date())
    if station.acceptance != Acceptance.ACCEPTED:
        raise ValidationError(
            _("The station is not accepted yet and cannot record services."), code="not_open"
        )
    if worker.station_id != station.pk or not worker.active:
        raise ValidationError(_("Choose a worker of this station."), code="wrong_worker")
    if ended_at <= started_at:
        raise ValidationError(_("The end must come after the start."), code="order")
    if ended_at - started_at > dt.timedelta(hours=24):
        raise ValidationError(_("A service record lasts at most one day."), code="order")
    if started_at > timezone.now():
        raise ValidationError(_("A service cannot be recorded before it starts."), code="future")
    amount = (amount or Decimal("0")).quantize(CENT)
    if free and amount:
        raise ValidationError(_("A free service has no amount paid."), code="amount")
    if not free and amount <= 0:
        raise ValidationError(_("Enter the amount paid, or mark the service free."), code="amount")
    with transaction.atomic():
        Worker.objects.unscoped().select_for_update().get(pk=worker.pk)
        overlapping = ServiceRecord.objects.unscoped().filter(
            worker=worker, started_at__lt=ended_at, ended_at__gt=started_at
        )
        if overlapping.exists():
            raise ValidationError(
                _("%(worker)s is already recorded for another service at that time.")
                % {"worker": worker.name},
                code="overlap",
            )
        record = ServiceRecord(
            station=station,
            elder=elder,
            item=item,
            worker=worker,
            started_at=started_at,
            ended_at=ended_at,
            free=free,
            amount=amount,
            confirmed=confirmed,
            rating=rating,
            recorded_by=by,
        )
        record.full_clean()
        record.save()
    return record


def record_confirm(*, record: ServiceRecord, by: Any, rating: int | None) -> ServiceRecord:
    """The elder confirmed the service (and rated it 1–5). Raises ``ValidationError``
    ``other_community``, ``confirmed`` (already) or ``rating``."""
    check_scope(by, record.station.community_id)
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationError(_("Rate from 1 to 5."), code="rating")
    with transaction.atomic():
        locked = ServiceRecord.objects.unscoped().select_for_update().get(pk=record.pk)
        if locked.confirmed:
            raise ValidationError(_("The elder has already confirmed it."), code="confirmed")
        locked.confirmed, locked.rating = True, rating
        locked.save(update_fields=["confirmed", "rating"])
    return locked


@dataclass
class StationMonth:
    station: Station
    served: int
    served_free: int
    services: int
    minutes: int
    paid: Decimal


def station_month_figures(month: dt.date, community: Any = None) -> list[StationMonth]:
    """Per station, in ``month``: elders served, of them with a free service, services
    given, minutes and the amount paid. Two queries."""
    stations = Station.objects.unscoped().select_related("community")
    if community is not None:
        stations = stations.filter(community=community)
    records = ServiceRecord.objects.unscoped().in_month(month)
    figures = {
        row["station"]: row
        for row in records.values("station").annotate(
            served=Count("elder", distinct=True),
            served_free=Count("elder", filter=Q(free=True), distinct=True),
            services=Count("pk"),
            paid=Sum("amount"),
        )
    }
    minutes: dict[int, int] = {}
    for station_id, start, end in records.values_list("station", "started_at", "ended_at"):
        minutes[station_id] = minutes.get(station_id, 0) + int((end - start).total_seconds() // 60)
    rows = []
    for station in stations:
        row = figures.get(station.pk, {})
        rows.append(
            StationMonth(
                station=station,
                served=row.get("served", 0),
                served_free=row.get("served_free", 0),
                services=row.get("services", 0),
                minutes=minutes.get(station.pk, 0),
                paid=(row.get("paid") or Decimal("0")).quantize(CENT),
            )
        )
    return rows


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    return month, rules.month_end(month)
