"""The assistance demo: ``seed_demo`` runs the kernel's demo (300 residents) and then
``assistance.demo.seed_assistance``, on 29 November 2026.

Checked: every workflow state is there, a second run creates nothing, a 公示 running today
shows masked names only, and the March roster equals amounts worked out by hand from the
surveys in ``assistance/demo_cases.py``.
"""

import datetime as dt
import re
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from stdnum.cn import uscc

from assistance import demo
from assistance.demo_cases import CASES
from assistance.models import (
    Allocation,
    Application,
    ClaimStatus,
    Donation,
    Donor,
    MedicalClaim,
    MedicalFund,
    Status,
)
from assistance.roster import roster_rows
from portal.guide.models import ServiceEntry
from portal.notices.models import NoticeObjection, NoticeStatus
from tests.assistance.conftest import at

pytestmark = pytest.mark.django_db

YEAR = 2026
TODAY = dt.date(YEAR, 11, 29)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The whole demo as ``manage.py seed_demo`` makes it, today being 29 November:
    made once for this module, in a transaction rolled back after its last test."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(at(TODAY), tick=False),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("seed_demo", force=True, residents=300, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_data, db):
    """Each test in a savepoint of the module's transaction, still on 29 November."""
    with time_machine.travel(at(TODAY, 11), tick=False):
        yield demo_data


def application(address: str, programme: str = "dibao-urban") -> Application:
    return Application.objects.select_related("programme").get(
        household__address=address, programme__code=programme
    )


D = Decimal


# --- states and idempotency ----------------------------------------------------------------


def test_every_workflow_state_is_there(seeded):
    assert "assistance demo:" not in seeded  # no case skipped or stopped short
    assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
    for case in CASES:
        assert application(case.address, case.programme).status == case.expected, case.key
    # In payment for several months: the January cases from February on.
    january = Application.objects.filter(payment_starts=dt.date(YEAR, 2, 1))
    assert january.count() == 8
    assert {a.status for a in january} == {Status.PAYING, Status.STOPPED}


def test_a_second_run_creates_nothing(seeded):
    counts = demo._counts()
    out = StringIO()
    call_command("seed_demo", force=True, residents=300, stdout=out)
    assert demo.seed_assistance() == 0
    assert re.search(r"assistance records\s+0$", out.getvalue(), re.MULTILINE)
    assert demo._counts() == counts


def test_certificates_steps_and_dates(seeded):
    numbers = {
        (a.household.address, a.programme.code): a.certificate_number
        for a in Application.objects.exclude(certificate_number="").select_related(
            "household", "programme"
        )
    }
    assert numbers == {
        # The January batch, numbered in the order confirmed.
        ("东南花园1幢103室", "dibao-urban"): "CS20260001",
        ("金桥水岸1幢103室", "dibao-urban"): "CS20260002",
        ("东南新村1幢101室", "dibao-rural"): "NC20260001",
        ("东南新村1幢102室", "dibao-rural"): "NC20260002",
        ("雅苑新村1幢102室", "dibao-urban"): "CS20260003",
        ("金桥水岸1幢102室", "destitute-home"): "TF20260001",
        ("金桥水岸1幢101室", "dibao-urban"): "CS20260004",
        ("殷家坑新村1幢202室", "veteran"): "YF20260001",
        # Later in the year.
        ("东南新村1幢301室", "dibao-margin"): "BY20260001",
        ("东南花园1幢203室", "dibao-rural"): "NC20260003",
        ("东南花园1幢101室", "temporary-expense"): "LZ20260001",
        ("宜家花园1幢102室", "dibao-urban"): "CS20260005",  # today, paid from December
    }
    case = application("东南花园1幢103室")
    steps = [(s.to_status, s.at, s.by.username if s.by else None) for s in case.steps.all()]
    assert steps == [
        (Status.SUBMITTED, at(dt.date(YEAR, 1, 5), 9), "dongnan"),
        (Status.ACCEPTED, at(dt.date(YEAR, 1, 6), 9), "dongnan"),
        (Status.INVESTIGATED, at(dt.date(YEAR, 1, 9)), "dongnan"),
        (Status.REVIEWED, at(dt.date(YEAR, 1, 12), 15), "dongnan"),
        (Status.PUBLICITY, at(dt.date(YEAR, 1, 13), 9), "dongnan"),
        (Status.CONFIRMED, at(dt.date(YEAR, 1, 21)), "jiedao"),
        (Status.PAYING, at(dt.date(YEAR, 2, 1), 0), None),  # payments_start of that day
        (Status.REVIEWING, at(dt.date(YEAR, 7, 20)), "dongnan"),
        (Status.PAYING, at(dt.date(YEAR, 7, 28)), "dongnan"),
    ]
    notice = case.current_notice()
    assert notice.published_at == at(dt.date(YEAR, 1, 13), 9)
    assert (notice.period_starts, notice.period_ends) == (
        dt.date(YEAR, 1, 13),
        dt.date(YEAR, 1, 19),
    )
    # The online request of the resident account's household, paid once in October.
    temporary = application("东南花园1幢101室", "temporary-expense")
    assert temporary.channel == "online" and temporary.submitted_by.username == "jumin"
    assert [r.monthly_amount for r in roster_rows(dt.date(YEAR, 10, 1)) if r.one_off] == [
        D("5000.00")
    ]
    # Refusals carry their written reasons.
    for address, status in (
        ("东南花园1幢201室", "not_accepted"),
        ("东南花园1幢102室", "not_confirmed"),
    ):
        refused = Application.objects.get(household__address=address)
        assert refused.status == status
        assert "决定不予" in refused.steps.last().opinion


