"""A 低保 case through the real pages, on a phone, from application to the third month
of payment: the community worker applies, surveys and publishes; a resident objects on
the public notice; the worker answers and publishes again; the sub-district confirms in
a batch; the worker records the household's bank account; the office enters a raise of
the standard late and downloads April's roster with the raise, March's back-pay and the
account's last four digits. The clock is moved between the steps (time-machine moves it for the
live server's thread too); every step logs in afresh, as a new day would."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from openpyxl import load_workbook

from assistance.models import Application, Standard, Status
from assistance.services import applications as services
from portal.notices.models import NoticeObjection
from tests.assistance.fixtures import at, close_rosters
from tests.browser.conftest import PHONE, Screen
from tests.conftest import PASSWORD
from tests.factories import ResidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def day(chromium, live_server, request):
    """``day(date, name)``: a fresh phone for that day, logged in as nobody yet; the
    screens opened are kept in ``day.screens``."""

    def open_on(date: dt.date, name: str) -> Screen:
        screen = Screen(chromium.new_context(**PHONE), live_server.url, f"{date:%m%d}-{name}")
        open_on.screens.append(screen)
        return screen

    open_on.screens = []
    yield open_on
    for screen in open_on.screens:
        screen.context.close()


def log_in(screen: Screen, user, landing: str = "**/staff/") -> None:
    screen.go("/accounts/login/")
    screen.page.fill("#id_username", user.username)
    screen.page.fill("#id_password", PASSWORD)
    screen.page.click("main input[type=submit], main button[type=submit]")
    screen.page.wait_for_url(landing)


def take_step(screen: Screen, to: str, opinion: str = "", category: str = "") -> None:
    if opinion:
        screen.page.fill("#id_opinion", opinion)
    if category:
        screen.page.select_option("#id_category", category)
    screen.page.click(f"#step-form button[value={to}]")
    screen.page.wait_for_load_state()


def test_dibao_case_from_application_to_the_third_month_of_payment(
    day,
    programmes,
    zhang_household,
    staff_a,
    subdistrict_user,
    resident_user,
):
    # The office will enter the March raise late, on 20 March.
    Standard.objects.filter(programme__code="dibao-urban", effective_from="2026-03-01").delete()
    urban = programmes["dibao-urban"]

    # 5 January: the community worker applies for 张伟's household and surveys it.
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=True):
        worker = day(dt.date(2026, 1, 5), "worker")
        log_in(worker, staff_a)
        worker.go(f"/staff/assistance/new/?household={zhang_household.pk}")
        worker.page.select_option("#id_programme", str(urban.pk))
        worker.page.fill("#id_reason", "户主失业，子女上学")
        worker.page.click("#application-form button[type=submit], form [type=submit] >> nth=-1")
        worker.page.wait_for_url("**/staff/assistance/*/")
        application = Application.objects.get()
        assert worker.fits_the_screen()
        take_step(worker, "accepted")
        worker.go(f"/staff/assistance/{application.pk}/survey/")
        head = application.members.get(resident__name="张伟")
        worker.page.select_option("#id_incomes-0-member", str(head.pk))
        worker.page.select_option("#id_incomes-0-category", "wages")
        worker.page.fill("#id_incomes-0-description", "打零工")
        worker.page.fill("#id_incomes-0-amount", "18000")
        worker.page.click("text=保存调查")
        worker.page.wait_for_load_state()
        worker.shot("1-survey")
        assert worker.fits_the_screen()
        worker.go(f"/staff/assistance/{application.pk}/")
        take_step(worker, "investigated", "入户调查：无车辆，收入属实", category="C")
        take_step(worker, "reviewed", "社区评议通过")
        take_step(worker, "publicity")
        application.refresh_from_db()
        assert application.status == Status.PUBLICITY
        assert application.proposed_amount == Decimal("1910.00")
        notice = application.current_notice()
        worker.shot("2-publicity")

    # 7 January: a resident reads the 公示 (name masked) and objects on the page.
    with time_machine.travel(at(dt.date(2026, 1, 7)), tick=True):
        # Only a resident linked to the registry objects on the page (issue 12.3).
        resident_user.resident = ResidentFactory(community=zhang_household.community, name="李梅")
        resident_user.save()
        neighbour = day(dt.date(2026, 1, 7), "neighbour")
        log_in(neighbour, resident_user, landing="**/")
        neighbour.go(f"/notices/{notice.pk}/")
        text = neighbour.page.inner_text("main")
        assert "张*" in text and "张伟" not in text
        for member in zhang_household.members.all():
            assert member.id_number not in neighbour.page.content()
        neighbour.page.fill("#objection-form textarea", "该户有一辆营运车辆未申报")
        neighbour.page.click("#objection-form [type=submit]")
        neighbour.page.wait_for_load_state()
        neighbour.shot("3-objection")
        assert neighbour.fits_the_screen()
    # Recorded; the notice stays up until staff accept it.
    application.refresh_from_db()
    assert application.status == Status.PUBLICITY

    # 8 January: the worker answers the objection, re-surveys and publishes again.
    with time_machine.travel(at(dt.date(2026, 1, 8)), tick=True):
        worker = day(dt.date(2026, 1, 8), "worker-again")
        log_in(worker, staff_a)
        worker.go(f"/staff/assistance/{application.pk}/")
        objection = NoticeObjection.objects.get()
        worker.page.click(f"form[action$='/objections/{objection.pk}/accept/'] [type=submit]")
        worker.page.wait_for_load_state()
        application.refresh_from_db()
        assert application.status == Status.ACCEPTED
        worker.page.fill(f"#answer-{objection.pk}", "经核查车辆已于2025年转让，异议不成立")
        worker.page.click(f"form[action$='/objections/{objection.pk}/answer/'] [type=submit]")
        worker.page.wait_for_load_state()
        take_step(worker, "investigated", "复查：车辆已转让", category="C")
        take_step(worker, "reviewed", "复议通过")
        take_step(worker, "publicity")
        application.refresh_from_db()
        assert application.status == Status.PUBLICITY
        assert application.current_notice().period_ends == dt.date(2026, 1, 14)

    # 16 January, the period over: the sub-district confirms from its to-do list.
    with time_machine.travel(at(dt.date(2026, 1, 16)), tick=True):
        office = day(dt.date(2026, 1, 16), "office")
        log_in(office, subdistrict_user)
        office.go("/staff/assistance/?tab=todo")
        office.page.check(f"#confirm-{application.pk}")
        office.page.click("#batch-confirm button[type=submit]")
        office.page.wait_for_load_state()
        office.shot("4-confirmed")
        assert office.fits_the_screen()
    application.refresh_from_db()
    assert (application.status, application.certificate_number) == (
        Status.CONFIRMED,
        "CS20260001",
    )

    # 20 January: the household brings its bank card; the worker records it from the case
    # page, which flagged the missing account.
    with time_machine.travel(at(dt.date(2026, 1, 20)), tick=True):
        worker = day(dt.date(2026, 1, 20), "account")
        log_in(worker, staff_a)
        worker.go(f"/staff/assistance/{application.pk}/")
        assert worker.page.is_visible("#account-missing")
        worker.page.click("#account-link")
        worker.page.fill("#id_bank_name", "中国农业银行宁波鄞州支行")
        worker.page.fill("#id_account_name", "张伟")
        worker.page.fill("#id_account_number", "6228 4800 1000 1234 567")
        worker.shot("5-account")
        assert worker.fits_the_screen()
        worker.page.click("main form [type=submit]")
        worker.page.wait_for_url(f"**/staff/assistance/{application.pk}/")
        assert worker.page.inner_text("#account-number") == "6228480010001234567"
        assert not worker.page.is_visible("#account-missing")

    # Beat starts payment on the 1st of February; February's roster is paid.
    services.payments_start(dt.date(2026, 2, 1))
    close_rosters(dt.date(2026, 2, 1), dt.date(2026, 2, 1), subdistrict_user)

    # 10 March: the bank has paid March's roster; the office closes the month.
    with time_machine.travel(at(dt.date(2026, 3, 10)), tick=True):
        office = day(dt.date(2026, 3, 10), "close")
        log_in(office, subdistrict_user)
        office.go("/staff/assistance/roster/")
        assert office.page.input_value("#id_close-month") == "2026-03"
        office.page.check("#id_close-confirm")
        office.page.click("#paid-months [type=submit]")
        office.page.wait_for_selector("#closed-months")
        assert "2026年3月" in office.page.inner_text("#closed-months")
        office.shot("6-closed")

    # 20 March: the raise to 1,180 from 1 March is entered on the standards page.
    with time_machine.travel(at(dt.date(2026, 3, 20)), tick=True):
        office = day(dt.date(2026, 3, 20), "standard")
        log_in(office, subdistrict_user)
        office.go("/staff/assistance/standards/")
        office.page.select_option("#id_programme", str(urban.pk))
        office.page.select_option("#id_registration_type", "urban")
        office.page.fill("#id_monthly_amount", "1180")
        office.page.fill("#id_effective_from", "2026-03")
        office.page.fill("#id_document", "甬民发〔2026〕3号")
        office.page.click("main form [type=submit]")
        office.page.wait_for_load_state()
        office.shot("6b-standard")
    assert Standard.objects.filter(programme=urban, effective_from="2026-03-01").exists()

    # 2 April: April's roster, the third month paid: 2,158 and March's 248 back-pay.
    with time_machine.travel(at(dt.date(2026, 4, 2)), tick=True):
        office = day(dt.date(2026, 4, 2), "roster")
        log_in(office, subdistrict_user)
        office.go("/staff/assistance/roster/")
        office.page.fill("#id_month", "2026-04")
        office.page.click("main form [type=submit]")
        office.page.wait_for_url("**/staff/reports/*/")
        office.page.wait_for_selector("a[href$='/download/']")
        office.shot("7-roster")
        assert office.fits_the_screen()
        with office.page.expect_download() as download:
            office.page.click("a[href$='/download/']")
        book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    case = next(r for r in rows if r[2] == "CS20260001")
    assert case[3] == "张*"  # the head's name, masked
    account = dict(zip(header, case, strict=True))
    assert (account["银行账号"], account["账号状态"]) == ("****4567", "正常")
    assert [Decimal(str(v)) for v in case[-4:]] == [
        Decimal("1180"),
        Decimal("2158"),
        Decimal("248"),
        Decimal("2406"),
    ]
    # No console errors (a CSP violation would show there) on any of the days.
    assert not [error for screen in day.screens for error in screen.errors]
