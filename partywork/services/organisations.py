"""Organisations, memberships (joining, transfers, leaving) and officers.

Callers: the Party/League secretary of the community or sub-district staff (the views check
role and scope). Each function runs in one transaction and raises ``ValidationError`` with a
code; nothing is half-written.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partywork import rules
from partywork.models import (
    JoinedHow,
    LeftHow,
    Membership,
    Officer,
    Organisation,
    OrgKind,
    Standing,
)
from portal.core.history import save_checked
from portal.registry.models import Tag


def organisation_create(
    *,
    community: Any,
    kind: str,
    name: str,
    founded_on: dt.date,
    by: Any,
    parent: Organisation | None = None,
) -> Organisation:
    """Create an organisation of ``community``. Raises ValidationError (``invalid``) for a
    group without a branch or a parent of another community, ``duplicate`` for a name used."""
    organisation = Organisation(
        community=community, kind=kind, name=name, founded_on=founded_on, parent=parent
    )
    try:
        with transaction.atomic():
            save_checked(organisation, by=by)
    except ValidationError as error:
        if "__all__" in getattr(error, "error_dict", {}):
            raise ValidationError(
                _("This community already has an organisation of that name."), code="duplicate"
            ) from None
        raise
    return organisation


def _sync_tag(resident: Any, organisation: Organisation) -> None:
    """Keep the registry's 党员/团员 tag in step with live memberships, so that the
    kernel's members-only events let the member in."""
    tag, _created = Tag.objects.get_or_create(
        slug=organisation.members_tag_slug,
        defaults={"name": "团员" if organisation.is_league else "党员"},
    )
    kinds = [OrgKind.LEAGUE] if organisation.is_league else [k for k in OrgKind if k != "league"]
    live = Membership.objects.filter(resident=resident, left_on__isnull=True, level__in=kinds)
    if live.exists():
        resident.tags.add(tag)
    else:
        resident.tags.remove(tag)


def membership_add(
    *,
    organisation: Organisation,
    resident: Any,
    joined_on: dt.date,
    by: Any,
    standing: str = Standing.FULL,
    joined_how: str = JoinedHow.ADMITTED,
    note: str = "",
) -> Membership:
    """Add ``resident`` to ``organisation`` from ``joined_on`` (admitted or transferred in).

    Raises ValidationError: ``other_community`` (the resident lives elsewhere; transfer
    them in through the registry first), ``second_branch`` (already in an organisation of the
    same level), ``age`` (the League takes 14–28), ``future`` (a date after today),
    ``before_founding``.
    """
    today = timezone.localdate()
    if resident.community_id != organisation.community_id:
        raise ValidationError(
            _("%(name)s is not registered in this community.") % {"name": resident},
            code="other_community",
        )
    if joined_on > today:
        raise ValidationError(_("The date of joining is in the future."), code="future")
    if joined_on < organisation.founded_on:
        raise ValidationError(
            _("The organisation was founded on %(date)s, after that date.")
            % {"date": organisation.founded_on},
            code="before_founding",
        )
    if organisation.is_league:
        low, high = rules.setting("LEAGUE_AGES")
        age = resident.age_on(joined_on)
        if not low <= age <= high:
            raise ValidationError(
                _("League members are %(low)d to %(high)d years old; %(name)s was %(age)d.")
                % {"low": low, "high": high, "name": resident, "age": age},
                code="age",
            )
        standing = Standing.FULL
    membership = Membership(
        organisation=organisation,
        resident=resident,
        level=organisation.kind,
        standing=standing,
        joined_on=joined_on,
        joined_how=joined_how,
        note=note,
    )
    with transaction.atomic():
        other = (
            Membership.objects.select_for_update()
            .filter(resident=resident, level=organisation.kind, left_on__isnull=True)
            .select_related("organisation")
            .first()
        )
        if other is not None:
            raise ValidationError(
                _("%(name)s is already a member of %(other)s; record the transfer out first.")
                % {"name": resident, "other": other.organisation},
                code="second_branch",
            )
        try:
            with transaction.atomic():
                save_checked(membership, by=by, validate_constraints=False)
        except IntegrityError:
            raise ValidationError(
                _("%(name)s is already a member of an organisation of this level.")
                % {"name": resident},
                code="second_branch",
            ) from None
        _sync_tag(resident, organisation)
    return membership


def membership_confirm_full(*, membership: Membership, on: dt.date, by: Any) -> Membership:
    """A probationary member becomes a full member (转正) on ``on``. Raises
    ``not_probationary`` or ``before_joining``."""
    if membership.standing != Standing.PROBATIONARY:
        raise ValidationError(_("This member is already a full member."), code="not_probationary")
    if on < membership.joined_on:
        raise ValidationError(_("That date is before the member joined."), code="before_joining")
    membership.standing = Standing.FULL
    membership.note = (membership.note + " " + _("Full member from %(date)s") % {"date": on})[
        :200
    ].strip()
    with transaction.atomic():
        save_checked(membership, by=by)
    return membership


def membership_end(
    *, membership: Membership, left_on: dt.date, left_how: str, by: Any
) -> list[str]:
    """Record that the member left (transferred out, aged out, deceased …) on ``left_on``;
    their posts end that day. Returns the branch's warnings afterwards (it may have fallen
    below three full members). Raises ``already_left``, ``before_joining``, ``future``."""
    if membership.left_on is not None:
        raise ValidationError(_("This member has already left."), code="already_left")
    if left_on < membership.joined_on:
        raise ValidationError(_("That date is before the member joined."), code="before_joining")
    if left_on > timezone.localdate():
        raise ValidationError(_("The date of leaving is in the future."), code="future")
    if left_how not in LeftHow.values:
        raise ValidationError(_("Choose how the member left."), code="invalid")
    with transaction.atomic():
        membership.left_on = left_on
        membership.left_how = left_how
        save_checked(membership, by=by)
        membership.posts.filter(term_end__gt=left_on).update(term_end=left_on)
        _sync_tag(membership.resident, membership.organisation)
    return membership.organisation.warnings(left_on)


def officer_appoint(
    *, membership: Membership, post: str, term_start: dt.date, term_end: dt.date, by: Any
) -> Officer:
    """Record a member's post for a term. Raises ``not_member`` (not a current member),
    ``invalid`` (the term ends before it starts), ``post_taken`` (a secretary in office)."""
    if membership.left_on is not None:
        raise ValidationError(_("Only a current member can hold a post."), code="not_member")
    if term_end < term_start:
        raise ValidationError(_("The term must end after it starts."), code="invalid")
    officer = Officer(
        organisation=membership.organisation,
        membership=membership,
        post=post,
        term_start=term_start,
        term_end=term_end,
    )
    with transaction.atomic():
        if post == "secretary" and (
            Officer.objects.select_for_update()
            .filter(
                organisation=membership.organisation,
                post=post,
                term_start__lte=term_end,
                term_end__gte=term_start,
            )
            .exists()
        ):
            raise ValidationError(
                _("The organisation already has a secretary for part of that term."),
                code="post_taken",
            )
        save_checked(officer, by=by)
    return officer
