"""The assistance app's work-plan measures (``plan_measures`` in its config): households
and persons covered by a programme, amounts paid on the closed rosters, and 临时救助 cases
decided, counted from the app's own records for the period (both days inclusive).

``community``: the households of that community; None: the whole sub-district.
``option``: a programme's rule (``Rule``: 低保, 低保边缘, 特困, 临时救助 …), "" for all.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, Sum

from assistance.models import (
    Application,
    Member,
    RosterPayment,
    Rule,
    Status,
    Step,
)
from portal.core.dates import local_datetime

#: A one-off case (临时救助) decided with these statuses was granted.
GRANTED_STATUSES = frozenset({Status.CONFIRMED, Status.PAYING, Status.REVIEWING, Status.PAID})


def _covered(start: dt.date, end: dt.date, community: Any, option: str):
    """Cases covering their household at some time in the period: an entitlement in
    force by ``end`` (a one-off one: granted within the period), and not stopped before
    ``start``."""
    stopped_before = Step.objects.filter(
        application=OuterRef("pk"), to_status=Status.STOPPED, at__lt=local_datetime(start)
    )
    cases = (
        Application.objects.unscoped()
        .filter(entitlements__effective_from__lte=end)
        .filter(
            Q(programme__pays_monthly=True) | Q(entitlements__effective_from__gte=start),
        )
        .exclude(status__in=[Status.NOT_ACCEPTED, Status.NOT_CONFIRMED])
        .exclude(Exists(stopped_before))
    )
    if community is not None:
        cases = cases.filter(household__community=community)
    if option:
        cases = cases.filter(programme__rule=option)
    return cases


def count_households_covered(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """Households (户) covered by the programme at some time in the period."""
    return _covered(start, end, community, option).values("household").distinct().count()


def count_persons_covered(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """Persons (人) counted in those cases."""
    cases = _covered(start, end, community, option)
    return (
        Member.objects.filter(counted=True, application__in=cases.values("pk"))
        .values("resident")
        .distinct()
        .count()
    )


def count_amount_paid(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> Decimal:
    """Amounts paid (元) on the rosters of the months that begin in the period (the
    monthly amounts and back-pay of the closed rosters)."""
    payments = RosterPayment.objects.filter(roster__month__gte=start, roster__month__lte=end)
    if community is not None:
        payments = payments.filter(application__household__community=community)
    if option:
        payments = payments.filter(application__programme__rule=option)
    total = payments.aggregate(total=Sum(F("monthly_amount") + F("arrears")))["total"]
    return total or Decimal(0)


def count_temporary_cases(
    *, start: dt.date, end: dt.date, community: Any = None, option: str = ""
) -> int:
    """临时救助 cases (件) granted: decided within the period and not refused."""
    cases = Application.objects.unscoped().filter(
        programme__rule=Rule.TEMPORARY,
        status__in=GRANTED_STATUSES,
        decided_at__gte=local_datetime(start),
        decided_at__lt=local_datetime(end + dt.timedelta(days=1)),
    )
    if community is not None:
        cases = cases.filter(household__community=community)
    return cases.count()
