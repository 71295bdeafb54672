"""The assistance panel of the staff home: the caseworker's to-do list and the periodic
reviews falling due, counted in one query."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.models import Application, ApplicationQuerySet, Status
from assistance.roles import is_caseworker
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
            ],
        )
    ]
