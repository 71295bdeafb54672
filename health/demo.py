"""The health demo (seed plan 2: 签约医生团队, 分时段预约, 重点人群定期随访): per community a
health service station, a family-doctor team (GP, community nurse, public-health doctor,
a hospital specialist), a weekday timetable with its slots, contracts for the key groups,
hypertension and diabetes registries with a year of follow-ups (some overdue, one lost),
children's vaccination plans partly completed, and some 65+ yearly checks.

Played through the real services as the community's family doctor (``<community>_doctor``)
would have entered them, in date order. Idempotent: a community that has its station
already is left alone.
"""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from health.models import (
    Contract,
    DoseGiven,
    ElderlyCheck,
    Facility,
    FollowUp,
    Patient,
    Service,
    Team,
    TeamMember,
    Timetable,
)
from health.services import appointments, contracts, records
from portal.accounts.models import Role, User
from portal.core.dates import local_datetime
from portal.events.models import Event
from portal.events.services import event_create
from portal.guide.models import ServiceEntry
from portal.registry.models import Community, Resident

Log = Callable[[str], None]

#: Community name → (station, team, members: (role, name)).
STATIONS = {
    "东南": (
        "东南社区卫生服务站",
        "东南家庭医生一队",
        ("王建国", "陈晓红", "刘海燕", "市一医院 心内科 张主任"),
    ),
    "雅苑": (
        "雅苑社区卫生服务站",
        "雅苑家庭医生一队",
        ("林晓敏", "吴丽", "郑伟", "市中医院 内分泌科 李主任"),
    ),
}
ROLES = ("gp", "nurse", "public_health", "specialist")
#: Blood pressures of a year's four visits, by patient (cycled), oldest first.
PRESSURES = (
    ((138, 86), (132, 82), (128, 80), (130, 82)),
    ((150, 95), (146, 92), (136, 86), (134, 84)),
    ((142, 88), (156, 96), (138, 86), (132, 80)),
)
GLUCOSE = (("6.8", "6.5", "7.4", "6.6"), ("8.1", "7.6", "6.9", "6.7"))
#: The kernel guide's health entries (portal/guide/demo.py) and the pages that serve them.
GUIDE_PATHS = {
    "jiating-yisheng-qianyue": "health:contract-request",
    "fenshiduan-yuyue": "health:book",
    "laonianren-tijian": "health:book",
}
#: Health talks (健康讲座) and a free clinic (义诊): kernel events on the public calendar.
TALKS = (
    ("高血压患者健康讲座：控盐、规律服药与自测血压", dt.time(9, 0), 60),
    ("家庭医生义诊：测血压、测血糖、用药咨询", dt.time(8, 30), None),
)


def _silent(_: str) -> None:
    pass


def _counts() -> int:
    return sum(
        model.objects.unscoped().count()
        if hasattr(model.objects, "unscoped")
        else model.objects.count()
        for model in (
            Facility,
            Team,
            Contract,
            Patient,
            FollowUp,
            DoseGiven,
            ElderlyCheck,
            Timetable,
        )
    )


def seed_health(log: Log | None = _silent, **_options: Any) -> int:
    """Create what is missing of the health demo; returns the rows created."""
    log = log or _silent
    before = _counts()
    today = timezone.localdate()
    for community in Community.objects.filter(name__in=STATIONS):
        if Facility.objects.filter(community=community, name=STATIONS[community.name][0]).exists():
            continue
        doctor = User.objects.filter(role=Role.FAMILY_DOCTOR, community=community).first()
        if doctor is None:
            log(f"health demo: no family doctor in {community.name}, skipped")
            continue
        with transaction.atomic():
            _seed_community(community, doctor, today, log)
    created = _counts() - before + link_guide() + _seed_talks(today)
    log(f"health demo: {created} rows")
    return created


def link_guide() -> int:
    """Point the guide's family-doctor, booking and 65+ check entries at the health
    pages; returns the entries changed (none the second time)."""
    from django.urls import reverse

    changed = 0
    for entry in ServiceEntry.objects.filter(slug__in=GUIDE_PATHS):
        path = reverse(GUIDE_PATHS[entry.slug])
        if entry.online_path != path or entry.app != "health":
            entry.online_path = path
            entry.app = "health"
            entry.save(update_fields=["online_path", "app"])
            changed += 1
    return changed


def _seed_talks(today: dt.date) -> int:
    """A monthly health talk for three months and a free clinic, per community with a
    station, entered by its family doctor through the events service; returns the events
    created."""
    created = 0
    for facility in Facility.objects.unscoped().select_related("community"):
        community = facility.community
        doctor = User.objects.filter(role=Role.FAMILY_DOCTOR, community=community).first()
        for number, (title, start, capacity) in enumerate(TALKS):
            if doctor is None or Event.objects.filter(title=title, community=community).exists():
                continue
            day = today + dt.timedelta(days=10 + 7 * number)
            starts = local_datetime(day, start)
            event = Event(
                title=title,
                kind="health",
                organiser_app="health",
                community=community,
                place=facility.name,
                description=f"{facility.name}家庭医生团队主讲，欢迎居民参加。",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                capacity=capacity,
            )
            if number == 0:
                created += len(event_create(event=event, by=doctor, frequency="monthly", count=3))
            else:
                created += len(event_create(event=event, by=doctor))
    return created


