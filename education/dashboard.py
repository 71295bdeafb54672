"""The education app's panels: work due on the staff home, and a learner's courses and
certificates on the registry's resident page."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from education.models import ColumnPost, CompletionCertificate, Enrolment
from education.roles import is_coordinator, is_education_staff
from education.services.column import week_start
from portal.accounts.models import Role
from portal.core.contract import PanelLine, ResidentPanel
from portal.core.panels import DueLine, Panel


def staff_panels(user: Any) -> list[Panel]:
    """For the coordinator and community staff (who do the education work): learners
    waiting for a place; for the coordinator also this week's farmers' column posts
    against the weekly minimum. None for sub-district staff, who only look."""
    if not is_education_staff(user) or user.role == Role.SUBDISTRICT_STAFF:
        return []
    waiting = Enrolment.objects.visible_to(user).waitlisted().count()
    lines = [DueLine(_("Learners on waiting lists"), waiting, reverse("education:course-list"))]
    if is_coordinator(user):
        from education.services.column import weekly_minimum

        posts = ColumnPost.objects.in_week(week_start(timezone.localdate())).count()
        lines.append(
            DueLine(
                _("Farmers' column posts this week (minimum %(minimum)d)")
                % {"minimum": weekly_minimum()},
                posts,
                reverse("education:post-list"),
            )
        )
    return [Panel(_("Community education"), reverse("education:course-list"), lines)]


def resident_panels(user: Any, resident: Any) -> list[ResidentPanel]:
    """The learner's classes and certificates, for education staff in scope."""
    if not is_education_staff(user):
        return []
    enrolments = (
        Enrolment.objects.visible_to(user)
        .live()
        .filter(resident=resident)
        .select_related("course_class__course")
        .order_by("-created_at")[:10]
    )
    certificates = (
        CompletionCertificate.objects.visible_to(user)
        .filter(enrolment__resident=resident)
        .select_related("enrolment__course_class__course")[:10]
    )
    lines = [
        PanelLine(str(e.course_class), e.get_status_display(), e.course_class.get_absolute_url())
        for e in enrolments
    ]
    lines += [
        PanelLine(
            _("Certificate %(number)s") % {"number": c.number},
            str(c.enrolment.course_class),
            c.get_absolute_url(),
        )
        for c in certificates
    ]
    return [
        ResidentPanel(
            _("Community college"),
            lines,
            empty_text=_("No courses taken."),
            url=reverse("education:course-list"),
        )
    ]
