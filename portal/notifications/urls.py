from django.urls import path

from portal.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/read/", views.read, name="read"),
    path("read-all/", views.read_all, name="read-all"),
    path("bell/", views.bell, name="bell"),
    path("settings/", views.channel_settings, name="settings"),
]
