"""What a new user does, in a phone-sized real browser: a resident finds 低保 in the service
guide, sees this month's Party day, subscribes to the calendar, registers, confirms who
they are, signs up and sees the booking; staff mark attendance and print an hour
certificate."""

import datetime as dt
import re
from decimal import Decimal

import icalendar
import pytest
from django.utils import timezone

from portal.events.models import EventKind, Registration
from tests.events.factories import EventFactory
from tests.factories import HouseholdFactory, ResidentFactory
from tests.guide.factories import ServiceEntryFactory
from tests.notifications.backends import outbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PHONE = "13987654321"
NEW_PASSWORD = "lantern-harbour-7391"


@pytest.fixture
def party_day(community_a):
    """This month's Party day, under way now, with sign-up open until it ends.

    It stays within today's local date, so the phone's day list shows it once even when
    the suite runs near midnight (an event crossing midnight is listed on both days)."""
    now = timezone.localtime().replace(second=0, microsecond=0)
    midnight = now.replace(hour=0, minute=0)
    start = max(now - dt.timedelta(minutes=10), midnight)
    end = min(start + dt.timedelta(hours=2), midnight + dt.timedelta(days=1))
    return EventFactory(
        community=community_a,
        title="“喜看家乡变化，我来建言献策”参观园区活动",
        kind=EventKind.PARTY_DAY,
        starts_at=start,
        ends_at=end,
        signup_closes_at=end,
        capacity=30,
        volunteer_hours=Decimal("2"),
    )


@pytest.fixture
def dibao():
    return ServiceEntryFactory(
        slug="dibao",
        title="最低生活保障（低保）",
        keywords="低保 最低生活保障",
        materials="户口簿、居民身份证\n家庭成员收入证明\n《最低生活保障申请书》",
    )


@pytest.fixture
def registered_person(community_a):
    household = HouseholdFactory(community=community_a, address="东南花园8幢101室")
    return ResidentFactory(community=community_a, household=household, name="王秀兰")


def _last_code() -> str:
    return re.search(r"\d{6}", outbox[-1][1])[0]


def _calendar_path(event) -> str:
    return f"/calendar/?month={timezone.localtime(event.starts_at):%Y-%m}"


def test_a_resident_finds_a_service_subscribes_registers_and_signs_up(
    phone, dibao, party_day, registered_person, settings
):
    settings.SMS_BACKEND = "tests.notifications.backends.OutboxSmsBackend"
    outbox.clear()
    page = phone.page
    # The service guide, from the home page's search box.
    phone.go("/")
    assert phone.fits_the_screen()
    phone.shot("1-home")
    page.fill("#home-search", "低保")
    page.press("#home-search", "Enter")
    page.click(f"#service-{dibao.slug} a")
    assert "《最低生活保障申请书》" in page.inner_text("main")
    assert phone.fits_the_screen()
    phone.shot("2-service")

    # This month's Party day on the calendar (the day list is the phone's month view).
    phone.go(_calendar_path(party_day))
    event_link = page.locator(f".d-md-none a[href='{party_day.get_absolute_url()}']")
    assert event_link.is_visible()
    assert phone.fits_the_screen()
    phone.shot("3-calendar")

    # Subscribing: the feed address parses as a calendar whose entry links back.
    feed_url = page.input_value("#feed-url")
    feed = page.request.get(feed_url)
    entries = list(icalendar.Calendar.from_ical(feed.body()).walk("VEVENT"))
    assert [str(e["URL"]) for e in entries] == [phone.base_url + party_day.get_absolute_url()]

    # The sign-up button leads an anonymous visitor to log in; no account yet, so register.
    event_link.click()
    phone.shot("4-event")
    page.click("#signup-login")
    page.click("a[href^='/accounts/register/']")
    page.fill("#id_phone", NEW_PHONE)
    page.click("#send-code")  # the code comes by text message (the outbox here)
    page.wait_for_load_state()
    page.fill("#id_code", _last_code())
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.check("#id_consent")
    phone.shot("5-register")
    page.click("input[type=submit], button[type=submit] >> nth=-1")

    # Confirm who they are against the registry, then straight back to the event.
    page.wait_for_url("**/accounts/link/**")
    page.fill("#id_name", registered_person.name)
    page.fill("#id_id_number", registered_person.id_number)
    phone.shot("6-link")
    page.click("main input[type=submit], main button[type=submit]")
    # A code goes to the mobile number on record with them; typed in, the account links.
    page.wait_for_selector("#link-code-sent")
    page.fill("#id_code", _last_code())
    phone.shot("6b-link-code")
    page.click("main input[type=submit], main button[type=submit]")
    page.wait_for_url(f"**{party_day.get_absolute_url()}")
    page.click("#signup-button")
    page.wait_for_selector(".alert-success")
    phone.shot("7-signed-up")

    # "My bookings" shows it, with a way to cancel.
    phone.go("/my/bookings/")
    bookings = page.inner_text("#upcoming-bookings")
    assert party_day.title in bookings
    phone.shot("8-my-bookings")
    registration = Registration.objects.get(event=party_day)
    assert registration.resident == registered_person and registration.status == "confirmed"
    assert not phone.errors, phone.errors


