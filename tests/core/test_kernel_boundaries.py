"""The kernel names no chapter app, and each app keeps to its own addresses.

The import direction itself is checked by import-linter (``make lint``); this catches what
imports do not show: a URL name (``assistance:…``), a dotted path or a setting of an app
written into a kernel module or a kernel template. The calendar's and the guide's topic
categories (``OrganiserApp``, ``PortalApp``), shared by all apps, are not names of this kind.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.views.generic import RedirectView

from tests.security.urlwalk import all_routes

CHAPTER_APPS = ("assistance", "eldercare", "health", "partywork", "education")
BASE = Path(settings.BASE_DIR)
# Kernel modules that may name apps: the project's settings and root URLs (which install
# them), and the migrations written before the app contract.
ALLOWED = {BASE / "portal" / "settings.py", BASE / "portal" / "urls.py"}

NAMES = re.compile(
    "|".join(
        rf"\b{app}:[a-z]|[\"']{app}\.[a-z]|\b(?:from|import) {app}\b|settings\.{app.upper()}_"
        for app in CHAPTER_APPS
    )
)


def _kernel_files():
    for path in sorted((BASE / "portal").rglob("*.py")):
        if "migrations" not in path.parts and path not in ALLOWED:
            yield path
    for path in sorted((BASE / "templates").rglob("*")):
        relative = path.relative_to(BASE / "templates").parts
        if not path.is_file() or relative[0] in CHAPTER_APPS:
            continue
        # An app's message templates sit under notifications/<kind>/, named after the app.
        if relative[0] == "notifications" and relative[1].split("_")[0] in CHAPTER_APPS:
            continue
        yield path


def test_no_kernel_file_names_a_chapter_app():
    offenders = [
        f"{path.relative_to(BASE)}:{number}: {line.strip()}"
        for path in _kernel_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NAMES.search(line)
    ]
    assert not offenders, "\n".join(offenders)


def test_the_pattern_catches_the_names_it_is_for():
    for line in (
        "{% url 'assistance:application-list' %}",
        "from assistance.models import Application",
        'BUILDERS = {"x": "assistance.roster.build_roster"}',
        "settings.ASSISTANCE_LOOKBACK_MONTHS",
        "import eldercare",
    ):
        assert NAMES.search(line), line
    assert not NAMES.search("organiser_app=OrganiserApp.ASSISTANCE")


@pytest.mark.parametrize("app", CHAPTER_APPS)
def test_each_app_mounts_under_its_staff_and_public_prefixes(app):
    """``staff/<app>/`` for staff pages, ``<app>/`` for public ones; a moved address may
    stay behind as a redirect."""
    for route in all_routes():
        if route.name is None or route.name.split(":")[0] != app:
            continue
        if getattr(route.callback, "view_class", None) is RedirectView:
            continue
        assert route.route.startswith((f"staff/{app}/", f"{app}/")), route.route
