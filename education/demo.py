"""The education demo (seed plan 5), played through the app's services as the course
coordinator would have entered it: the community college's courses, a term of classes
with enrolments (and a waiting list) and attendance, a finished class with its completion
certificates, the plan's seven programmes with this year's targets and progress
(rosters, an imported partner list, degree enrolments), and the farmers' column with one
short week. Idempotent: a second run creates nothing."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from education.catalogue import PROGRAMMES, install_programmes
from education.groups import LANDLESS_TAG, UNEMPLOYED_TAG
from education.models import (
    ColumnCategory,
    ColumnPost,
    CompletionCertificate,
    Course,
    CourseCategory,
    CourseClass,
    DegreeEnrolment,
    DegreeExam,
    DegreeLevel,
    Enrolment,
    EnrolmentStatus,
    ProgrammeTarget,
    TrainingEntry,
    TrainingProgramme,
)
from education.models.courses import meets_completion
from education.services import courses as course_services
from education.services import programmes as programme_services
from portal.accounts.models import User
from portal.core.dates import local_datetime, years_before
from portal.events.models import Frequency
from portal.guide.models import ServiceEntry
from portal.registry.models import Community, Resident, Tag

Log = Callable[[str], None]
COORDINATOR = "kecheng"
COLLEGE = "潘火街道社区学院"

#: (name, category, community or None, teacher, place, hours, places, programme code)
COURSES = (
    (
        "计算机基础与办公软件",
        CourseCategory.COMPUTER,
        None,
        "陈晓峰",
        f"{COLLEGE}二楼机房",
        24,
        20,
        "labour_transfer",
    ),
    (
        "农村电子商务与网店运营",
        CourseCategory.ECOMMERCE,
        None,
        "王海燕",
        f"{COLLEGE}电商实训室",
        20,
        25,
        "labour_transfer",
    ),
    (
        "汽车驾驶与维修基础",
        CourseCategory.DRIVING,
        None,
        "张建国",
        f"{COLLEGE}汽修实训车间",
        32,
        16,
        "labour_transfer",
    ),
    (
        "乡村旅游与民宿服务",
        CourseCategory.TOURISM,
        None,
        "林美华",
        f"{COLLEGE}一楼多功能厅",
        16,
        30,
        "labour_transfer",
    ),
    (
        "会计从业资格考前辅导",
        CourseCategory.ACCOUNTING,
        None,
        "周丽",
        f"{COLLEGE}三楼教室",
        40,
        30,
        "",
    ),
    (
        "电子电工与家电维修",
        CourseCategory.ELECTRICAL,
        None,
        "徐建军",
        f"{COLLEGE}电工实训室",
        24,
        20,
        "labour_transfer",
    ),
    (
        "老年人智能手机使用",
        CourseCategory.ELDERLY,
        "东南",
        "应晓红",
        "东南社区服务中心二楼活动室",
        12,
        20,
        "",
    ),
    (
        "健康生活方式讲座",
        CourseCategory.HEALTH,
        "雅苑",
        "雅苑社区卫生服务站 林医生",
        "雅苑社区服务中心会议室",
        6,
        40,
        "",
    ),
    (
        "青少年暑期书法",
        CourseCategory.YOUTH,
        "东南",
        "胡文斌",
        "东南社区服务中心书画室",
        16,
        20,
        "",
    ),
    (
        "法律知识进社区",
        CourseCategory.LAW,
        None,
        "街道司法所 郑律师",
        f"{COLLEGE}一楼多功能厅",
        4,
        60,
        "",
    ),
    (
        "人口与家庭健康教育",
        CourseCategory.POPULATION,
        None,
        "街道计生办 孙老师",
        f"{COLLEGE}一楼多功能厅",
        4,
        60,
        "",
    ),
    (
        "科普大讲堂",
        CourseCategory.SCIENCE,
        None,
        "区科协 宣讲团",
        f"{COLLEGE}一楼多功能厅",
        8,
        80,
        "",
    ),
    (
        "党员冬训专题课",
        CourseCategory.PARTY,
        None,
        "街道党工委 党校教师",
        f"{COLLEGE}报告厅",
        8,
        80,
        "",
    ),
    (
        "太极拳与广场舞",
        CourseCategory.CULTURE,
        "雅苑",
        "雅苑文体队 王老师",
        "雅苑社区文化广场",
        20,
        30,
        "",
    ),
)

#: Classes with enrolments and attendance: (course, class name, weeks ago the first
#: session was, sessions, learners enrolled, where the learners live, elderly only).
CLASSES = (
    ("计算机基础与办公软件", "上半年班", 30, 10, 18, None, False),
    ("计算机基础与办公软件", "秋季班", 8, 10, 22, None, False),
    ("农村电子商务与网店运营", "秋季班", 6, 10, 20, "雅苑", False),
    ("电子电工与家电维修", "秋季班", 7, 8, 15, None, False),
    ("老年人智能手机使用", "秋季班", 5, 8, 18, "东南", True),
)
#: A class opening soon, taking enrolments on the public page.
UPCOMING = (("乡村旅游与民宿服务", "冬季班", 10, 8), ("汽车驾驶与维修基础", "冬季班", 12, 10))

#: Rosters of the programmes counted from entries: (programme, month, day, session, place,
#: person-times, people).
ROSTERS = (
    ("sending_teaching", 3, 18, "国培送教下乡（小学）", "殷家坑村小学", 42, 42),
    ("sending_teaching", 5, 20, "国培送教下乡（幼儿园）", "杨家村幼儿园", 38, 38),
    ("sending_teaching", 10, 16, "国培送教下乡（初中）", "潘火中学", 40, 40),
    ("teacher_workshop", 4, 22, "乡村教师工作坊线下片区研修", f"{COLLEGE}报告厅", 21, 21),
    ("teacher_workshop", 9, 24, "校园长网络研修线下活动", f"{COLLEGE}报告厅", 18, 18),
    *(
        (
            "public_course",
            month,
            12,
            f"专业技术人员公需科目培训第{n}期",
            f"{COLLEGE}报告厅",
            236 + 3 * n,
            236 + 3 * n,
        )
        for n, month in enumerate((3, 4, 5, 6, 9, 10), start=1)
    ),
    *(
        ("farmer_skills", month, day, title, place, times, int(times * 0.85))
        for month in range(1, 13)
        for day, title, place, times in (
            (8, "水稻栽培与病虫害防治", "殷家坑村文化礼堂", 620 + 10 * month),
            (22, "蔬菜大棚管理与农机使用", "杨家村村民活动中心", 540 + 12 * month),
        )
    ),
)
#: The teacher distance-training lists from the partner (imported).
PARTNER = "鄞州区教师进修学校"
DISTANCE = (
    (3, 31, "教师远程研修第一学段", 452),
    (6, 30, "教师远程研修第二学段", 438),
    (9, 30, "教师远程研修第三学段", 461),
)

COLUMN_TITLES = (
    (ColumnCategory.TECHNIQUE, "早稻育秧期间的温湿度管理"),
    (ColumnCategory.MARKET, "本周鄞州农贸市场蔬菜价格行情"),
    (ColumnCategory.POLICY, "耕地地力保护补贴申领须知"),
    (ColumnCategory.JOBS, "街道本月就业招聘岗位信息"),
    (ColumnCategory.SEASON, "近期天气与农事建议"),
    (ColumnCategory.TECHNIQUE, "大棚蔬菜冬季防冻措施"),
    (ColumnCategory.MARKET, "生猪与禽蛋价格走势"),
)
#: Weeks of the column shown (before this one); the week three back had two posts only.
COLUMN_WEEKS = 10
SHORT_WEEK = 3


def _silent(_: str) -> None:
    pass


COUNTED: tuple[type[models.Model], ...] = (
    TrainingProgramme,
    ProgrammeTarget,
    TrainingEntry,
    Course,
    CourseClass,
    Enrolment,
    CompletionCertificate,
    DegreeEnrolment,
    DegreeExam,
    ColumnPost,
)


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in COUNTED}


def seed_education(log: Log | None = _silent, **options: Any) -> int:
    """Create what is missing of the education demo; returns the rows created."""
    log = log or _silent
    coordinator = User.objects.filter(username=COORDINATOR).first()
    if coordinator is None or not Community.objects.exists():
        log("education: no demo coordinator or communities (run the registry's demo first)")
        return 0
    now = timezone.now()
    today = timezone.localdate(now)
    before = _counts()
    with transaction.atomic():
        programmes = install_programmes()
        _targets(programmes, today.year, coordinator)
        courses = _courses(programmes)
        _classes(courses, coordinator, now)
        _rosters(programmes, today, coordinator)
        _degrees(today, coordinator)
        _column(today, coordinator)
        _tags()
        guide = _link_guide()
    created = sum(_counts().values()) - sum(before.values())
    log(f"education: {created} rows created, {guide} guide entries linked")
    return created


def _targets(programmes: dict[str, TrainingProgramme], year: int, by: Any) -> None:
    for spec in PROGRAMMES:
        programme = programmes[spec.code]
        if not ProgrammeTarget.objects.filter(programme=programme, year=year).exists():
            programme_services.target_set(
                programme=programme,
                year=year,
                target=spec.target,
                sessions_planned=spec.sessions,
                by=by,
            )


def _courses(programmes: dict[str, TrainingProgramme]) -> dict[str, Course]:
    communities = {c.name: c for c in Community.objects.all()}
    courses = {}
    for name, category, community, teacher, place, hours, places, programme in COURSES:
        course, _created = Course.objects.get_or_create(
            name=name,
            defaults={
                "category": category,
                "community": communities.get(community) if community else None,
                "teacher": teacher,
                "place": place,
                "hours": hours,
                "capacity": places,
                "programme": programmes.get(programme),
                "description": f"{name}：社区学院面向居民开设，报名即可参加全部课次。",
            },
        )
        courses[name] = course
    return courses


def _learners(community: str | None, elderly: bool, number: int, offset: int, today: dt.date):
    residents = Resident.objects.all()
    if community:
        residents = residents.filter(community__name=community)
    if elderly:
        residents = residents.filter(birth_date__lte=years_before(today, 60))
    else:
        residents = residents.filter(
            birth_date__lte=years_before(today, 18), birth_date__gt=years_before(today, 60)
        )
    return list(residents.order_by("pk")[offset : offset + number])


def _classes(courses: dict[str, Course], by: Any, now: dt.datetime) -> None:
    today = timezone.localdate(now)
    monday = today - dt.timedelta(days=today.weekday())
    for index, (course_name, name, weeks_ago, count, number, community, elderly) in enumerate(
        CLASSES
    ):
        course = courses[course_name]
        if CourseClass.objects.filter(course=course, name=name).exists():
            continue
        first = local_datetime(monday - dt.timedelta(weeks=weeks_ago), dt.time(19, 0))
        if elderly:
            first = first.replace(hour=9)
        course_class = course_services.class_open(
            course=course,
            name=name,
            first_start=first,
            minutes=120,
            frequency=Frequency.WEEKLY,
            count=count,
            by=by,
        )
        enrol_at = first - dt.timedelta(days=5)
        enrolments = [
            course_services.enrolment_create(
                course_class=course_class, resident=resident, by=by, now=enrol_at
            )
            for resident in _learners(community, elderly, number, index * 25, today)
        ]
        sessions = [s for s in course_class.sessions() if s.ends_at <= now]
        confirmed = [e for e in enrolments if e.status == EnrolmentStatus.CONFIRMED]
        for i, session in enumerate(sessions):
            for j, enrolment in enumerate(confirmed):
                # About four in five come; the learners at j % 6 == 5 come less often.
                if (i * 7 + j * 3) % 10 < (5 if j % 6 == 5 else 9):
                    course_services.session_attendance_mark(
                        session=session,
                        resident=enrolment.resident,
                        attended=True,
                        by=by,
                        now=session.starts_at + dt.timedelta(minutes=20),
                    )
        last = course_class.held_sessions().last()
        if last.ends_at <= now:
            for enrolment in confirmed:
                if meets_completion(*enrolment.attendance()):
                    course_services.certificate_issue(
                        enrolment=enrolment, by=by, now=last.ends_at + dt.timedelta(days=2)
                    )
    for course_name, name, days_ahead, count in UPCOMING:
        course = courses[course_name]
        if CourseClass.objects.filter(course=course, name=name).exists():
            continue
        first = local_datetime(today + dt.timedelta(days=days_ahead), dt.time(19, 0))
        course_services.class_open(
            course=course,
            name=name,
            first_start=first,
            minutes=120,
            frequency=Frequency.WEEKLY,
            count=count,
            by=by,
        )


def _rosters(programmes: dict[str, TrainingProgramme], today: dt.date, by: Any) -> None:
    year = today.year
    for code, month, day, title, place, times, people in ROSTERS:
        held_on = dt.date(year, month, day)
        programme = programmes[code]
        if (
            held_on > today
            or TrainingEntry.objects.filter(
                programme=programme, held_on=held_on, title=title
            ).exists()
        ):
            continue
        programme_services.training_entry_record(
            programme=programme,
            year=year,
            held_on=held_on,
            title=title,
            place=place,
            person_times=times,
            persons=people,
            by=by,
            today=today,
        )
    programme = programmes["teacher_distance"]
    rows = [
        (n, {"held_on": dt.date(year, m, d), "title": title, "person_times": t, "persons": t})
        for n, (m, d, title, t) in enumerate(DISTANCE, start=2)
        if dt.date(year, m, d) <= today
        and not TrainingEntry.objects.filter(
            programme=programme, title=title, held_on__year=year
        ).exists()
    ]
    if rows:
        programme_services.training_entries_import(
            programme=programme, year=year, rows=rows, partner=PARTNER, by=by, today=today
        )


def _degrees(today: dt.date, by: Any) -> None:
    residents = list(
        Resident.objects.filter(
            birth_date__lte=years_before(today, 22), birth_date__gt=years_before(today, 45)
        ).order_by("-pk")[:30]
    )
    majors = ("小学教育", "学前教育", "汉语言文学", "行政管理", "会计学")
    for n, resident in enumerate(residents):
        this_year = n < 24
        enrolled_on = dt.date(today.year if this_year else today.year - 2, 3 if n % 2 else 9, 1)
        if enrolled_on > today:
            enrolled_on = dt.date(today.year, 3, 1)
        degree, created = DegreeEnrolment.objects.get_or_create(
            resident=resident,
            university="陕西师范大学",
            major=majors[n % len(majors)],
            defaults={
                "level": DegreeLevel.JUNIOR_TO_BACHELOR if n % 3 else DegreeLevel.HIGH_TO_JUNIOR,
                "enrolled_on": enrolled_on,
                "student_number": f"SNNU{enrolled_on.year}{n + 1:04d}",
                "created_by": by,
            },
        )
        if created and not this_year:
            DegreeExam.objects.create(
                enrolment=degree,
                subject="大学英语",
                sat_on=enrolled_on + dt.timedelta(days=300),
                score=78,
                passed=True,
            )
            if n % 2 == 0:
                degree.status = "graduated"
                degree.graduated_on = dt.date(today.year, 7, 1)
                degree.diploma_number = f"10718{today.year}{n:06d}"
                degree.save()


def _column(today: dt.date, by: Any) -> None:
    monday = today - dt.timedelta(days=today.weekday())
    for week in range(1, COLUMN_WEEKS + 1):
        start = monday - dt.timedelta(weeks=week)
        days = (0, 3) if week == SHORT_WEEK else (0, 2, 4)
        for k, offset in enumerate(days):
            category, title = COLUMN_TITLES[(week * 3 + k) % len(COLUMN_TITLES)]
            day = start + dt.timedelta(days=offset)
            title = f"{title}（{day:%m月%d日}）"
            ColumnPost.objects.get_or_create(
                title=title,
                defaults={
                    "category": category,
                    "body": f"{title}。\n为农服务专题由街道社区学院整理发布，欢迎农户咨询。",
                    "published_at": local_datetime(day, dt.time(9, 0)),
                    "author": by,
                },
            )


def _tags() -> None:
    """The registry's tags the 失业人员 and 失地农民 groups are drawn from, on a few
    demo residents (the registry keeps them; this app only reads them)."""
    unemployed, _ = Tag.objects.get_or_create(
        slug=UNEMPLOYED_TAG, defaults={"name": "失业人员", "name_en": "Unemployed"}
    )
    landless, _ = Tag.objects.get_or_create(
        slug=LANDLESS_TAG, defaults={"name": "失地农民", "name_en": "Landless farmer"}
    )
    for tag, step in ((unemployed, 29), (landless, 23)):
        if tag.residents.exists():
            continue
        chosen = [r for r in Resident.objects.order_by("pk") if r.pk % step == 0][:12]
        for resident in chosen:
            resident.tags.add(tag)


GUIDE_PATHS = {
    "shequ-xueyuan-baoming": "education:public-courses",
    "nongcun-laodongli-zhuanyi": "education:public-courses",
    "nongmin-shiyong-jishu": "education:column",
}


def _link_guide() -> int:
    changed = 0
    for entry in ServiceEntry.objects.filter(slug__in=GUIDE_PATHS):
        path = reverse(GUIDE_PATHS[entry.slug])
        if entry.online_path != path:
            entry.online_path = path
            entry.save(update_fields=["online_path"])
            changed += 1
    return changed
