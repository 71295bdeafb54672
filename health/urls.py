from django.urls import path

from health.views import clinical, office, public

app_name = "health"

urlpatterns = [
    # Staff: the office side.
    path("staff/health/", office.home, name="home"),
    path("staff/health/teams/", office.team_list, name="team-list"),
    path("staff/health/teams/<int:pk>/", office.team_detail, name="team-detail"),
    path("staff/health/contracts/", office.contract_list, name="contract-list"),
    path("staff/health/contracts/new/", office.contract_create, name="contract-create"),
    path("staff/health/contracts/<int:pk>/", office.contract_detail, name="contract-detail"),
    path(
        "staff/health/contracts/<int:pk>/confirm/", office.contract_confirm, name="contract-confirm"
    ),
    path(
        "staff/health/contracts/<int:pk>/decline/", office.contract_decline, name="contract-decline"
    ),
    path("staff/health/contracts/<int:pk>/renew/", office.contract_renew, name="contract-renew"),
    path("staff/health/contracts/<int:pk>/end/", office.contract_end, name="contract-end"),
    path("staff/health/timetables/", office.timetable_list, name="timetable-list"),
    path("staff/health/timetables/new/", office.timetable_create, name="timetable-create"),
    path("staff/health/timetables/<int:pk>/", office.timetable_detail, name="timetable-detail"),
    path("staff/health/timetables/<int:pk>/open/", office.timetable_open, name="timetable-open"),
    path(
        "staff/health/timetables/<int:pk>/day-off/",
        office.timetable_day_off,
        name="timetable-day-off",
    ),
    path("staff/health/bookings/", office.booking_list, name="booking-list"),
    path("staff/health/slots/<int:pk>/book/", office.booking_create, name="booking-create"),
    path(
        "staff/health/bookings/<int:pk>/check-in/", office.booking_check_in, name="booking-check-in"
    ),
    path("staff/health/bookings/<int:pk>/cancel/", office.booking_cancel, name="booking-cancel"),
    # Staff: the clinical side (family doctors).
    path("staff/health/patients/", clinical.patient_list, name="patient-list"),
    path("staff/health/patients/new/", clinical.patient_create, name="patient-create"),
    path("staff/health/patients/<int:pk>/", clinical.patient_detail, name="patient-detail"),
    path(
        "staff/health/patients/<int:pk>/follow-up/",
        clinical.followup_create,
        name="followup-create",
    ),
    path(
        "staff/health/patients/<int:pk>/referral-back/",
        clinical.referral_return,
        name="referral-return",
    ),
    path("staff/health/follow-ups/<int:pk>/", clinical.followup_detail, name="followup-detail"),
    path("staff/health/follow-ups/due/", clinical.followup_due, name="followup-due"),
    path("staff/health/children/", clinical.child_list, name="child-list"),
    path("staff/health/children/new/", clinical.child_create, name="child-create"),
    path("staff/health/children/<int:pk>/", clinical.child_detail, name="child-detail"),
    path("staff/health/children/<int:pk>/dose/", clinical.dose_create, name="dose-create"),
    path("staff/health/elderly/", clinical.elderly_list, name="elderly-list"),
    path("staff/health/elderly/new/", clinical.elderly_create, name="elderly-create"),
    path("staff/health/overdue/", clinical.overdue, name="overdue"),
    # Residents.
    path("health/book/", public.book, name="book"),
    path("health/book/<int:pk>/", public.book_slot, name="book-slot"),
    path("health/my-bookings/", public.my_bookings, name="my-bookings"),
    path("health/my-bookings/<int:pk>/cancel/", public.my_booking_cancel, name="my-booking-cancel"),
    path("health/contract/", public.contract_request, name="contract-request"),
]
