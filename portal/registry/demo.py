"""Demo data: 潘火街道, its nine communities, their compounds and villages, households of
plausible residents, the resident tags and one demo account per role.

Everything is drawn from a ``random.Random`` with a fixed seed and ages are counted from a
fixed reference date, so the same call plans the same people on any day and machine.
That is what makes :func:`seed` idempotent: structure and accounts are fetched or
created by name, residents whose ID number is already registered are skipped, and the
rest of a household that a smaller run cut short joins that household. Planning ``N``
residents plans the first ``N`` of one endless, fixed sequence, so a larger run after a
smaller one only adds the difference.

Large runs write in batches inside one transaction: households and residents through
``simple_history``'s ``bulk_create_with_history`` (one ``+`` history row each, as a form
would write), tag links through the m2m through model's ``bulk_create`` and, for each
link, the historical m2m row that ``simple_history`` would have written for it.
"""

import datetime as dt
import itertools
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, reset_queries, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from portal.accounts.models import Role, User
from portal.core.cache import rows_changed
from portal.registry.idnumbers import FEMALE, MALE, build_id_number
from portal.registry.models import (
    Community,
    Compound,
    Household,
    RegistrationType,
    Relation,
    Resident,
    SubDistrict,
    Tag,
)

#: The one password of every demo account (README). Never use demo data in production.
DEMO_PASSWORD = "portal-demo-2026"  # noqa: S105 - published on purpose
#: The fixed seed of the PRNG that plans every resident.
DEMO_SEED = 330212
#: Ages are drawn as of this date, so the plan does not change with the day it runs.
REFERENCE_DATE = dt.date(2026, 1, 1)
DEFAULT_RESIDENTS = 300
#: Residents written per batch (and per progress line).
BATCH_SIZE = 5000
#: The change reason on the history rows the bulk writes make.
CHANGE_REASON = "seed_demo"
# Lookups with ``__in`` are split so that no query passes SQLite's parameter limit.
_LOOKUP_CHUNK = 900

Log = Callable[[str], None]


# --- The sub-district, communities, compounds and villages -----------------------------


@dataclass(frozen=True)
class CompoundSpec:
    name: str
    address: str
    floors: int  # storeys per building (幢)
    rooms_per_floor: int
    weight: int  # relative number of households
    rural_share: float = 0.0  # resettlement compounds keep some rural registrations


@dataclass(frozen=True)
class CommunitySpec:
    name: str
    code: str
    address: str
    phone: str
    weight: int  # relative number of households
    compounds: tuple[CompoundSpec, ...]
    villages: tuple[str, ...] = ()  # 村 whose households live at "XX村X组X号"
    village_share: float = 0.0  # share of local households that live in the villages
    floating_share: float = 0.1  # share of households of floating population
    surnames: tuple[tuple[str, int], ...] = ()  # surnames more common here than elsewhere


SUB_DISTRICT = {
    "name": "潘火街道",
    "address": "浙江省宁波市鄞州区潘火街道金达南路1088号",
    "phone": "0574-88120000",
}

