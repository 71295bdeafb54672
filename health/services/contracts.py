"""Family-doctor contracts (签约, domain-rules §2): sign, request, confirm or decline, end,
renew, and the daily upkeep (待续约 and expiry)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from health.models import (
    Contract,
    ContractStatus,
    EndReason,
    KeyGroup,
    Package,
    Patient,
    PatientStatus,
    Team,
)
from health.rules import contract_end
from portal.core import contract as app_contract
from portal.core import hooks

#: The kernel's statuses (answered by the assistance app) as key groups.
STATUS_GROUPS = {
    app_contract.STATUS_SUBSISTENCE: KeyGroup.SUBSISTENCE,
    app_contract.STATUS_MARGIN: KeyGroup.MARGIN,
    app_contract.STATUS_DESTITUTE: KeyGroup.DESTITUTE,
}
ELDERLY_AGE = 65
CHILD_AGE_LIMIT = 7  # 0–6岁: before the 7th birthday


def derived_key_groups(residents: list[Any], on: dt.date) -> dict[int, set[str]]:
    """The key groups the portal knows by itself for ``residents`` on ``on``: age (65+,
    0–6), the chronic registries, and 低保/低保边缘/特困 read through the kernel's
    ``resident_statuses`` (never by importing assistance). Three queries at most."""
    ids = [r.pk for r in residents]
    groups: dict[int, set[str]] = {pk: set() for pk in ids}
    for resident in residents:
        age = resident.age_on(on)
        if age >= ELDERLY_AGE:
            groups[resident.pk].add(KeyGroup.ELDERLY)
        if 0 <= age < CHILD_AGE_LIMIT:
            groups[resident.pk].add(KeyGroup.CHILD)
    for resident_id, condition in Patient.objects.filter(
        resident_id__in=ids, status=PatientStatus.MANAGED
    ).values_list("resident_id", "condition"):
        groups[resident_id].add(condition)
    for resident_id, statuses in hooks.resident_statuses(ids).items():
        groups.setdefault(resident_id, set()).update(
            STATUS_GROUPS[s] for s in statuses if s in STATUS_GROUPS
        )
    return groups


def _check_team(resident: Any, team: Team) -> None:
    if team.community_id != resident.community_id:
        raise ValidationError(_("This team serves another community."), code="wrong_community")


def _insert(contract: Contract) -> Contract:
    try:
        with transaction.atomic():
            contract.save()
    except IntegrityError:
        raise ValidationError(
            _("This resident already has a family-doctor contract (one at a time)."),
            code="duplicate",
        ) from None
    return contract


def contract_sign(
    *,
    resident: Any,
    team: Team,
    starts_on: dt.date,
    package: str = Package.BASIC,
    declared_groups: tuple[str, ...] = (),
    by: Any,
) -> Contract:
    """Sign ``resident`` with ``team`` for one year from ``starts_on`` (end = start + 1
    year − 1 day). Staff of the resident's community (the view checks the role and scope).
    Raises ``duplicate`` (an open contract exists, also when two requests race),
    ``wrong_community`` and ``bad_date``."""
    if not dt.date(2000, 1, 1) <= starts_on <= timezone.localdate() + dt.timedelta(days=366):
        raise ValidationError(_("The start date is not plausible."), code="bad_date")
    _check_team(resident, team)
    groups = set(declared_groups) | derived_key_groups([resident], starts_on)[resident.pk]
    return _insert(
        Contract(
            resident=resident,
            team=team,
            package=package,
            key_groups=sorted(groups),
            status=ContractStatus.ACTIVE,
            starts_on=starts_on,
            ends_on=contract_end(starts_on),
            created_by=by,
        )
    )


def contract_request(
    *, resident: Any, team: Team, package: str = Package.BASIC, by: Any
) -> Contract:
    """A resident asks ``team`` for a contract from the public site (待确认). The resident
    only (``by`` is their account). Raises ``duplicate`` and ``wrong_community``."""
    _check_team(resident, team)
    return _insert(
        Contract(
            resident=resident,
            team=team,
            package=package,
            status=ContractStatus.REQUESTED,
            requested_by_resident=True,
            created_by=by,
        )
    )


@transaction.atomic
def contract_confirm(*, contract: Contract, starts_on: dt.date, by: Any) -> Contract:
    """The team confirms a resident's request: the year starts ``starts_on``. Raises
    ``wrong_status`` when the request was already answered."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status != ContractStatus.REQUESTED:
        raise ValidationError(_("This request has already been answered."), code="wrong_status")
    contract.status = ContractStatus.ACTIVE
    contract.starts_on = starts_on
    contract.ends_on = contract_end(starts_on)
    contract.key_groups = sorted(
        derived_key_groups([contract.resident], starts_on)[contract.resident_id]
    )
    contract.save()
    return contract


