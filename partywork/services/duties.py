"""争做“十大员”: members taking roles for a year and entries of what they did."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partywork.models import Duty, DutyAssignment, DutyEntry, Membership
from portal.events.models import Event


def duty_assign(*, membership: Membership, duty: str, year: int, by: Any) -> DutyAssignment:
    """A member takes one of the ten roles for ``year``. Raises ``invalid``,
    ``not_member`` (not a member during that year), ``duplicate``."""
    if duty not in Duty.values or not 2000 <= year <= 2100:
        raise ValidationError(_("Choose one of the ten roles and a year."), code="invalid")
    if not membership.organisation.is_party:
        raise ValidationError(_("The ten roles are taken by Party members."), code="not_member")
    if membership.joined_on > dt.date(year, 12, 31) or (
        membership.left_on and membership.left_on <= dt.date(year, 1, 1)
    ):
        raise ValidationError(_("Not a member during that year."), code="not_member")
    try:
        with transaction.atomic():
            return DutyAssignment.objects.create(
                membership=membership, duty=duty, year=year, created_by=by
            )
    except IntegrityError:
        raise ValidationError(
            _("This member already has that role for %(year)d.") % {"year": year},
            code="duplicate",
        ) from None


def duty_entry_add(
    *,
    assignment: DutyAssignment,
    done_on: dt.date,
    description: str,
    by: Any,
    event: Event | None = None,
) -> DutyEntry:
    """Record what the member did on ``done_on`` in their role; with ``event``, an event
    the member attended (the kernel's attendance). Raises ``wrong_year``, ``future``,
    ``not_attended``, ``empty``."""
    if done_on.year != assignment.year:
        raise ValidationError(_("The date is outside the role's year."), code="wrong_year")
    if done_on > timezone.localdate():
        raise ValidationError(_("The date is in the future."), code="future")
    description = description.strip()
    if event is not None:
        attended = event.registrations.attended().filter(
            resident_id=assignment.membership.resident_id
        )
        if not attended.exists():
            raise ValidationError(
                _("The member's attendance at that event is not recorded."), code="not_attended"
            )
        description = description or event.title
    if not description:
        raise ValidationError(_("Say what was done."), code="empty")
    with transaction.atomic():
        return DutyEntry.objects.create(
            assignment=assignment,
            done_on=done_on,
            description=description[:300],
            event=event,
            created_by=by,
        )


def duty_summary(organisation: Any, year: int) -> list[dict[str, Any]]:
    """Per role: the members who took it in ``year`` and how many entries they made."""
    from django.db.models import Count

    rows = (
        DutyAssignment.objects.filter(membership__organisation=organisation, year=year)
        .select_related("membership__resident")
        .annotate(entry_count=Count("entries"))
        .order_by("duty", "membership__resident__name")
    )
    by_duty: dict[str, list[Any]] = {duty: [] for duty in Duty.values}
    for row in rows:
        by_duty[row.duty].append(row)
    return [
        {
            "duty": Duty(duty).label,
            "assignments": found,
            "entries": sum(a.entry_count for a in found),
        }
        for duty, found in by_duty.items()
    ]
