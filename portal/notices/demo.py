"""Demo notices: announcements, a 公示 that is running and one that is over, news from
the work plans, and a draft, dated relative to today.

Needs the registry seed's communities (looked up by name). Idempotent: notices are
keyed by title, and a title that exists already is left alone.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.notices.models import Notice, NoticeKind, NoticeListing, NoticeStatus, default_period
from portal.registry.models import Community

Log = Callable[[str], None]

#: The demo account shown as the author (the sub-district staff member of the registry seed).
AUTHOR_USERNAME = "jiedao"


@dataclass(frozen=True)
class DemoNotice:
    title: str
    kind: str
    body: str
    community: str | None  # community name; None for the whole sub-district
    days_ago: int | None  # published this many days ago; None: a draft
    period_start_days_ago: int = 0  # a 公示's period starts this many days ago
    objection_contact: str = ""
    listings: tuple[tuple[str, str], ...] = ()


PARTY_DAYS = "\n".join(
    (
        "1月 春节慰问老党员活动",
        "2月 党小组成立大会",
        "3月 党员志愿者参加植树活动",
        "4月 党员领导干部下基层讲党课活动",
        "5月 “关心青年成长”座谈会",
        "6月 “一名党员、一面旗帜”做社区一日志愿者活动",
        "7月 “重温入党誓词、牢记党的宗旨”集体宣誓活动",
        "8月 “爱心在行动”社区奉献日活动",
        "9月 纪录片观影活动",
        "10月 “中国梦，我的梦”茶话会",
        "11月 “喜看家乡变化，我来建言献策”参观园区活动",
        "12月 “寻找身边的优秀党员”评选活动",
    )
)

NOTICES: tuple[DemoNotice, ...] = (
    DemoNotice(
        title="潘火街道2026年主题党日活动安排",
        kind=NoticeKind.ANNOUNCEMENT,
        community=None,
        days_ago=12,
        body=(
            "各社区党支部、全体党员：\n\n"
            "为确保党员民主生活的顺利开展，更好地发挥广大党员在社区发展中的模范作用，"
            "现将2026年主题党日活动安排公告如下：\n\n"
            f"{PARTY_DAYS}\n\n"
            "活动中倡导党员争做“十大员”：环境卫生监督员、困难群众帮扶员、文艺活动组织员、"
            "矛盾纠纷调解员、法律政策宣传员、创业就业示范员、文明新风带动员、少年成长辅导员、"
            "家庭美德弘扬员、社会治安维护员。\n\n"
            "具体时间和地点由各社区党支部另行通知。\n\n潘火街道党工委"
        ),
    ),
    DemoNotice(
        title="高龄津贴发放通知",
        kind=NoticeKind.ANNOUNCEMENT,
        community=None,
        days_ago=6,
        body=(
            "辖区各位老年朋友及家属：\n\n"
            "本月高龄津贴已按名单发放至老人本人的社会保障卡账户，请注意查收。\n\n"
            "新满80周岁的老人，请本人或家属携带户口簿、身份证到所在社区居委会登记，"
            "经审核后从次月起发放。\n\n"
            "如有疑问，请与所在社区居委会联系。\n\n潘火街道办事处"
        ),
    ),
    DemoNotice(
        title="冬季燃气安全提示",
        kind=NoticeKind.ANNOUNCEMENT,
        community="东南",
        days_ago=3,
        body=(
            "各位居民：\n\n"
            "冬季是燃气使用高峰期，为了您和家人的安全，请做到：\n\n"
            "一、使用燃气时保持通风，人离火灭；\n"
            "二、定期检查燃气软管，发现老化、龟裂及时更换；\n"
            "三、闻到燃气异味时，立即关闭阀门、打开门窗，不要开关电器或使用明火，"
            "到室外拨打燃气公司抢修电话。\n\n"
            "独居老人家中的燃气安全检查，社区将联合物业上门开展，请大家配合。\n\n"
            "东南社区居委会"
        ),
    ),
    DemoNotice(
        title="东南社区2026年11月城市最低生活保障新增对象公示",
        kind=NoticeKind.PUBLICITY,
        community="东南",
        days_ago=1,
        period_start_days_ago=1,
        objection_contact="东南社区居委会 0574-88120101（东南路166号东南社区服务中心）",
        body=(
            "根据《社会救助暂行办法》和最低生活保障审核确认的有关规定，经本人申请、"
            "家庭经济状况调查和社区评议，以下家庭拟纳入城市最低生活保障，现予公示。\n\n"
            "公示期间，如对公示对象有异议，请向东南社区居委会或潘火街道社会事务科反映。"
            "反映情况应实事求是，我们将对反映人的信息予以保密。\n\n"
            "东南社区居委会"
        ),
        listings=(
            ("潘建国", "城市低保 3人 月保障金按标准核定"),
            ("王秀英", "城市低保 1人 独居老人 月保障金按标准核定"),
            ("陈立新", "城市低保 2人 月保障金按标准核定"),
            ("周美华", "城市低保 2人 残疾人家庭 月保障金按标准核定"),
        ),
    ),
    DemoNotice(
        title="雅苑社区2026年10月临时救助对象公示",
        kind=NoticeKind.PUBLICITY,
        community="雅苑",
        days_ago=30,
        period_start_days_ago=30,
        objection_contact="雅苑社区居委会 0574-88120105（潘火路355号雅苑社区服务中心）",
        body=(
            "经本人申请、社区入户调查和评议，以下对象拟给予临时救助，现予公示。\n\n"
            "公示期间如有异议，请向雅苑社区居委会反映。\n\n雅苑社区居委会"
        ),
        listings=(
            ("李海平", "临时救助 支出型 因病"),
            ("胡秀芳", "临时救助 急难型 意外事故"),
        ),
    ),
    DemoNotice(
        title="紫郡社区物业交接完成：绿宇物业11月1日正式接管",
        kind=NoticeKind.NEWS,
        community="紫郡",
        days_ago=9,
        body=(
            "今年8月，绿城物业退出紫郡社区物业管理。经过3个月的考察、招标等各项工作，"
            "通过50%以上业委会成员投票选举，最终确定由绿宇物业接手该社区物业管理工作。\n\n"
            "11月1日，双方办理了物业的正式移交手续。社区居委会将协同业委会做好交接后的"
            "监督工作，居民对物业服务有意见或建议的，可向社区居委会反映。"
        ),
    ),
    DemoNotice(
        title="金谷社区正式成立",
        kind=NoticeKind.NEWS,
        community=None,
        days_ago=20,
        body=(
            "今年底，金谷社区正式成立。明年主要做好该社区各类机构的完善和制度建设，"
            "做好新社区各项工作的启动，打好工作基础。\n\n"
            "街道预计明年还将成立金桥水岸社区、宜家花园社区、潘火桥社区等，"
            "同时做好新建社区管理用房的装修工作，尽快建设好社区服务大厅和活动场所。"
        ),
    ),
    DemoNotice(
        title="2027年元旦、春节期间社区服务时间安排",
        kind=NoticeKind.ANNOUNCEMENT,
        community=None,
        days_ago=None,
        body=(
            "元旦、春节期间，各社区服务中心实行轮流值班，值班时间另行公布。\n\n"
            "（草稿：待街道办公室确认值班表后发布。）"
        ),
    ),
)


def _silent(_: str) -> None:
    pass


def _community(name: str | None, cache: dict[str, Community]) -> Community | None:
    if name is None:
        return None
    if name not in cache:
        try:
            cache[name] = Community.objects.get(name=name)
        except Community.DoesNotExist:
            raise LookupError(
                f"Community {name!r} is missing: run the registry seed first."
            ) from None
    return cache[name]


def seed_notices(log: Log | None = None) -> int:
    """Create the demo notices that are missing (by title); return how many were made."""
    log = log or _silent
    now = timezone.now()
    today = timezone.localdate()
    author = User.objects.filter(username=AUTHOR_USERNAME).first()
    communities: dict[str, Community] = {}
    created = 0
    with transaction.atomic():
        existing = set(
            Notice.objects.filter(title__in=[n.title for n in NOTICES]).values_list(
                "title", flat=True
            )
        )
        for spec in NOTICES:
            if spec.title in existing:
                continue
            _create(spec, _community(spec.community, communities), author, now, today)
            created += 1
    log(f"notices: {created} created, {len(NOTICES) - created} there already")
    return created


def _create(
    spec: DemoNotice,
    community: Community | None,
    author: User | None,
    now: dt.datetime,
    today: dt.date,
) -> Notice:
    notice = Notice(
        kind=spec.kind,
        title=spec.title,
        body=spec.body,
        community=community,
        objection_contact=spec.objection_contact,
        created_by=author,
    )
    if spec.days_ago is not None:
        notice.status = NoticeStatus.PUBLISHED
        notice.published_at = now - dt.timedelta(days=spec.days_ago)
    if spec.kind == NoticeKind.PUBLICITY:
        start = today - dt.timedelta(days=spec.period_start_days_ago)
        notice.period_starts, notice.period_ends = default_period(start)
    notice.full_clean()
    notice.save()
    for position, (name, detail) in enumerate(spec.listings, start=1):
        row = NoticeListing(notice=notice, name=name, detail=detail, position=position)
        row.full_clean()
        row.save()
    return notice
