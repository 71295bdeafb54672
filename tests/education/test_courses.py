"""Classes as recurring kernel events, enrolment for the whole class with its waiting
list, attendance per session and the completion rule with its certificate."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from education.models import CompletionCertificate, Enrolment, EnrolmentStatus
from education.services import courses as services
from portal.events.models import EventKind, OrganiserApp, Registration, RegistrationStatus
from tests.education.fixtures import BEFORE, FIRST, attend, enrol, learners, open_class

pytestmark = pytest.mark.django_db
AFTER = FIRST + dt.timedelta(weeks=12)


def test_a_class_is_a_series_of_kernel_class_events(course_class, course):
    sessions = list(course_class.sessions())
    assert len(sessions) == 10
    assert {s.kind for s in sessions} == {EventKind.CLASS}
    assert {s.organiser_app for s in sessions} == {OrganiserApp.EDUCATION}
    assert {s.community_id for s in sessions} == {course.community_id}
    assert not any(s.signup_enabled for s in sessions)  # enrolment is for the whole class
    assert sessions[1].starts_at - sessions[0].starts_at == dt.timedelta(weeks=1)


def test_enrolment_gives_a_place_at_every_session(course_class, community_a, coordinator):
    [resident] = learners(community_a, 1)
    [enrolment] = enrol(course_class, [resident], coordinator)
    assert enrolment.status == EnrolmentStatus.CONFIRMED
    registrations = Registration.objects.filter(resident=resident).unscoped()
    assert registrations.count() == 10
    assert set(registrations.values_list("status", flat=True)) == {RegistrationStatus.CONFIRMED}


def test_beyond_capacity_only_the_waiting_list(course_class, community_a, coordinator):
    residents = learners(community_a, 5)
    enrolments = enrol(course_class, residents, coordinator)
    assert [e.status for e in enrolments] == ["confirmed"] * 3 + ["waitlisted"] * 2
    # The waiting learners have no place at any session.
    assert not Registration.objects.filter(resident__in=residents[3:]).unscoped().exists()
    promoted = services.enrolment_cancel(enrolment=enrolments[0], by=coordinator, now=BEFORE)
    assert [e.pk for e in promoted] == [enrolments[3].pk]
    assert Registration.objects.confirmed().filter(resident=residents[3]).unscoped().count() == 10
    assert Registration.objects.confirmed().filter(resident=residents[0]).unscoped().count() == 0
    assert Enrolment.objects.get(pk=enrolments[4].pk).status == EnrolmentStatus.WAITLISTED


def test_enrolling_twice_is_refused(course_class, community_a, coordinator):
    [resident] = learners(community_a, 1)
    enrol(course_class, [resident], coordinator)
    with pytest.raises(ValidationError) as error:
        enrol(course_class, [resident], coordinator)
    assert error.value.code == "already_enrolled"


def test_enrolment_after_closing_is_refused_except_late_by_staff(
    course_class, community_a, coordinator
):
    [one, two] = learners(community_a, 2)
    later = FIRST + dt.timedelta(weeks=2, hours=3)
    with pytest.raises(ValidationError) as error:
        services.enrolment_create(course_class=course_class, resident=one, by=one, now=later)
    assert error.value.code == "enrolment_closed"
    enrolment = services.enrolment_create(
        course_class=course_class, resident=two, by=coordinator, late=True, now=later
    )
    # A late learner has places at the sessions still to come only.
    assert Registration.objects.filter(resident=two).unscoped().count() == 7
    assert enrolment.status == EnrolmentStatus.CONFIRMED


def test_attendance_of_a_person_not_enrolled_is_refused(course_class, community_a, coordinator):
    [enrolled, stranger, waiting] = learners(community_a, 3)
    enrol(course_class, [enrolled], coordinator)
    enrol(course_class, learners(community_a, 2), coordinator)
    enrol(course_class, [waiting], coordinator)  # the fourth: waiting list
    session = course_class.sessions().first()
    for person in (stranger, waiting):
        with pytest.raises(ValidationError) as error:
            services.session_attendance_mark(
                session=session,
                resident=person,
                attended=True,
                by=coordinator,
                now=session.starts_at,
            )
        assert error.value.code == "not_enrolled"
    assert not Registration.objects.attended().filter(resident__in=[stranger, waiting]).unscoped()
    attend(course_class, enrolled, [0], coordinator)
    assert Registration.objects.attended().filter(resident=enrolled).unscoped().count() == 1


def test_attendance_before_the_session_is_refused(course_class, community_a, coordinator):
    [resident] = learners(community_a, 1)
    enrol(course_class, [resident], coordinator)
    session = course_class.sessions().first()
    with pytest.raises(ValidationError) as error:
        services.session_attendance_mark(
            session=session, resident=resident, attended=True, by=coordinator, now=BEFORE
        )
    assert error.value.code == "check_in_not_open"


@pytest.mark.parametrize(("attended", "passes"), [(8, True), (7, False)])
def test_completion_rule_just_above_and_below(
    course_class, community_a, coordinator, attended, passes
):
    """80 % of ten sessions: eight attended completes the class, seven does not."""
    [resident] = learners(community_a, 1)
    [enrolment] = enrol(course_class, [resident], coordinator)
    attend(course_class, resident, range(attended), coordinator)
    assert enrolment.attendance() == (attended, 10)
    if passes:
        certificate = services.certificate_issue(enrolment=enrolment, by=coordinator, now=AFTER)
        assert certificate.number == "JYZS-2026-000001"
        assert (certificate.sessions_attended, certificate.sessions_held) == (8, 10)
    else:
        with pytest.raises(ValidationError) as error:
            services.certificate_issue(enrolment=enrolment, by=coordinator, now=AFTER)
        assert error.value.code == "below_completion"
        assert not CompletionCertificate.objects.exists()


def test_completion_threshold_is_a_setting(course_class, community_a, coordinator, settings):
    settings.EDUCATION_COMPLETION_PERCENT = 70
    [resident] = learners(community_a, 1)
    [enrolment] = enrol(course_class, [resident], coordinator)
    attend(course_class, resident, range(7), coordinator)
    assert services.certificate_issue(enrolment=enrolment, by=coordinator, now=AFTER)


def test_certificate_only_after_the_last_session_and_once(course_class, community_a, coordinator):
    [resident] = learners(community_a, 1)
    [enrolment] = enrol(course_class, [resident], coordinator)
    attend(course_class, resident, range(10), coordinator)
    with pytest.raises(ValidationError) as error:
        services.certificate_issue(
            enrolment=enrolment, by=coordinator, now=FIRST + dt.timedelta(weeks=5)
        )
    assert error.value.code == "class_not_finished"
    services.certificate_issue(enrolment=enrolment, by=coordinator, now=AFTER)
    with pytest.raises(ValidationError) as error:
        services.certificate_issue(enrolment=enrolment, by=coordinator, now=AFTER)
    assert error.value.code == "already_issued"
    # Attendance on an issued certificate stays.
    session = course_class.sessions().first()
    with pytest.raises(ValidationError) as error:
        services.session_attendance_mark(
            session=session, resident=resident, attended=False, by=coordinator, now=AFTER
        )
    assert error.value.code == "certified"


def test_a_cancelled_session_does_not_count(course_class, community_a, coordinator):
    from portal.events.services import event_cancel

    [resident] = learners(community_a, 1)
    [enrolment] = enrol(course_class, [resident], coordinator)
    event_cancel(
        event=course_class.sessions().last(), by=coordinator, reason="教师生病", now=BEFORE
    )
    attend(course_class, resident, range(8), coordinator)
    assert enrolment.attendance() == (8, 9)


def test_a_series_without_end_is_refused(course, coordinator):
    with pytest.raises(ValidationError) as error:
        open_class(course, coordinator, count=None)
    assert error.value.code == "series_without_end"


def test_the_learner_who_moves_up_is_told_once(
    course_class, community_a, coordinator, django_capture_on_commit_callbacks
):
    from education.services.messages import enrolment_promotion_send
    from portal.notifications.models import Notification
    from tests.factories import UserFactory

    residents = learners(community_a, 4)
    account = UserFactory(username="waiting", role="resident", resident=residents[3])
    enrolments = enrol(course_class, residents, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_cancel(enrolment=enrolments[0], by=coordinator, now=BEFORE)
    message = Notification.objects.get(recipient=account)
    assert message.kind == "education_place_offered"
    assert course_class.course.name in message.subject
    assert enrolment_promotion_send(enrolments[3].pk) == 1  # the same message, not a second
    assert Notification.objects.filter(recipient=account).count() == 1
