"""The assistance panels: on the staff home, the caseworker's to-do list and the periodic
reviews falling due, counted in one query; on the registry's resident and household pages,
the household's cases and their status."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.models import Application, ApplicationQuerySet, Status
from assistance.models.applications import PRIOR_PENDING_STATUSES
from assistance.roles import is_caseworker
from portal.core.contract import PanelLine, ResidentPanel
from portal.core.panels import DueLine, Panel


def staff_panels(user: Any) -> list[Panel]:
    if not is_caseworker(user):
        return []
    today = timezone.localdate()
    horizon = today + dt.timedelta(days=settings.ASSISTANCE_REVIEW_REMINDER_DAYS)
    paying = Q(status=Status.PAYING)
    counts = Application.objects.visible_to(user).aggregate(
        todo=Count("pk", filter=ApplicationQuerySet.todo_condition(user, today) or Q(pk=None)),
        due=Count("pk", filter=paying & Q(next_review_on__gte=today, next_review_on__lte=horizon)),
        overdue=Count("pk", filter=paying & Q(next_review_on__lt=today)),
        prior_overdue=Count(
            "pk",
            filter=Q(paperwork_due__lt=today, status__in=sorted(PRIOR_PENDING_STATUSES)),
        ),
    )
    applications = reverse("assistance:application-list")
    reviews = reverse("assistance:review-list")
    return [
        Panel(
            title=_("Social assistance"),
            url=applications,
            lines=[
                DueLine(
                    _("Applications waiting for your step"),
                    counts["todo"],
                    f"{applications}?tab=todo",
                ),
                DueLine(
                    _("Reviews due within %(days)s days")
                    % {"days": settings.ASSISTANCE_REVIEW_REMINDER_DAYS},
                    counts["due"],
                    reviews,
                ),
                DueLine(_("Reviews overdue"), counts["overdue"], reviews, urgent=True),
                DueLine(
                    _("Paid in advance, paperwork overdue"),
                    counts["prior_overdue"],
                    reverse("assistance:prior-list"),
                    urgent=True,
                ),
            ],
        )
    ]


# --- the registry's resident and household pages -----------------------------------------------

#: How many of a household's cases the panel lists (newest first); the list page has all.
PANEL_CASES = 10


def household_panels(user: Any, household: Any) -> list[ResidentPanel]:
    """The household's assistance cases and their status, for the caseworker roles (whose
    scope the registry page has already checked); nothing for any other role, who have no
    need to know that a household receives assistance. One query."""
    if not is_caseworker(user):
        return []
    cases = (
        Application.objects.visible_to(user)
        .filter(household=household)
        .select_related("programme")
        .order_by("-submitted_at", "-pk")[:PANEL_CASES]
    )
    no_number = _("no certificate yet")
    lines = [
        PanelLine(
            label=f"{case.programme.name} · {case.certificate_number or no_number}",
            value=f"{case.get_status_display()} · {timezone.localtime(case.submitted_at):%Y-%m-%d}",
            url=case.get_absolute_url(),
        )
        for case in cases
    ]
    return [
        ResidentPanel(
            title=_("Social assistance of the household"),
            lines=lines,
            empty_text=_("The household has no assistance case."),
        )
    ]


def resident_panels(user: Any, resident: Any) -> list[ResidentPanel]:
    """The cases of the resident's household (assistance is granted to households)."""
    if resident.household_id is None:
        return []
    return household_panels(user, resident.household)
