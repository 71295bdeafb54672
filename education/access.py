"""The permission-checked fetchers of education records: each answers 404 to a user
whose community scope does not cover the record (and logs the attempt). Who may work
here at all is ``education.roles``."""

from typing import Any

from django.core.exceptions import PermissionDenied

from education.models import (
    CompletionCertificate,
    Course,
    CourseClass,
    DegreeEnrolment,
    Enrolment,
    TrainingEntry,
)
from education.roles import is_coordinator
from portal.accounts.scoping import get_visible_or_404
from portal.events.models import Event


def get_course_for_user(user: Any, pk: int) -> Course:
    return get_visible_or_404(Course.objects.select_related("community", "programme"), user, pk=pk)


def get_entry_for_user(user: Any, pk: int) -> TrainingEntry:
    return get_visible_or_404(TrainingEntry.objects.select_related("programme"), user, pk=pk)


def get_class_for_user(user: Any, pk: int) -> CourseClass:
    return get_visible_or_404(
        CourseClass.objects.select_related("course__community", "series"), user, pk=pk
    )


def get_enrolment_for_user(user: Any, pk: int) -> Enrolment:
    return get_visible_or_404(
        Enrolment.objects.select_related("course_class__course", "resident__community"),
        user,
        pk=pk,
    )


def get_certificate_for_user(user: Any, pk: int) -> CompletionCertificate:
    return get_visible_or_404(
        CompletionCertificate.objects.select_related(
            "enrolment__course_class__course", "enrolment__resident__community"
        ),
        user,
        pk=pk,
    )


def get_degree_for_user(user: Any, pk: int) -> DegreeEnrolment:
    return get_visible_or_404(
        DegreeEnrolment.objects.select_related("resident__community"), user, pk=pk
    )


def get_session_for_user(user: Any, course_class: CourseClass, pk: int) -> Event:
    """One session of ``course_class`` (already fetched in scope), or 404."""
    return get_visible_or_404(Event.objects.filter(series=course_class.series_id), user, pk=pk)


def may_manage_class(user: Any, course_class: CourseClass) -> bool:
    """The coordinator manages every class; community staff the classes of their own
    community's courses (mark attendance, issue certificates)."""
    if is_coordinator(user):
        return True
    community_id = course_class.course.community_id
    return bool(community_id and community_id == getattr(user, "community_id", None))


def check_manages_class(user: Any, course_class: CourseClass) -> None:
    if not may_manage_class(user, course_class):
        raise PermissionDenied
