"""Emergency-call devices (应急呼叫系统, seed plan 1): installations per household, the
year's target, and call incidents with their response times."""

import datetime as dt
import statistics
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eldercare import rules
from eldercare.models import DeviceTarget, Incident, Installation
from eldercare.roles import check_scope
from eldercare.services.common import check_elderly, check_not_future


def installation_record(
    *,
    household: Any,
    elder: Any,
    device_number: str,
    installed_on: dt.date,
    free: bool,
    by: Any,
) -> Installation:
    """Record a device installed in ``household`` for ``elder``.

    Staff of the household's community call it. Raises ``ValidationError`` with code
    ``other_community`` (the household is outside the user's community), ``not_member``,
    ``not_elderly``, ``future``, ``device_number``, ``duplicate_number`` or ``duplicate``
    (the household already has a device)."""
    check_scope(by, household.community_id)
    if elder.household_id != household.pk:
        raise ValidationError(_("The elder is not a member of this household."), code="not_member")
    check_not_future(installed_on)
    check_elderly(elder, installed_on)
    number = (device_number or "").strip()
    if not number or len(number) > 40:
        raise ValidationError(
            _("Enter the device number (up to 40 characters)."), code="device_number"
        )
    if Installation.objects.unscoped().filter(device_number=number).exists():
        raise ValidationError(_("This device number is already recorded."), code="duplicate_number")
    installation = Installation(
        household=household, elder=elder, device_number=number, installed_on=installed_on, free=free
    )
    installation.full_clean(validate_constraints=False, validate_unique=False)
    try:
        with transaction.atomic():
            installation.save()
    except IntegrityError:
        raise ValidationError(
            _("This household already has a device (or the number is taken)."), code="duplicate"
        ) from None
    return installation


def installation_remove(
    *, installation: Installation, removed_on: dt.date, by: Any
) -> Installation:
    """The device was taken out. Raises ``other_community``, ``removed``, ``future`` or
    ``order`` (before the installation)."""
    check_scope(by, installation.household.community_id)
    check_not_future(removed_on)
    if installation.removed_on:
        raise ValidationError(_("The device has already been removed."), code="removed")
    if removed_on < installation.installed_on:
        raise ValidationError(_("It cannot be removed before it was installed."), code="order")
    installation.removed_on = removed_on
    installation.save(update_fields=["removed_on"])
    return installation


def incident_record(
    *,
    installation: Installation,
    received_at: dt.datetime,
    responded_at: dt.datetime | None,
    closed_at: dt.datetime | None,
    outcome: str,
    by: Any,
) -> Incident:
    """A call from a device: received, responded and closed times in order. Raises
    ``other_community``, ``future`` or ``order``."""
    check_scope(by, installation.household.community_id)
    now = timezone.now()
    if (
        received_at > now
        or (responded_at and responded_at > now)
        or (closed_at and closed_at > now)
    ):
        raise ValidationError(_("The times cannot be in the future."), code="future")
    if responded_at and responded_at < received_at:
        raise ValidationError(_("The response cannot come before the call."), code="order")
    if closed_at and closed_at < (responded_at or received_at):
        raise ValidationError(_("The call cannot close before it was answered."), code="order")
    incident = Incident(
        installation=installation,
        received_at=received_at,
        responded_at=responded_at,
        closed_at=closed_at,
        outcome=outcome[:200],
    )
    incident.full_clean()
    incident.save()
    return incident


def device_progress(year: int, community: Any = None) -> dict[str, Any]:
    """Devices in place (not removed) at the end of ``year`` (or today) against the
    year's target: ``{"installed", "target", "percent", "this_year"}``."""
    end = min(dt.date(year, 12, 31), timezone.localdate())
    devices = (
        Installation.objects.unscoped().filter(installed_on__lte=end).exclude(removed_on__lte=end)
    )
    if community is not None:
        devices = devices.filter(household__community=community)
    installed = devices.count()
    this_year = devices.filter(installed_on__year=year).count()
    target = DeviceTarget.objects.filter(year=year).values_list("households", flat=True).first()
    percent = round(installed * 100 / target) if target else None
    return {"installed": installed, "target": target, "percent": percent, "this_year": this_year}


def incident_month_figures(month: dt.date, incidents: Any) -> dict[str, Any]:
    """Calls received in ``month`` among ``incidents`` (already scoped): how many,
    answered, closed, and the median response in minutes."""
    rows = list(
        incidents.filter(
            received_at__date__gte=month, received_at__date__lte=rules.month_end(month)
        ).values_list("received_at", "responded_at", "closed_at")
    )
    answered = [int((r - c).total_seconds() // 60) for c, r, _closed in rows if r]
    return {
        "calls": len(rows),
        "answered": len(answered),
        "closed": sum(1 for *_, closed in rows if closed),
        "median": statistics.median(answered) if answered else None,
    }
