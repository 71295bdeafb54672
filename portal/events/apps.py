from django.utils.translation import gettext_lazy as _

from portal.core import contract


class EventsConfig(contract.PortalAppConfig):
    name = "portal.events"
    label = "events"
    verbose_name = _("Events and sign-ups")
    public_pages = (r"/calendar/", r"/calendar\.ics", r"/events/\d+/(?:event\.ics)?")
    public_page_models = ("events.Event", "events.Registration", "events.EventSeries")
    #: ``seed_demo``: the demo calendar and the demo resident's registry link.
    demo_seeder = "portal.events.demo.seed_demo"
    staff_nav = (contract.NavEntry(_("Events"), "events:staff-event-list", order=20),)
    public_nav = (
        contract.NavEntry(_("Activity calendar"), "events:calendar", order=20),
        contract.NavEntry(
            _("My bookings"),
            "events:my-bookings",
            allowed="portal.accounts.access.is_signed_in",
            order=80,
        ),
    )
    notification_kinds = (
        contract.NotificationKindSpec("event_reminder", _("Activity reminder")),
        contract.NotificationKindSpec("waitlist_promoted", _("Place from the waiting list")),
        contract.NotificationKindSpec("event_cancelled", _("Activity cancelled")),
        contract.NotificationKindSpec("event_changed", _("Activity time or place changed")),
    )
