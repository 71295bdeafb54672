"""Addresses of the assistance app, mounted by one ``include()`` in portal/urls.py: staff
pages under /staff/assistance/, public pages under /assistance/ (the charity totals, a
resident's requests). The charity totals were at /charity/; that address redirects."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.generic import RedirectView

from assistance.views import applications as views
from assistance.views import charity as charity_views
from assistance.views import medical as medical_views
from assistance.views import public as public_views
from assistance.views import recoveries as recovery_views
from assistance.views import standards as standard_views

app_name = "assistance"

urlpatterns = [
    # --- applications (staff) -----------------------------------------------------------
    path("staff/assistance/", views.application_list, name="application-list"),
    path("staff/assistance/new/", views.application_create, name="application-create"),
    path("staff/assistance/confirm/", views.batch_confirm, name="application-batch-confirm"),
    path("staff/assistance/publish/", views.batch_publish, name="application-batch-publish"),
    path("staff/assistance/prior/", views.prior_list, name="prior-list"),
    path("staff/assistance/reviews/", views.review_list, name="review-list"),
    path("staff/assistance/<int:pk>/", views.application_detail, name="application-detail"),
    path("staff/assistance/<int:pk>/survey/", views.application_survey, name="application-survey"),
    path("staff/assistance/<int:pk>/step/", views.application_step, name="application-step"),
    path(
        "staff/assistance/<int:pk>/members/",
        views.application_members,
        name="application-members",
    ),
    path(
        "staff/assistance/<int:pk>/members/remove/",
        views.application_member_remove,
        name="application-member-remove",
    ),
    path(
        "staff/assistance/<int:pk>/decision/",
        views.application_special_decision,
        name="application-special-decision",
    ),
    path("staff/assistance/<int:pk>/prior/", views.application_prior, name="application-prior"),
    path(
        "staff/assistance/<int:pk>/expenses/",
        views.application_expenses,
        name="application-expenses",
    ),
    path(
        "staff/assistance/<int:pk>/account/",
        views.application_account,
        name="application-account",
    ),
    path(
        "staff/assistance/<int:pk>/objections/new/",
        views.objection_record,
        name="objection-record",
    ),
    path(
        "staff/assistance/objections/<int:pk>/accept/",
        views.objection_accept,
        name="objection-accept",
    ),
    path(
        "staff/assistance/objections/<int:pk>/reject/",
        views.objection_reject,
        name="objection-reject",
    ),
    path(
        "staff/assistance/objections/<int:pk>/answer/",
        views.objection_answer,
        name="objection-answer",
    ),
    # --- standards and rosters (staff) ------------------------------------------------------
    path("staff/assistance/standards/", standard_views.standard_list, name="standard-list"),
    path("staff/assistance/roster/", standard_views.roster_request, name="roster"),
    path("staff/assistance/roster/close/", standard_views.roster_close, name="roster-close"),
    # --- 追缴 (staff) --------------------------------------------------------------------------
    path("staff/assistance/recoveries/", recovery_views.recovery_list, name="recovery-list"),
    path(
        "staff/assistance/recoveries/<int:pk>/",
        recovery_views.recovery_detail,
        name="recovery-detail",
    ),
    path(
        "staff/assistance/recoveries/<int:pk>/repay/",
        recovery_views.recovery_repay,
        name="recovery-repay",
    ),
    path(
        "staff/assistance/recoveries/<int:pk>/settle/",
        recovery_views.recovery_settle,
        name="recovery-settle",
    ),
    path(
        "staff/assistance/<int:pk>/recovery/",
        recovery_views.recovery_record,
        name="recovery-record",
    ),
    # --- special-disease medical assistance (staff) ----------------------------------------
    path("staff/assistance/medical/", medical_views.claim_list, name="claim-list"),
    path("staff/assistance/medical/new/", medical_views.claim_create, name="claim-create"),
    path("staff/assistance/medical/funds/", medical_views.fund_list, name="fund-list"),
    path("staff/assistance/medical/<int:pk>/", medical_views.claim_detail, name="claim-detail"),
    path(
        "staff/assistance/medical/<int:pk>/decide/",
        medical_views.claim_decide,
        name="claim-decide",
    ),
    # --- charity (staff) ----------------------------------------------------------------
    path("staff/assistance/charity/", charity_views.donation_list, name="donation-list"),
    path("staff/assistance/charity/new/", charity_views.donation_create, name="donation-create"),
    path(
        "staff/assistance/charity/<int:pk>/", charity_views.donation_detail, name="donation-detail"
    ),
    path(
        "staff/assistance/charity/<int:pk>/allocate/",
        charity_views.allocation_create,
        name="allocation-create",
    ),
    path("staff/assistance/charity/donors/", charity_views.donor_list, name="donor-list"),
    path("staff/assistance/charity/donors/new/", charity_views.donor_create, name="donor-create"),
    path(
        "staff/assistance/charity/donors/<int:pk>/",
        charity_views.donor_detail,
        name="donor-detail",
    ),
    # --- public -----------------------------------------------------------------------------
    path("assistance/charity/", charity_views.charity_public, name="charity-public"),
    path("assistance/apply/", public_views.temporary_request, name="temporary-request"),
    path("assistance/mine/", public_views.my_applications, name="my-applications"),
    # --- moved addresses --------------------------------------------------------------------
    path(
        "charity/",
        login_not_required(
            RedirectView.as_view(pattern_name="assistance:charity-public", permanent=True)
        ),
        name="charity-moved",
    ),
]
