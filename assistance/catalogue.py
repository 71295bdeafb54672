"""The programmes, standards, non-counted incomes and special diseases of the demo
sub-district: what ``seed_demo`` installs and what the tests compute against.

Amounts are the demo's, in the range of a Zhejiang city; the raises follow the seed plan
(urban 低保 from March, rural 低保, 五保 (特困) support and the orphans' allowance from
April of ``year``). A real office enters its own in the admin.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from assistance.models import (
    CareTier,
    IncomeExclusion,
    Programme,
    Rule,
    SpecialDisease,
    Standard,
)
from portal.registry.models import RegistrationType

URBAN, RURAL = RegistrationType.URBAN, RegistrationType.RURAL

# code, name, rule, registration, paid monthly, 公示, certificate prefix
PROGRAMMES = [
    ("dibao-urban", "城市低保", Rule.SUBSISTENCE, URBAN, True, True, "CS"),
    ("dibao-rural", "农村低保", Rule.SUBSISTENCE, RURAL, True, True, "NC"),
    ("dibao-margin", "低保边缘家庭", Rule.MARGIN, "", True, True, "BY"),
    ("destitute-institution", "特困供养（集中）", Rule.DESTITUTE, "", True, True, "TJ"),
    ("destitute-home", "特困供养（分散）", Rule.DESTITUTE, "", True, True, "TF"),
    ("temporary-emergency", "临时救助（急难型）", Rule.TEMPORARY, "", False, False, "LJ"),
    ("temporary-expense", "临时救助（支出型）", Rule.TEMPORARY, "", False, False, "LZ"),
    ("special-disease", "特殊疾病医疗救助", Rule.MEDICAL, "", False, False, "YL"),
    # Children and students are not named in public: no 公示.
    ("orphan", "孤儿基本生活费", Rule.ALLOWANCE, "", True, False, "GE"),
    ("student", "困难学生资助", Rule.ALLOWANCE, "", False, False, "XZ"),
    ("veteran", "优抚", Rule.ALLOWANCE, "", True, False, "YF"),
]


def standards(year: int) -> list[tuple[str, str, str, str, dt.date]]:
    """(programme code, registration, care tier, yuan per person per month, from)."""
    last_july = dt.date(year - 1, 7, 1)
    last_january = dt.date(year - 1, 1, 1)
    march, april = dt.date(year, 3, 1), dt.date(year, 4, 1)
    rows = [
        ("dibao-urban", URBAN, "", "1100", last_july),
        ("dibao-urban", URBAN, "", "1180", march),
        ("dibao-rural", RURAL, "", "980", last_july),
        ("dibao-rural", RURAL, "", "1060", april),
        # Rural 五保 support raised with the rural standard (above 1.3 × 低保).
        ("destitute-home", RURAL, "", "1300", last_july),
        ("destitute-home", RURAL, "", "1400", april),
        ("orphan", "", "", "1800", last_january),
        ("orphan", "", "", "1900", april),
        ("student", "", "", "1000", last_january),
        ("veteran", "", "", "600", last_january),
    ]
    care = {
        "destitute-institution": ("200", "500", "1000"),
        "destitute-home": ("150", "400", "800"),
    }
    for code, amounts in care.items():
        for tier, amount in zip(CareTier.values, amounts, strict=True):
            rows.append((code, "", tier, amount, last_july))
    return rows


INCOME_EXCLUSIONS = [
    "优待抚恤金",
    "计划生育奖励扶助金",
    "奖学金、助学金",
    "见义勇为奖励",
    "政府发放的社会救助资金和物资",
    "城乡居民基础养老金",
    "困难残疾人生活补贴和重度残疾人护理补贴",
]

SPECIAL_DISEASES = [
    "恶性肿瘤",
    "尿毒症",
    "器官移植术后抗排异治疗",
    "白血病",
    "再生障碍性贫血",
    "血友病",
    "系统性红斑狼疮",
    "严重精神障碍",
    "耐多药肺结核",
]


#: 支出型 temporary assistance tests income after rigid expenses and assets (§3.5, §3.7).
EXPENSE_TESTED = frozenset({"temporary-expense"})


@transaction.atomic
def install_catalogue(year: int) -> int:
    """Create whatever of the catalogue is missing; returns the rows created."""
    created = 0
    programmes = {}
    for position, (code, name, rule, registration, monthly, publicity, prefix) in enumerate(
        PROGRAMMES, start=1
    ):
        programmes[code], new = Programme.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "rule": rule,
                "registration_type": registration,
                "pays_monthly": monthly,
                "needs_publicity": publicity,
                "certificate_prefix": prefix,
                "position": position,
                "expense_test": code in EXPENSE_TESTED,
            },
        )
        created += new
    for code, registration, tier, amount, starts in standards(year):
        _, new = Standard.objects.get_or_create(
            programme=programmes[code],
            registration_type=registration,
            care_tier=tier,
            effective_from=starts,
            defaults={"monthly_amount": Decimal(amount)},
        )
        created += new
    for position, name in enumerate(INCOME_EXCLUSIONS, start=1):
        created += IncomeExclusion.objects.get_or_create(
            name=name, defaults={"position": position}
        )[1]
    for position, name in enumerate(SPECIAL_DISEASES, start=1):
        created += SpecialDisease.objects.get_or_create(name=name, defaults={"position": position})[
            1
        ]
    return created
