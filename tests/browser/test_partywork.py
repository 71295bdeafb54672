"""Party work in a real browser: a branch secretary generates the year's twelve Party
days from the seed's themes (one edited) at a desk, and checks the branch's overdue
meetings on a phone."""

import datetime as dt

import pytest
import time_machine

from partywork.models import MeetingKind, PartyDay
from partywork.services.meetings import meeting_record
from portal.events.models import Audience
from tests.assistance.fixtures import at
from tests.partywork.fixtures import branch_a, members_a, secretary_a  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_secretary_generates_the_years_party_days(desktop, secretary_a, members_a, branch_a):  # noqa: F811
    screen = desktop
    screen.log_in_as_staff(secretary_a)
    screen.go(branch_a.get_absolute_url())
    screen.page.click("#plan-generate")
    screen.page.fill("#id_year", "2027")
    assert screen.page.input_value("#id_theme_1") == "春节慰问老党员活动"
    screen.page.fill("#id_theme_9", "《榜样》专题片观影")
    screen.shot("plan-form")
    screen.page.click("main input[type=submit], main button[type=submit]")
    screen.page.wait_for_url(f"**{branch_a.get_absolute_url()}")
    days = PartyDay.objects.filter(plan__organisation=branch_a, plan__year=2027)
    assert days.count() == 12
    assert days.get(month=9).event.title == "《榜样》专题片观影"
    assert {day.event.audience for day in days} == {Audience.MEMBERS}
    screen.go(f"/staff/partywork/{branch_a.pk}/party-days/?year=2027")
    assert screen.page.locator("#party-day-table tbody tr").count() == 12
    assert "《榜样》专题片观影" in screen.page.inner_text("#party-day-table")
    screen.shot("plan")
    assert not screen.errors, screen.errors


def test_a_secretary_checks_the_overdue_meetings_on_a_phone(
    phone,
    secretary_a,  # noqa: F811
    members_a,  # noqa: F811
    branch_a,  # noqa: F811
):
    people = [m.resident for m in members_a]
    for day in (dt.date(2026, 1, 20), dt.date(2026, 4, 20), dt.date(2026, 10, 20)):
        meeting_record(
            organisation=branch_a,
            kind=MeetingKind.GENERAL_ASSEMBLY,
            held_on=day,
            topic="学习",
            attendees=people,
            by=secretary_a,
        )
    with time_machine.travel(at(dt.date(2026, 11, 20), 10), tick=True):
        phone.log_in_as_staff(secretary_a)
        phone.go("/staff/partywork/overdue/")
        table = phone.page.inner_text("#overdue-table")
        assert branch_a.name in table
        # The third quarter's 党员大会 was not held; the fourth is still running.
        assert "党员大会 · 2026-07-01 – 2026-09-30" in table
        assert "党员大会 · 2026-10-01" not in table
        assert phone.fits_the_screen()
        phone.shot("overdue-list")
        phone.page.click(f"#overdue-table a[href='{branch_a.get_absolute_url()}']")
        phone.page.wait_for_url(f"**{branch_a.get_absolute_url()}")
        assert "2026-07-01" in phone.page.inner_text("#overdue")
        phone.shot("branch")
        assert not phone.errors, phone.errors