COMMUNITIES: tuple[CommunitySpec, ...] = (
    CommunitySpec(
        "东南",
        "001",
        "鄞州区潘火街道东南路166号东南社区服务中心",
        "0574-88120101",
        weight=14,
        compounds=(
            CompoundSpec("东南花园", "鄞州区潘火街道东南路168号", 6, 4, 5, rural_share=0.2),
            CompoundSpec("东南新村", "鄞州区潘火街道东南路88号", 6, 2, 3, rural_share=0.3),
            CompoundSpec("金桥水岸", "鄞州区潘火街道金桥路299号", 18, 4, 4),
        ),
        villages=("潘火桥村",),
        village_share=0.1,
        floating_share=0.1,
        surnames=(("潘", 6),),
    ),
    CommunitySpec(
        "尚诚",
        "002",
        "鄞州区潘火街道宁东路520号尚诚社区服务中心",
        "0574-88120102",
        weight=11,
        compounds=(
            CompoundSpec("尚诚苑", "鄞州区潘火街道宁东路518号", 11, 2, 4),
            CompoundSpec("风格璟园", "鄞州区潘火街道宁东路600号", 18, 4, 4),
            CompoundSpec("荣安心居", "鄞州区潘火街道金达南路1500号", 18, 3, 3),
        ),
        floating_share=0.15,
    ),
    CommunitySpec(
        "紫郡",
        "003",
        "鄞州区潘火街道天童南路1288号紫郡社区服务中心",
        "0574-88120103",
        weight=9,
        compounds=(
            CompoundSpec("绿城紫郡", "鄞州区潘火街道天童南路1299号", 11, 2, 3),
            CompoundSpec("紫郡华庭", "鄞州区潘火街道天童南路1333号", 18, 2, 2),
        ),
        floating_share=0.08,
    ),
    CommunitySpec(
        "世纪",
        "004",
        "鄞州区潘火街道世纪大道266号世纪社区服务中心",
        "0574-88120104",
        weight=12,
        compounds=(
            CompoundSpec("世纪花园", "鄞州区潘火街道世纪大道268号", 6, 2, 4),
            CompoundSpec("世纪东方", "鄞州区潘火街道世纪大道300号", 11, 4, 3),
            CompoundSpec("金谷小区", "鄞州区潘火街道金谷路99号", 18, 4, 3),
        ),
        floating_share=0.12,
    ),
    CommunitySpec(
        "雅苑",
        "005",
        "鄞州区潘火街道潘火路355号雅苑社区服务中心",
        "0574-88120105",
        weight=12,
        compounds=(
            CompoundSpec("雅苑新村", "鄞州区潘火街道潘火路357号", 6, 2, 5),
            CompoundSpec("雅苑花园", "鄞州区潘火街道潘火路401号", 11, 2, 3),
            CompoundSpec("宜家花园", "鄞州区潘火街道金达南路1366号", 18, 3, 3),
        ),
        floating_share=0.12,
    ),
    CommunitySpec(
        "东莺",
        "006",
        "鄞州区潘火街道东莺路58号东莺社区服务中心",
        "0574-88120106",
        weight=11,
        compounds=(
            CompoundSpec("东莺新村", "鄞州区潘火街道东莺路60号", 6, 2, 6),
            CompoundSpec("东莺花苑", "鄞州区潘火街道东莺路120号", 6, 3, 3),
            CompoundSpec("王家弄教师楼", "鄞州区潘火街道王家弄12号", 5, 2, 1),
        ),
        floating_share=0.18,
    ),
    CommunitySpec(
        "星苑",
        "007",
        "鄞州区潘火街道星光路199号星苑社区服务中心",
        "0574-88120107",
        weight=10,
        compounds=(
            CompoundSpec("星苑小区", "鄞州区潘火街道星光路201号", 6, 3, 4),
            CompoundSpec("荣安蝶园", "鄞州区潘火街道星光路388号", 18, 4, 3),
            CompoundSpec("星光公寓", "鄞州区潘火街道星光路66号", 11, 6, 2),
        ),
        floating_share=0.15,
    ),
    CommunitySpec(
        "同欣",
        "008",
        "鄞州区潘火街道同欣路18号同欣社区服务中心",
        "0574-88120108",
        weight=10,
        compounds=(
            CompoundSpec("同欣家园", "鄞州区潘火街道同欣路20号", 6, 2, 4, rural_share=0.4),
            CompoundSpec("同欣花苑", "鄞州区潘火街道同欣路66号", 11, 2, 3),
        ),
        villages=("蔡郎桥村",),
        village_share=0.3,
        floating_share=0.2,
        surnames=(("蔡", 5),),
    ),
    CommunitySpec(
        "殷家",
        "009",
        "鄞州区潘火街道殷家路8号殷家社区服务中心",
        "0574-88120109",
        weight=11,
        compounds=(
            CompoundSpec("殷家坑新村", "鄞州区潘火街道殷家路10号", 6, 2, 4, rural_share=0.5),
            CompoundSpec("殷家花苑", "鄞州区潘火街道殷家路80号", 11, 2, 2),
        ),
        villages=("殷家坑村", "杨家村"),
        village_share=0.45,
        floating_share=0.25,
        surnames=(("殷", 25), ("杨", 8)),
    ),
)

VILLAGE_GROUPS = 8  # 村民小组 per village

TAGS: tuple[tuple[str, str, str], ...] = (
    (Tag.ELDERLY, "老年人", "Elderly"),
    (Tag.DISABLED, "残疾人", "Disabled"),
    (Tag.VETERAN, "优抚对象", "Veteran or entitled family"),
    (Tag.PARTY_MEMBER, "党员", "Party member"),
    (Tag.LEAGUE_MEMBER, "团员", "Youth League member"),
    (Tag.FLOATING, "流动人口", "Floating population"),
)
LEAGUE_AGES = (14, 28)


# --- Demo accounts -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    community: str | None  # community name, for community-level roles
    display_name: str
    phone: str = ""
    superuser: bool = False


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("jiedao", Role.SUBDISTRICT_STAFF, None, "陈静", "13905740001"),
    DemoAccount("dongnan", Role.COMMUNITY_STAFF, "东南", "王丽娟", "13905740002"),
    DemoAccount("yayuan", Role.COMMUNITY_STAFF, "雅苑", "李海燕", "13905740003"),
    DemoAccount("dongnan_doctor", Role.FAMILY_DOCTOR, "东南", "周建华", "13905740004"),
    DemoAccount("yayuan_doctor", Role.FAMILY_DOCTOR, "雅苑", "林晓敏", "13905740005"),
    DemoAccount("dongnan_care", Role.CARE_STATION_OPERATOR, "东南", "徐美华", "13905740006"),
    DemoAccount("yayuan_care", Role.CARE_STATION_OPERATOR, "雅苑", "胡秀芳", "13905740007"),
    DemoAccount("dongnan_party", Role.PARTY_SECRETARY, "东南", "孙国平", "13905740008"),
    DemoAccount("yayuan_party", Role.PARTY_SECRETARY, "雅苑", "应志明", "13905740009"),
    DemoAccount("kecheng", Role.COURSE_COORDINATOR, None, "俞文娟", "13905740010"),
    DemoAccount("admin", Role.ADMINISTRATOR, None, "郑海波", "13905740011", superuser=True),
    DemoAccount("jumin", Role.RESIDENT, None, "张秀英", "13905740012"),
)


# --- Names, origins, phones ----------------------------------------------------------------

