"""Public pages of the community college: the classes open for enrolment (anyone), and
for a signed-in resident linked to the registry: enrolling, cancelling, 我的课程 and
their certificates. A resident only ever acts on their own record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from education.models import CompletionCertificate, CourseClass, Enrolment, EnrolmentStatus
from education.models.courses import completion_percent
from education.services import courses as services
from portal.core.confirm import confirmation_page
from portal.events.models import Event, EventStatus, Registration


def _own_resident(request: HttpRequest):
    """The signed-in person's registry record, or None (staff, or not linked yet)."""
    user = request.user
    if not user.is_authenticated or user.is_portal_staff:
        return None
    return user.resident


@login_not_required
@require_GET
def public_courses(request: HttpRequest) -> HttpResponse:
    """Classes taking enrolments: course, teacher, place, first session, places left."""
    now = timezone.now()
    classes = (
        CourseClass.objects.open_for_enrolment(now)
        .unscoped()
        .select_related("course__community")
        .annotate(
            confirmed=Count(
                "enrolments", filter=Q(enrolments__status=EnrolmentStatus.CONFIRMED), distinct=True
            ),
            sessions=Count("series__events", distinct=True),
        )
        .order_by("enrolment_closes_at", "pk")
    )
    return render(request, "education/public_courses.html", {"classes": classes})


@require_POST
def public_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    """A resident enrols themself (their linked registry record)."""
    resident = _own_resident(request)
    if resident is None:
        messages.error(request, _("Link your account to your registry record before enrolling."))
        return redirect("education:public-courses")
    course_class = get_object_or_404(CourseClass.objects.unscoped(), pk=pk)
    try:
        enrolment = services.enrolment_create(
            course_class=course_class, resident=resident, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("education:public-courses")
    if enrolment.status == EnrolmentStatus.CONFIRMED:
        messages.success(request, _("You are enrolled in %(class)s.") % {"class": course_class})
    else:
        messages.warning(request, _("The class is full; you are on its waiting list."))
    return redirect("education:my-courses")


@never_cache
@require_GET
def my_courses(request: HttpRequest) -> HttpResponse:
    """我的课程: the resident's classes, attendance so far and certificates."""
    resident = _own_resident(request)
    rows = []
    if resident is not None:
        enrolments = list(
            Enrolment.objects.unscoped()
            .filter(resident=resident)
            .select_related("course_class__course", "certificate")
            .order_by("-created_at")
        )
        series = [e.course_class.series_id for e in enrolments]
        held = dict(
            Event.objects.filter(series__in=series, status=EventStatus.SCHEDULED)
            .values("series")
            .annotate(n=Count("pk"))
            .values_list("series", "n")
        )
        attended = dict(
            Registration.objects.filter(
                resident=resident,
                event__series__in=series,
                event__status=EventStatus.SCHEDULED,
                attended_at__isnull=False,
            )
            .values("event__series")
            .annotate(n=Count("event", distinct=True))
            .values_list("event__series", "n")
        )
        for enrolment in enrolments:
            series_id = enrolment.course_class.series_id
            certificate = getattr(enrolment, "certificate", None)
            rows.append(
                {
                    "enrolment": enrolment,
                    "attended": attended.get(series_id, 0),
                    "held": held.get(series_id, 0),
                    "certificate": certificate,
                }
            )
    return render(
        request,
        "education/my_courses.html",
        {"resident": resident, "rows": rows, "percent": completion_percent()},
    )


@require_POST
def my_enrolment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    resident = _own_resident(request)
    if resident is None:
        raise Http404
    enrolment = get_object_or_404(Enrolment.objects.unscoped(), pk=pk, resident=resident)
    page = confirmation_page(
        request,
        question=_("Cancel your enrolment in %(class)s?") % {"class": enrolment.course_class},
        consequence=_("Your place goes to the next person waiting."),
        confirm_label=_("Cancel the enrolment"),
        back_url=reverse("education:my-courses"),
    )
    if page:
        return page
    try:
        services.enrolment_cancel(enrolment=enrolment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your enrolment was cancelled."))
    return redirect("education:my-courses")


@never_cache
@require_GET
def my_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    resident = _own_resident(request)
    if resident is None:
        raise Http404
    certificate = get_object_or_404(
        CompletionCertificate.objects.unscoped().select_related(
            "enrolment__course_class__course", "enrolment__resident__community"
        ),
        pk=pk,
        enrolment__resident=resident,
    )
    return render(request, "education/certificate.html", {"certificate": certificate, "own": True})
