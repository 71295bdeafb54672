"""Volunteers (义工, real-name, domain-rules §6.3), pairings (结对关爱) and visits: a
volunteer logs a visit, staff approve it, and the daily check tells the community's staff
of each pairing whose visit has lapsed, once per lapse."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eldercare import rules
from eldercare.models import Lapse, Pairing, Visit, VisitStatus, Volunteer
from eldercare.register import categories_of
from eldercare.roles import check_scope
from eldercare.services.common import check_elderly, check_not_future, community_staff
from portal.notifications.services import notify
from portal.registry.idnumbers import normalize_id_number

LAPSE_KIND = "eldercare_visit_lapsed"
ADULT_AGE = 18


def volunteer_register(
    *,
    resident: Any,
    id_number: str,
    by: Any,
    skills: str = "",
    availability: str = "",
    on: dt.date | None = None,
) -> Volunteer:
    """Register ``resident`` as a real-name volunteer (社区义工登记实名制): the ID number
    typed from the volunteer's card must be the registry's. Raises ``ValidationError``
    ``other_community``, ``id_mismatch``, ``minor`` (under 18: a guardian's consent is
    needed, which the portal does not record) or ``duplicate``."""
    check_scope(by, resident.community_id)
    on = on or timezone.localdate()
    if normalize_id_number(id_number or "") != resident.id_number:
        raise ValidationError(
            _("The ID number does not match the registry's: check the card."), code="id_mismatch"
        )
    if rules.age_on(resident.birth_date, on) < ADULT_AGE:
        raise ValidationError(_("Volunteers under 18 need a guardian's consent."), code="minor")
    try:
        with transaction.atomic():
            return Volunteer.objects.create(
                resident=resident,
                skills=skills[:200],
                availability=availability[:200],
                registered_on=on,
            )
    except IntegrityError:
        raise ValidationError(
            _("This resident is already a volunteer."), code="duplicate"
        ) from None


def pairing_create(
    *,
    elder: Any,
    by: Any,
    volunteer: Volunteer | None = None,
    team: Any = None,
    started_on: dt.date | None = None,
    interval_days: int | None = None,
) -> Pairing:
    """Pair a volunteer (or a team) with ``elder``; the visit interval defaults to the
    shortest of the elder's care categories (``ELDERCARE_VISIT_INTERVALS``). Raises
    ``ValidationError`` ``other_community``, ``carer`` (neither or both), ``not_elderly``,
    ``inactive``, ``future``, ``interval`` or ``duplicate`` (an open pairing of the same
    volunteer and elder)."""
    check_scope(by, elder.community_id)
    started_on = started_on or timezone.localdate()
    check_not_future(started_on)
    check_elderly(elder, started_on)
    if bool(volunteer) == bool(team):
        raise ValidationError(_("Choose a volunteer or a team."), code="carer")
    if volunteer is not None:
        check_scope(by, volunteer.resident.community_id)
        if not volunteer.active:
            raise ValidationError(_("This volunteer is no longer active."), code="inactive")
        if volunteer.resident_id == elder.pk:
            raise ValidationError(_("A volunteer cannot be paired with themselves."), code="carer")
    if team is not None:
        check_scope(by, team.community_id)
    if interval_days is None:
        interval_days = rules.visit_interval(categories_of([elder], started_on)[elder.pk])
    if not 1 <= int(interval_days) <= 366:
        raise ValidationError(_("Visit every 1 to 366 days."), code="interval")
    try:
        with transaction.atomic():
            if (
                volunteer is not None
                and Pairing.objects.unscoped()
                .open()
                .filter(volunteer=volunteer, elder=elder)
                .exists()
            ):
                raise IntegrityError
            return Pairing.objects.create(
                elder=elder,
                volunteer=volunteer,
                team=team,
                interval_days=interval_days,
                started_on=started_on,
            )
    except IntegrityError:
        raise ValidationError(
            _("This volunteer is already paired with this elder."), code="duplicate"
        ) from None


def pairing_end(*, pairing: Pairing, by: Any, ended_on: dt.date | None = None) -> Pairing:
    """End a pairing (no more visits expected, no more lapse alerts). Raises
    ``other_community``, ``ended`` or ``order``."""
    check_scope(by, pairing.elder.community_id)
    ended_on = ended_on or timezone.localdate()
    if pairing.ended_on:
        raise ValidationError(_("The pairing has already ended."), code="ended")
    if ended_on < pairing.started_on:
        raise ValidationError(_("It cannot end before it began."), code="order")
    pairing.ended_on = ended_on
    pairing.save(update_fields=["ended_on"])
    return pairing


def carer_of(volunteer: Volunteer, pairing: Pairing) -> bool:
    if pairing.volunteer_id:
        return pairing.volunteer_id == volunteer.pk
    return pairing.team.members.filter(pk=volunteer.pk).exists()


def visit_log(
    *, volunteer: Volunteer, pairing: Pairing, visited_on: dt.date, hours: Any, notes: str = ""
) -> Visit:
    """The volunteer (signed in as themselves) logs a visit to a paired elder; it waits for
    staff approval. Raises ``ValidationError`` ``not_paired`` (not this volunteer's open
    pairing), ``future``, ``order`` (before the pairing), ``hours`` or ``duplicate`` (a
    visit already logged that day)."""
    if not volunteer.active or pairing.ended_on or not carer_of(volunteer, pairing):
        raise ValidationError(_("You are not paired with this elder."), code="not_paired")
    check_not_future(visited_on)
    if visited_on < pairing.started_on:
        raise ValidationError(_("The visit is before the pairing began."), code="order")
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        hours = Decimal("-1")
    if not Decimal("0.5") <= hours <= Decimal("12"):
        raise ValidationError(_("Enter the hours, from 0.5 to 12."), code="hours")
    with transaction.atomic():
        if (
            Visit.objects.unscoped()
            .filter(pairing=pairing, volunteer=volunteer, visited_on=visited_on)
            .exists()
        ):
            raise ValidationError(_("A visit on that day is already logged."), code="duplicate")
        return Visit.objects.create(
            pairing=pairing,
            volunteer=volunteer,
            visited_on=visited_on,
            hours=hours,
            notes=notes[:300],
        )


def visit_decide(*, visit: Visit, approve: bool, by: Any) -> Visit:
    """Staff approve (or refuse) a logged visit. Raises ``other_community`` or
    ``decided`` (already decided; two clicks at once: the row is locked)."""
    check_scope(by, visit.pairing.elder.community_id)
    with transaction.atomic():
        locked = Visit.objects.unscoped().select_for_update().get(pk=visit.pk)
        if locked.status != VisitStatus.SUBMITTED:
            raise ValidationError(_("This visit has already been decided."), code="decided")
        locked.status = VisitStatus.APPROVED if approve else VisitStatus.REJECTED
        locked.decided_by, locked.decided_at = by, timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked


def next_visit_due(pairing: Pairing, last_visit: dt.date | None) -> dt.date:
    """The day by which the next visit is due: the interval after the last counted
    visit, or after the pairing began."""
    return (last_visit or pairing.started_on) + dt.timedelta(days=pairing.interval_days)


def lapses_check(today: dt.date | None = None) -> int:
    """Tell the community's staff of every open pairing whose visit was due before
    ``today`` and has not come: one ``Lapse`` per (pairing, due date) and one message per
    staff member for it, however often this runs (the row is unique; the messages carry
    a key). A later visit moves the due date, so the next lapse is a new one. Returns
    the lapses newly found."""
    today = today or timezone.localdate()
    pairings = (
        Pairing.objects.unscoped()
        .open()
        .select_related("elder", "volunteer__resident", "team")
        .annotate(last_visit=Max("visits__visited_on", filter=~models_rejected()))
    )
    found = 0
    for pairing in pairings:
        due_on = next_visit_due(pairing, pairing.last_visit)
        if due_on >= today:
            continue
        lapse, created = Lapse.objects.get_or_create(pairing=pairing, due_on=due_on)
        if not created:
            continue
        found += 1
        url = reverse("eldercare:pairing-detail", args=[pairing.pk])
        for user in community_staff(pairing.elder.community_id):
            notify(
                user,
                LAPSE_KIND,
                {
                    "elder": pairing.elder.name,
                    "carer": pairing.carer_name,
                    "due_on": due_on,
                    "interval": pairing.interval_days,
                },
                url=url,
                key=f"eldercare-lapse-{lapse.pk}-{user.pk}",
            )
    return found


def models_rejected() -> Any:
    from django.db.models import Q

    return Q(visits__status=VisitStatus.REJECTED)
