"""Workflows of the community college: opening a class (its sessions are kernel events),
enrolling for the whole class with a waiting list, cancelling with promotion, marking
attendance per session and issuing completion certificates.

Each function runs in one transaction and raises ``ValidationError(message, code=...)``
when the request cannot be done; nothing is half-written. The views check that the
caller may act on the class and the learner (``education.access``).
"""

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from education.models import CompletionCertificate, CourseClass, Enrolment, EnrolmentStatus
from education.models.courses import completion_percent, meets_completion
from portal.events import services as event_services
from portal.events.models import (
    Audience,
    Event,
    EventKind,
    OrganiserApp,
    Registration,
    RegistrationStatus,
)

log = logging.getLogger(__name__)
audit_log = logging.getLogger("portal.audit")


# --- classes ------------------------------------------------------------------------------


def class_open(
    *,
    course: Any,
    name: str,
    first_start: dt.datetime,
    minutes: int,
    frequency: str,
    count: int | None = None,
    until: dt.date | None = None,
    interval: int = 1,
    capacity: int | None = None,
    place: str = "",
    enrolment_closes_at: dt.datetime | None = None,
    by: Any,
) -> CourseClass:
    """Open a class of ``course``: its sessions are created as one kernel series of
    ``EventKind.CLASS`` events (taking no sign-ups of their own: learners enrol for the
    whole class here), then the class row. Enrolment closes at the first session's start
    unless told otherwise.

    For the course coordinator (the view checks it). Raises ValidationError with the
    kernel's series codes (``series_without_end``, ``series_too_long`` …), or
    ``bad_duration``, ``closes_after_start`` (enrolment closing after the first session)."""
    if not 15 <= minutes <= 12 * 60:
        raise ValidationError(
            _("A session lasts between 15 minutes and 12 hours."), code="bad_duration"
        )
    closes = enrolment_closes_at or first_start
    if closes > first_start:
        raise ValidationError(
            _("Enrolment must close by the start of the first session."),
            code="closes_after_start",
        )
    template = Event(
        title=f"{course.name}（{name}）"[:120],
        kind=EventKind.CLASS,
        organiser_app=OrganiserApp.EDUCATION,
        community=course.community,
        place=place or course.place,
        description=_("A session of a community college class; enrol for the whole class."),
        starts_at=first_start,
        ends_at=first_start + dt.timedelta(minutes=minutes),
        capacity=capacity or course.capacity,
        waitlist_enabled=False,
        audience=Audience.PUBLIC,
        signup_enabled=False,
    )
    with transaction.atomic():
        sessions = event_services.event_create(
            event=template,
            by=by,
            frequency=frequency,
            interval=interval,
            count=count,
            until=until,
        )
        course_class = CourseClass(
            course=course,
            name=name,
            series_id=sessions[0].series_id,
            capacity=capacity or course.capacity,
            enrolment_closes_at=closes,
            created_by=by,
        )
        course_class.full_clean()
        course_class.save()
    log.info("class opened: class=%s sessions=%s", course_class.pk, len(sessions))
    return course_class


# --- enrolment ----------------------------------------------------------------------------


def _lock_class(course_class: CourseClass) -> CourseClass:
    """Re-read the class under a row lock: concurrent enrolments queue here, so the
    confirmed count read next is the true one (PostgreSQL; SQLite serialises writers)."""
    return CourseClass.objects.select_for_update().select_related("course").get(pk=course_class.pk)


def _register_sessions(enrolment: Enrolment, *, by: Any, now: dt.datetime) -> int:
    """Give a confirmed learner a confirmed kernel sign-up for every session not yet over
    (the sessions take no sign-ups of their own, so the rows are written here)."""
    sessions = enrolment.course_class.held_sessions().filter(ends_at__gt=now)
    already = set(
        Registration.objects.active()
        .filter(event__in=sessions, resident=enrolment.resident_id)
        .values_list("event_id", flat=True)
    )
    rows = [
        Registration(
            event=session,
            resident_id=enrolment.resident_id,
            status=RegistrationStatus.CONFIRMED,
            created_at=now,
            created_by=by,
            by_staff=bool(getattr(by, "is_portal_staff", False)),
        )
        for session in sessions
        if session.pk not in already
    ]
    Registration.objects.bulk_create(rows)
    return len(rows)