# Surnames common in Ningbo (weights roughly follow how often one meets them there).
LOCAL_SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 30), ("陈", 30), ("张", 18), ("李", 16), ("周", 14), ("徐", 14), ("林", 12),
    ("胡", 11), ("孙", 10), ("朱", 10), ("应", 8), ("毛", 7), ("邵", 7), ("俞", 7),
    ("虞", 5), ("竺", 4), ("舒", 4), ("史", 5), ("董", 6), ("金", 7), ("沈", 7),
    ("郑", 8), ("杨", 8), ("黄", 8), ("吴", 9), ("赵", 5), ("刘", 7), ("忻", 3),
    ("乐", 4), ("戴", 5), ("潘", 4), ("蔡", 4), ("袁", 4), ("钱", 4), ("许", 5),
    ("何", 4), ("方", 4), ("贺", 3), ("叶", 5), ("谢", 4), ("殷", 2), ("范", 3),
)  # fmt: skip
# Surnames of the floating population, from all over the country.
NATIONAL_SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 30), ("李", 30), ("张", 28), ("刘", 24), ("陈", 20), ("杨", 15), ("黄", 9),
    ("赵", 10), ("吴", 8), ("周", 8), ("徐", 7), ("孙", 7), ("马", 6), ("朱", 6),
    ("胡", 6), ("郭", 6), ("何", 5), ("高", 5), ("林", 4), ("罗", 5), ("郑", 4),
    ("梁", 4), ("谢", 3), ("宋", 3), ("唐", 3), ("许", 3), ("韩", 3), ("冯", 3),
    ("邓", 3), ("曹", 3), ("彭", 3), ("曾", 2), ("肖", 2), ("田", 2), ("董", 2),
    ("袁", 2), ("潘", 2), ("蒋", 2), ("蔡", 2), ("余", 2), ("杜", 2), ("叶", 2),
    ("程", 2), ("魏", 2), ("吕", 2), ("丁", 2), ("任", 2), ("姚", 2), ("卢", 2),
    ("汪", 2), ("熊", 2), ("邱", 1), ("龙", 1), ("陶", 1), ("向", 1), ("覃", 1),
)  # fmt: skip

# Given names by birth cohort and gender: what parents chose in those years.
GIVEN_NAMES: dict[tuple[int, str], tuple[str, ...]] = {
    (1900, MALE): (
        "根发", "国庆", "建国", "德明", "志明", "财根", "海根", "福康", "金根", "树林",
        "宝根", "永康", "志华", "长根", "炳荣", "国华", "文龙", "光明", "学文", "阿大",
        "荣富", "庆丰", "茂林", "德兴", "家宝", "开明", "志高", "顺发",
    ),
    (1900, FEMALE): (
        "秀英", "桂英", "玉兰", "阿娣", "杏娣", "彩娣", "月娥", "菊芬", "素珍", "凤英",
        "秀珍", "美娟", "爱娣", "雪芬", "巧英", "桂芬", "惠英", "翠英", "月英", "宝珠",
        "金娣", "秀凤", "兰英", "素娥",
    ),
    (1955, MALE): (
        "建华", "建军", "卫东", "国平", "伟民", "永军", "海军", "志强", "建平", "国荣",
        "明华", "立新", "伟", "军", "强", "勇", "斌", "平", "华", "建明", "振华", "卫国",
        "新民", "国明", "亚军", "跃进", "红兵", "建新",
    ),
    (1955, FEMALE): (
        "丽娟", "红霞", "秀芳", "建英", "海燕", "亚萍", "美华", "文娟", "彩萍", "丽萍",
        "红", "芳", "燕", "萍", "霞", "丽", "静", "雪萍", "玲", "红英", "卫红", "素萍",
        "美芬", "爱华",
    ),
    (1980, MALE): (
        "磊", "伟", "超", "杰", "涛", "浩", "斌", "鹏", "健", "俊", "晨", "凯", "亮", "宇",
        "帅", "辉", "志伟", "建波", "海波", "晓东", "俊杰", "斌斌", "杰锋", "佳明",
        "一帆", "立峰", "宏伟", "晓峰",
    ),
    (1980, FEMALE): (
        "婷", "静", "敏", "丹", "琳", "燕", "倩", "颖", "佳", "莉", "晓燕", "丹丹",
        "佳丽", "婷婷", "晶晶", "雪", "莹", "露", "佳琪", "晓敏", "燕燕", "亚飞", "琼",
        "娜",
    ),
    (2000, MALE): (
        "子轩", "浩然", "宇航", "梓豪", "俊熙", "一鸣", "睿", "泽宇", "浩宇", "宇轩",
        "博文", "铭泽", "嘉豪", "皓轩", "子墨", "奕辰", "沐阳", "锦程", "天佑", "思远",
        "承泽", "逸飞", "家乐", "宸",
    ),
    (2000, FEMALE): (
        "欣怡", "梓涵", "雨桐", "诗涵", "可馨", "子涵", "一诺", "语嫣", "思琪", "佳怡",
        "若汐", "梦瑶", "欣妍", "雨萱", "芷若", "安琪", "沐晴", "依依", "诗雨", "可欣",
        "紫萱", "乐瑶",
    ),
}  # fmt: skip
_COHORTS = (2000, 1980, 1955, 1900)

