"""The work-plan measures counted from the health records (seed plan 2: 签约, 随访,
老年人健康管理, 预防接种). Each ``count`` takes the period (both days inclusive) and a
community or None for the whole sub-district."""

import datetime as dt
from typing import Any

from health.models import Contract, DoseGiven, ElderlyCheck, FollowUp


def _in(queryset, community: Any):
    return queryset.in_community(community.pk) if community is not None else queryset.unscoped()


def contracts_signed(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """Residents with a contract starting in the period (人), renewals included; a key
    group as ``option`` counts that group only."""
    contracts = _in(Contract.objects, community).filter(
        starts_on__range=(start, end), status__in=["active", "renewal_due", "ended"]
    )
    if option:
        contracts = contracts.filter(key_groups__icontains=f'"{option}"')
    return contracts.values("resident").distinct().count()


def followups_done(*, start: dt.date, end: dt.date, community: Any = None, option: str = "") -> int:
    """Follow-ups in the period (人次); ``option`` a condition."""
    followups = _in(FollowUp.objects, community).filter(visited_on__range=(start, end))
    if option:
        followups = followups.filter(patient__condition=option)
    return followups.count()


def elderly_checks(*, start: dt.date, end: dt.date, community: Any = None, option: str = "") -> int:
    """Residents of 65+ checked in the period (人)."""
    checks = _in(ElderlyCheck.objects, community).filter(checked_on__range=(start, end))
    return checks.values("resident").distinct().count()


def doses_given(*, start: dt.date, end: dt.date, community: Any = None, option: str = "") -> int:
    """Vaccine doses given in the period (剂次); ``option`` a vaccine code."""
    doses = _in(DoseGiven.objects, community).filter(given_on__range=(start, end))
    if option:
        doses = doses.filter(vaccine=option)
    return doses.count()
