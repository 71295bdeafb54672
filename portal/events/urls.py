from django.urls import path

from portal.events import staff_views, views

app_name = "events"

urlpatterns = [
    # public
    path("calendar/", views.calendar, name="calendar"),
    path("calendar.ics", views.calendar_feed, name="calendar-feed"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path("events/<int:pk>/event.ics", views.event_feed, name="event-feed"),
    path("events/<int:pk>/signup/", views.event_signup, name="event-signup"),
    path("events/<int:pk>/check-in/", views.event_check_in, name="event-check-in"),
    path("my/bookings/", views.my_bookings, name="my-bookings"),
    path("my/bookings/<int:pk>/cancel/", views.booking_cancel, name="booking-cancel"),
    path("my/bookings/<int:pk>/restore/", views.booking_restore, name="booking-restore"),
    # staff
    path("staff/events/", staff_views.event_list, name="staff-event-list"),
    path("staff/events/new/", staff_views.event_create, name="staff-event-create"),
    path("staff/events/<int:pk>/", staff_views.event_detail, name="staff-event-detail"),
    path("staff/events/<int:pk>/edit/", staff_views.event_update, name="staff-event-update"),
    path("staff/events/<int:pk>/cancel/", staff_views.event_cancel, name="staff-event-cancel"),
    path(
        "staff/events/<int:pk>/signup/",
        staff_views.event_signup_on_behalf,
        name="staff-event-signup",
    ),
    path(
        "staff/events/<int:pk>/attendees.xlsx",
        staff_views.attendee_export,
        name="staff-attendee-export",
    ),
    path(
        "staff/events/<int:pk>/signups/<int:registration_pk>/attendance/",
        staff_views.registration_attendance,
        name="staff-registration-attendance",
    ),
    path(
        "staff/events/<int:pk>/signups/<int:registration_pk>/cancel/",
        staff_views.registration_cancel,
        name="staff-registration-cancel",
    ),
    path("staff/volunteer-hours/", staff_views.hour_totals, name="staff-hour-totals"),
    path(
        "staff/volunteer-hours/<int:resident_pk>/certificate/",
        staff_views.certificate_issue,
        name="staff-certificate-issue",
    ),
    path(
        "staff/certificates/<int:pk>/",
        staff_views.certificate_detail,
        name="certificate-detail",
    ),
]
