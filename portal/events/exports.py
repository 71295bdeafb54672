"""The attendee workbook of an event."""

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.xlsx import workbook_bytes
from portal.events.models import Event, Registration


def _local(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def attendee_workbook(event: Event, registrations: Sequence[Registration], *, viewer: Any) -> bytes:
    """Every sign-up of ``event`` the viewer may see, confirmed, waiting and cancelled,
    with attendance and hours. Phone numbers are masked unless the viewer's role
    verifies identity; ID numbers are never exported here."""
    header = [
        _("No."),
        _("Name"),
        _("Community"),
        _("Phone"),
        _("Status"),
        _("Time of sign-up"),
        _("Signed up by staff"),
        _("Checked in"),
        _("Volunteer hours"),
    ]
    rows = (
        [
            number,
            registration.resident.name,
            registration.resident.community.name,
            registration.resident.phone_for(viewer),
            registration.get_status_display(),
            _local(registration.created_at),
            _("Yes") if registration.by_staff else _("No"),
            _local(registration.attended_at),
            registration.hours if registration.hours is not None else "",
        ]
        for number, registration in enumerate(registrations, start=1)
    )
    return workbook_bytes(event.title, header, rows, widths=(6, 12, 10, 16, 12, 18, 10, 18, 10))