# --- 公示 ----------------------------------------------------------------------------------


def test_a_publicity_runs_today_with_masked_names(seeded, client):
    case = application("雅苑花园1幢102室")
    notice = case.current_notice()
    assert notice.status == NoticeStatus.PUBLISHED
    assert notice.period_starts == TODAY - dt.timedelta(days=2)
    assert notice.period_ends == TODAY + dt.timedelta(days=4)
    with time_machine.travel(at(TODAY, 12), tick=False):
        assert notice.accepts_objections
        page = client.get(f"/notices/{notice.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "应**" in html
    for member in case.household.members.all():
        assert member.name not in html
        assert member.id_number not in html
    assert not re.search(r"\d{17}[\dX]", html)  # no ID number of anyone


def test_an_objection_reopened_a_case_that_was_published_again(seeded, client):
    case = application("东南花园1幢202室")
    objection = NoticeObjection.objects.get()
    assert objection.submitted_by.username == "jumin"
    assert objection.status == "answered" and "7200" in objection.answer
    first, second = (s.notice for s in case.steps.filter(notice__isnull=False).order_by("pk"))
    assert objection.notice == first and first.status == NoticeStatus.WITHDRAWN
    assert (second.period_starts, second.period_ends) == (TODAY, TODAY + dt.timedelta(days=6))
    assert [s.to_status for s in case.steps.all()][-5:] == [
        Status.PUBLICITY,
        Status.ACCEPTED,  # the objection, by nobody
        Status.INVESTIGATED,
        Status.REVIEWED,
        Status.PUBLICITY,
    ]
    # (30,000 + 7,200 of the shop, found on the objection) / 12 = 3,100 a month,
    # 1033.33 a head; rounded once from the household: 1180 × 3 − 3100 = 440.00 (per
    # head first would give 146.67 × 3 = 440.01; it was 1040.00 before the objection).
    assert (case.per_capita_income, case.proposed_amount) == (D("1033.33"), D("440.00"))
    with time_machine.travel(at(TODAY, 12), tick=False):
        assert client.get(f"/notices/{first.pk}/").status_code == 410  # withdrawn
        page = client.get(f"/notices/{second.pk}/").content.decode()
    assert "胡**" in page and "胡国荣" not in page


# --- the March roster, by hand --------------------------------------------------------------


def test_march_roster_matches_hand_computation(seeded):
    """March 2026: the urban standard is 1180 from 1 March, the rural one still 980 (it
    rises to 1060 in April). Amount = (standard − per-capita income) × members counted
    + 分类施保 add-ons (10 % of the standard for each member ≥ 60 or < 18, 20 % for the
    severely disabled or seriously ill, the largest per member); per-capita income =
    counted income over the 12 months / 12 / members counted, in cents (shown; the amount
    is computed from the household's monthly income, standard × members − income, and
    rounded once). Ages on 1 March. The raises were entered before the January
    confirmations, so each was paid from its own month: nothing to back-pay (arrears 0).
    March's roster was paid and closed on 10 March: these are the amounts paid."""
    rows = [
        (
            r.community,
            r.programme,
            r.certificate_number,
            r.head_name,
            r.members,
            r.per_capita_income,
            r.standard,
            r.monthly_amount,
            r.arrears,
            r.total,
        )
        for r in roster_rows(dt.date(YEAR, 3, 1))
    ]
    assert rows == [
        # 许海波, 刘静, 许嘉豪 (9): (15,600 wages + 2,880 失业保险金) / 12 / 3
        #   = 18,480 / 36 = 513.333 → 513.33 shown; household 18,480 / 12 = 1,540 a
        #   month: 1180 × 3 − 1540 = 2000.00 (not 666.67 × 3 = 2000.01);
        #   + 10 % × 1180 = 118 for the child = 2118.00
        ("东南", "城市低保", "CS20260001", "许海波", 3,
         D("513.33"), D("1180"), D("2118.00"), D("0"), D("2118.00")),
        # 徐海根 (77), 陈秀珍 (73): 9,600 退休金 + the son's support 200 × 12 = 2,400
        #   (agreed 200 a month, more than the formula's (1200 − 1180) × 3 × 50 % = 30)
        #   (her 3,960 基础养老金 not counted) = 12,000 / 12 / 2 = 500.00;
        #   (1180 − 500) × 2 = 1360; + 2 × 118 for the two elderly = 1596.00
        ("东南", "城市低保", "CS20260002", "徐海根", 2,
         D("500.00"), D("1180"), D("1596.00"), D("0"), D("1596.00")),
        # 谢俊, 李颖, 谢思琪 (9), 林海燕 (58): (24,000 + 6,000) / 12 / 4 = 625.00 (her 3,600
        #   优待抚恤金 not counted); (1180 − 625) × 4 = 2220; + 118 for the child = 2338.00
        #   (stopped in June: gone from July)
        ("东南", "城市低保", "CS20260004", "谢俊", 4,
         D("625.00"), D("1180"), D("2338.00"), D("0"), D("2338.00")),
        # Rural, still 980 in March. 张辉, 周婷婷 (severely disabled), 张梓涵 (7):
        #   21,600 / 12 / 3 = 600.00 (the 2,400 disability allowances not counted);
        #   (980 − 600) × 3 = 1140; + 20 % × 980 = 196 + 10 % × 980 = 98 = 1434.00
        ("东南", "农村低保", "NC20260001", "张辉", 3,
         D("600.00"), D("980"), D("1434.00"), D("0"), D("1434.00")),
        # 潘海军 (64), 邵芳 (64): 6,000 farming / 12 / 2 = 250.00 (two 基础养老金 not
        #   counted); (980 − 250) × 2 = 1460; + 2 × 98 = 1656.00
        ("东南", "农村低保", "NC20260002", "潘海军", 2,
         D("250.00"), D("980"), D("1656.00"), D("0"), D("1656.00")),
        # 周永康 (88), alone, 半护理: no counted income; 1.3 × 1180 = 1534 (no own urban
        #   standard to compare) + 400 care = 1934.00; the standard shown is the 低保 one
        ("东南", "特困供养（分散）", "TF20260001", "周永康", 1,
         D("0.00"), D("1180"), D("1934.00"), D("0"), D("1934.00")),
        # 邵振华 (seriously ill), 孙霞; 邵佳明 not counted (his 60,000 neither):
        #   19,200 / 12 / 2 = 800.00; (1180 − 800) × 2 = 760; + 20 % × 1180 = 236 = 996.00
        ("雅苑", "城市低保", "CS20260003", "邵振华", 2,
         D("800.00"), D("1180"), D("996.00"), D("0"), D("996.00")),
        # 郑财根 alone counted (the other four are not 优抚对象): 600 × 1 = 600.00
        ("殷家", "优抚", "YF20260001", "郑财根", 1,
         D("0.00"), D("600"), D("600.00"), D("0"), D("600.00")),
    ]  # fmt: skip
    # 2118 + 1596 + 2338 + 1434 + 1656 + 1934 + 996 + 600 = 12672.00
    assert sum(r[-1] for r in rows) == D("12672.00")


def test_other_months_follow_the_raises_the_review_and_the_stop(seeded):
    def amounts(month: int) -> dict[str, Decimal]:
        return {
            r.certificate_number: r.monthly_amount for r in roster_rows(dt.date(YEAR, month, 1))
        }

    assert roster_rows(dt.date(YEAR, 1, 1)) == []  # confirmed in January, paid from February
    february, april = amounts(2), amounts(4)
    # February, urban standard 1100: 1100 × 3 − 1540 = 1760 + 110
    assert february["CS20260001"] == D("1870.00")
    # 1.3 × 1100 = 1430 + 400 care
    assert february["TF20260001"] == D("1830.00")
    # April, rural 1060: (1060 − 600) × 3 = 1380 + 212 + 106; (1060 − 250) × 2 = 1620 + 2 × 106
    assert (april["NC20260001"], april["NC20260002"]) == (D("1698.00"), D("1832.00"))
    # Stopped on 15 June: paid in June, not from July.
    assert "CS20260004" in amounts(6) and "CS20260004" not in amounts(7)
    # The July review (24 July, after July's roster was paid on the 10th) found steady
    # wages (24,000): (24,000 + 2,880) / 12 = 2,240 a month; 1180 × 3 − 2240 = 1300
    # + 118 = 1418.00, from August.
    assert (amounts(7)["CS20260001"], amounts(8)["CS20260001"]) == (D("2118.00"), D("1418.00"))
    # Confirmed in May (rural 1060): (1060 − 875) × 4 = 740 + 106 for 沈伟 (66)
    # + 212 for 陈丽娟 (63, severely disabled: 20 % beats 10 %) = 1058.00, from June.
    assert "NC20260003" not in amounts(5) and amounts(6)["NC20260003"] == D("1058.00")
    # 低保边缘 pays no money here (no own standard): never on the roster.
    assert "BY20260001" not in amounts(11)


# --- medical assistance, charity, the guide ----------------------------------------------


def test_medical_fund_and_claims(seeded):
    fund = MedicalFund.objects.get(year=YEAR)
    assert (fund.budget, fund.cap_per_person, fund.reimbursement_percent) == (
        D("300000"),
        D("50000"),
        D("70"),
    )
    claims = {
        (c.patient.name, c.treated_from.month): (c.status, c.amount)
        for c in MedicalClaim.objects.select_related("patient")
    }
    assert claims == {
        # treated from February, his first month in 低保 (eligibility on the treatment day)
        ("邵振华", 2): (ClaimStatus.APPROVED, D("8820.00")),  # 12,600 × 70 %
        ("邵振华", 4): (ClaimStatus.APPROVED, D("8505.00")),  # 12,150 × 70 %
        ("周婷婷", 5): (ClaimStatus.REJECTED, D("0.00")),
        ("吴茂林", 9): (ClaimStatus.SUBMITTED, D("26880.00")),  # proposed: 38,400 × 70 %
    }


def test_charity_and_guide_links(seeded):
    enterprises = Donor.objects.filter(kind="enterprise")
    assert enterprises.count() == 2
    for donor in Donor.objects.exclude(kind="individual"):
        assert uscc.is_valid(donor.credit_code), donor.name
    assert Donor.objects.filter(kind="organisation").count() == 1
    assert Donor.objects.filter(kind="individual", credit_code="").count() == 2
    assert set(Donation.objects.values_list("kind", flat=True)) == {"money", "goods", "labour"}
    assert {d.year for d in Donation.objects.values_list("received_on", flat=True)} == {
        YEAR - 1,
        YEAR,
    }
    assert Allocation.objects.filter(household__isnull=False).exists()
    assert Allocation.objects.filter(project="春节送温暖").count() == 2
    for donation in Donation.objects.with_allocated():
        assert donation.allocated <= donation.value
    paths = dict(ServiceEntry.objects.exclude(online_path="").values_list("slug", "online_path"))
    # The assistance entries (the other apps link theirs too).
    assert paths["linshi-jiuzhu"] == "/assistance/apply/"
    assert paths["cishan-juanzeng-qiuzhu"] == "/assistance/charity/"
