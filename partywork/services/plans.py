"""The yearly Party-day plan: twelve themed members-only kernel events for a branch.

Callers: the branch's Party secretary or sub-district staff (the view checks scope)."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from partywork.models import PARTY_DAY_TEMPLATE, Organisation, OrgKind, PartyDay, PartyDayPlan
from portal.core.dates import local_datetime
from portal.events.models import Audience, Event, EventKind, OrganiserApp
from portal.registry.models import Tag

PARTY_DAY_START = dt.time(14, 30)
PARTY_DAY_END = dt.time(16, 30)


def party_day_plan_generate(
    *,
    organisation: Organisation,
    year: int,
    by: Any,
    themes: Sequence[str] = PARTY_DAY_TEMPLATE,
    day_of_month: int = 15,
    place: str = "",
    starts: dt.time = PARTY_DAY_START,
    ends: dt.time = PARTY_DAY_END,
) -> PartyDayPlan:
    """Generate ``organisation``'s twelve 主题党日 of ``year``: one members-only kernel event
    (kind Party day, open to the holders of the 党员 tag) on ``day_of_month`` of each
    month, titled by the month's theme (the seed's themes unless edited).

    Raises ValidationError: ``not_branch`` (only a 党总支 or 党支部 holds Party days),
    ``themes`` (not twelve non-empty themes), ``day`` (not 1–28: some months lack the
    29th), ``times`` (ends before it starts), ``year`` (outside 2000–2100), ``duplicate``
    (the branch already has that year's plan). All twelve events or none.
    """
    if organisation.kind not in (OrgKind.BRANCH, OrgKind.GENERAL_BRANCH):
        raise ValidationError(
            _("Party days are planned for a Party branch or general branch."), code="not_branch"
        )
    themes = [str(theme).strip() for theme in themes]
    if len(themes) != 12 or not all(themes) or any(len(theme) > 120 for theme in themes):
        raise ValidationError(
            _("Give a theme of at most 120 characters for each of the twelve months."),
            code="themes",
        )
    if not 1 <= day_of_month <= 28:
        raise ValidationError(_("Choose a day from 1 to 28, which every month has."), code="day")
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Choose a year from 2000 to 2100."), code="year")
    if ends <= starts:
        raise ValidationError(_("The Party day must end after it starts."), code="times")
    place = place.strip() or _("%(community)s Party members' activity room") % {
        "community": organisation.community.name
    }
    tag, _created = Tag.objects.get_or_create(slug=Tag.PARTY_MEMBER, defaults={"name": "党员"})
    try:
        with transaction.atomic():
            plan = PartyDayPlan.objects.create(
                organisation=organisation, year=year, day_of_month=day_of_month, created_by=by
            )
            for month, theme in enumerate(themes, start=1):
                day = dt.date(year, month, day_of_month)
                event = Event(
                    title=theme,
                    kind=EventKind.PARTY_DAY,
                    organiser_app=OrganiserApp.PARTYWORK,
                    community=organisation.community,
                    place=place[:200],
                    description=_("%(year)d-%(month)02d theme Party day of %(organisation)s.")
                    % {"year": year, "month": month, "organisation": organisation.name},
                    starts_at=local_datetime(day, starts),
                    ends_at=local_datetime(day, ends),
                    audience=Audience.MEMBERS,
                    members_tag=tag,
                    created_by=by,
                )
                event.full_clean()
                event.save()
                PartyDay.objects.create(plan=plan, month=month, theme=theme, event=event)
    except IntegrityError:
        raise ValidationError(
            _("%(organisation)s already has its Party days of %(year)d.")
            % {"organisation": organisation, "year": year},
            code="duplicate",
        ) from None
    return plan