def _already_enrolled(resident: Any) -> ValidationError:
    return ValidationError(
        _("%(name)s is already enrolled in this class or on its waiting list.")
        % {"name": resident},
        code="already_enrolled",
    )


def enrolment_create(
    *,
    course_class: CourseClass,
    resident: Any,
    by: Any,
    late: bool = False,
    now: dt.datetime | None = None,
) -> Enrolment:
    """Enrol ``resident`` for the whole class: a place if one is free (with a sign-up for
    each coming session), otherwise the waiting list.

    Called by a resident for themself (their linked record) or by staff for a learner in
    their scope; staff pass ``late=True`` to enrol after enrolment closed, until the last
    session starts. Raises ValidationError with code ``enrolment_closed``,
    ``already_enrolled`` or ``class_over``."""
    with transaction.atomic():
        course_class = _lock_class(course_class)
        now = now or timezone.now()
        last = course_class.held_sessions().last()
        if last is None or now >= last.starts_at:
            raise ValidationError(_("This class is over."), code="class_over")
        if not late and not course_class.enrolment_is_open(now):
            raise ValidationError(
                _("Enrolment for this class has closed."), code="enrolment_closed"
            )
        if course_class.enrolments.live().filter(resident=resident).exists():
            raise _already_enrolled(resident)
        confirmed = course_class.enrolments.confirmed().count()
        status = (
            EnrolmentStatus.CONFIRMED
            if confirmed < course_class.capacity
            else EnrolmentStatus.WAITLISTED
        )
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    course_class=course_class,
                    resident=resident,
                    status=status,
                    created_at=now,
                    created_by=by,
                )
        except IntegrityError:
            raise _already_enrolled(resident) from None
        if status == EnrolmentStatus.CONFIRMED:
            _register_sessions(enrolment, by=by, now=now)
    log.info("enrolment: class=%s enrolment=%s status=%s", course_class.pk, enrolment.pk, status)
    return enrolment


def enrolment_cancel(
    *, enrolment: Enrolment, by: Any, now: dt.datetime | None = None
) -> list[Enrolment]:
    """Cancel an enrolment (by the learner or by staff): the learner's sign-ups for the
    sessions still to come are cancelled (attended ones stay, as the record of what they
    came to), and the first on the waiting list moves up into the freed place.

    Returns the enrolments promoted. Raises ValidationError with code ``not_live`` or
    ``certified`` (a completion certificate was issued on it)."""
    with transaction.atomic():
        course_class = _lock_class(enrolment.course_class)
        now = now or timezone.now()
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if not enrolment.is_live:
            raise ValidationError(_("This enrolment was already cancelled."), code="not_live")
        if CompletionCertificate.objects.filter(enrolment=enrolment).exists():
            raise ValidationError(
                _("A completion certificate was issued on this enrolment."), code="certified"
            )
        was_confirmed = enrolment.status == EnrolmentStatus.CONFIRMED
        enrolment.status = EnrolmentStatus.CANCELLED
        enrolment.cancelled_at = now
        enrolment.cancelled_by = by
        enrolment.save(update_fields=["status", "cancelled_at", "cancelled_by"])
        Registration.objects.filter(
            event__series=course_class.series_id,
            resident=enrolment.resident_id,
            status=RegistrationStatus.CONFIRMED,
            attended_at__isnull=True,
            event__starts_at__gt=now,
        ).update(status=RegistrationStatus.CANCELLED, cancelled_at=now, cancelled_by=by)
        promoted = _promote(course_class, by=by, now=now) if was_confirmed else []
    log.info("enrolment cancelled: %s promoted=%s", enrolment.pk, [e.pk for e in promoted])
    return promoted


def _promote(course_class: CourseClass, *, by: Any, now: dt.datetime) -> list[Enrolment]:
    free = course_class.capacity - course_class.enrolments.confirmed().count()
    if free <= 0:
        return []
    promoted = list(course_class.enrolments.waitlisted().order_by("created_at", "pk")[:free])
    for enrolment in promoted:
        enrolment.status = EnrolmentStatus.CONFIRMED
        enrolment.promoted_at = now
        enrolment.save(update_fields=["status", "promoted_at"])
        _register_sessions(enrolment, by=by, now=now)
        # Told after commit (the task reads the confirmed enrolment).
        from education.tasks import enrolment_promotion_send_task

        enrolment_promotion_send_task.delay_on_commit(enrolment.pk)
    return promoted