# Region codes are only valid for the years they were in force (stdnum checks this), so a
# place of origin is a list of (code, first birth year, last birth year). 鄞州区 is 330212
# since 2002; those born earlier carry 鄞县's codes.
Origin = tuple[tuple[str, int, int], ...]
LOCAL_ORIGIN: Origin = (("332226", 0, 1982), ("330227", 1983, 2001), ("330212", 2002, 9999))
FLOATING_ORIGINS: tuple[Origin, ...] = (
    (("342423", 0, 1998), ("341522", 1999, 9999)),  # 安徽 霍邱县
    (("342122", 0, 1995), ("341221", 1996, 9999)),  # 安徽 临泉县
    (("342123", 0, 1995), ("341222", 1996, 9999)),  # 安徽 太和县
    (("342826", 0, 1987), ("340826", 1988, 9999)),  # 安徽 宿松县
    (("522422", 0, 2010), ("520521", 2011, 9999)),  # 贵州 大方县
    (("522425", 0, 2010), ("520524", 2011, 9999)),  # 贵州 织金县
    (("362329", 0, 1999), ("361127", 2000, 9999)),  # 江西 余干县
    (("413026", 0, 1997), ("411525", 1998, 9999)),  # 河南 固始县
    (("412728", 0, 1999), ("411624", 2000, 9999)),  # 河南 沈丘县
    (("512922", 0, 1992), ("511321", 1993, 9999)),  # 四川 南部县
    (("513022", 0, 1998), ("511722", 1999, 9999)),  # 四川 宣汉县
    (("512226", 0, 1991), ("511225", 1992, 1996), ("500236", 1997, 9999)),  # 重庆 奉节县
    (("422423", 0, 1993), ("421022", 1994, 9999)),  # 湖北 公安县
    (("432522", 0, 1998), ("431321", 1999, 9999)),  # 湖南 双峰县
)


def region_code(origin: Origin, birth_year: int) -> str:
    """The region code that someone from ``origin`` born in ``birth_year`` carries."""
    for code, first, last in origin:
        if first <= birth_year <= last:
            return code
    raise ValueError(f"no region code of {origin} covers {birth_year}")


LOCAL_REGIONS = frozenset(code for code, _, _ in LOCAL_ORIGIN)

MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150",
    "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "176", "177",
    "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
)  # fmt: skip


def _cumulative(weighted: Sequence[tuple[object, int | float]]) -> list[float]:
    return list(itertools.accumulate(weight for _, weight in weighted))


# --- The plan ------------------------------------------------------------------------------


@dataclass(slots=True)
class PlannedMember:
    name: str
    relation: str
    gender: str
    birth_date: dt.date
    id_number: str
    phone: str
    tags: tuple[str, ...]


@dataclass(slots=True)
class PlannedHousehold:
    community: str
    compound: str | None
    address: str
    registration_type: str
    members: list[PlannedMember]


@dataclass(slots=True)
class _Person:
    """A member before names and numbers: relation, gender, age on REFERENCE_DATE."""

    relation: str
    gender: str
    age: int
    surname: str


def _age_on(birth_date: dt.date, date: dt.date) -> int:
    return (
        date.year - birth_date.year - ((date.month, date.day) < (birth_date.month, birth_date.day))
    )


