"""Security headers on every response, and pages that keep to the Content-Security-Policy:
no inline script, no event-handler attributes, no style attributes, nothing from a CDN."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse
from django.urls import path, reverse

from portal import urls as portal_urls
from tests.security.urlwalk import walk_urls

REQUIRED_CSP = {
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
}


def _csp(response: HttpResponse) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def header_problems(response: HttpResponse) -> list[str]:
    problems = []
    csp = _csp(response)
    if not csp:
        problems.append("no Content-Security-Policy")
    for directive, value in REQUIRED_CSP.items():
        if csp and csp.get(directive) != [value]:
            problems.append(f"CSP {directive} is {csp.get(directive)}, not [{value}]")
    if any("'unsafe-inline'" in values or "'unsafe-eval'" in values for values in csp.values()):
        problems.append("CSP allows unsafe-inline or unsafe-eval")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if not response.get("Referrer-Policy"):
        problems.append("no Referrer-Policy")
    if response.get("X-Frame-Options") != "DENY":
        problems.append(f"X-Frame-Options is {response.get('X-Frame-Options')!r}")
    return problems


# Attributes that load an asset (a link's href is navigation, not an asset).
_ASSET_ATTRIBUTES = {"src", "srcset", "data", "poster", "background"}
_ASSET_HREF_TAGS = {"link", "use", "image"}
# Script types that hold data, which the browser never runs (json_script, for example).
_DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class _PageInspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        script_type = (attributes.get("type") or "").lower()
        if tag == "script" and not attributes.get("src") and script_type not in _DATA_SCRIPT_TYPES:
            self.problems.append(f"inline <script {attrs}>")
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith(("on", "hx-on", "data-hx-on")):
                self.problems.append(f"<{tag}> has an event attribute {name}={value!r}")
            if name == "style":
                self.problems.append(f"<{tag}> has style={value!r}")
            is_asset = name in _ASSET_ATTRIBUTES or (name == "href" and tag in _ASSET_HREF_TAGS)
            if is_asset and value.lower().startswith(("http://", "https://", "//")):
                self.problems.append(f"<{tag}> loads {value} from another site")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def page_problems(response: HttpResponse) -> list[str]:
    inspector = _PageInspector()
    inspector.feed(response.content.decode(response.charset or "utf-8"))
    inspector.close()
    text = response.content.decode(response.charset or "utf-8")
    if "<style" in text.lower():
        inspector.problems.append("an inline <style> element")
    return inspector.problems


def _check(label: str, response: HttpResponse, *, html: bool = True) -> list[str]:
    problems = header_problems(response)
    if html:
        problems += page_problems(response)
    return [f"{label} ({response.status_code}): {problem}" for problem in problems]


# --- the inspector itself -------------------------------------------------------------------------


def test_the_inspector_catches_what_the_policy_forbids():
    bad = HttpResponse(
        '<script>alert(1)</script><button onclick="x()">b</button><p style="color:red">p</p>'
        '<script src="https://cdn.example.com/x.js"></script><div hx-on:click="x()"></div>'
        '<link rel="stylesheet" href="//cdn.example.com/x.css"><style>p{}</style>'
    )
    assert len(page_problems(bad)) == 7
    good = HttpResponse(
        '<script src="/static/x.js"></script><a href="https://gov.cn/">link</a>'
        '<script type="application/json" id="d">{"a": 1}</script>'
    )
    assert page_problems(good) == []


# --- headers on every response --------------------------------------------------------------------


def test_every_url_answers_with_the_security_headers(client, objects, staff_a):
    """Every pattern, for an anonymous visitor and for staff: pages, redirects and refusals."""
    failures = []
    for _route, url in walk_urls(objects):
        client.logout()
        failures += _check(f"anonymous GET {url}", client.get(url), html=False)
        client.force_login(staff_a)
        failures += _check(f"staff_a GET {url}", client.get(url), html=False)
    assert not failures, "\n".join(["", *failures])


# --- rendered pages keep to the policy ------------------------------------------------------------


def test_public_pages_keep_to_the_policy(client, objects):
    failures = []
    for name in ("core:home", "accounts:login"):
        failures += _check(name, client.get(reverse(name)))
    assert not failures, "\n".join(["", *failures])


def test_staff_pages_keep_to_the_policy(client, objects, staff_a):
    """Staff home and every registry page, as community staff, with data to show (the
    workbook downloads are checked for their headers)."""
    client.force_login(staff_a)
    failures = _check("core:staff-home", client.get(reverse("core:staff-home")))
    for route, url in walk_urls(objects):
        if route.name and route.name.startswith("registry:"):
            response = client.get(url)
            if response.status_code == 405:
                continue  # a form's POST-only target (export, commit)
            if response.status_code != 200:
                failures.append(f"{route.name} {url}: {response.status_code}, not the page")
            # Pages with residents' data must not stay in a browser or proxy cache.
            if "no-store" not in response.get("Cache-Control", ""):
                failures.append(f"{route.name} {url}: no Cache-Control: no-store")
            html = response.get("Content-Type", "").startswith("text/html")
            failures += _check(f"{route.name} {url}", response, html=html)
    assert not failures, "\n".join(["", *failures])


@login_not_required
def _crash(request):
    raise RuntimeError("boom")


@login_not_required
def _suspicious(request):
    raise SuspiciousOperation("tampered")


# A tiny URLconf for the 400 and 500 pages: the portal's patterns plus views that fail.
urlpatterns = [
    path("crash/", _crash),
    path("suspicious/", _suspicious),
    *portal_urls.urlpatterns,
]
handler400 = portal_urls.handler400
handler500 = portal_urls.handler500


@pytest.mark.urls(__name__)
def test_the_400_and_500_pages_keep_to_the_policy(client, db):
    client.raise_request_exception = False
    failures = []
    for url, status in (("/suspicious/", 400), ("/crash/", 500)):
        response = client.get(url)
        assert response.status_code == status
        failures += _check(str(status), response)
    assert not failures, "\n".join(["", *failures])


def test_the_403_and_404_pages_keep_to_the_policy(client, resident_user):
    failures = _check("404", client.get("/no-such-page/"))
    client.force_login(resident_user)
    failures += _check("403", client.get(reverse("core:staff-home")))
    assert not failures, "\n".join(["", *failures])


def test_the_400_page_for_an_unknown_host_carries_the_headers(client, db):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert _check("400 (unknown host)", response) == []
