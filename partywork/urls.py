from django.urls import path

from partywork.views import residents, staff

app_name = "partywork"

urlpatterns = [
    # staff
    path("staff/partywork/", staff.organisation_list, name="organisation-list"),
    path("staff/partywork/new/", staff.organisation_create, name="organisation-create"),
    path("staff/partywork/overdue/", staff.overdue_list, name="overdue-list"),
    path("staff/partywork/<int:pk>/", staff.organisation_detail, name="organisation-detail"),
    path(
        "staff/partywork/<int:pk>/members/new/", staff.membership_create, name="membership-create"
    ),
    path("staff/partywork/<int:pk>/plan/", staff.plan_generate, name="plan-generate"),
    path("staff/partywork/<int:pk>/party-days/", staff.plan_detail, name="plan-detail"),
    path("staff/partywork/<int:pk>/meetings/new/", staff.meeting_create, name="meeting-create"),
    path(
        "staff/partywork/<int:pk>/meetings/schedule/",
        staff.meeting_schedule,
        name="meeting-schedule",
    ),
    path("staff/partywork/<int:pk>/roles/", staff.duty_summary, name="duty-summary"),
    path(
        "staff/partywork/<int:pk>/selections/new/", staff.selection_create, name="selection-create"
    ),
    path("staff/partywork/<int:pk>/contests/new/", staff.contest_create, name="contest-create"),
    path("staff/partywork/<int:pk>/hours/", staff.league_hours, name="league-hours"),
    path("staff/partywork/members/<int:pk>/", staff.member_detail, name="member-detail"),
    path("staff/partywork/members/<int:pk>/leave/", staff.membership_end, name="membership-end"),
    path("staff/partywork/members/<int:pk>/post/", staff.officer_create, name="officer-create"),
    path("staff/partywork/members/<int:pk>/roles/", staff.duty_assign, name="duty-assign"),
    path(
        "staff/partywork/members/<int:pk>/entries/new/",
        staff.duty_entry_create,
        name="duty-entry-create",
    ),
    path("staff/partywork/meetings/<int:pk>/", staff.meeting_detail, name="meeting-detail"),
    path("staff/partywork/selections/<int:pk>/", staff.selection_detail, name="selection-detail"),
    path(
        "staff/partywork/selections/<int:pk>/close/", staff.selection_close, name="selection-close"
    ),
    path("staff/partywork/contests/<int:pk>/", staff.contest_detail, name="contest-detail"),
    path(
        "staff/partywork/contests/<int:pk>/entries/new/",
        staff.contest_entry_create,
        name="contest-entry-create",
    ),
    path(
        "staff/partywork/contests/<int:pk>/entries/<int:entry_pk>/judge/",
        staff.contest_entry_judge,
        name="contest-entry-judge",
    ),
    path(
        "staff/partywork/contests/<int:pk>/publish/", staff.contest_publish, name="contest-publish"
    ),
    # a member's own pages
    path("partywork/my/", residents.my_partywork, name="my-partywork"),
    path("partywork/my/calendar/renew/", residents.feed_renew, name="feed-renew"),
    path("partywork/my/calendar/revoke/", residents.feed_revoke, name="feed-revoke"),
    path("partywork/feed/<str:token>.ics", residents.private_feed, name="private-feed"),
    path("partywork/selections/<int:pk>/", residents.selection_vote, name="selection-vote"),
]