class Planner:
    """Plans households one after the other from a seeded PRNG.

    The sequence does not depend on how many residents are asked for, on the day, or on
    what the database holds. Only what follows from the age on ``today`` looks at it (the
    elderly and League tags, a mobile number for adults), and it draws the same random
    numbers whatever the answer.
    """

    def __init__(self, *, seed: int = DEMO_SEED, today: dt.date | None = None) -> None:
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self._used_ids: set[str] = set()
        self._counters: dict[str, int] = {}
        self._community_cum = _cumulative([(c, c.weight) for c in COMMUNITIES])
        self._compound_cum = {
            c.name: _cumulative([(k, k.weight) for k in c.compounds]) for c in COMMUNITIES
        }
        self._surname_cum = {
            c.name: (
                [name for name, _ in LOCAL_SURNAMES + c.surnames],
                _cumulative(LOCAL_SURNAMES + c.surnames),
            )
            for c in COMMUNITIES
        }
        self._national = ([name for name, _ in NATIONAL_SURNAMES], _cumulative(NATIONAL_SURNAMES))

    # -- public ------------------------------------------------------------------------------

    def households(self, residents: int) -> Iterator[PlannedHousehold]:
        """Households holding exactly ``residents`` members; the last one may be cut short
        (its head always comes first, so it keeps its head)."""
        remaining = residents
        while remaining > 0:
            household = self.household()
            if len(household.members) > remaining:
                del household.members[remaining:]
            remaining -= len(household.members)
            yield household

    def household(self) -> PlannedHousehold:
        rng = self.rng
        community = rng.choices(COMMUNITIES, cum_weights=self._community_cum)[0]
        floating = rng.random() < community.floating_share
        origin = rng.choice(FLOATING_ORIGINS) if floating else LOCAL_ORIGIN
        if floating:
            people = self._floating_people()
            registration = RegistrationType.RURAL if rng.random() < 0.75 else RegistrationType.URBAN
        else:
            people = self._local_people(community.name)
        in_village = bool(community.villages) and rng.random() < (
            community.village_share * (0.5 if floating else 1.0)
        )
        if in_village:
            village = rng.choice(community.villages)
            compound_name = None
            address = self._village_address(village)
            if not floating:
                registration = RegistrationType.RURAL
        else:
            compound = rng.choices(
                community.compounds, cum_weights=self._compound_cum[community.name]
            )[0]
            compound_name = compound.name
            address = self._room_address(compound)
            if not floating:
                registration = (
                    RegistrationType.RURAL
                    if rng.random() < compound.rural_share
                    else RegistrationType.URBAN
                )
        members = [self._member(person, origin, floating) for person in people]
        return PlannedHousehold(
            community=community.name,
            compound=compound_name,
            address=address,
            registration_type=registration,
            members=members,
        )

    # -- addresses ---------------------------------------------------------------------------

    def _next(self, key: str) -> int:
        n = self._counters.get(key, 0)
        self._counters[key] = n + 1
        return n

    def _room_address(self, compound: CompoundSpec) -> str:
        n = self._next(compound.name)
        per_building = compound.floors * compound.rooms_per_floor
        building, rest = divmod(n, per_building)
        floor, room = divmod(rest, compound.rooms_per_floor)
        return f"{compound.name}{building + 1}幢{floor + 1}{room + 1:02d}室"

    def _village_address(self, village: str) -> str:
        n = self._next(village)
        number, group = divmod(n, VILLAGE_GROUPS)
        return f"{village}{group + 1}组{number + 1}号"

    # -- people ------------------------------------------------------------------------------

    def _surname(self, community: str | None) -> str:
        names, cum = self._national if community is None else self._surname_cum[community]
        return self.rng.choices(names, cum_weights=cum)[0]

    def _other_surname(self, community: str | None, not_this: str) -> str:
        for _ in range(5):
            surname = self._surname(community)
            if surname != not_this:
                return surname
        return surname

    def _couple(
        self, community: str | None, ages: tuple[int, int], male_head: float = 0.8
    ) -> tuple[_Person, _Person]:
        """A head and spouse of marrying age; the husband is a little older, mostly."""
        rng = self.rng
        age = rng.randint(*ages)
        head_surname = self._surname(community)
        spouse_surname = self._other_surname(community, head_surname)
        if rng.random() < male_head:
            head = _Person(Relation.HEAD, MALE, max(age, 22), head_surname)
            spouse = _Person(
                Relation.SPOUSE, FEMALE, max(20, age + rng.randint(-6, 2)), spouse_surname
            )
        else:
            head = _Person(Relation.HEAD, FEMALE, max(age, 20), head_surname)
            spouse = _Person(
                Relation.SPOUSE, MALE, max(22, age + rng.randint(-2, 6)), spouse_surname
            )
        return head, spouse

    def _children(
        self, parents: Sequence[_Person], relation: str, count: int, surname: str
    ) -> list[_Person]:
        """Up to ``count`` children, each at least 20 years younger than both parents."""
        rng = self.rng
        oldest = min(p.age for p in parents) - 20
        children = []
        for _ in range(count):
            if oldest < 0:
                break
            age = rng.randint(max(0, oldest - 16), oldest)
            gender = MALE if rng.random() < 0.52 else FEMALE
            children.append(_Person(relation, gender, age, surname))
        return children

    @staticmethod
    def _family_surname(head: _Person, spouse: _Person | None) -> str:
        """Children take the father's surname."""
        if spouse is not None and head.gender == FEMALE:
            return spouse.surname
        return head.surname

    def _parents(
        self, child: _Person, relation: str, community: str | None, count: int
    ) -> list[_Person]:
        """``child``'s father (with ``child``'s surname) and/or mother: she is 22-34 years
        older than ``child``, he up to 4 years older than her."""
        rng = self.rng
        mother_age = min(98, child.age + rng.randint(22, 34))
        father_age = min(99, mother_age + rng.randint(0, 4))
        father = _Person(relation, MALE, father_age, child.surname)
        mother = _Person(
            relation, FEMALE, mother_age, self._other_surname(community, child.surname)
        )
        if count >= 2:
            return [father, mother]
        # Widowed parents are more often mothers.
        return [mother] if rng.random() < 0.65 else [father]

    def _local_people(self, community: str) -> list[_Person]:
        rng = self.rng
        kind = rng.choices(_LOCAL_KINDS, cum_weights=_LOCAL_KINDS_CUM)[0]
        if kind == "single_elderly":
            gender = FEMALE if rng.random() < 0.62 else MALE
            people = [_Person(Relation.HEAD, gender, rng.randint(65, 96), self._surname(community))]
            if rng.random() < 0.08:  # a live-in carer
                people.append(
                    _Person(Relation.OTHER, FEMALE, rng.randint(40, 62), self._surname(None))
                )
            return people
        if kind == "elderly_couple":
            return list(self._couple(community, (60, 88), male_head=0.9))
        if kind == "single":
            gender = MALE if rng.random() < 0.55 else FEMALE
            return [_Person(Relation.HEAD, gender, rng.randint(22, 45), self._surname(community))]
        if kind == "couple":
            return list(self._couple(community, (24, 40)))
        if kind == "nuclear":
            head, spouse = self._couple(community, (28, 56))
            surname = self._family_surname(head, spouse)
            count = 1 if rng.random() < 0.6 else 2
            return [head, spouse, *self._children((head, spouse), Relation.CHILD, count, surname)]
        if kind == "with_parents":
            head, spouse = self._couple(community, (30, 56))
            surname = self._family_surname(head, spouse)
            count = rng.choice((0, 1, 1, 2))
            children = self._children((head, spouse), Relation.CHILD, count, surname)
            if rng.random() < 0.7:
                parents = self._parents(head, Relation.PARENT, community, rng.choice((1, 2)))
            else:
                parents = self._parents(
                    spouse, Relation.PARENT_IN_LAW, community, rng.choice((1, 2))
                )
            return [head, spouse, *children, *parents]
        if kind == "three_generations":
            head, spouse = self._couple(community, (55, 78), male_head=0.85)
            surname = self._family_surname(head, spouse)
            (child,) = self._children((head, spouse), Relation.CHILD, 1, surname)
            child.age = max(child.age, 22)  # a married child: parents are 55+, so still 20+ older
            if child.gender == MALE:
                in_law = _Person(
                    Relation.CHILD_IN_LAW,
                    FEMALE,
                    max(20, child.age + rng.randint(-4, 2)),
                    self._other_surname(community, child.surname),
                )
                line = child.surname
            else:
                in_law = _Person(
                    Relation.CHILD_IN_LAW,
                    MALE,
                    max(22, child.age + rng.randint(-2, 4)),
                    self._other_surname(community, child.surname),
                )
                line = in_law.surname
            count = 1 if rng.random() < 0.65 else 2
            grandchildren = self._children((child, in_law), Relation.GRANDCHILD, count, line)
            return [head, spouse, child, in_law, *grandchildren]
        if kind == "single_parent":
            gender = FEMALE if rng.random() < 0.6 else MALE
            head = _Person(Relation.HEAD, gender, rng.randint(30, 55), self._surname(community))
            return [head, *self._children((head,), Relation.CHILD, 1, head.surname)]
        if kind == "siblings":
            gender = MALE if rng.random() < 0.5 else FEMALE
            age = rng.randint(25, 70)
            head = _Person(Relation.HEAD, gender, age, self._surname(community))
            sibling_age = max(18, head.age + rng.randint(-8, 8))
            gender = MALE if rng.random() < 0.5 else FEMALE
            return [head, _Person(Relation.SIBLING, gender, sibling_age, head.surname)]
        # "with_grandparent": a young head living with a grandparent.
        gender = MALE if rng.random() < 0.6 else FEMALE
        age = rng.randint(22, 35)
        head = _Person(Relation.HEAD, gender, age, self._surname(community))
        age = min(99, head.age + rng.randint(45, 60))
        if rng.random() < 0.4:
            grandparent = _Person(Relation.GRANDPARENT, MALE, age, head.surname)
        else:
            grandparent = _Person(
                Relation.GRANDPARENT, FEMALE, age, self._other_surname(community, head.surname)
            )
        return [head, grandparent]

    def _floating_people(self) -> list[_Person]:
        """Migrant households: young singles, couples and young families."""
        rng = self.rng
        kind = rng.choices(_FLOATING_KINDS, cum_weights=_FLOATING_KINDS_CUM)[0]
        if kind == "single":
            gender = MALE if rng.random() < 0.6 else FEMALE
            return [_Person(Relation.HEAD, gender, rng.randint(18, 50), self._surname(None))]
        if kind == "couple":
            return list(self._couple(None, (22, 50), male_head=0.9))
        if kind == "siblings":
            head = _Person(Relation.HEAD, MALE, rng.randint(20, 40), self._surname(None))
            gender = MALE if rng.random() < 0.5 else FEMALE
            sibling = _Person(
                Relation.SIBLING, gender, max(18, head.age + rng.randint(-6, 6)), head.surname
            )
            return [head, sibling]
        head, spouse = self._couple(None, (25, 45), male_head=0.9)
        surname = self._family_surname(head, spouse)
        count = 1 if rng.random() < 0.5 else 2
        return [head, spouse, *self._children((head, spouse), Relation.CHILD, count, surname)]

    def _member(self, person: _Person, origin: Origin, floating: bool) -> PlannedMember:
        rng = self.rng
        birth_date = dt.date(REFERENCE_DATE.year - person.age - 1, 1, 1) + dt.timedelta(
            days=rng.randrange(365)
        )
        male = person.gender == MALE
        region = region_code(origin, birth_date.year)
        while True:
            sequence = rng.randrange(1, 500) * 2 + (1 if male else 0)
            id_number = build_id_number(region, birth_date, sequence)
            if id_number not in self._used_ids:
                self._used_ids.add(id_number)
                break
        cohort = next(year for year in _COHORTS if birth_date.year >= year)
        given = rng.choice(GIVEN_NAMES[cohort, person.gender])
        number = rng.randrange(10**8)
        prefix = rng.choice(MOBILE_PREFIXES)
        age_today = _age_on(birth_date, self.today)
        phone = f"{prefix}{number:08d}" if age_today >= 18 else ""  # adults have a mobile
        tags = self._tags(person, age_today, floating)
        return PlannedMember(
            name=person.surname + given,
            relation=person.relation,
            gender=person.gender,
            birth_date=birth_date,
            id_number=id_number,
            phone=phone,
            tags=tags,
        )

    def _tags(self, person: _Person, age_today: int, floating: bool) -> tuple[str, ...]:
        # Draw every number whatever the outcome, so the stream stays the same on any day.
        r_disabled, r_veteran, r_party, r_league = (self.rng.random() for _ in range(4))
        age = person.age  # on REFERENCE_DATE: fixed
        male = person.gender == MALE
        tags = []
        if age_today >= settings.ELDERLY_AGE:
            tags.append(Tag.ELDERLY)
        disabled_rate = 0.005 if age < 18 else 0.02 if age < 60 else 0.06 if age < 80 else 0.12
        if r_disabled < disabled_rate:
            tags.append(Tag.DISABLED)
        veteran_rate = (
            (0.045 if age >= 40 else 0.02 if age >= 22 else 0.0)
            if male
            else (0.006 if age >= 40 else 0.0)
        )
        if not floating and r_veteran < veteran_rate:
            tags.append(Tag.VETERAN)
        party_rate = 0.0 if age < 18 else 0.03 if age < 30 else (0.12 if male else 0.06)
        party = r_party < party_rate
        if party:
            tags.append(Tag.PARTY_MEMBER)
        if not party and LEAGUE_AGES[0] <= age_today <= LEAGUE_AGES[1] and r_league < 0.45:
            tags.append(Tag.LEAGUE_MEMBER)
        if floating:
            tags.append(Tag.FLOATING)
        return tuple(tags)


