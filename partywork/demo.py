"""Demo data of Party and League work (``seed_demo``, after the registry's and events'),
played through the services as the communities' Party secretaries would have entered it:

- a 党支部 per community, its members the residents the registry tags 党员 (at most 40),
  one in ten probationary, and for a branch of seven or more a committee;
- this year's twelve Party days of the seed for each branch (东南's were put on the
  calendar by the events demo already: its plan takes those events);
- the year's required meetings, with the last quarter's 党员大会 and some 支部委员会
  missing in 东南 and 雅苑, so that their overdue lists are not empty;
- the ten roles (十大员) taken by ten members per branch, with an entry each;
- last year's 寻找身边的优秀党员 selection, voted and recorded;
- 雅苑's 团支部 with its members (14–28), and the June 1 contest on the League's event.

Idempotent: each piece is looked for before it is made; a second run creates nothing.
"""

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from partywork.models import (
    PARTY_DAY_TEMPLATE,
    ContestEntry,
    Duty,
    DutyAssignment,
    Meeting,
    MeetingKind,
    Membership,
    Organisation,
    OrgKind,
    PartyDay,
    PartyDayPlan,
    Post,
    Selection,
    Standing,
)
from partywork.services import duties, league, meetings, organisations, plans, selections
from portal.accounts.models import Role, User
from portal.core.dates import local_datetime
from portal.events.models import Event, EventKind, OrganiserApp
from portal.guide.models import ServiceEntry
from portal.registry.models import Community, Resident, Tag

Log = Callable[[str], None]
FOUNDED = dt.date(2015, 7, 1)
MAX_MEMBERS = 40
#: Communities whose demo branch leaves meetings undone (their overdue lists show them).
LAGGING = ("东南", "雅苑")


def _silent(line: str) -> None:
    return None


def seed_partywork(log: Log | None = _silent) -> dict[str, int]:
    log = log or _silent
    today = timezone.localdate()
    counts = {"organisations": 0, "members": 0, "party days": 0, "meetings": 0, "roles": 0}
    with transaction.atomic():
        for community in Community.objects.order_by("code"):
            by = _secretary(community)
            branch = _branch(community, by, today, counts)
            counts["party days"] += _party_days(branch, by, today)
            counts["meetings"] += _meetings(branch, by, today)
            counts["roles"] += _roles(branch, by, today)
            _selection(branch, by, today)
        counts["league"] = _league(today)
        counts["guide links"] = _link_guide()
    log(
        "partywork: "
        + ", ".join(f"{count} {label}" for label, count in counts.items())
        + " created"
    )
    return counts


#: The service guide's Party and League entries and the pages residents use for them.
GUIDE_PATHS = {
    "zhuti-dangri": lambda: reverse("partywork:my-partywork"),
    "dangyuan-shidayuan": lambda: reverse("partywork:my-partywork"),
    "tuanzhibu-huodong": lambda: reverse("events:calendar") + f"?kind={EventKind.LEAGUE}",
}


def _link_guide() -> int:
    """Point the guide's Party and League entries at their pages; returns entries changed."""
    changed = 0
    for entry in ServiceEntry.objects.filter(slug__in=GUIDE_PATHS):
        path = GUIDE_PATHS[entry.slug]()
        if entry.online_path != path:
            entry.online_path = path
            entry.full_clean()
            entry.save(update_fields=["online_path"])
            changed += 1
    return changed


def _secretary(community: Community) -> User | None:
    return (
        User.objects.filter(role=Role.PARTY_SECRETARY, community=community).first()
        or User.objects.filter(role=Role.SUBDISTRICT_STAFF).order_by("pk").first()
    )


def _joined(resident: Resident) -> dt.date:
    """A stable joining date after the member turned 18 and the branch was founded."""
    adult = resident.birth_date.replace(year=resident.birth_date.year + 18, day=1)
    return max(FOUNDED, adult) + dt.timedelta(days=resident.pk % 900)


