from django.urls import path

from portal.notices import views

app_name = "notices"

urlpatterns = [
    # public
    path("notices/", views.notice_list, name="notice-list"),
    path("notices/<int:pk>/", views.notice_detail, name="notice-detail"),
    path("notices/<int:pk>/objection/", views.notice_objection, name="notice-objection"),
    # staff
    path("staff/notices/", views.staff_list, name="staff-list"),
    path("staff/notices/new/", views.notice_create, name="create"),
    path("staff/notices/<int:pk>/edit/", views.notice_update, name="update"),
    path("staff/notices/<int:pk>/publish/", views.notice_publish, name="publish"),
    path("staff/notices/<int:pk>/withdraw/", views.notice_withdraw, name="withdraw"),
]
