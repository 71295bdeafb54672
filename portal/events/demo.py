"""Demo events for ``seed_demo``: the seed plans' Party-day calendar (chapter 4) and Youth
League activities (chapter 6) for the current year, two recurring series, and the
attendance and volunteer hours of the ones already past."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.core.dates import add_months, local_datetime
from portal.events import services
from portal.events.models import (
    Audience,
    CheckInMethod,
    Event,
    EventKind,
    Frequency,
    OrganiserApp,
    Registration,
    RegistrationStatus,
)
from portal.registry.models import Community, Resident, Tag

Log = Callable[[str], None]

# The Party-day calendar of the seed (篇4, "党员活动时间表"), one fixed day a month
# (主题党日, domain-rules §6.2): month, title, members only, volunteer hours, places.
PARTY_DAYS: tuple[tuple[int, str, bool, Decimal | None, int], ...] = (
    (1, "春节慰问老党员活动", False, Decimal("2"), 20),
    (2, "党小组成立大会", True, None, 60),
    (3, "党员志愿者参加植树活动", False, Decimal("3"), 40),
    (4, "党员领导干部下基层讲党课活动", False, None, 80),
    (5, "“关心青年成长”座谈会", False, None, 40),
    (6, "“一名党员、一面旗帜”做社区一日志愿者活动", False, Decimal("4"), 40),
    (7, "“重温入党誓词、牢记党的宗旨”集体宣誓活动", True, None, 80),
    (8, "“爱心在行动”社区奉献日活动", False, Decimal("3"), 50),
    (9, "纪录片观影活动", False, None, 60),
    (10, "“中国梦，我的梦”茶话会", False, None, 40),
    (11, "“喜看家乡变化，我来建言献策”参观园区活动", False, None, 30),
    (12, "“寻找身边的优秀党员”评选活动", False, None, 80),
)
PARTY_DAY_OF_MONTH = 15
PARTY_PLACE = "东南社区党群服务中心二楼会议室"

# The Youth League plan (篇5): a legal class in May, the Children's Day contest on June 1.
LEAGUE_ACTIVITIES: tuple[tuple[int, int, dt.time, dt.time, str, str, str, int], ...] = (
    (
        5,
        20,
        dt.time(9, 0),
        dt.time(10, 30),
        "走进市第七小学：青少年法制课",
        "市第七小学报告厅",
        "邀请市关工委、市环保局、河南街派出所等单位，给同学们上一堂法制课，"
        "增强青少年的法制意识，学会自我保护。",
        120,
    ),
    (
        6,
        1,
        dt.time(9, 0),
        dt.time(11, 30),
        "“六一”青少年绘画征文比赛",
        "雅苑社区活动室",
        "社区青少年绘画、征文比赛，也可以自己编排节目庆祝节日。",
        50,
    ),
)


def seed_events(log: Log | None = None, *, today: dt.date | None = None) -> int:
    """Create the demo events of ``today``'s year that are missing; returns how many."""
    log = log or (lambda line: None)
    today = today or timezone.localdate()
    dongnan = Community.objects.get(name="东南")
    yayuan = Community.objects.get(name="雅苑")
    party = Tag.objects.get(slug=Tag.PARTY_MEMBER)
    organiser = User.objects.filter(username="dongnan_party").first()
    created = 0
    with transaction.atomic():
        for month, title, members_only, hours, places in PARTY_DAYS:
            day = dt.date(today.year, month, PARTY_DAY_OF_MONTH)
            created += _ensure(
                title=title,
                kind=EventKind.PARTY_DAY,
                organiser_app=OrganiserApp.PARTYWORK,
                community=dongnan,
                place=PARTY_PLACE,
                description=f"{today.year}年{month}月主题党日。",
                starts_at=local_datetime(day, dt.time(14, 30)),
                ends_at=local_datetime(day, dt.time(16, 30)),
                capacity=places,
                audience=Audience.MEMBERS if members_only else Audience.PUBLIC,
                members_tag=party if members_only else None,
                signup_opens_at=local_datetime(day - dt.timedelta(days=14), dt.time(8, 30)),
                volunteer_hours=hours,
                created_by=organiser,
            )
        for month, day_of_month, start, end, title, place, text, places in LEAGUE_ACTIVITIES:
            day = dt.date(today.year, month, day_of_month)
            created += _ensure(
                title=title,
                kind=EventKind.LEAGUE,
                organiser_app=OrganiserApp.PARTYWORK,
                community=yayuan,
                place=place,
                description=text,
                starts_at=local_datetime(day, start),
                ends_at=local_datetime(day, end),
                capacity=places,
                created_by=organiser,
            )
        created += _ensure_series(
            Event(
                title="老年人智能手机使用课",
                kind=EventKind.CLASS,
                organiser_app=OrganiserApp.EDUCATION,
                community=dongnan,
                place="东南社区老年学堂",
                description="每月一次：微信视频、扫码就医、防范电信诈骗。",
                starts_at=local_datetime(add_months(today, -2).replace(day=10), dt.time(9, 0)),
                ends_at=local_datetime(add_months(today, -2).replace(day=10), dt.time(10, 30)),
                capacity=25,
            ),
            frequency=Frequency.MONTHLY,
            count=6,
            by=organiser,
        )
        first_saturday = today - dt.timedelta(days=(today.weekday() - 5) % 7 + 28)
        created += _ensure_series(
            Event(
                title="雅苑社区义工助老服务",
                kind=EventKind.VOLUNTEER,
                organiser_app=OrganiserApp.ELDERCARE,
                community=yayuan,
                place="雅苑社区居家养老服务站",
                description="陪伴独居、空巢老人，帮助打扫卫生、代购生活用品。",
                starts_at=local_datetime(first_saturday, dt.time(9, 0)),
                ends_at=local_datetime(first_saturday, dt.time(11, 0)),
                capacity=12,
                volunteer_hours=Decimal("2"),
            ),
            frequency=Frequency.WEEKLY,
            count=8,
            by=organiser,
        )
        credited = _credit_past_volunteering(party, today)
    log(f"events: {created} created, {credited} past attendances credited")
    return created


