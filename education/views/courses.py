"""Staff pages of the community college: courses, classes, enrolment, attendance per
session and completion certificates.

Every query starts from ``visible_to``; single records come through ``education.access``
(another community's course, class or learner is a 404). Course and class set-up is the
coordinator's; community staff enrol their community's learners and mark attendance in
their community's classes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from education.access import (
    check_manages_class,
    get_certificate_for_user,
    get_class_for_user,
    get_course_for_user,
    get_enrolment_for_user,
    get_session_for_user,
    may_manage_class,
)
from education.forms.courses import CourseClassForm, CourseFilterForm, CourseForm, LearnerSearchForm
from education.models import Course, Enrolment, EnrolmentStatus
from education.models.courses import completion_percent, meets_completion
from education.roles import coordinator_required, education_staff_required
from education.services import courses as services
from portal.accounts.scoping import get_visible_or_404
from portal.core.confirm import confirmation_page
from portal.core.forms import add_service_error
from portal.core.history import save_checked
from portal.core.http import READ_METHODS
from portal.core.paging import paginate
from portal.events.models import Registration
from portal.registry.models import Resident

CLASS_ERROR_FIELDS = {
    "bad_duration": "minutes",
    "closes_after_start": "enrolment_closes_at",
    "series_without_end": "count",
    "series_too_long": "count",
    "monthly_day_missing": "first_start",
}


@education_staff_required
@never_cache
@require_GET
def course_list(request: HttpRequest) -> HttpResponse:
    """The courses the user may see (their community's and the sub-district college's),
    with how many classes each has."""
    form = CourseFilterForm(request.GET)
    filters = form.filters()
    courses = (
        Course.objects.visible_to(request.user)
        .select_related("community", "programme")
        .annotate(class_count=Count("classes"))
        .order_by("category", "name", "pk")
    )
    if filters.get("q"):
        courses = courses.filter(
            Q(name__icontains=filters["q"]) | Q(teacher__icontains=filters["q"])
        )
    if filters.get("category"):
        courses = courses.filter(category=filters["category"])
    page, page_range = paginate(request, courses)
    return render(
        request,
        "education/course_list.html",
        {"form": form, "page_obj": page, "page_range": page_range},
    )


@coordinator_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def course_create(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = save_checked(form.save(commit=False), by=request.user)
        messages.success(request, _("The course was saved."))
        return redirect(course)
    return render(request, "education/course_form.html", {"form": form})


@coordinator_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_course_for_user(request.user, pk)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        save_checked(form.save(commit=False), by=request.user)
        messages.success(request, _("The course was saved."))
        return redirect(course)
    return render(request, "education/course_form.html", {"form": form, "course": course})


@education_staff_required
@never_cache
@require_GET
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_course_for_user(request.user, pk)
    classes = course.classes.annotate(
        confirmed=Count(
            "enrolments", filter=Q(enrolments__status=EnrolmentStatus.CONFIRMED), distinct=True
        ),
        waiting=Count(
            "enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITLISTED), distinct=True
        ),
        session_count=Count("series__events", distinct=True),
    ).order_by("-enrolment_closes_at", "pk")
    return render(request, "education/course_detail.html", {"course": course, "classes": classes})


@coordinator_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def class_create(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_course_for_user(request.user, pk)
    form = CourseClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            course_class = services.class_open(
                course=course,
                name=data["name"],
                first_start=data["first_start"],
                minutes=data["minutes"],
                frequency=data["frequency"],
                count=data["count"],
                capacity=data["capacity"],
                place=data["place"],
                enrolment_closes_at=data["enrolment_closes_at"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error, CLASS_ERROR_FIELDS)
        else:
            messages.success(request, _("The class was opened with its sessions."))
            return redirect(course_class)
    return render(request, "education/class_form.html", {"form": form, "course": course})


@education_staff_required
@never_cache
@require_GET
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A class: its sessions, its learners (the user's scope) with their attendance and
    completion, the waiting list, and a search to enrol a learner."""
    course_class = get_class_for_user(request.user, pk)
    sessions = list(course_class.sessions())
    held = [s for s in sessions if not s.is_cancelled]
    enrolments = list(
        Enrolment.objects.visible_to(request.user)
        .filter(course_class=course_class)
        .live()
        .select_related("resident__community", "certificate")
        .order_by("status", "created_at", "pk")
    )
    attended = dict(
        Registration.objects.filter(
            event__in=held,
            resident__in=[e.resident_id for e in enrolments],
            attended_at__isnull=False,
        )
        .values("resident")
        .annotate(n=Count("event", distinct=True))
        .values_list("resident", "n")
    )
    rows = [
        {
            "enrolment": e,
            "attended": attended.get(e.resident_id, 0),
            "completes": meets_completion(attended.get(e.resident_id, 0), len(held)),
        }
        for e in enrolments
    ]
    search = LearnerSearchForm(request.GET)
    query = search.filters().get("q", "")
    found = (
        Resident.objects.visible_to(request.user).search(query).order_by("name", "pk")[:20]
        if query
        else []
    )
    return render(
        request,
        "education/class_detail.html",
        {
            "course_class": course_class,
            "course": course_class.course,
            "sessions": sessions,
            "held_count": len(held),
            "rows": rows,
            "confirmed_count": course_class.enrolments.confirmed().count(),
            "search": search,
            "found": found,
            "manages": may_manage_class(request.user, course_class),
            "percent": completion_percent(),
        },
    )