def test_staff_mark_attendance_and_print_an_hour_certificate(phone, party_day, resident_a, staff_a):
    Registration.objects.create(event=party_day, resident=resident_a, status="confirmed")
    page = phone.page
    phone.log_in_as_staff(staff_a)

    phone.go(f"/staff/events/{party_day.pk}/")
    row = page.locator(f"#registration-{Registration.objects.get().pk}")
    assert resident_a.name in row.inner_text()
    phone.shot("1-sign-up-list")
    row.locator("button.btn-success").click()  # htmx swaps the row in place
    page.locator(f"#registration-{Registration.objects.get().pk} .text-success").wait_for()
    assert Registration.objects.get().attended

    phone.go("/staff/volunteer-hours/")
    phone.shot("2-hours")
    page.click(f"a[href^='/staff/volunteer-hours/{resident_a.pk}/certificate/']")
    page.click("#issue-certificate")
    page.wait_for_selector("#certificate-number")
    assert page.inner_text("#certificate-hours") == "2.0"
    assert resident_a.name in page.inner_text("article.certificate")
    assert phone.fits_the_screen()
    phone.shot("3-certificate")
    # Printing hides the menu: what goes on paper is the certificate alone.
    page.emulate_media(media="print")
    assert not page.is_visible("header.navbar")
    assert page.is_visible("article.certificate")
    assert not phone.errors, phone.errors


@pytest.mark.parametrize(
    "path",
    ["/", "/services/", "/calendar/", "/calendar/?view=list", "/notices/", "/accounts/register/"],
)
def test_public_pages_fit_a_phone_screen(phone, path, party_day, dibao):
    phone.go(path)
    assert phone.fits_the_screen(), f"{path} scrolls sideways at 390 px"
    assert not phone.errors, phone.errors


STAFF_PAGES = [
    "/staff/",
    "/staff/registry/residents/",
    "/staff/events/",
    "/staff/volunteer-hours/",
    "/staff/services/",
    "/staff/notices/",
    "/staff/notices/new/?kind=publicity",
    "/staff/reports/",
    "/staff/registry/imports/",
    "/inbox/",
    "/inbox/settings/",
]


def test_staff_pages_fit_a_phone_screen(phone, subdistrict_user, party_day, dibao, resident_a):
    """Tables scroll inside their box; nothing widens the page itself."""
    phone.log_in_as_staff(subdistrict_user)
    wide = []
    for path in STAFF_PAGES:
        phone.go(path)
        if not phone.fits_the_screen():
            wide.append(path)
    assert not wide, f"pages wider than 390 px: {wide}"
    assert not phone.errors, phone.errors
