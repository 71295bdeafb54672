"""The community college in a real browser: a resident enrols in a class on a phone,
the coordinator marks a session's attendance, and prints a completion certificate."""

import datetime as dt

import pytest
from django.utils import timezone

from education.models import CompletionCertificate, Enrolment, EnrolmentStatus
from education.services import courses as services
from portal.events.models import Registration
from tests.education.fixtures import coordinator, course, learners, open_class, programmes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["coordinator", "course", "programmes"]


def _enrol(course_class, residents, by):
    first = course_class.sessions().first().starts_at
    return [
        services.enrolment_create(
            course_class=course_class, resident=r, by=by, now=first - dt.timedelta(days=1)
        )
        for r in residents
    ]


def test_a_resident_enrols_on_a_phone(phone, resident_user, resident_a, course, coordinator):
    course_class = open_class(
        course,
        coordinator,
        count=6,
        first=timezone.now().replace(microsecond=0) + dt.timedelta(days=5),
    )
    resident_user.resident = resident_a
    resident_user.save()
    phone.log_in(resident_user, "/education/courses/")
    assert phone.fits_the_screen()
    phone.shot("courses")
    phone.page.click(f"#class-{course_class.pk} button[type=submit]")
    phone.page.wait_for_url("**/education/my/")
    assert course.name in phone.page.inner_text("#my-enrolments")
    assert phone.fits_the_screen()
    phone.shot("my-courses")
    enrolment = Enrolment.objects.unscoped().get(resident=resident_a)
    assert enrolment.status == EnrolmentStatus.CONFIRMED
    assert not phone.errors


def test_the_coordinator_marks_attendance(phone, coordinator, course, community_a):
    course_class = open_class(
        course,
        coordinator,
        count=4,
        first=timezone.now().replace(microsecond=0) - dt.timedelta(hours=1),
    )
    came, absent = learners(community_a, 2)
    _enrol(course_class, [came, absent], coordinator)
    session = course_class.sessions().first()
    phone.log_in_as_staff(coordinator)
    phone.go(f"/staff/education/classes/{course_class.pk}/sessions/{session.pk}/")
    phone.page.check(f"#present-{came.pk}")
    phone.page.click("#attendance-form button[type=submit]")
    phone.page.wait_for_load_state()
    assert phone.page.is_checked(f"#present-{came.pk}")
    assert not phone.page.is_checked(f"#present-{absent.pk}")
    attended = Registration.objects.attended().filter(event=session).unscoped()
    assert list(attended.values_list("resident", flat=True)) == [came.pk]
    assert phone.fits_the_screen()
    phone.shot("attendance")
    assert not phone.errors


def test_the_coordinator_prints_a_certificate(desktop, coordinator, course, community_a):
    course_class = open_class(
        course,
        coordinator,
        count=5,
        first=timezone.now().replace(microsecond=0) - dt.timedelta(weeks=6),
    )
    [learner] = learners(community_a, 1)
    [enrolment] = _enrol(course_class, [learner], coordinator)
    for session in list(course_class.sessions())[:4]:  # 80 % of 5
        services.session_attendance_mark(
            session=session, resident=learner, attended=True, by=coordinator, now=session.starts_at
        )
    desktop.log_in_as_staff(coordinator)
    desktop.go(f"/staff/education/classes/{course_class.pk}/")
    desktop.page.click(f"#enrolment-{enrolment.pk} button.btn-primary")
    desktop.page.wait_for_url("**/staff/education/certificates/*/")
    certificate = CompletionCertificate.objects.get()
    assert certificate.number in desktop.page.inner_text("#certificate-number")
    assert "4 / 5" in desktop.page.inner_text("#certificate-attendance")
    desktop.page.evaluate("window.printed = false; window.print = () => { window.printed = true; }")
    desktop.page.click("#print-certificate")
    assert desktop.page.evaluate("window.printed")
    desktop.shot("certificate")
    assert not desktop.errors
