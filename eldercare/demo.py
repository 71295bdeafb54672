"""Demo data of elder care, called by ``manage.py seed_demo`` after the kernel's and the
assistance app's, built from the seed plan (plans 1 and 3) through the real services:

- the 高龄津贴 table (from 2020: 80–89 100, 90–99 500, 100+ 800 元/月) and this year's
  device target (100 households);
- the service catalogue and the stations: 东莺 and 雅苑 accepted, 东南 and 世纪 being
  built this year; last month the two accepted stations served 66 elders, 26 of them free;
- elder profiles, and 68 emergency-call devices for elders who meet the seed's rule;
- volunteers (real-name, their ID numbers checked), pairings with elders living alone,
  visits (approved, waiting, and one pairing left to lapse);
- assessments of a dozen elders, the 80+ on the 高龄津贴 list (every seventh left off,
  for 主动发现), and three elder-care activities on the public calendar.

Idempotent: each row is matched by its natural key before it is made, so a second run
creates nothing.
"""

import datetime as dt
import zlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from eldercare import register, rules
from eldercare.models import (
    Acceptance,
    AllowanceBracket,
    Assessment,
    DeviceTarget,
    ElderProfile,
    Enrolment,
    Installation,
    Living,
    Pairing,
    ServiceItem,
    ServiceKind,
    ServiceRecord,
    Station,
    StationKind,
    Visit,
    Volunteer,
    Worker,
)
from eldercare.services import allowance, assessments, devices, stations, volunteers
from portal.accounts.models import User
from portal.core.dates import add_months, local_datetime, years_before
from portal.events.models import Event, EventKind, OrganiserApp
from portal.events.services import event_create
from portal.registry.models import Community, Resident

Log = Callable[[str], None]
BRACKETS = ((80, 89, "100"), (90, 99, "500"), (100, None, "800"))
CATALOGUE = (
    (ServiceKind.MEALS, "助餐（午餐）", "12"),
    (ServiceKind.CLEANING, "助洁（2小时）", "40"),
    (ServiceKind.BATHING, "助浴", "50"),
    (ServiceKind.DAY_CARE, "日间照料（一天）", "30"),
    (ServiceKind.REHAB, "康复理疗", "60"),
    (ServiceKind.MEDICAL, "助医陪诊", "40"),
    (ServiceKind.EMERGENCY, "助急上门", "0.01"),
)
#: (community, name, kind, acceptance, workers); the seed: 东莺, 雅苑 accepted.
STATIONS = (
    (
        "东莺",
        "东莺社区居家养老服务站",
        StationKind.STATION,
        Acceptance.ACCEPTED,
        ("陈美芬", "周小燕"),
    ),
    (
        "雅苑",
        "雅苑社区居家养老服务站",
        StationKind.STATION,
        Acceptance.ACCEPTED,
        ("胡月娥", "林彩霞"),
    ),
    ("东南", "东南社区居家养老服务中心", StationKind.CENTRE, Acceptance.BUILDING, ()),
    ("世纪", "世纪社区居家养老服务中心", StationKind.CENTRE, Acceptance.BUILDING, ()),
)
#: Last month's services: elders served and of them free, per accepted station (66 / 26).
SERVED = {"东莺": (36, 14), "雅苑": (30, 12)}
DEVICES_INSTALLED = 68
DEVICE_TARGET = 100
COUNTED: tuple[type[models.Model], ...] = (
    AllowanceBracket,
    DeviceTarget,
    ServiceItem,
    Station,
    Worker,
    ElderProfile,
    Installation,
    ServiceRecord,
    Volunteer,
    Pairing,
    Visit,
    Assessment,
    Enrolment,
)


def _silent(message: str) -> None:
    return None


def _hash(*parts: Any) -> int:
    return zlib.crc32("/".join(str(p) for p in parts).encode())


