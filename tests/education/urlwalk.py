"""The education app's part of the URL walk (collected by tests/security/urlwalk.py): a
course of community A with a class its resident is enrolled in (one session attended, a
certificate issued), an adult-degree enrolment, a programme with an entry, a post."""

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from education.catalogue import install_programmes
from education.models import (
    ColumnCategory,
    ColumnPost,
    CompletionCertificate,
    Course,
    CourseCategory,
    DegreeEnrolment,
    DegreeLevel,
    EntrySource,
    TrainingEntry,
)
from education.services import courses as services
from portal.events.models import Frequency

ARGUMENTS = {
    "education:course-detail": lambda o: {"pk": o.course.pk},
    "education:course-edit": lambda o: {"pk": o.course.pk},
    "education:class-create": lambda o: {"pk": o.course.pk},
    "education:class-detail": lambda o: {"pk": o.course_class.pk},
    "education:class-enrol": lambda o: {"pk": o.course_class.pk},
    "education:session-attendance": lambda o: {
        "pk": o.course_class.pk,
        "session": o.class_session.pk,
    },
    "education:enrolment-cancel": lambda o: {"pk": o.enrolment.pk},
    "education:certificate-issue": lambda o: {"pk": o.enrolment.pk},
    "education:certificate-detail": lambda o: {"pk": o.completion_certificate.pk},
    "education:programme-detail": lambda o: {"pk": o.programme.pk},
    "education:target-set": lambda o: {"pk": o.programme.pk},
    "education:entry-create": lambda o: {"pk": o.programme.pk},
    "education:entry-import": lambda o: {"pk": o.programme.pk},
    "education:entry-delete": lambda o: {"pk": o.training_entry.pk},
    "education:degree-detail": lambda o: {"pk": o.degree.pk},
    "education:post-edit": lambda o: {"pk": o.column_post.pk},
    "education:column-detail": lambda o: {"pk": o.column_post.pk},
    "education:public-enrol": lambda o: {"pk": o.course_class.pk},
    "education:my-enrolment-cancel": lambda o: {"pk": o.enrolment.pk},
    "education:my-certificate": lambda o: {"pk": o.completion_certificate.pk},
}


def walk_objects(o: SimpleNamespace) -> dict[str, Any]:
    programmes = install_programmes()
    course = Course.objects.create(
        name="电脑入门",
        category=CourseCategory.COMPUTER,
        community=o.community,
        teacher="李老师",
        place="东南社区服务中心",
        hours=12,
        capacity=20,
        programme=programmes["labour_transfer"],
    )
    first = timezone.now() - dt.timedelta(days=30)
    course_class = services.class_open(
        course=course,
        name="秋季班",
        first_start=first,
        minutes=90,
        frequency=Frequency.WEEKLY,
        count=2,
        by=o.staff,
    )
    enrolment = services.enrolment_create(
        course_class=course_class,
        resident=o.resident,
        by=o.staff,
        now=first - dt.timedelta(days=1),
    )
    sessions = list(course_class.sessions())
    for session in sessions:
        services.session_attendance_mark(
            session=session,
            resident=o.resident,
            attended=True,
            by=o.staff,
            now=session.starts_at + dt.timedelta(minutes=10),
        )
    certificate = CompletionCertificate.objects.create(
        number="JYZS-2026-900001",
        enrolment=enrolment,
        sessions_attended=2,
        sessions_held=2,
        issued_by=o.staff,
    )
    degree = DegreeEnrolment.objects.create(
        resident=o.resident,
        university="陕西师范大学",
        major="学前教育",
        level=DegreeLevel.HIGH_TO_JUNIOR,
        enrolled_on=dt.date(2026, 3, 1),
    )
    programme = programmes["sending_teaching"]
    entry = TrainingEntry.objects.create(
        programme=programme,
        held_on=dt.date(2026, 4, 1),
        title="送教下乡（小学）",
        person_times=30,
        persons=30,
        source=EntrySource.ROSTER,
    )
    post = ColumnPost.objects.create(
        title="早稻育秧技术要点", category=ColumnCategory.TECHNIQUE, body="……"
    )
    return {
        "course": course,
        "course_class": course_class,
        "class_session": sessions[0],
        "enrolment": enrolment,
        "completion_certificate": certificate,
        "degree": degree,
        "programme": programme,
        "training_entry": entry,
        "column_post": post,
    }


# Rows of the URL walk's tables (tests/security/test_url_walk.py).
PUBLIC = {
    "education:public-courses": ({200}, {405}),
    "education:column": ({200}, {405}),
    "education:column-detail": ({200}, {405}),
}
RESIDENT_PAGES = {
    "education:public-enrol",
    "education:my-courses",
    "education:my-enrolment-cancel",
    "education:my-certificate",
}
# The course coordinator's own pages (course set-up, programmes, the column): 403 to
# community staff whatever the record.
SUB_DISTRICT_ONLY = {
    "education:course-edit",
    "education:class-create",
    "education:programme-detail",
    "education:target-set",
    "education:entry-create",
    "education:entry-import",
    "education:entry-delete",
    "education:post-edit",
}

# Rows of the fuzz pass's tables (tests/security/test_fuzz.py): forms submitted to their view.
FORM_VIEWS = {
    "CourseFilterForm": ("education:course-list", "get", None),
    "CourseForm": ("education:course-create", "post", None),
    "CourseClassForm": ("education:class-create", "post", lambda o: [o.course.pk]),
    "LearnerSearchForm": ("education:class-detail", "get", lambda o: [o.course_class.pk]),
    "EducationYearForm": ("education:group-list", "get", None),
    "ProgrammeTargetForm": ("education:target-set", "post", lambda o: [o.programme.pk]),
    "TrainingEntryForm": ("education:entry-create", "post", lambda o: [o.programme.pk]),
    "TrainingImportForm": ("education:entry-import", "post", lambda o: [o.programme.pk]),
    "DegreeEnrolmentForm": ("education:degree-create", "post", None),
    "DegreeStatusForm": ("education:degree-detail", "post", lambda o: [o.degree.pk]),
    "DegreeExamForm": ("education:degree-detail", "post", lambda o: [o.degree.pk]),
    "ColumnPostForm": ("education:post-create", "post", None),
}