_LOCAL_KINDS_WEIGHTED = (
    ("single_elderly", 8),
    ("elderly_couple", 13),
    ("single", 8),
    ("couple", 6),
    ("nuclear", 30),
    ("with_parents", 12),
    ("three_generations", 14),
    ("single_parent", 5),
    ("siblings", 2),
    ("with_grandparent", 2),
)
_LOCAL_KINDS = tuple(kind for kind, _ in _LOCAL_KINDS_WEIGHTED)
_LOCAL_KINDS_CUM = _cumulative(_LOCAL_KINDS_WEIGHTED)
_FLOATING_KINDS_WEIGHTED = (("single", 30), ("couple", 25), ("family", 40), ("siblings", 5))
_FLOATING_KINDS = tuple(kind for kind, _ in _FLOATING_KINDS_WEIGHTED)
_FLOATING_KINDS_CUM = _cumulative(_FLOATING_KINDS_WEIGHTED)


# --- Writing -------------------------------------------------------------------------------


@dataclass
class SeedReport:
    """What one run created (rows that were there already are not counted)."""

    sub_districts: int = 0
    communities: int = 0
    compounds: int = 0
    tags: int = 0
    accounts: int = 0
    passwords_reset: int = 0
    households: int = 0
    residents: int = 0
    tag_links: int = 0
    history_rows: int = 0  # written by the bulk writes (households, residents, tag links)
    residents_planned: int = 0
    residents_skipped: int = 0  # planned, but their ID number was registered already


