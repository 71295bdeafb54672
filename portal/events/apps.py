from django.utils.translation import gettext_lazy as _

from portal.core import contract

#: The activity kinds a plan item may count (the values of ``EventKind``, kept here so
#: that the config imports no model).
EVENT_KIND_OPTIONS = (
    ("party_day", _("Party day")),
    ("party_lesson", _("Party lesson")),
    ("league", _("Youth League activity")),
    ("class", _("Class")),
    ("eldercare", _("Elder-care activity")),
    ("health", _("Health activity")),
    ("volunteer", _("Volunteer service")),
    ("community", _("Community activity")),
)


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
    #: The work plans' measures (``portal.events.measures``); option: the activity kind.
    plan_measures = (
        contract.PlanMeasureSpec(
            "events.held",
            _("Activities held"),
            _("sessions"),
            count="portal.events.measures.count_held",
            options=EVENT_KIND_OPTIONS,
        ),
        contract.PlanMeasureSpec(
            "events.signups",
            _("Sign-ups (person-times)"),
            _("person-times"),
            count="portal.events.measures.count_signups",
            options=EVENT_KIND_OPTIONS,
        ),
        contract.PlanMeasureSpec(
            "events.signup_persons",
            _("People signed up"),
            _("persons"),
            count="portal.events.measures.count_signup_persons",
            options=EVENT_KIND_OPTIONS,
        ),
        contract.PlanMeasureSpec(
            "events.attendance",
            _("Attendance (person-times)"),
            _("person-times"),
            count="portal.events.measures.count_attendance",
            options=EVENT_KIND_OPTIONS,
        ),
        contract.PlanMeasureSpec(
            "events.attendance_persons",
            _("People who attended"),
            _("persons"),
            count="portal.events.measures.count_attendance_persons",
            options=EVENT_KIND_OPTIONS,
        ),
        contract.PlanMeasureSpec(
            "events.volunteer_hours",
            _("Volunteer hours"),
            _("hours"),
            count="portal.events.measures.count_volunteer_hours",
            options=EVENT_KIND_OPTIONS,
        ),
    )
