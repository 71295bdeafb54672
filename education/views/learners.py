"""Staff pages about learners: the learner groups' participation, the elderly-education
view, adult-degree enrolments, and who is missing out (主动发现)."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from education.access import get_degree_for_user
from education.forms.courses import EducationYearForm
from education.forms.other import DegreeEnrolmentForm, DegreeExamForm, DegreeStatusForm
from education.groups import LearnerGroup, group_participation, group_q
from education.models import CourseCategory, CourseClass, DegreeEnrolment
from education.progress import _between, class_attendance
from education.roles import (
    coordinator_required,
    education_staff_required,
    is_coordinator,
)
from education.workbook import year_progress
from portal.core.history import save_checked
from portal.core.paging import paginate
from portal.events.models import EventStatus, Registration
from portal.registry.models import Community, Resident

#: A class whose past sessions were attended by fewer than this share of the places
#: taken is "low attendance" on the 主动发现 page (setting EDUCATION_LOW_ATTENDANCE_PERCENT).
LOW_ATTENDANCE_PERCENT = 60


def low_attendance_percent() -> int:
    return int(getattr(settings, "EDUCATION_LOW_ATTENDANCE_PERCENT", LOW_ATTENDANCE_PERCENT))


#: Which courses to offer a group that nobody of it attends.
GROUP_CATEGORIES = {
    LearnerGroup.ELDERLY: CourseCategory.ELDERLY,
    LearnerGroup.YOUTH: CourseCategory.YOUTH,
    LearnerGroup.UNEMPLOYED: CourseCategory.COMPUTER,
    LearnerGroup.LANDLESS: CourseCategory.ECOMMERCE,
    LearnerGroup.DISABLED: CourseCategory.HEALTH,
}


def _year(request: HttpRequest) -> tuple[EducationYearForm, int]:
    form = EducationYearForm(request.GET)
    return form, form.filters().get("year") or timezone.localdate().year


@education_staff_required
@never_cache
@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    """Per learner group: members in the user's scope, person-times and distinct persons
    of this year's class attendance (3 queries per group)."""
    form, year = _year(request)
    today = timezone.localdate()
    figures = group_participation(
        Resident.objects.visible_to(request.user),
        dt.date(year, 1, 1),
        dt.date(year, 12, 31),
        today=today,
    )
    return render(
        request, "education/group_list.html", {"form": form, "year": year, "figures": figures}
    )


@education_staff_required
@never_cache
@require_GET
def elderly_view(request: HttpRequest) -> HttpResponse:
    """老年教育: the elderly learners' attendance this year and the elderly-education
    classes."""
    form, year = _year(request)
    today = timezone.localdate()
    residents = Resident.objects.visible_to(request.user)
    elderly = residents.filter(group_q(LearnerGroup.ELDERLY, today)).values("pk")
    rows = (
        _between(class_attendance(), dt.date(year, 1, 1), dt.date(year, 12, 31))
        .filter(resident__in=elderly)
        .values("event__series__course_class__course__name", "event__series__course_class__name")
        .annotate(person_times=Count("pk"), persons=Count("resident", distinct=True))
        .order_by("-person_times")
    )
    classes = (
        CourseClass.objects.visible_to(request.user)
        .filter(course__category=CourseCategory.ELDERLY)
        .select_related("course")
        .order_by("-enrolment_closes_at")[:20]
    )
    return render(
        request,
        "education/elderly.html",
        {"form": form, "year": year, "rows": rows, "classes": classes},
    )


@education_staff_required
@never_cache
@require_GET
def degree_list(request: HttpRequest) -> HttpResponse:
    degrees = (
        DegreeEnrolment.objects.visible_to(request.user)
        .select_related("resident__community")
        .order_by("-enrolled_on", "-pk")
    )
    page, page_range = paginate(request, degrees)
    return render(
        request,
        "education/degree_list.html",
        {"page_obj": page, "page_range": page_range, "can_add": is_coordinator(request.user)},
    )