@dataclass
class _Context:
    communities: dict[str, Community]
    compounds: dict[tuple[str, str], Compound]
    tags: dict[str, Tag]
    now: dt.datetime  # the history date of every bulk-written row
    report: SeedReport
    log: Log
    m2m_history: type[models.Model]  # HistoricalResident_tags
    started: float = field(default_factory=time.monotonic)


def _silent(_: str) -> None:
    pass


def seed(
    *,
    residents: int = DEFAULT_RESIDENTS,
    reset_passwords: bool = False,
    batch_size: int = BATCH_SIZE,
    log: Log = _silent,
    today: dt.date | None = None,
) -> SeedReport:
    """Create what is missing of the demo data, all in one transaction."""
    if residents < 0:
        raise ValueError("residents must be zero or more")
    report = SeedReport()
    with transaction.atomic():
        # Bulk inserts send no signals: the cached list totals are forgotten here.
        rows_changed()
        sub_district = ensure_sub_district(report)
        communities = ensure_communities(sub_district, report)
        compounds = ensure_compounds(communities, report)
        tags = ensure_tags(report)
        ensure_accounts(communities, report, reset_passwords=reset_passwords)
        log(
            f"structure: {len(communities)} communities, {len(compounds)} compounds, "
            f"{len(DEMO_ACCOUNTS)} demo accounts"
        )
        context = _Context(
            communities=communities,
            compounds=compounds,
            tags=tags,
            now=timezone.now(),
            report=report,
            log=log,
            m2m_history=apps.get_model("registry", "HistoricalResident_tags"),
        )
        ensure_residents(context, residents, batch_size=batch_size, today=today)
    return report


def seed_registry(
    *,
    residents: int = DEFAULT_RESIDENTS,
    reset_passwords: bool = False,
    batch_size: int = BATCH_SIZE,
    log: Log = _silent,
) -> dict[str, int]:
    """The registry's ``demo_seeder`` (called by ``manage.py seed_demo`` before the other
    apps'): ``seed`` with the command's options; returns what it created, by label."""
    report = seed(
        residents=residents, reset_passwords=reset_passwords, batch_size=batch_size, log=log
    )
    if report.residents_skipped:
        log(
            f"  ({report.residents_skipped:,} planned residents were registered already "
            "and were skipped)"
        )
    if report.passwords_reset:
        log(f"  (demo password set again on {report.passwords_reset} accounts)")
    return {
        "sub-districts": report.sub_districts,
        "communities": report.communities,
        "compounds": report.compounds,
        "tags": report.tags,
        "households": report.households,
        "residents": report.residents,
        "tag links": report.tag_links,
        "history rows": report.history_rows,
        "accounts": report.accounts,
    }


def ensure_sub_district(report: SeedReport) -> SubDistrict:
    sub_district, created = SubDistrict.objects.get_or_create(
        name=SUB_DISTRICT["name"],
        defaults={"address": SUB_DISTRICT["address"], "phone": SUB_DISTRICT["phone"]},
    )
    report.sub_districts += created
    return sub_district


def ensure_communities(sub_district: SubDistrict, report: SeedReport) -> dict[str, Community]:
    communities = {}
    for spec in COMMUNITIES:
        community, created = Community.objects.get_or_create(
            name=spec.name,
            defaults={
                "sub_district": sub_district,
                "code": spec.code,
                "address": spec.address,
                "phone": spec.phone,
            },
        )
        report.communities += created
        communities[spec.name] = community
    return communities


def ensure_compounds(
    communities: dict[str, Community], report: SeedReport
) -> dict[tuple[str, str], Compound]:
    compounds = {}
    for spec in COMMUNITIES:
        for compound_spec in spec.compounds:
            compound, created = Compound.objects.get_or_create(
                community=communities[spec.name],
                name=compound_spec.name,
                defaults={"address": compound_spec.address},
            )
            report.compounds += created
            compounds[spec.name, compound_spec.name] = compound
    return compounds


def ensure_tags(report: SeedReport) -> dict[str, Tag]:
    tags = {}
    for slug, name, name_en in TAGS:
        tag, created = Tag.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en}
        )
        report.tags += created
        tags[slug] = tag
    return tags


