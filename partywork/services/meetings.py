"""Required meetings: recording one (attendees from members only), and per branch the
periods in which a required meeting was not held (the overdue list) or is still due.

The periods are calendar periods: months, quarters (Jan–Mar …) and years, from the
frequencies in force on each period's first day (``partywork.rules``). A 支部委员会 is
required while the branch has a committee in office; a 党小组会 of each Party group of the
branch. A period counts from the organisation's founding and at most
``OVERDUE_LOOKBACK_MONTHS`` back.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partywork import rules
from partywork.models import (
    COMMITTEE_POSTS,
    Meeting,
    MeetingKind,
    Membership,
    Officer,
    Organisation,
    OrgKind,
    Post,
)
from portal.core.dates import add_months
from portal.core.history import save_checked
from portal.events.models import Event

BRANCH_KINDS = (OrgKind.BRANCH, OrgKind.GENERAL_BRANCH)


@dataclass(frozen=True)
class Period:
    organisation: Organisation
    kind: str
    start: dt.date
    end: dt.date  # inclusive

    @property
    def kind_label(self) -> str:
        return MeetingKind(self.kind).label

    def days_left(self, today: dt.date) -> int:
        return (self.end - today).days


def period_of(day: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """The calendar period of ``months`` months (1, 3, 6 or 12) holding ``day``."""
    first_month = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first_month, 1)
    return start, add_months(start, months) - dt.timedelta(days=1)


def _periods(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    """The first day of every month from ``first``'s month to ``last``."""
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = add_months(month, 1)


