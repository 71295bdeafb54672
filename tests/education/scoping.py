"""The education app's community-scoped models, one row each in communities A and B, for
the scoping table of tests/security/test_scoping.py."""

import datetime as dt

from education.models import (
    CompletionCertificate,
    Course,
    CourseClass,
    DegreeEnrolment,
    DegreeExam,
    Enrolment,
    TrainingEntry,
    TrainingProgramme,
)
from portal.events.models import EventSeries

SCOPED_MODELS = [
    Course,
    CourseClass,
    Enrolment,
    CompletionCertificate,
    TrainingEntry,
    DegreeEnrolment,
    DegreeExam,
]


def scoped_world(resident_a, resident_b, issuer) -> dict:
    """A course with a class, an enrolment and its certificate, a training entry, and an
    adult-degree enrolment with an exam, in each resident's community."""
    programme = TrainingProgramme.objects.create(code="t", name="培训", method="roster")
    rows: dict = {model: [] for model in SCOPED_MODELS}
    for n, resident in enumerate((resident_a, resident_b)):
        community = resident.community
        course = Course.objects.create(
            name="电脑",
            category="computer",
            community=community,
            teacher="李",
            place="中心",
            hours=10,
            capacity=10,
        )
        course_class = CourseClass.objects.create(
            course=course,
            name="春季班",
            series=EventSeries.objects.create(frequency="weekly", count=1),
            capacity=10,
            enrolment_closes_at="2026-03-01T08:00:00+08:00",
        )
        enrolment = Enrolment.objects.create(
            course_class=course_class, resident=resident, status="confirmed"
        )
        degree = DegreeEnrolment.objects.create(
            resident=resident,
            university="陕西师范大学",
            major="教育",
            level="high_to_junior",
            enrolled_on=dt.date(2026, 3, 1),
        )
        rows[Course].append(course)
        rows[CourseClass].append(course_class)
        rows[Enrolment].append(enrolment)
        rows[CompletionCertificate].append(
            CompletionCertificate.objects.create(
                number=f"JYZS-T-{n}",
                enrolment=enrolment,
                sessions_attended=1,
                sessions_held=1,
                issued_by=issuer,
            )
        )
        rows[TrainingEntry].append(
            TrainingEntry.objects.create(
                programme=programme,
                held_on=dt.date(2026, 3, 1),
                title="培训",
                community=community,
                person_times=5,
                persons=5,
                source="roster",
            )
        )
        rows[DegreeEnrolment].append(degree)
        rows[DegreeExam].append(
            DegreeExam.objects.create(enrolment=degree, subject="英语", sat_on=dt.date(2026, 6, 1))
        )
    return {model: tuple(pair) for model, pair in rows.items()}