def ensure_accounts(
    communities: dict[str, Community], report: SeedReport, *, reset_passwords: bool = False
) -> dict[str, User]:
    """One account per role; existing accounts keep their password unless asked."""
    existing = {u.username: u for u in User.objects.filter(username__in=_usernames())}
    password_hash = None
    if reset_passwords or len(existing) < len(DEMO_ACCOUNTS):
        password_hash = make_password(DEMO_PASSWORD)  # hashed once: PBKDF2 is slow on purpose
    users = {}
    for account in DEMO_ACCOUNTS:
        user = existing.get(account.username)
        if user is None:
            user = User(
                username=account.username,
                first_name=account.display_name,
                role=account.role,
                community=communities[account.community] if account.community else None,
                phone=account.phone,
                is_superuser=account.superuser,
                password=password_hash,
            )
            user.save()
            report.accounts += 1
        elif reset_passwords:
            user.password = password_hash
            user.save(update_fields=["password"])
            report.passwords_reset += 1
        users[account.username] = user
    return users


def _usernames() -> list[str]:
    return [account.username for account in DEMO_ACCOUNTS]


def ensure_residents(
    context: _Context, residents: int, *, batch_size: int = BATCH_SIZE, today: dt.date | None
) -> None:
    planner = Planner(today=today)
    batch: list[PlannedHousehold] = []
    size = 0
    for household in planner.households(residents):
        batch.append(household)
        size += len(household.members)
        if size >= batch_size:
            _write_batch(context, batch, residents)
            batch, size = [], 0
    if batch:
        _write_batch(context, batch, residents)


def _chunks(items: Sequence, size: int = _LOOKUP_CHUNK) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _write_batch(context: _Context, batch: list[PlannedHousehold], target: int) -> None:
    report = context.report
    report.residents_planned += sum(len(h.members) for h in batch)

    # Who is registered already, and in which household: they are skipped, which is what
    # makes a second run a no-op.
    id_numbers = [m.id_number for h in batch for m in h.members]
    registered: dict[str, int | None] = {}
    for chunk in _chunks(id_numbers):
        registered.update(
            Resident.objects.filter(id_number__in=chunk).values_list("id_number", "household_id")
        )
    report.residents_skipped += len(registered)

    todo = []
    for household in batch:
        members = [m for m in household.members if m.id_number not in registered]
        if members:
            # A household that a smaller run cut short is completed, not made twice.
            known = (registered.get(m.id_number) for m in household.members)
            todo.append((household, members, next((pk for pk in known if pk), None)))
    if todo:
        _write_households(context, todo)
        _write_residents(context, todo)

    if settings.DEBUG:
        reset_queries()  # DEBUG keeps every query's SQL; bulk inserts make that large
    elapsed = time.monotonic() - context.started
    context.log(
        f"residents: {report.residents_planned:,}/{target:,} planned, "
        f"{report.residents:,} created, {report.households:,} households created "
        f"({elapsed:.1f} s)"
    )


_Todo = list[tuple[PlannedHousehold, list[PlannedMember], int | None]]


def _write_households(context: _Context, todo: _Todo) -> None:
    """Create the households that have no registered member yet; fill in their keys."""
    new = [
        (index, household)
        for index, (household, _, household_id) in enumerate(todo)
        if household_id is None
    ]
    if not new:
        return
    created = bulk_create_with_history(
        [
            Household(
                community=context.communities[household.community],
                compound=(
                    context.compounds[household.community, household.compound]
                    if household.compound
                    else None
                ),
                address=household.address,
                registration_type=household.registration_type,
            )
            for _, household in new
        ],
        Household,
        default_date=context.now,
        default_change_reason=CHANGE_REASON,
    )
    for (index, household), row in zip(new, created, strict=True):
        todo[index] = (household, todo[index][1], row.pk)
    context.report.households += len(created)
    context.report.history_rows += len(created)


def _write_residents(context: _Context, todo: _Todo) -> None:
    report = context.report
    residents = []
    planned_tags = []
    for household, members, household_id in todo:
        community = context.communities[household.community]
        for member in members:
            residents.append(
                Resident(
                    community=community,
                    household_id=household_id,
                    relation_to_head=member.relation,
                    name=member.name,
                    gender=member.gender,
                    id_number=member.id_number,
                    birth_date=member.birth_date,
                    phone=member.phone,
                )
            )
            planned_tags.append(member.tags)
    created = bulk_create_with_history(
        residents,
        Resident,
        default_date=context.now,
        default_change_reason=CHANGE_REASON,
    )
    report.residents += len(created)
    report.history_rows += len(created)

    through = Resident.tags.through
    links = [
        through(resident_id=resident.pk, tag_id=context.tags[slug].pk)
        for resident, slugs in zip(created, planned_tags, strict=True)
        for slug in slugs
    ]
    if not links:
        return
    links = through.objects.bulk_create(links)
    report.tag_links += len(links)

    # The tags as of each resident's "+" history row, as simple_history records them.
    history_ids: dict[int, int] = {}
    resident_ids = sorted({link.resident_id for link in links})
    for chunk in _chunks(resident_ids):
        rows = (
            Resident.history.filter(id__in=chunk, history_date=context.now, history_type="+")
            .order_by("history_id")
            .values_list("id", "history_id")
        )
        history_ids.update(rows)
    m2m_rows = context.m2m_history.objects.bulk_create(
        context.m2m_history(
            history_id=history_ids[link.resident_id],
            id=link.pk,
            resident_id=link.resident_id,
            tag_id=link.tag_id,
        )
        for link in links
    )
    report.history_rows += len(m2m_rows)