def seed_eldercare(log: Log | None = _silent, **options: Any) -> int:
    """Create what is missing of the elder-care demo; returns the rows created."""
    log = log or _silent
    today = timezone.localdate()
    boss = User.objects.filter(username="jiedao").first()
    if boss is None:
        log("eldercare: no demo accounts (run the registry's seeder first); skipped")
        return 0
    before = sum(model.objects.count() for model in COUNTED)
    with transaction.atomic():
        _reference(today)
        elders = _profiles(today)
        _devices(elders, today, boss)
        _stations(today, boss)
        _volunteers(elders, today, boss)
        _assessments(elders, today, boss)
        _allowance(today, boss)
        events = _activities(today, boss)
        _link_guide()
    created = sum(model.objects.count() for model in COUNTED) - before + events
    log(f"eldercare: {created} rows created")
    return created


def _reference(today: dt.date) -> None:
    for low, high, amount in BRACKETS:
        AllowanceBracket.objects.get_or_create(
            effective_from=dt.date(2020, 1, 1),
            min_age=low,
            defaults={"max_age": high, "amount": Decimal(amount)},
        )
    DeviceTarget.objects.get_or_create(year=today.year, defaults={"households": DEVICE_TARGET})
    for kind, name, price in CATALOGUE:
        ServiceItem.objects.get_or_create(kind=kind, name=name, defaults={"price": Decimal(price)})
    for community_name, name, kind, acceptance, workers in STATIONS:
        community = Community.objects.filter(name=community_name).first()
        if community is None:
            continue
        station, _ = Station.objects.get_or_create(
            community=community,
            name=name,
            defaults={
                "kind": kind,
                "acceptance": acceptance,
                "accepted_on": dt.date(today.year - 1, 11, 20)
                if acceptance == Acceptance.ACCEPTED
                else None,
                "opening_hours": "周一至周六 8:00–17:00",
                "address": f"{community.address}",
            },
        )
        for worker in workers:
            Worker.objects.get_or_create(station=station, name=worker)


def _profiles(today: dt.date) -> list[Resident]:
    """A profile for every elder 70 and over, their living situation and flags drawn
    from a hash of their id (stable from run to run)."""
    elders = list(
        Resident.objects.filter(birth_date__lte=years_before(today, 70))
        .exclude(household=None)
        .select_related("community", "household")
        .order_by("pk")
    )
    have = set(ElderProfile.objects.values_list("resident_id", flat=True))
    new = []
    for resident in elders:
        if resident.pk in have:
            continue
        h = _hash("profile", resident.id_number) % 100
        living = Living.ALONE if h < 18 else Living.WITH_SPOUSE if h < 50 else Living.WITH_FAMILY
        new.append(
            ElderProfile(
                resident=resident,
                living=living,
                childless=h % 23 == 0,
                hardship=h % 11 == 0,
                disabled=h % 13 == 0,
                disabled_veteran=h % 47 == 0,
                red_army=h == 97,
                contact_name=f"{resident.name[0]}女士" if living != Living.WITH_FAMILY else "",
                contact_relation="女儿" if living != Living.WITH_FAMILY else "",
                risk_falls=h % 5 == 0,
                risk_chronic=h % 3 == 0,
            )
        )
    ElderProfile.objects.bulk_create(new)
    return elders


def _devices(elders: list[Resident], today: dt.date, by: User) -> None:
    """68 devices for elders who meet the seed's rule, one per household, installed over
    the last two years."""
    installed = Installation.objects.count()
    if installed >= DEVICES_INSTALLED:
        return
    taken = set(Installation.objects.values_list("household_id", flat=True))
    categories = register.categories_of(elders, today)
    profiles = {p.resident_id: p for p in ElderProfile.objects.filter(resident__in=elders)}
    for resident in elders:
        if installed >= DEVICES_INSTALLED:
            break
        profile = profiles.get(resident.pk)
        if resident.household_id in taken or not rules.device_eligible(
            rules.age_on(resident.birth_date, today),
            categories[resident.pk],
            veteran=bool(profile and profile.disabled_veteran),
            red_army=bool(profile and profile.red_army),
        ):
            continue
        day = today - dt.timedelta(days=30 + _hash("device", resident.pk) % 640)
        try:
            devices.installation_record(
                household=resident.household,
                elder=resident,
                device_number=f"YJHJ-{resident.community.code}-{resident.pk:06d}",
                installed_on=day,
                free=True,
                by=by,
            )
        except ValidationError:
            continue
        taken.add(resident.household_id)
        installed += 1