def _ensure(**fields) -> int:
    _, created = Event.objects.get_or_create(
        title=fields.pop("title"), starts_at=fields.pop("starts_at"), defaults=fields
    )
    return int(created)


def _ensure_series(event: Event, *, frequency: str, count: int, by: User | None) -> int:
    if Event.objects.filter(title=event.title).exists():
        return 0
    return len(services.event_create(event=event, by=by, frequency=frequency, count=count))


def _credit_past_volunteering(party: Tag, today: dt.date) -> int:
    """Party members and neighbours who came to the past volunteer events, with hours."""
    now = local_datetime(today, dt.time(0, 0))
    events = Event.objects.filter(volunteer_hours__isnull=False, ends_at__lt=now).select_related(
        "community"
    )
    credited = 0
    for event in events:
        if event.registrations.exists():
            continue
        volunteers = Resident.objects.filter(community=event.community).order_by("pk")
        if event.kind == EventKind.PARTY_DAY:
            volunteers = volunteers.filter(tags=party)
        for resident in volunteers[: min(event.capacity or 10, 10)]:
            Registration.objects.create(
                event=event,
                resident=resident,
                status=RegistrationStatus.CONFIRMED,
                created_at=event.starts_at - dt.timedelta(days=3),
                attended_at=event.starts_at,
                check_in_method=CheckInMethod.STAFF,
                hours=event.volunteer_hours,
            )
            credited += 1
    return credited


def seed_demo(log: Log | None = None) -> dict[str, int]:
    """The events app's ``demo_seeder`` (``manage.py seed_demo``, after the registry's):
    the demo calendar, then the demo resident account linked to a registry record."""
    created = seed_events(log=log)
    link_demo_resident_account()
    return {"events": created}


def link_demo_resident_account() -> Resident | None:
    """Link the demo resident account ``jumin`` to a registry record, so that it can sign
    up at once; new accounts go through the name-and-ID check instead."""
    user = User.objects.filter(username="jumin", resident__isnull=True).first()
    if user is None:
        return None
    resident = (
        Resident.objects.filter(community__name="东南", account__isnull=True).order_by("pk").first()
    )
    if resident is not None:
        user.resident = resident
        user.first_name, user.last_name = resident.name, ""
        user.save(update_fields=["resident", "first_name", "last_name"])
    return resident
