"""The app's countable measures for the yearly work plans (``plan_measures`` in
``apps.py``): ``count(*, start, end, community=None, option="")``, both days inclusive."""

import datetime as dt
from typing import Any

from education.models import ColumnPost, CountingMethod, DegreeEnrolment, TrainingProgramme
from education.progress import _between, class_attendance, counted
from portal.core.dates import local_datetime


def training_person_times(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """Person-times (人次) of the training programmes: one programme by its code, or all
    the programmes counted in person-times (not the degree enrolments, counted in 人)."""
    programmes = TrainingProgramme.objects.exclude(method=CountingMethod.DEGREE)
    if option:
        programmes = programmes.filter(code=option)
    return sum(counted(p, start, end, community).person_times for p in programmes)


def learners(*, start: dt.date, end: dt.date, community: Any = None, option: str = "") -> int:
    """Distinct people (人) who attended a class session of the community college."""
    rows = _between(class_attendance(), start, end)
    if community is not None:
        rows = rows.filter(resident__community=community)
    return rows.values("resident").distinct().count()


def degree_enrolments(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """Adult-degree enrolments (人) with an enrolment date in the period."""
    rows = DegreeEnrolment.objects.filter(enrolled_on__range=(start, end))
    if community is not None:
        rows = rows.filter(resident__community=community)
    return rows.count()


def column_posts(*, start: dt.date, end: dt.date, community: Any = None, option: str = "") -> int:
    """Posts (条) published in the farmers' column (sub-district-wide)."""
    return ColumnPost.objects.filter(
        withdrawn=False,
        published_at__gte=local_datetime(start),
        published_at__lt=local_datetime(end + dt.timedelta(days=1)),
    ).count()
