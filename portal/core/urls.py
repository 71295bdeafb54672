from django.urls import path

from portal.core import display, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.staff_home, name="staff-home"),
    path("healthz", views.healthz, name="healthz"),
    path("text-size/", display.text_size, name="text-size"),
]
