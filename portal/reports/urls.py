from django.urls import path

from portal.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.job_list, name="job-list"),
    path("<int:pk>/", views.job_detail, name="job-detail"),
    path("<int:pk>/download/", views.job_download, name="job-download"),
]