def _branch(community, by, today, counts):
    branch = Organisation.objects.filter(community=community, kind=OrgKind.BRANCH).first()
    made = branch is None
    if made:
        branch = organisations.organisation_create(
            community=community,
            kind=OrgKind.BRANCH,
            name=f"{community.name}社区党支部",
            founded_on=FOUNDED,
            by=by,
        )
        counts["organisations"] += 1
    party = (
        Resident.objects.in_community(community.pk)
        .filter(tags__slug=Tag.PARTY_MEMBER)
        .order_by("pk")[:MAX_MEMBERS]
    )
    members = []
    for index, resident in enumerate(party):
        joined = _joined(resident)
        if joined > today:
            continue
        existing = Membership.objects.filter(resident=resident, level=OrgKind.BRANCH).first()
        if existing is None:
            existing = organisations.membership_add(
                organisation=branch,
                resident=resident,
                joined_on=joined,
                standing=Standing.PROBATIONARY if index % 10 == 9 else Standing.FULL,
                by=by,
            )
            counts["members"] += 1
        if existing.organisation_id == branch.pk:
            members.append(existing)
    if made and len(members) >= 7:
        term_start = dt.date(today.year - 2, 6, 1)
        term_end = dt.date(today.year + 3, 5, 31)
        for membership, post in zip(
            members, (Post.SECRETARY, Post.ORGANISATION, Post.PROPAGANDA), strict=False
        ):
            organisations.officer_appoint(
                membership=membership, post=post, term_start=term_start, term_end=term_end, by=by
            )
    return branch


def _party_days(branch: Organisation, by, today: dt.date) -> int:
    if PartyDayPlan.objects.filter(organisation=branch, year=today.year).exists():
        return 0
    existing = {
        event.title: event
        for event in Event.objects.filter(
            community=branch.community,
            kind=EventKind.PARTY_DAY,
            organiser_app=OrganiserApp.PARTYWORK,
            starts_at__year=today.year,
        )
    }
    if existing:
        # The events demo already put this branch's Party days on the calendar.
        plan = PartyDayPlan.objects.create(
            organisation=branch, year=today.year, day_of_month=15, created_by=by
        )
        for month in range(1, 13):
            event = next(
                (e for e in existing.values() if timezone.localtime(e.starts_at).month == month),
                None,
            )
            if event is not None:
                PartyDay.objects.create(plan=plan, month=month, theme=event.title, event=event)
        return 0
    # In the morning: the events demo's own Party days (same themes) are in the afternoon,
    # and it finds its rows again by title and start.
    plans.party_day_plan_generate(
        organisation=branch, year=today.year, by=by, starts=dt.time(9), ends=dt.time(11)
    )
    return 12


def _attendees(branch: Organisation, day: dt.date) -> list[Resident]:
    return [m.resident for m in branch.memberships.current(day).select_related("resident")[:12]]


def _meetings(branch: Organisation, by, today: dt.date) -> int:
    """This year's meetings (the lagging communities skip last quarter's 党员大会, every
    fourth month's committee and last year's appraisal) and last year's yearly ones."""
    if Meeting.objects.filter(organisation=branch).exists():
        return 0
    lagging = branch.community.name in LAGGING
    made = 0

    def record(kind: str, day: dt.date, topic: str, people: list[Resident]) -> None:
        nonlocal made
        if people and day <= today:
            meetings.meeting_record(
                organisation=branch, kind=kind, held_on=day, topic=topic, attendees=people, by=by
            )
            made += 1

    year = today.year
    current_quarter = (today.month - 1) // 3 + 1
    for quarter in range(1, current_quarter + 1):
        day = dt.date(year, 3 * quarter - 2, 20)
        topic = PARTY_DAY_TEMPLATE[day.month - 1]
        record(MeetingKind.LESSON, day, topic, _attendees(branch, day))
        if not (lagging and quarter == current_quarter - 1):
            record(MeetingKind.GENERAL_ASSEMBLY, day, topic, _attendees(branch, day))
    officers = list(
        branch.officers.exclude(post=Post.SECRETARY).select_related("membership__resident")
    )
    if officers:
        committee = list(branch.officers.select_related("membership__resident"))
        for month in range(1, today.month):
            if lagging and month % 4 == 0:
                continue
            day = dt.date(year, month, 5)
            people = [o.membership.resident for o in committee if o.membership.is_member_on(day)]
            record(MeetingKind.COMMITTEE, day, "研究部署当月工作", people)
    last_year = dt.date(year - 1, 12, 28)
    people = _attendees(branch, last_year)
    record(MeetingKind.LIFE, last_year, "年度组织生活会", people)
    if not lagging:
        record(MeetingKind.APPRAISAL, last_year, "民主评议党员", people)
    return made


