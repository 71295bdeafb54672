from django.urls import path

from portal.registry import import_views, views

app_name = "registry"

urlpatterns = [
    path("residents/", views.resident_list, name="resident-list"),
    path("residents/new/", views.resident_create, name="resident-create"),
    path("residents/options/", views.resident_options, name="resident-options"),
    path("residents/export/", views.resident_export, name="resident-export"),
    path("imports/", import_views.import_list, name="import-list"),
    path("imports/template/", import_views.import_template, name="import-template"),
    path("imports/<int:pk>/", import_views.import_detail, name="import-detail"),
    path("imports/<int:pk>/commit/", import_views.import_commit, name="import-commit"),
    path("imports/<int:pk>/problems/", import_views.import_errors, name="import-errors"),
    path("residents/<int:pk>/", views.resident_detail, name="resident-detail"),
    path("residents/<int:pk>/edit/", views.resident_update, name="resident-update"),
    path("households/", views.household_list, name="household-list"),
    path("households/new/", views.household_create, name="household-create"),
    path("households/options/", views.household_options, name="household-options"),
    path("households/<int:pk>/", views.household_detail, name="household-detail"),
    path("households/<int:pk>/edit/", views.household_update, name="household-update"),
]
