"""The payment roster workbook and the ``assistance_roster`` command that writes it."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from assistance.roster import roster_workbook
from assistance.services import applications as services
from portal.registry.models import Relation
from tests.assistance.conftest import add_income, at, household_with, walk_to_publicity

pytestmark = pytest.mark.django_db


def confirm(household, programme, staff, confirmer, *, income="0", amount=None):
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=household,
            programme=programme,
            by=staff,
            reason="生活困难",
            requested_amount=amount,
        )
    if Decimal(income):
        add_income(application, income)
    if programme.needs_publicity:
        walk_to_publicity(application, staff, dt.date(2026, 1, 8))
    else:
        with time_machine.travel(at(dt.date(2026, 1, 8)), tick=False):
            services.application_advance(application=application, to="accepted", by=staff)
            services.application_advance(
                application=application,
                to="investigated",
                by=staff,
                opinion="入户调查",
                category="A",
            )
            services.application_advance(
                application=application, to="reviewed", by=staff, opinion="同意"
            )
    with time_machine.travel(at(dt.date(2026, 2, 20)), tick=False):
        services.application_advance(application=application, to="confirmed", by=confirmer)
    return application


@pytest.fixture
def two_communities(programmes, community_a, community_b, staff_a, staff_b, subdistrict_user):
    """东南: 张伟's couple (income 500 a head) and a one-off 临时救助; 雅苑: 李娜 alone."""
    zhang = household_with(
        community_a,
        [
            ("张伟", dt.date(1975, 4, 2), Relation.HEAD),
            ("王芳", dt.date(1978, 9, 9), Relation.SPOUSE),
        ],
    )
    li = household_with(
        community_b, [("李娜", dt.date(1980, 1, 1), Relation.HEAD)], address="雅苑新村5幢302室"
    )
    urban = programmes["dibao-urban"]
    confirm(zhang, urban, staff_a, subdistrict_user, income="12000")
    confirm(li, urban, staff_b, subdistrict_user)
    confirm(
        zhang, programmes["temporary-emergency"], staff_a, subdistrict_user, amount=Decimal("3000")
    )
    return zhang, li


def sheet_rows(content: bytes, index: int = 0) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[index]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_march_roster_has_a_subtotal_per_community_and_a_total(two_communities):
    content, count = roster_workbook(dt.date(2026, 3, 1))
    assert count == 3  # two monthly payments and the one-off, paid in March
    rows = sheet_rows(content)
    assert rows[0][:4] == ["社区", "救助项目", "证号", "户主"]
    # 东南: (1180 − 500) × 2 = 1360; 雅苑: 1180 × 1 = 1180.
    body = [(r[0], r[3], r[-3]) for r in rows[1:]]
    assert body == [
        ("东南", "张*", 1360),
        ("东南 小计", None, 1360),
        ("雅苑", "李*", 1180),
        ("雅苑 小计", None, 1180),
        ("合计", None, 2540),
    ]
    assert rows[-1][rows[0].index("保障人口数")] == 3


def test_one_off_payment_appears_in_its_month_only(two_communities):
    march = sheet_rows(roster_workbook(dt.date(2026, 3, 1))[0], index=1)
    assert [r[1] for r in march[1:-1]] == ["临时救助（急难型）"]
    assert march[-1][-1] == 3000
    april = sheet_rows(roster_workbook(dt.date(2026, 4, 1))[0], index=1)
    assert april[1:-1] == []


def test_full_identity_roster_names_and_numbers_the_head(two_communities):
    zhang, _ = two_communities
    head = zhang.members.get(name="张伟")
    masked = roster_workbook(dt.date(2026, 3, 1))[0]
    full = roster_workbook(dt.date(2026, 3, 1), full_identity=True)[0]
    assert head.id_number not in str(sheet_rows(masked))
    row = sheet_rows(full)[1]
    assert row[3:5] == ["张伟", head.id_number]


def test_command_writes_the_same_roster(two_communities, tmp_path):
    out = tmp_path / "roster.xlsx"
    call_command("assistance_roster", "2026-03", out=out, stdout=io.StringIO())
    assert sheet_rows(out.read_bytes()) == sheet_rows(roster_workbook(dt.date(2026, 3, 1))[0])
    call_command("assistance_roster", "2026-03", community="雅苑", out=out, stdout=io.StringIO())
    assert [r[0] for r in sheet_rows(out.read_bytes())[1:]] == ["雅苑", "雅苑 小计", "合计"]


def test_command_refuses_a_month_after_next_and_an_unknown_community(db, tmp_path):
    with time_machine.travel(at(dt.date(2026, 11, 29)), tick=False):
        with pytest.raises(CommandError, match="2027-01"):
            call_command("assistance_roster", "2027-01", out=tmp_path / "x.xlsx")
        with pytest.raises(CommandError, match="星空"):
            call_command("assistance_roster", "2026-03", community="星空")
    assert not (tmp_path / "x.xlsx").exists()


def test_command_and_roster_page_take_the_same_months(
    client, db, tmp_path, subdistrict_user, django_capture_on_commit_callbacks
):
    """One rule (``check_roster_month``): next month's roster, prepared ahead for the
    bank, is accepted by both; the month after by neither."""
    from portal.reports.models import ReportJob

    client.force_login(subdistrict_user)
    with time_machine.travel(at(dt.date(2026, 11, 29)), tick=False):
        for month, accepted in (("2026-11", True), ("2026-12", True), ("2027-01", False)):
            out = tmp_path / f"{month}.xlsx"
            try:
                call_command("assistance_roster", month, out=out, stdout=io.StringIO())
            except CommandError:
                by_command = False
            else:
                by_command = out.exists()
            with django_capture_on_commit_callbacks():
                response = client.post(
                    reverse("assistance:roster"), {"month": month, "community": ""}
                )
            by_page = response.status_code == 302
            assert (by_command, by_page) == (accepted, accepted), month
    assert ReportJob.objects.count() == 2