def _window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The lookback start and the first day from which meetings are read (a period reaching
    into the lookback counts whole: a yearly one starts in January)."""
    lookback = add_months(today.replace(day=1), -rules.setting("OVERDUE_LOOKBACK_MONTHS"))
    return lookback, dt.date(lookback.year, 1, 1)


def required_periods_of_many(
    organisations: list[Organisation],
    *,
    today: dt.date | None = None,
    groups: list[Organisation] | None = None,
) -> dict[int, list[tuple[Period, bool]]]:
    """``required_periods`` for several organisations in three queries in all (their
    groups, unless given, the meetings held, the committee terms), keyed by id."""
    today = today or timezone.localdate()
    lookback, year_start = _window(today)
    branches = [org for org in organisations if org.kind in BRANCH_KINDS]
    groups_of: dict[int, list[Organisation]] = {org.pk: [] for org in organisations}
    for org in organisations:
        if org.kind == OrgKind.GROUP:
            groups_of[org.pk].append(org)
    if groups is None and branches:
        groups = list(
            Organisation.objects.filter(parent__in=branches, kind=OrgKind.GROUP).exclude(
                dissolved_on__lt=lookback
            )
        )
    for group in groups or []:
        if group.parent_id in groups_of and group.pk != group.parent_id:
            groups_of[group.parent_id].append(group)
    everyone = {org.pk: org for org in branches}
    for found in groups_of.values():
        everyone.update({group.pk: group for group in found})
    held: set[tuple[int, str, dt.date]] = set()
    terms: dict[int, list[tuple[dt.date, dt.date]]] = {}
    if everyone:
        held = set(
            Meeting.objects.filter(
                organisation__in=list(everyone), held_on__gte=year_start, held_on__lte=today
            ).values_list("organisation_id", "kind", "held_on")
        )
    if branches:
        for org_id, term_start, term_end in (
            Officer.objects.filter(organisation__in=branches, post__in=COMMITTEE_POSTS)
            .exclude(post=Post.SECRETARY)
            .values_list("organisation_id", "term_start", "term_end")
        ):
            terms.setdefault(org_id, []).append((term_start, term_end))
    result: dict[int, list[tuple[Period, bool]]] = {}
    for org in organisations:
        own = [org] if org.kind in BRANCH_KINDS else []
        found: list[tuple[Period, bool]] = []
        for member_org in own + groups_of.get(org.pk, []):
            found += _periods_of(
                member_org, held, terms.get(member_org.pk, []), today, lookback, year_start
            )
        found.sort(key=lambda item: (item[0].end, item[0].organisation.pk, item[0].kind))
        result[org.pk] = found
    return result


def _periods_of(
    org: Organisation,
    held: set[tuple[int, str, dt.date]],
    committee_terms: list[tuple[dt.date, dt.date]],
    today: dt.date,
    lookback: dt.date,
    year_start: dt.date,
) -> list[tuple[Period, bool]]:
    found: list[tuple[Period, bool]] = []
    seen: set[tuple[str, dt.date]] = set()
    for month in _periods(max(year_start, org.founded_on), today):
        for kind, months in rules.frequencies_on(month).items():
            if (kind == MeetingKind.GROUP) != (org.kind == OrgKind.GROUP):
                continue
            start, end = period_of(month, months)
            if (kind, start) in seen or end < lookback or end < org.founded_on:
                continue
            if org.dissolved_on and start >= org.dissolved_on:
                continue
            seen.add((kind, start))
            if kind == MeetingKind.COMMITTEE and not any(
                term_start <= min(end, today) and term_end >= start
                for term_start, term_end in committee_terms
            ):
                continue
            was_held = any(
                (org.pk, kind, start + dt.timedelta(days=n)) in held
                for n in range((end - start).days + 1)
            )
            found.append((Period(org, kind, start, end), was_held))
    return found


def required_periods(
    organisation: Organisation, *, today: dt.date | None = None
) -> list[tuple[Period, bool]]:
    """Every required-meeting period of ``organisation`` (a branch: its own meetings and
    its groups'; a group: its own) from the lookback start to the current period, each
    with whether a meeting of that kind was held in it. Three queries whatever the span."""
    return required_periods_of_many([organisation], today=today)[organisation.pk]


def overdue_in(periods: list[tuple[Period, bool]], today: dt.date) -> list[Period]:
    return [period for period, held in periods if not held and period.end < today]


def due_soon_in(periods: list[tuple[Period, bool]], today: dt.date, days: int) -> list[Period]:
    return [
        period
        for period, held in periods
        if not held and period.start <= today <= period.end and period.days_left(today) <= days
    ]


def overdue_meetings(organisation: Organisation, *, today: dt.date | None = None) -> list[Period]:
    """The periods that have ended without the required meeting, oldest first."""
    today = today or timezone.localdate()
    return overdue_in(required_periods(organisation, today=today), today)


def meetings_due_soon(
    organisation: Organisation, *, today: dt.date | None = None, days: int | None = None
) -> list[Period]:
    """Current periods ending within ``days`` (the reminder setting) still without the
    required meeting."""
    today = today or timezone.localdate()
    days = rules.setting("MEETING_REMINDER_DAYS") if days is None else days
    return due_soon_in(required_periods(organisation, today=today), today, days)


def meeting_record(
    *,
    organisation: Organisation,
    kind: str,
    held_on: dt.date,
    topic: str,
    by: Any,
    attendees: Iterable[Any] | None = None,
    minutes: str = "",
    resolutions: str = "",
    event: Event | None = None,
) -> Meeting:
    """Record a meeting held. With ``event`` and no attendees given, the attendees are the
    people whose attendance the kernel recorded at that event.

    Raises ValidationError: ``wrong_kind`` (a 党小组会 is a group's; the others a
    branch's), ``future``, ``before_founding``, ``wrong_event`` (an event of another
    community), ``not_member`` (attendees who were not members on that day, named),
    ``no_attendees``.
    """
    is_group = organisation.kind == OrgKind.GROUP
    if kind not in MeetingKind.values or (kind == MeetingKind.GROUP) != is_group:
        raise ValidationError(
            _(
                "A Party group meeting is recorded for a Party group, the other meetings for a "
                "branch."
            ),
            code="wrong_kind",
        )
    if organisation.kind == OrgKind.LEAGUE:
        raise ValidationError(_("Record League activities as events."), code="wrong_kind")
    if held_on > timezone.localdate():
        raise ValidationError(_("A meeting is recorded once it has been held."), code="future")
    if held_on < organisation.founded_on:
        raise ValidationError(
            _("The organisation was founded after that date."), code="before_founding"
        )
    if event is not None:
        if event.community_id != organisation.community_id:
            raise ValidationError(_("That event belongs to another community."), code="wrong_event")
        if attendees is None or not list(attendees):
            attendees = [
                registration.resident
                for registration in event.registrations.attended().select_related("resident")
            ]
    attendees = list(attendees or [])
    if not attendees:
        raise ValidationError(_("Name at least one attendee."), code="no_attendees")
    members = {
        membership.resident_id
        for membership in Membership.objects.filter(organisation=organisation).current(held_on)
    }
    outsiders = [person for person in attendees if person.pk not in members]
    if outsiders:
        raise ValidationError(
            _("Not members of %(organisation)s on %(date)s: %(names)s.")
            % {
                "organisation": organisation,
                "date": held_on,
                "names": "、".join(str(person) for person in outsiders),
            },
            code="not_member",
        )
    meeting = Meeting(
        organisation=organisation,
        kind=kind,
        held_on=held_on,
        topic=topic.strip(),
        minutes=minutes,
        resolutions=resolutions,
        event=event,
        recorded_by=by,
    )
    with transaction.atomic():
        save_checked(meeting, by=by)
        meeting.attendees.set(attendees)
    return meeting


def meeting_schedule(
    *,
    organisation: Organisation,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    topic: str,
    by: Any,
) -> Event:
    """Put a coming meeting on the calendar as a members-only kernel event of the
    organisation's community (a 党课 as a Party lesson, the others as a community
    event), so that it shows in the members' private feeds and takes attendance; the
    meeting is recorded afterwards from that event. Raises ``wrong_kind``, ``past``,
    ``times``, ``empty``."""
    from portal.events.models import Audience, EventKind, OrganiserApp
    from portal.registry.models import Tag

    if kind not in MeetingKind.values or (kind == MeetingKind.GROUP) != (
        organisation.kind == OrgKind.GROUP
    ):
        raise ValidationError(
            _(
                "A Party group meeting is recorded for a Party group, the other meetings for a "
                "branch."
            ),
            code="wrong_kind",
        )
    if organisation.kind == OrgKind.LEAGUE:
        raise ValidationError(_("Record League activities as events."), code="wrong_kind")
    if starts_at <= timezone.now():
        raise ValidationError(_("A meeting is scheduled for a time to come."), code="past")
    if ends_at <= starts_at:
        raise ValidationError(_("The meeting must end after it starts."), code="times")
    if not topic.strip() or not place.strip():
        raise ValidationError(_("Give the topic and the place."), code="empty")
    tag, _created = Tag.objects.get_or_create(slug=Tag.PARTY_MEMBER, defaults={"name": "党员"})
    label = MeetingKind(kind).label
    event = Event(
        title=f"{label}：{topic.strip()}"[:120],
        kind=EventKind.PARTY_LESSON if kind == MeetingKind.LESSON else EventKind.COMMUNITY,
        organiser_app=OrganiserApp.PARTYWORK,
        community=organisation.community,
        place=place.strip()[:200],
        description=str(organisation),
        starts_at=starts_at,
        ends_at=ends_at,
        audience=Audience.MEMBERS,
        members_tag=tag,
        created_by=by,
    )
    with transaction.atomic():
        event.full_clean()
        event.save()
    return event
