"""Addresses of the education app, mounted by one ``include()`` in portal/urls.py: staff
pages under /staff/education/, public pages under /education/."""

from django.urls import path

from education.views import column, courses, learners, programmes, public

app_name = "education"

S = "staff/education/"

urlpatterns = [
    # --- the community college (staff) ----------------------------------------------------
    path(S, courses.course_list, name="course-list"),
    path(f"{S}courses/new/", courses.course_create, name="course-create"),
    path(f"{S}courses/<int:pk>/", courses.course_detail, name="course-detail"),
    path(f"{S}courses/<int:pk>/edit/", courses.course_edit, name="course-edit"),
    path(f"{S}courses/<int:pk>/classes/new/", courses.class_create, name="class-create"),
    path(f"{S}classes/<int:pk>/", courses.class_detail, name="class-detail"),
    path(f"{S}classes/<int:pk>/enrol/", courses.class_enrol, name="class-enrol"),
    path(
        f"{S}classes/<int:pk>/sessions/<int:session>/",
        courses.session_attendance,
        name="session-attendance",
    ),
    path(f"{S}enrolments/<int:pk>/cancel/", courses.enrolment_cancel, name="enrolment-cancel"),
    path(
        f"{S}enrolments/<int:pk>/certificate/",
        courses.certificate_issue,
        name="certificate-issue",
    ),
    path(f"{S}certificates/<int:pk>/", courses.certificate_detail, name="certificate-detail"),
    # --- training programmes ----------------------------------------------------------------
    path(f"{S}programmes/", programmes.programme_list, name="programme-list"),
    path(f"{S}programmes/report/", programmes.programme_report, name="programme-report"),
    path(f"{S}programmes/<int:pk>/", programmes.programme_detail, name="programme-detail"),
    path(f"{S}programmes/<int:pk>/target/", programmes.target_set, name="target-set"),
    path(f"{S}programmes/<int:pk>/entries/new/", programmes.entry_create, name="entry-create"),
    path(f"{S}programmes/<int:pk>/import/", programmes.entry_import, name="entry-import"),
    path(f"{S}entries/<int:pk>/delete/", programmes.entry_delete, name="entry-delete"),
    # --- learners ---------------------------------------------------------------------------
    path(f"{S}groups/", learners.group_list, name="group-list"),
    path(f"{S}groups/elderly/", learners.elderly_view, name="elderly"),
    path(f"{S}degrees/", learners.degree_list, name="degree-list"),
    path(f"{S}degrees/new/", learners.degree_create, name="degree-create"),
    path(f"{S}degrees/<int:pk>/", learners.degree_detail, name="degree-detail"),
    path(f"{S}discover/", learners.discover, name="discover"),
    # --- the farmers' column ------------------------------------------------------------------
    path(f"{S}column/", column.post_list, name="post-list"),
    path(f"{S}column/new/", column.post_create, name="post-create"),
    path(f"{S}column/<int:pk>/edit/", column.post_edit, name="post-edit"),
    # --- public pages -------------------------------------------------------------------------
    path("education/courses/", public.public_courses, name="public-courses"),
    path("education/classes/<int:pk>/enrol/", public.public_enrol, name="public-enrol"),
    path("education/my/", public.my_courses, name="my-courses"),
    path("education/my/<int:pk>/cancel/", public.my_enrolment_cancel, name="my-enrolment-cancel"),
    path("education/my/certificates/<int:pk>/", public.my_certificate, name="my-certificate"),
    path("education/column/", column.column, name="column"),
    path("education/column/<int:pk>/", column.column_detail, name="column-detail"),
]
