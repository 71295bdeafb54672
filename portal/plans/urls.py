from django.urls import path

from portal.plans import views

app_name = "plans"

urlpatterns = [
    path("staff/plans/", views.plan_list, name="plan-list"),
    path("staff/plans/new/", views.plan_create, name="plan-create"),
    path("staff/plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("staff/plans/<int:pk>/compute/", views.plan_compute, name="plan-compute"),
    path("staff/plans/<int:pk>/next-year/", views.plan_copy, name="plan-copy"),
    path("staff/plans/<int:pk>/summary/", views.plan_summary, name="plan-summary"),
    path(
        "staff/plans/<int:pk>/summary/workbook/",
        views.plan_summary_request,
        name="plan-summary-request",
    ),
    path("staff/plans/<int:pk>/chapters/new/", views.chapter_create, name="chapter-create"),
    path("staff/plans/<int:pk>/items/new/", views.item_create, name="item-create"),
    path("staff/plans/items/<int:pk>/", views.item_detail, name="item-detail"),
    path("staff/plans/items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("staff/plans/items/<int:pk>/milestone/", views.item_milestone, name="item-milestone"),
    path("staff/plans/items/<int:pk>/evidence/", views.item_evidence, name="item-evidence"),
    path("staff/plans/items/<int:pk>/reopen/", views.item_reopen, name="item-reopen"),
    path("staff/plans/items/<int:pk>/delete/", views.item_delete, name="item-delete"),
    path("plans/", views.public_progress, name="public"),
]
