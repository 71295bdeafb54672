"""What the assistance app tells other apps about residents (the ``resident_statuses``
hook of the app contract): who is covered by 低保, 低保边缘 or 特困 today."""

from collections.abc import Iterable

from assistance.models import BENEFIT_STATUSES, Member, Rule
from portal.core import contract

#: The programme rules whose counted members hold a status, and that status.
STATUS_OF_RULE = {
    Rule.SUBSISTENCE: contract.STATUS_SUBSISTENCE,
    Rule.MARGIN: contract.STATUS_MARGIN,
    Rule.DESTITUTE: contract.STATUS_DESTITUTE,
}


def resident_statuses(resident_ids: Iterable[int]) -> dict[int, set[str]]:
    """The statuses of ``resident_ids``: counted members of a case confirmed or being paid
    (or under review) in a 低保, 低保边缘 or 特困 programme. One query."""
    rows = Member.objects.filter(
        resident_id__in=list(resident_ids),
        counted=True,
        application__status__in=BENEFIT_STATUSES,
        application__programme__rule__in=list(STATUS_OF_RULE),
    ).values_list("resident_id", "application__programme__rule")
    statuses: dict[int, set[str]] = {}
    for resident_id, rule in rows:
        statuses.setdefault(resident_id, set()).add(STATUS_OF_RULE[rule])
    return statuses