def _stations(today: dt.date, by: User) -> None:
    """Last month's services of the two accepted stations: one a day per elder, in
    half-hour slots shared out between the station's two workers."""
    month = add_months(today, -1)
    items = list(ServiceItem.objects.order_by("pk"))
    for community_name, (served, free) in SERVED.items():
        station = Station.objects.filter(community__name=community_name).first()
        if station is None or station.acceptance != Acceptance.ACCEPTED:
            continue
        if ServiceRecord.objects.filter(station=station).in_month(month).exists():
            continue
        workers = list(station.workers.order_by("pk"))
        people = list(
            Resident.objects.filter(
                community=station.community,
                birth_date__lte=years_before(month, settings.ELDERLY_AGE),
            ).order_by("-birth_date", "pk")[:served]
        )
        # Fewer elders in a small registry: keep the seed's share of free services.
        free = round(len(people) * free / served)
        for index, resident in enumerate(people):
            day = month + dt.timedelta(days=index % 20)
            start = local_datetime(day, dt.time(9 + index // 40, 30 * ((index // 20) % 2)))
            item = items[index % len(items)]
            is_free = index < free
            try:
                stations.service_record(
                    station=station,
                    elder=resident,
                    item=item,
                    worker=workers[index % len(workers)],
                    started_at=start,
                    ended_at=start + dt.timedelta(minutes=30),
                    free=is_free,
                    amount=None if is_free else max(item.price, Decimal("1")),
                    by=by,
                    confirmed=True,
                    rating=4 + index % 2,
                )
            except ValidationError:
                continue


def _volunteers(elders: list[Resident], today: dt.date, by: User) -> None:
    """Eight volunteers (adults of 东南, 雅苑 and 东莺), each paired with an elder living
    alone in their community; visits every week, one pairing left without a visit."""
    for community_name in ("东南", "雅苑", "东莺"):
        community = Community.objects.filter(name=community_name).first()
        if community is None:
            continue
        adults = Resident.objects.filter(
            community=community,
            birth_date__lte=years_before(today, 25),
            birth_date__gt=years_before(today, 60),
        ).order_by("pk")[:3]
        alone = [
            r
            for r in elders
            if r.community_id == community.pk
            and getattr(getattr(r, "elder_profile", None), "living", "") == Living.ALONE
        ][:3]
        pairs = list(zip(adults, alone, strict=False))
        for index, (adult, old) in enumerate(pairs):
            volunteer = Volunteer.objects.filter(resident=adult).first()
            if volunteer is None:
                volunteer = volunteers.volunteer_register(
                    resident=adult,
                    id_number=adult.id_number,
                    skills=("理发", "家电维修", "陪聊")[index % 3],
                    availability="周末上午",
                    by=by,
                    on=today - dt.timedelta(days=120),
                )
            pairing = Pairing.objects.filter(volunteer=volunteer, elder=old).first()
            if pairing is None:
                pairing = volunteers.pairing_create(
                    elder=old,
                    volunteer=volunteer,
                    by=by,
                    started_on=today - dt.timedelta(days=90),
                    interval_days=7,
                )
            if index == len(pairs) - 1 and index > 0:
                continue  # left to lapse: the alert reaches the community's staff
            for weeks in range(12, 0, -1):
                day = today - dt.timedelta(days=7 * weeks)
                if day < pairing.started_on or pairing.visits.filter(visited_on=day).exists():
                    continue
                visit = volunteers.visit_log(
                    volunteer=volunteer,
                    pairing=pairing,
                    visited_on=day,
                    hours=Decimal("1.5"),
                    notes="陪老人聊天，帮忙打扫卫生",
                )
                if weeks > 1:
                    volunteers.visit_decide(visit=visit, approve=True, by=by)


def _assessments(elders: list[Resident], today: dt.date, by: User) -> None:
    """A dozen elders assessed over the last fifteen months, scores from a hash."""
    for index, resident in enumerate(elders[:: max(1, len(elders) // 12)][:12]):
        if Assessment.objects.filter(elder=resident).exists():
            continue
        h = _hash("assess", resident.pk)
        scores = {
            item.code: max(
                0, item.maximum - (h >> (i % 16)) % (item.maximum + 1) // (1 + index % 3)
            )
            for i, item in enumerate(rules.ITEMS)
        }
        assessments.assessment_record(
            elder=resident,
            by=by,
            assessed_on=today - dt.timedelta(days=20 + 37 * index),
            reason="first",
            assessor_name="潘火街道评估员",
            scores=scores,
            cognitive_disorder=index % 5 == 0,
            risk_events=2 if index % 4 == 0 else 0,
        )


def _allowance(today: dt.date, by: User) -> None:
    """Everyone 80 and over on the list from the month of their 80th birthday, except
    every seventh (主动发现 finds them)."""
    enrolled = set(Enrolment.objects.values_list("resident_id", flat=True))
    for resident in Resident.objects.filter(
        birth_date__lte=years_before(today, settings.ADVANCED_AGE)
    ).order_by("pk"):
        if resident.pk in enrolled or resident.pk % 7 == 0:
            continue
        eightieth = dt.date(resident.birth_date.year + 80, resident.birth_date.month, 1)
        try:
            allowance.enrolment_create(
                resident=resident, applied_on=max(eightieth, dt.date(2020, 1, 1)), by=by
            )
        except ValidationError:
            continue


def _activities(today: dt.date, by: User) -> int:
    """Three elder-care activities on the public calendar, with sign-up."""
    created = 0
    plans = (
        ("东南", "老年人健康知识讲座：防跌倒", 10, "东南社区服务中心二楼会议室", 40),
        ("雅苑", "雅苑社区老人集体生日会", 20, "雅苑社区居家养老服务站", 30),
        ("东莺", "“送温暖”走访慰问困难老人", 25, "东莺社区", 15),
    )
    for community_name, title, day_of_month, place, capacity in plans:
        community = Community.objects.filter(name=community_name).first()
        if community is None:
            continue
        day = add_months(today, 1).replace(day=day_of_month)
        start = local_datetime(day, dt.time(9, 30))
        if Event.objects.filter(title=title, starts_at=start).exists():
            continue
        event_create(
            event=Event(
                title=title,
                kind=EventKind.ELDERCARE,
                organiser_app=OrganiserApp.ELDERCARE,
                community=community,
                place=place,
                description="欢迎辖区老年人及家属报名参加。",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                capacity=capacity,
            ),
            by=by,
        )
        created += 1
    return created


#: The service guide's entries whose "apply online" is the residents' request page.
GUIDE_KINDS = {
    "gaoling-jintie": "allowance",
    "yingji-hujiao": "device",
    "jujia-yanglao": "home_care",
}


def _link_guide() -> int:
    """Point the guide's 高龄津贴, 应急呼叫 and 居家养老服务 entries at the request page."""
    from django.urls import reverse

    from portal.guide.models import ServiceEntry

    changed = 0
    for entry in ServiceEntry.objects.filter(slug__in=GUIDE_KINDS):
        path = f"{reverse('eldercare:apply')}?kind={GUIDE_KINDS[entry.slug]}"
        if entry.online_path != path:
            entry.online_path = path
            entry.save(update_fields=["online_path"])
            changed += 1
    return changed
