"""The events app's part of the URL walk (collected by tests/security/urlwalk.py)."""

from types import SimpleNamespace
from typing import Any

from portal.events.models import HourCertificate, Registration
from tests.events.factories import EventFactory

ARGUMENTS = {
    **{
        f"events:{name}": lambda o: {"pk": o.event.pk}
        for name in (
            "event-detail",
            "event-feed",
            "event-signup",
            "event-check-in",
            "staff-event-detail",
            "staff-event-update",
            "staff-event-cancel",
            "staff-event-signup",
            "staff-attendee-export",
        )
    },
    "events:booking-cancel": lambda o: {"pk": o.registration.pk},
    "events:booking-restore": lambda o: {"pk": o.registration.pk},
    "events:staff-registration-attendance": lambda o: {
        "pk": o.event.pk,
        "registration_pk": o.registration.pk,
    },
    "events:staff-registration-cancel": lambda o: {
        "pk": o.event.pk,
        "registration_pk": o.registration.pk,
    },
    "events:staff-certificate-issue": lambda o: {"resident_pk": o.resident.pk},
    "events:certificate-detail": lambda o: {"pk": o.certificate.pk},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    """A public event of community A, the resident's sign-up and an hour certificate."""
    event = EventFactory(community=o.community)
    registration = Registration.objects.create(event=event, resident=o.resident, status="confirmed")
    certificate = HourCertificate.objects.create(
        number="ZYFW-TEST-000001",
        resident=o.resident,
        period_start=event.starts_at.date(),
        period_end=event.starts_at.date(),
        total_hours=2,
        issuer="东南社区居民委员会",
        issued_by=o.staff,
    )
    return {"event": event, "registration": registration, "certificate": certificate}
