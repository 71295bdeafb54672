from django.urls import path

from portal.guide import views

app_name = "guide"

urlpatterns = [
    path("services/", views.service_list, name="service-list"),
    path("services/<slug:slug>/", views.service_detail, name="service-detail"),
    path("staff/services/", views.staff_list, name="staff-list"),
    path("staff/services/new/", views.service_create, name="create"),
    path("staff/services/<slug:slug>/edit/", views.service_update, name="update"),
]