def _seed_community(community: Community, doctor: User, today: dt.date, log: Log) -> None:
    station, team_name, names = STATIONS[community.name]
    facility = Facility.objects.create(
        community=community,
        kind="station",
        name=station,
        address=f"{community.name}社区服务中心一楼",
        hours="周一至周五 8:00-11:30，13:30-17:00；周六上午",
        services="全科门诊、慢病随访、预防接种、儿童保健、老年人体检、中医药服务",
    )
    team = Team.objects.create(community=community, facility=facility, name=team_name)
    team.compounds.set(community.compounds.all())
    for role, name in zip(ROLES, names, strict=True):
        TeamMember.objects.create(
            team=team, role=role, name=name, user=doctor if role == "gp" else None
        )
    gp = team.members.get(role="gp")
    for service, start, end, capacity in (
        (Service.GENERAL, dt.time(8, 30), dt.time(11, 30), 6),
        (Service.CHRONIC, dt.time(14, 0), dt.time(16, 0), 4),
        (Service.ELDERLY_CHECK, dt.time(8, 0), dt.time(10, 0), 5),
    ):
        timetable = Timetable.objects.create(
            facility=facility,
            service=service,
            doctor=gp,
            weekdays="12345",
            starts_at=start,
            ends_at=end,
            slot_minutes=30,
            capacity=capacity,
            valid_from=today - dt.timedelta(days=30),
        )
        appointments.slots_open(timetable=timetable)

    residents = list(Resident.objects.in_community(community.pk).order_by("pk"))
    elderly = [r for r in residents if r.age_on(today) >= 65]
    children = [r for r in residents if r.age_on(today) < 7]
    # Registries first (they are key groups of the contracts), a year back.
    year_ago = today - dt.timedelta(days=365)
    hypertensive = elderly[:6]
    diabetic = elderly[1:4]
    for index, resident in enumerate(hypertensive):
        patient = records.patient_register(
            resident=resident,
            condition="hypertension",
            team=team,
            registered_on=year_ago,
            by=doctor,
        )
        visits = 4 if index % 3 else 2  # every third patient stopped coming: overdue/lost
        for number, (sbp, dbp) in enumerate(PRESSURES[index % 3][:visits]):
            _visit(
                patient,
                doctor,
                year_ago + dt.timedelta(days=7 + 90 * number),
                systolic=sbp,
                diastolic=dbp,
            )
    for index, resident in enumerate(diabetic):
        patient = records.patient_register(
            resident=resident, condition="diabetes", team=team, registered_on=year_ago, by=doctor
        )
        for number, glucose in enumerate(GLUCOSE[index % 2][: 4 - index]):
            _visit(
                patient,
                doctor,
                year_ago + dt.timedelta(days=10 + 90 * number),
                fasting_glucose=Decimal(glucose),
                systolic=132,
                diastolic=82,
            )
    # Contracts for most of the key groups (a few left for the 主动发现 list).
    for number, resident in enumerate([*elderly, *children]):
        if number % 4 == 3:
            continue
        starts = today - dt.timedelta(days=30 + 29 * number % 330)
        contracts.contract_sign(
            resident=resident,
            team=team,
            starts_on=starts,
            package="elderly" if resident in elderly else "maternal_child",
            by=doctor,
        )
    # Children's plans, partly completed: every dose due until about a month ago, except
    # one dose skipped for every other child (it shows as overdue).
    for number, child in enumerate(children):
        plan = records.child_plan_create(child=child, by=doctor)
        lines = records.plan_lines(plan, today)
        skipped = False
        for line in lines:
            if line.due > today - dt.timedelta(days=20):
                break
            if number % 2 and not skipped and line.dose.number == 1 and line.dose.months >= 2:
                skipped = True
                continue
            given_on = line.due + dt.timedelta(days=3)
            try:
                records.dose_record(
                    plan=plan, dose_key=line.dose.key, given_on=min(given_on, today), by=doctor
                )
            except ValidationError:
                continue  # a later dose of the skipped vaccine
    # This year's 65+ checks for half of the elderly.
    for number, resident in enumerate(elderly[::2]):
        day = max(dt.date(today.year, 1, 15), today - dt.timedelta(days=20 + number * 9))
        if day > today or resident.age_on(day) < 65:
            continue
        records.elderly_check_record(
            resident=resident,
            checked_on=day,
            by=doctor,
            scores={
                "eating": 0,
                "grooming": number % 2,
                "dressing": 0,
                "toileting": 0,
                "moving": 1 if number % 3 else 0,
            },
            systolic=128 + number,
            diastolic=80,
        )
    log(f"health demo: {community.name} seeded ({len(elderly)} elderly, {len(children)} children)")


def _visit(patient: Patient, doctor: User, day: dt.date, **readings: Any) -> None:
    if day > timezone.localdate():
        return
    records.followup_record(
        patient=patient,
        by=doctor,
        visited_on=day,
        method="clinic" if day.month % 2 else "home",
        classification="",
        adherence="regular",
        salt="medium",
        **readings,
    )