# --- attendance ---------------------------------------------------------------------------


def session_attendance_mark(
    *, session: Event, resident: Any, attended: bool, by: Any, now: dt.datetime | None = None
) -> Registration:
    """Mark (or unmark) ``resident`` present at one session of a class, through the
    kernel's ``attendance_mark``.

    For staff who manage the class (the view checks it). Raises ValidationError with code
    ``not_a_class`` (the event is no class session), ``not_enrolled`` (no confirmed
    enrolment in the class), ``not_registered`` (enrolled after this session was over),
    ``certified`` (unmarking after a certificate was issued), or the kernel's codes
    (``check_in_not_open`` before the session, ``event_cancelled``)."""
    now = now or timezone.now()
    course_class = CourseClass.objects.filter(series=session.series_id).first()
    if session.series_id is None or course_class is None:
        raise ValidationError(_("This event is not a session of a class."), code="not_a_class")
    with transaction.atomic():
        enrolment = (
            course_class.enrolments.confirmed()
            .filter(resident=resident)
            .select_for_update()
            .first()
        )
        if enrolment is None:
            raise ValidationError(
                _("%(name)s is not enrolled in this class.") % {"name": resident},
                code="not_enrolled",
            )
        if not attended and CompletionCertificate.objects.filter(enrolment=enrolment).exists():
            raise ValidationError(
                _("A completion certificate was issued on this attendance."), code="certified"
            )
        registration = (
            Registration.objects.confirmed().filter(event=session, resident=resident).first()
        )
        if registration is None:
            raise ValidationError(
                _("%(name)s enrolled after this session and has no place at it.")
                % {"name": resident},
                code="not_registered",
            )
        return event_services.attendance_mark(
            registration=registration, attended=attended, by=by, now=now
        )


# --- completion certificates -----------------------------------------------------------------


def _certificate_number(issued_at: dt.datetime) -> str:
    prefix = f"JYZS-{timezone.localtime(issued_at).year}-"
    last = (
        CompletionCertificate.objects.select_for_update()
        .filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:06d}"


def certificate_issue(
    *, enrolment: Enrolment, by: Any, now: dt.datetime | None = None
) -> CompletionCertificate:
    """Issue the completion certificate (结业证书) of a confirmed learner who attended at
    least ``EDUCATION_COMPLETION_PERCENT`` of the class's sessions, once the last session
    is over.

    For staff who manage the class. Raises ValidationError with code ``not_enrolled``,
    ``class_not_finished``, ``below_completion`` (saying how many sessions were attended
    and needed) or ``already_issued``."""
    now = now or timezone.now()
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .select_related("course_class__course", "resident")
            .get(pk=enrolment.pk)
        )
        if enrolment.status != EnrolmentStatus.CONFIRMED:
            raise ValidationError(
                _("Only an enrolled learner can complete the class."), code="not_enrolled"
            )
        if CompletionCertificate.objects.filter(enrolment=enrolment).exists():
            raise ValidationError(
                _("The certificate of this learner was already issued."), code="already_issued"
            )
        last = enrolment.course_class.held_sessions().last()
        if last is None or last.ends_at > now:
            raise ValidationError(
                _("The certificate is issued once the last session is over."),
                code="class_not_finished",
            )
        attended, held = enrolment.attendance()
        if not meets_completion(attended, held):
            raise ValidationError(
                _(
                    "%(name)s attended %(attended)d of %(held)d sessions; completing the "
                    "class needs at least %(percent)d %%."
                )
                % {
                    "name": enrolment.resident,
                    "attended": attended,
                    "held": held,
                    "percent": completion_percent(),
                },
                code="below_completion",
            )
        certificate = CompletionCertificate.objects.create(
            number=_certificate_number(now),
            enrolment=enrolment,
            sessions_attended=attended,
            sessions_held=held,
            issued_by=by,
            issued_at=now,
        )
    audit_log.info(
        "completion certificate issued: certificate=%s enrolment=%s by=%s",
        certificate.pk,
        enrolment.pk,
        getattr(by, "pk", None),
    )
    return certificate
