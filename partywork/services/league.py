"""The Youth League's contests: entries placed in their age group, judging, results."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partywork import rules
from partywork.models import Award, Contest, ContestEntry, EntryCategory, Organisation, OrgKind
from portal.events.models import Event


def age_group_of(age: int) -> str:
    """The contest age group holding ``age`` ("6-9"), or "" when none does."""
    for low, high in rules.setting("CONTEST_AGE_GROUPS"):
        if low <= age <= high:
            return f"{low}-{high}"
    return ""


def contest_create(
    *,
    organisation: Organisation,
    title: str,
    held_on: dt.date,
    by: Any,
    event: Event | None = None,
) -> Contest:
    """A contest of a 团支部. Raises ``not_league``, ``wrong_event``, ``empty``."""
    if organisation.kind != OrgKind.LEAGUE:
        raise ValidationError(_("Contests are held by a Youth League branch."), code="not_league")
    if event is not None and event.community_id != organisation.community_id:
        raise ValidationError(_("That event belongs to another community."), code="wrong_event")
    if not title.strip():
        raise ValidationError(_("Give the contest a title."), code="empty")
    return Contest.objects.create(
        organisation=organisation, title=title.strip(), held_on=held_on, event=event, created_by=by
    )


def contest_entry_add(
    *, contest: Contest, entrant: Any, category: str, title: str, by: Any
) -> ContestEntry:
    """Enter a young resident of the community; the age group follows from their age on
    the contest day. Raises ``other_community``, ``age`` (no age group fits),
    ``published`` (results out), ``invalid``, ``duplicate``."""
    if entrant.community_id != contest.organisation.community_id:
        raise ValidationError(
            _("%(name)s is not registered in this community.") % {"name": entrant},
            code="other_community",
        )
    if contest.results_published_at:
        raise ValidationError(_("The results are already published."), code="published")
    if category not in EntryCategory.values or not title.strip():
        raise ValidationError(_("Choose a category and give the work a title."), code="invalid")
    group = age_group_of(entrant.age_on(contest.held_on))
    if not group:
        raise ValidationError(
            _("%(name)s is in none of the contest's age groups.") % {"name": entrant}, code="age"
        )
    try:
        with transaction.atomic():
            return ContestEntry.objects.create(
                contest=contest,
                entrant=entrant,
                category=category,
                title=title.strip()[:120],
                age_group=group,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s already has an entry in this category.") % {"name": entrant},
            code="duplicate",
        ) from None


def contest_entry_judge(
    *, entry: ContestEntry, score: Decimal | None, award: str, by: Any
) -> ContestEntry:
    """Record the jury's score and award. Raises ``published``, ``invalid``."""
    if entry.contest.results_published_at:
        raise ValidationError(_("The results are already published."), code="published")
    if award and award not in Award.values:
        raise ValidationError(_("Choose an award."), code="invalid")
    if score is not None and not Decimal("0") <= score <= Decimal("100"):
        raise ValidationError(_("A score is from 0 to 100."), code="invalid")
    entry.score, entry.award = score, award
    entry.save(update_fields=["score", "award"])
    return entry


def contest_results_publish(*, contest: Contest, by: Any) -> Contest:
    """Publish the results (no more entries or judging). Raises ``published``, ``empty``."""
    with transaction.atomic():
        contest = Contest.objects.select_for_update().get(pk=contest.pk)
        if contest.results_published_at:
            raise ValidationError(_("The results are already published."), code="published")
        if not contest.entries.exclude(award="").exists():
            raise ValidationError(_("Give at least one award first."), code="empty")
        contest.results_published_at = timezone.now()
        contest.save(update_fields=["results_published_at"])
    return contest
