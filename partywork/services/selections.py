"""寻找身边的优秀党员: opening a selection, nominating, voting (one vote per person, under
concurrency), and recording the result.

Nominations and votes come from members of the branch and from residents whose account
is linked to the registry (identity checked) in the branch's community; staff open and
close the selection."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partywork.models import Membership, Nomination, Organisation, OrgKind, Selection, Vote


def selection_open(
    *,
    organisation: Organisation,
    year: int,
    vote_opens_at: dt.datetime,
    vote_closes_at: dt.datetime,
    places: int,
    by: Any,
) -> Selection:
    """Open the year's selection of a branch. Raises ``not_branch``, ``window`` (closes
    before it opens), ``places`` (not 1–50), ``duplicate`` (the year's selection exists)."""
    if organisation.kind not in (OrgKind.BRANCH, OrgKind.GENERAL_BRANCH):
        raise ValidationError(_("A selection is held by a Party branch."), code="not_branch")
    if vote_closes_at <= vote_opens_at:
        raise ValidationError(_("Voting must close after it opens."), code="window")
    if not 1 <= places <= 50:
        raise ValidationError(_("Select between 1 and 50 members."), code="places")
    try:
        with transaction.atomic():
            return Selection.objects.create(
                organisation=organisation,
                year=year,
                vote_opens_at=vote_opens_at,
                vote_closes_at=vote_closes_at,
                places=places,
                created_by=by,
            )
    except IntegrityError:
        raise ValidationError(
            _("This branch already has a selection for %(year)d.") % {"year": year},
            code="duplicate",
        ) from None


def may_take_part(selection: Selection, resident: Any) -> bool:
    """Members of the branch and identity-linked residents of its community."""
    if resident is None:
        return False
    return resident.community_id == selection.organisation.community_id


def nomination_create(
    *,
    selection: Selection,
    membership: Membership,
    reason: str,
    nominated_by: Any,
    now: dt.datetime | None = None,
) -> Nomination:
    """Nominate a current member of the branch. Raises ``not_allowed`` (a nominator from
    outside the community), ``closed`` (nominations end when voting opens),
    ``not_member``, ``reason`` (empty), ``duplicate`` (already nominated)."""
    now = now or timezone.now()
    if not may_take_part(selection, nominated_by):
        raise ValidationError(
            _("Only residents of this community may nominate."), code="not_allowed"
        )
    if selection.closed_at or now >= selection.vote_opens_at:
        raise ValidationError(_("Nominations are closed."), code="closed")
    if membership.organisation_id != selection.organisation_id or membership.left_on:
        raise ValidationError(_("Nominate a current member of the branch."), code="not_member")
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why you nominate this member."), code="reason")
    try:
        with transaction.atomic():
            return Nomination.objects.create(
                selection=selection,
                membership=membership,
                reason=reason[:2000],
                nominated_by=nominated_by,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s has already been nominated.") % {"name": membership.resident},
            code="duplicate",
        ) from None


def vote_cast(*, nomination: Nomination, voter: Any, now: dt.datetime | None = None) -> Vote:
    """Cast ``voter``'s one vote for ``nomination``.

    The selection row is locked first, so concurrent votes of one person queue and the
    second sees the first (the unique constraint backs it). Raises ``not_allowed``,
    ``not_open`` (outside the window, or results recorded), ``already_voted``."""
    with transaction.atomic():
        selection = Selection.objects.select_for_update().get(pk=nomination.selection_id)
        now = now or timezone.now()
        if not may_take_part(selection, voter):
            raise ValidationError(
                _("Only residents of this community may vote."), code="not_allowed"
            )
        if not selection.is_open(now):
            raise ValidationError(_("Voting is not open."), code="not_open")
        if Vote.objects.filter(selection=selection, voter=voter).exists():
            raise ValidationError(_("You have already voted."), code="already_voted")
        try:
            with transaction.atomic():
                return Vote.objects.create(
                    selection=selection, nomination=nomination, voter=voter, cast_at=now
                )
        except IntegrityError:
            raise ValidationError(_("You have already voted."), code="already_voted") from None


def selection_close(
    *, selection: Selection, by: Any, now: dt.datetime | None = None
) -> list[Nomination]:
    """Record the result once voting has closed: the ``places`` nominations with most votes
    (ties at the last place all selected). Raises ``still_open``, ``already_closed``."""
    now = now or timezone.now()
    with transaction.atomic():
        selection = Selection.objects.select_for_update().get(pk=selection.pk)
        if selection.closed_at:
            raise ValidationError(_("The result is already recorded."), code="already_closed")
        if now < selection.vote_closes_at:
            raise ValidationError(_("Voting has not closed yet."), code="still_open")
        ranked = list(Nomination.objects.filter(selection=selection).with_votes())
        ranked = [nomination for nomination in ranked if nomination.vote_count > 0]
        chosen = ranked[: selection.places]
        if chosen:
            last = chosen[-1].vote_count
            chosen += [n for n in ranked[selection.places :] if n.vote_count == last]
        Nomination.objects.filter(pk__in=[n.pk for n in chosen]).update(selected=True)
        selection.closed_at = now
        selection.save(update_fields=["closed_at"])
    return chosen
