from django.urls import path

from eldercare.views import allowance, care, register, requests, volunteers

app_name = "eldercare"

urlpatterns = [
    path("staff/eldercare/", register.elder_list, name="elder-list"),
    path("staff/eldercare/elders/<int:pk>/", register.elder_detail, name="elder-detail"),
    path("staff/eldercare/elders/<int:pk>/profile/", register.profile_edit, name="profile-edit"),
    path(
        "staff/eldercare/elders/<int:pk>/condition-change/",
        register.condition_change,
        name="condition-change",
    ),
    path("staff/eldercare/missing/", register.missing_list, name="missing-list"),
    path("staff/eldercare/assessments/new/", care.assessment_create, name="assessment-create"),
    path("staff/eldercare/assessments/<int:pk>/", care.assessment_detail, name="assessment-detail"),
    path("staff/eldercare/stations/", care.station_list, name="station-list"),
    path("staff/eldercare/stations/figures/", care.station_figures, name="station-figures"),
    path("staff/eldercare/stations/<int:pk>/", care.station_detail, name="station-detail"),
    path("staff/eldercare/stations/<int:pk>/record/", care.record_create, name="record-create"),
    path("staff/eldercare/devices/", care.device_list, name="device-list"),
    path("staff/eldercare/devices/new/", care.device_create, name="device-create"),
    path("staff/eldercare/devices/<int:pk>/", care.device_detail, name="device-detail"),
    path("staff/eldercare/devices/<int:pk>/remove/", care.device_remove, name="device-remove"),
    path("staff/eldercare/volunteers/", volunteers.volunteer_list, name="volunteer-list"),
    path("staff/eldercare/volunteers/new/", volunteers.volunteer_create, name="volunteer-create"),
    path("staff/eldercare/pairings/", volunteers.pairing_list, name="pairing-list"),
    path("staff/eldercare/pairings/new/", volunteers.pairing_create, name="pairing-create"),
    path("staff/eldercare/pairings/<int:pk>/", volunteers.pairing_detail, name="pairing-detail"),
    path("staff/eldercare/pairings/<int:pk>/end/", volunteers.pairing_end, name="pairing-end"),
    path("staff/eldercare/visits/<int:pk>/decide/", volunteers.visit_decide, name="visit-decide"),
    path("staff/eldercare/allowance/", allowance.allowance_list, name="allowance-list"),
    path("staff/eldercare/allowance/new/", allowance.enrolment_create, name="enrolment-create"),
    path(
        "staff/eldercare/allowance/<int:pk>/stop/", allowance.enrolment_stop, name="enrolment-stop"
    ),
    path("staff/eldercare/workbook/", allowance.workbook_request, name="workbook-request"),
    path("staff/eldercare/requests/", requests.request_list, name="request-list"),
    path(
        "staff/eldercare/requests/<int:pk>/handle/", requests.request_handle, name="request-handle"
    ),
    path("eldercare/apply/", requests.apply, name="apply"),
    path("eldercare/my-visits/", volunteers.my_visits, name="my-visits"),
    path("eldercare/my-visits/<int:pk>/log/", volunteers.visit_log, name="visit-log"),
]