def _roles(branch: Organisation, by, today: dt.date) -> int:
    if DutyAssignment.objects.filter(membership__organisation=branch, year=today.year).exists():
        return 0
    current = list(branch.memberships.filter(left_on__isnull=True).order_by("pk")[:10])
    made = 0
    for membership, duty in zip(current, Duty, strict=False):
        assignment = duties.duty_assign(membership=membership, duty=duty, year=today.year, by=by)
        done_on = max(dt.date(today.year, 1, 1), today - dt.timedelta(days=30 + made * 7))
        duties.duty_entry_add(
            assignment=assignment,
            done_on=done_on,
            description=f"{duty.label}：走访楼道、收集居民意见",
            by=by,
        )
        made += 1
    return made


def _selection(branch: Organisation, by, today: dt.date) -> None:
    year = today.year - 1
    if Selection.objects.filter(organisation=branch, year=year).exists():
        return
    current = list(branch.memberships.current(dt.date(year, 11, 30)).order_by("pk"))
    if len(current) < 4:
        return
    selection = selections.selection_open(
        organisation=branch,
        year=year,
        vote_opens_at=local_datetime(dt.date(year, 12, 1)),
        vote_closes_at=local_datetime(dt.date(year, 12, 15)),
        places=2,
        by=by,
    )
    nominations = [
        selections.nomination_create(
            selection=selection,
            membership=membership,
            reason="长期热心社区志愿服务，带头调解邻里纠纷。",
            nominated_by=current[0].resident,
            now=local_datetime(dt.date(year, 11, 20)),
        )
        for membership in current[1:4]
    ]
    for index, membership in enumerate(current):
        selections.vote_cast(
            nomination=nominations[index % 3 if index % 4 else 0],
            voter=membership.resident,
            now=local_datetime(dt.date(year, 12, 5), dt.time(10)),
        )
    selections.selection_close(
        selection=selection, by=by, now=local_datetime(dt.date(year, 12, 16))
    )


def _league(today: dt.date) -> int:
    community = Community.objects.filter(name="雅苑").first()
    if community is None:
        return 0
    by = _secretary(community)
    league_branch = Organisation.objects.filter(community=community, kind=OrgKind.LEAGUE).first()
    made = 0
    if league_branch is None:
        league_branch = organisations.organisation_create(
            community=community,
            kind=OrgKind.LEAGUE,
            name="雅苑社区团支部",
            founded_on=FOUNDED,
            by=by,
        )
        made += 1
    youth = Resident.objects.in_community(community.pk).filter(tags__slug=Tag.LEAGUE_MEMBER)
    for resident in youth.order_by("pk")[:30]:
        joined = max(FOUNDED, today - dt.timedelta(days=400 + resident.pk % 300))
        if Membership.objects.filter(resident=resident, level=OrgKind.LEAGUE).exists():
            continue
        try:
            organisations.membership_add(
                organisation=league_branch, resident=resident, joined_on=joined, by=by
            )
        except ValidationError:
            continue  # outside 14–28 on the day they would have joined
        made += 1
    event = Event.objects.filter(
        community=community,
        kind=EventKind.LEAGUE,
        starts_at__year=today.year,
        title__contains="六一",
    ).first()
    if event is None or league_branch.contests.exists():
        return made
    held_on = timezone.localtime(event.starts_at).date()
    contest = league.contest_create(
        organisation=league_branch, title=event.title, held_on=held_on, event=event, by=by
    )
    children = Resident.objects.in_community(community.pk).filter(
        birth_date__gt=held_on.replace(year=held_on.year - 18),
        birth_date__lte=held_on.replace(year=held_on.year - 6),
    )
    awards = ["first", "second", "third", "merit", ""]
    for index, child in enumerate(children.order_by("pk")[:12]):
        entry = league.contest_entry_add(
            contest=contest,
            entrant=child,
            category="drawing" if index % 2 else "essay",
            title="我的社区我的家" if index % 2 else "我眼中的雅苑",
            by=by,
        )
        league.contest_entry_judge(
            entry=entry, score=90 - index * 2, award=awards[min(index // 2, 4)], by=by
        )
        made += 1
    if held_on < today and ContestEntry.objects.filter(contest=contest).exclude(award="").exists():
        league.contest_results_publish(contest=contest, by=by)
    return made