@education_staff_required
@require_POST
def class_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    """Enrol a learner of the user's scope (late enrolment allowed to staff)."""
    course_class = get_class_for_user(request.user, pk)
    resident_id = request.POST.get("resident", "")
    if not (resident_id.isascii() and resident_id.isdigit() and len(resident_id) < 19):
        messages.error(request, _("Choose a learner to enrol."))
        return redirect(course_class)
    resident = get_visible_or_404(Resident.objects, request.user, pk=int(resident_id))
    try:
        enrolment = services.enrolment_create(
            course_class=course_class, resident=resident, by=request.user, late=True
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if enrolment.status == EnrolmentStatus.CONFIRMED:
            messages.success(request, _("%(name)s is enrolled.") % {"name": resident})
        else:
            messages.warning(
                request,
                _("The class is full: %(name)s is on the waiting list.") % {"name": resident},
            )
    return redirect(course_class)


@education_staff_required
@never_cache
@require_http_methods(["POST"])
def enrolment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, pk)
    course_class = enrolment.course_class
    page = confirmation_page(
        request,
        question=_("Cancel the enrolment of %(name)s?") % {"name": enrolment.resident},
        consequence=_(
            "Their places at the coming sessions are given up and the first learner on "
            "the waiting list moves up. Attendance already recorded stays."
        ),
        confirm_label=_("Cancel the enrolment"),
        back_url=course_class.get_absolute_url(),
    )
    if page:
        return page
    try:
        promoted = services.enrolment_cancel(enrolment=enrolment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The enrolment was cancelled."))
        for other in promoted:
            messages.info(
                request, _("%(name)s moved up from the waiting list.") % {"name": other.resident}
            )
    return redirect(course_class)


@education_staff_required
@never_cache
@require_http_methods([*READ_METHODS, "POST"])
def session_attendance(request: HttpRequest, pk: int, session: int) -> HttpResponse:
    """Attendance of one session: the class's enrolled learners (the user's scope) with a
    tick each; saving marks the ticked present and the others absent."""
    course_class = get_class_for_user(request.user, pk)
    event = get_session_for_user(request.user, course_class, session)
    enrolments = list(
        Enrolment.objects.visible_to(request.user)
        .filter(course_class=course_class)
        .confirmed()
        .select_related("resident")
        .order_by("resident__name", "pk")
    )
    present = set(
        Registration.objects.filter(event=event, attended_at__isnull=False).values_list(
            "resident_id", flat=True
        )
    )
    if request.method == "POST":
        check_manages_class(request.user, course_class)
        ticked = set(request.POST.getlist("present"))
        unknown = ticked - {str(e.resident_id) for e in enrolments}
        errors = []
        if unknown:
            errors.append(_("Someone ticked is not enrolled in this class."))
        changed = 0
        for enrolment in enrolments:
            want = str(enrolment.resident_id) in ticked
            if want == (enrolment.resident_id in present):
                continue
            try:
                services.session_attendance_mark(
                    session=event, resident=enrolment.resident, attended=want, by=request.user
                )
                changed += 1
            except ValidationError as error:
                errors.append(f"{enrolment.resident}：{' '.join(error.messages)}")
        for message in errors:
            messages.error(request, message)
        if changed:
            messages.success(request, _("Attendance saved: %(n)d changed.") % {"n": changed})
        return redirect("education:session-attendance", pk=course_class.pk, session=event.pk)
    return render(
        request,
        "education/session_attendance.html",
        {
            "course_class": course_class,
            "session": event,
            "enrolments": enrolments,
            "present": present,
            "manages": may_manage_class(request.user, course_class),
        },
    )


@education_staff_required
@require_POST
def certificate_issue(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = get_enrolment_for_user(request.user, pk)
    check_manages_class(request.user, enrolment.course_class)
    try:
        certificate = services.certificate_issue(enrolment=enrolment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(enrolment.course_class)
    messages.success(request, _("Certificate %(number)s issued.") % {"number": certificate.number})
    return redirect(certificate)


@education_staff_required
@never_cache
@require_GET
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable completion certificate."""
    certificate = get_certificate_for_user(request.user, pk)
    return render(request, "education/certificate.html", {"certificate": certificate})
