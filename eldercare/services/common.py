"""Helpers the elder-care services share: who the community's staff are (the recipients
of alerts), and the date checks every form of the app makes."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from eldercare import rules
from portal.accounts.models import Role


def community_staff(community_id: int) -> list[Any]:
    """The active community staff of ``community_id``: who is told of lapses and
    reassessments there."""
    return list(
        get_user_model()
        .objects.filter(role=Role.COMMUNITY_STAFF, community_id=community_id, is_active=True)
        .order_by("pk")
    )


def check_not_future(day: dt.date, field: str = "date") -> None:
    if day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")


def check_elderly(resident: Any, on: dt.date) -> None:
    if rules.age_on(resident.birth_date, on) < settings.ELDERLY_AGE:
        raise ValidationError(
            _("%(name)s is not yet %(age)s and is not on the elderly register.")
            % {"name": resident.name, "age": settings.ELDERLY_AGE},
            code="not_elderly",
        )