@coordinator_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def degree_create(request: HttpRequest) -> HttpResponse:
    form = DegreeEnrolmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        degree = form.save(commit=False)
        degree.created_by = request.user
        save_checked(degree, by=request.user)
        messages.success(request, _("The enrolment was recorded."))
        return redirect(degree)
    return render(request, "education/degree_form.html", {"form": form})


@education_staff_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def degree_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An enrolment with its exams; the coordinator updates the study status and adds
    exams."""
    degree = get_degree_for_user(request.user, pk)
    editable = is_coordinator(request.user)
    status_form = DegreeStatusForm(
        request.POST if request.POST.get("form") == "status" else None,
        instance=degree,
        prefix="status",
    )
    exam_form = DegreeExamForm(
        request.POST if request.POST.get("form") == "exam" else None, prefix="exam"
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if status_form.is_bound and status_form.is_valid():
            save_checked(status_form.save(commit=False), by=request.user)
            messages.success(request, _("The study status was saved."))
            return redirect(degree)
        if exam_form.is_bound and exam_form.is_valid():
            exam = exam_form.save(commit=False)
            exam.enrolment = degree
            save_checked(exam, by=request.user)
            messages.success(request, _("The exam was added."))
            return redirect(degree)
    return render(
        request,
        "education/degree_detail.html",
        {
            "degree": degree,
            "exams": degree.exams.all(),
            "status_form": status_form,
            "exam_form": exam_form,
            "editable": editable,
        },
    )


@education_staff_required
@never_cache
@require_GET
def discover(request: HttpRequest) -> HttpResponse:
    """Who is missing out (主动发现), per community in the user's scope: learner groups
    with members but no attendance this year, classes with low attendance, and (for the
    coordinator) programmes behind their straight-line pace."""
    user = request.user
    today = timezone.localdate()
    start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    communities = Community.objects.visible_to(user).order_by("code", "name")
    by_community = []
    for community in communities:
        residents = Resident.objects.visible_to(user).filter(community=community)
        missing = [
            {"figures": f, "category": GROUP_CATEGORIES[f.group]}
            for f in group_participation(residents, start, end, today=today)
            if f.members and not f.persons
        ]
        by_community.append({"community": community, "missing": missing})
    low = []
    now = timezone.now()
    classes = (
        CourseClass.objects.visible_to(user)
        .select_related("course")
        .annotate(
            places=Count("enrolments", filter=Q(enrolments__status="confirmed"), distinct=True)
        )
    )
    past_attendance = dict(
        Registration.objects.filter(
            event__series__course_class__in=classes,
            event__status=EventStatus.SCHEDULED,
            event__ends_at__lte=now,
            attended_at__isnull=False,
        )
        .values("event__series__course_class")
        .annotate(n=Count("pk"))
        .values_list("event__series__course_class", "n")
    )
    past_sessions = dict(
        CourseClass.objects.filter(pk__in=classes.values("pk"))
        .annotate(
            n=Count(
                "series__events",
                filter=Q(
                    series__events__status=EventStatus.SCHEDULED,
                    series__events__ends_at__lte=now,
                ),
            )
        )
        .values_list("pk", "n")
    )
    for course_class in classes:
        sessions = past_sessions.get(course_class.pk, 0)
        expected = sessions * course_class.places
        if not expected:
            continue
        percent = past_attendance.get(course_class.pk, 0) * 100 // expected
        if percent < low_attendance_percent():
            low.append({"course_class": course_class, "percent": percent})
    behind = (
        [p for p in year_progress(today.year, today=today) if p.behind_pace]
        if is_coordinator(user)
        else []
    )
    return render(
        request,
        "education/discover.html",
        {
            "by_community": by_community,
            "low": low,
            "behind": behind,
            "threshold": low_attendance_percent(),
        },
    )
