"""Learner groups (老年, 青少年, 失业人员, 失地农民, 残疾人), drawn from the registry's tags
and birth dates at the time of asking, never copied into this app, and their
participation in the community college (person-times and distinct persons apart)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, TextChoices
from django.utils.translation import gettext_lazy as _

from education.progress import _between, class_attendance
from portal.core.dates import years_before
from portal.registry.models import Tag

#: Registry tags of the groups the registry has no built-in tag for (created by staff, or
#: by the demo): 失业人员 and 失地农民.
UNEMPLOYED_TAG = "unemployed"
LANDLESS_TAG = "landless_farmer"
#: The youth group's ages (青少年校外教育): school age up to 18.
YOUTH_AGES = (6, 18)


class LearnerGroup(TextChoices):
    ELDERLY = "elderly", _("Elderly")
    YOUTH = "youth", _("Young people")
    UNEMPLOYED = "unemployed", _("Unemployed")
    LANDLESS = "landless", _("Landless farmers")
    DISABLED = "disabled", _("Disabled people")


def group_q(group: str, today: dt.date, prefix: str = "") -> Q:
    """The condition on a resident (``prefix`` is the path to it, e.g. ``"resident__"``)
    of belonging to ``group`` on ``today``."""
    if group == LearnerGroup.ELDERLY:
        return Q(**{f"{prefix}tags__slug": Tag.ELDERLY}) | Q(
            **{f"{prefix}birth_date__lte": years_before(today, settings.ELDERLY_AGE)}
        )
    if group == LearnerGroup.YOUTH:
        low, high = YOUTH_AGES
        return Q(
            **{
                f"{prefix}birth_date__lte": years_before(today, low),
                f"{prefix}birth_date__gt": years_before(today, high + 1),
            }
        )
    slug = {
        LearnerGroup.UNEMPLOYED: UNEMPLOYED_TAG,
        LearnerGroup.LANDLESS: LANDLESS_TAG,
        LearnerGroup.DISABLED: Tag.DISABLED,
    }[group]
    return Q(**{f"{prefix}tags__slug": slug})


@dataclass(frozen=True)
class GroupFigures:
    group: str
    label: Any
    members: int
    person_times: int
    persons: int


def group_participation(
    residents: Any, start: dt.date, end: dt.date, *, today: dt.date
) -> list[GroupFigures]:
    """Per group: members among ``residents`` (a scoped queryset), the person-times of
    their attendance of class sessions between ``start`` and ``end``, and the distinct
    persons who came. Three queries per group."""
    figures = []
    attendance = _between(class_attendance(), start, end).filter(resident__in=residents)
    for group in LearnerGroup:
        members = residents.filter(group_q(group, today)).values("pk").distinct()
        rows = attendance.filter(resident__in=members)
        figures.append(
            GroupFigures(
                group=group.value,
                label=group.label,
                members=members.count(),
                person_times=rows.values("pk").distinct().count(),
                persons=rows.values("resident").distinct().count(),
            )
        )
    return figures
