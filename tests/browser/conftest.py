"""Browser tests in real Chromium (Debian's /usr/bin/chromium driven by Playwright).

Without Chromium the tests are skipped with the reason; with PORTAL_REQUIRE_BROWSER=1 (set
by .ci/run, which installs Chromium) they fail instead, so CI can never pass them by
skipping. Playwright's own browser download does not work on this network.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import PASSWORD

CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# A mid-size phone (iPhone 12–15 class): what most residents hold.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
}
# A common laptop screen, for the staff at their desks.
DESKTOP = {
    "viewport": {"width": 1366, "height": 900},
    "device_scale_factor": 1,
    "locale": "zh-CN",
}
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


def _required() -> bool:
    return os.environ.get("PORTAL_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def _unavailable(reason: str) -> None:
    if _required():
        pytest.fail(f"{reason} (PORTAL_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt install chromium fonts-noto-cjk)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    # Playwright's sync API runs an event loop in this thread while it is started; the ORM
    # calls the tests make between steps are still plain synchronous calls. Module scope:
    # the loop and this switch end with the browser tests, before any other test runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class Screen:
    """A page in a phone-sized browser context that records console errors (a CSP
    violation shows up there) and saves screenshots under var/screenshots/."""

    def __init__(self, context, base_url: str, name: str) -> None:
        self.context = context
        self.page = context.new_page()
        self.base_url = base_url
        self.name = name
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def log_in_as_staff(self, user) -> None:
        """Log in through the login form (the test password) and land on the staff home."""
        self.go("/accounts/login/")
        self.page.fill("#id_username", user.username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("main input[type=submit], main button[type=submit]")
        self.page.wait_for_url("**/staff/")

    def log_in(self, user, next_path: str = "/") -> None:
        """Log in through the login form (the test password) and go on to ``next_path``."""
        self.go(f"/accounts/login/?next={next_path}")
        self.page.fill("#id_username", user.username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("main input[type=submit], main button[type=submit]")
        self.page.wait_for_url(f"**{next_path}")

    def shot(self, step: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.name}-{step}.png"), full_page=True)

    def fits_the_screen(self) -> bool:
        """Nothing is wider than the phone. Compared with the configured width, not
        ``innerWidth``: a mobile browser widens its layout viewport to fit the content."""
        width = self.page.evaluate("document.documentElement.scrollWidth")
        return width <= self.page.viewport_size["width"]


@pytest.fixture
def phone(chromium, live_server, request):
    context = chromium.new_context(**PHONE)
    screen = Screen(context, live_server.url, request.node.name)
    yield screen
    context.close()


@pytest.fixture
def desktop(chromium, live_server, request):
    context = chromium.new_context(**DESKTOP)
    screen = Screen(context, live_server.url, f"{request.node.name}-desktop")
    yield screen
    context.close()