@transaction.atomic
def contract_decline(*, contract: Contract, by: Any) -> Contract:
    """The team declines a resident's request (已拒绝). Raises ``wrong_status``."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status != ContractStatus.REQUESTED:
        raise ValidationError(_("This request has already been answered."), code="wrong_status")
    contract.status = ContractStatus.DECLINED
    contract.ended_on = timezone.localdate()
    contract.save()
    return contract


@transaction.atomic
def contract_end_early(*, contract: Contract, reason: str, on: dt.date, by: Any) -> Contract:
    """End (解约) an active contract for one of the §2 reasons. Raises ``wrong_status``
    and ``bad_reason``, ``bad_date`` (before the start or in the future)."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.status not in (ContractStatus.ACTIVE, ContractStatus.RENEWAL_DUE):
        raise ValidationError(_("Only a contract in force can be ended."), code="wrong_status")
    if reason not in EndReason.values or reason in (EndReason.EXPIRED, EndReason.RENEWED):
        raise ValidationError(_("Choose a reason for ending the contract."), code="bad_reason")
    if on < contract.starts_on or on > timezone.localdate():
        raise ValidationError(
            _("The end date must lie between the start and today."), code="bad_date"
        )
    contract.status = ContractStatus.ENDED
    contract.end_reason = reason
    contract.ended_on = on
    contract.save()
    return contract


@transaction.atomic
def contract_renew(*, contract: Contract, by: Any, package: str = "") -> Contract:
    """Renew (续约) for the next year, starting the day after the current end. Raises
    ``wrong_status`` for a contract not in force."""
    old = Contract.objects.select_for_update().get(pk=contract.pk)
    if old.status not in (ContractStatus.ACTIVE, ContractStatus.RENEWAL_DUE):
        raise ValidationError(_("Only a contract in force can be renewed."), code="wrong_status")
    old.status = ContractStatus.ENDED
    old.end_reason = EndReason.RENEWED
    old.ended_on = old.ends_on
    old.save()
    starts = old.ends_on + dt.timedelta(days=1)
    return _insert(
        Contract(
            resident=old.resident,
            team=old.team,
            package=package or old.package,
            key_groups=sorted(derived_key_groups([old.resident], starts)[old.resident_id]),
            status=ContractStatus.ACTIVE,
            starts_on=starts,
            ends_on=contract_end(starts),
            created_by=by,
        )
    )


def contracts_upkeep(*, today: dt.date | None = None) -> dict[str, int]:
    """Daily: contracts entering the reminder window become 待续约 and their resident is
    told once; contracts past their end end as expired. Idempotent (a second run the same
    day changes and sends nothing)."""
    from health.services.reminders import tell_resident

    today = today or timezone.localdate()
    expired = Contract.objects.unscoped().in_force().filter(ends_on__lt=today)
    ended = 0
    for contract in expired:
        contract.status = ContractStatus.ENDED
        contract.end_reason = EndReason.EXPIRED
        contract.ended_on = contract.ends_on
        contract.save(update_fields=["status", "end_reason", "ended_on"])
        ended += 1
    reminded = 0
    for contract in (
        Contract.objects.unscoped()
        .in_force()
        .filter(renewal_reminded_on__isnull=True)
        .select_related("resident", "team")
    ):
        if not contract.renewal_reminder_due(today):
            continue
        contract.status = ContractStatus.RENEWAL_DUE
        contract.renewal_reminded_on = today
        contract.save(update_fields=["status", "renewal_reminded_on"])
        tell_resident(
            contract.resident,
            "health_contract_renewal",
            {"ends_on": contract.ends_on, "team": contract.team.name},
            key=f"health-renewal-{contract.pk}",
        )
        reminded += 1
    return {"expired": ended, "reminded": reminded}
