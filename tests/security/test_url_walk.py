"""Walk every URL pattern of the project (portal, included apps and the admin) as each kind of
outsider: anonymous visitors, staff of another community, residents.

The URLs come from tests/security/urlwalk.py, built from community A's objects with the
arguments and objects each app contributes in its tests/<app>/urlwalk.py. A new view is
walked automatically; if it takes arguments that cannot be filled, the meta-test fails.
"""

from types import ModuleType, SimpleNamespace
from urllib.parse import urlparse

import pytest
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse

from tests.security import urlwalk
from tests.security.urlwalk import (
    PORTAL_ARGUMENTS,
    Unfillable,
    all_routes,
    build_url,
    collect_arguments,
    contributions,
    namespace_of,
    walk_urls,
)

# The only pages an anonymous visitor may use, with the statuses they answer with:
# (GET, POST with an empty body). Everything else sends the visitor to log in, or refuses.
PUBLIC: dict[str, tuple[set[int], set[int]]] = urlwalk.collect_table(
    "PUBLIC",
    {
        "core:home": ({200}, {405}),
        "core:healthz": ({200}, {405}),
        "core:text-size": ({405}, {302}),  # 大字版 on or off, then back
        "accounts:login": ({200}, {200}),  # POST: the form with its errors
        "set_language": ({302}, {302}),  # back to the page the visitor came from
        "admin:login": ({200}, {200}),
        "accounts:register": ({200}, {200}),  # POST: the form with its errors
        "accounts:password-reset": ({200}, {200}),  # 忘记密码: POST, the form with its errors
        "guide:service-list": ({200}, {405}),
        "guide:service-detail": ({200}, {405}),
        "notices:notice-list": ({200}, {405}),
        "notices:notice-detail": ({200}, {405}),
        "events:calendar": ({200}, {405}),
        "events:calendar-feed": ({200}, {405}),
        "events:event-detail": ({200}, {405}),
        "events:event-feed": ({200}, {405}),
        "plans:public": ({200}, {405}),  # 计划完成情况
    },
)
# A resident's own pages: signed-in residents use them; staff are sent elsewhere. The
# apps' rows come from their tests/<app>/urlwalk.py.
RESIDENT_PAGES = urlwalk.collect_table(
    "RESIDENT_PAGES",
    {
        "accounts:link",
        "events:my-bookings",
        "events:event-signup",
        "events:event-check-in",
        "events:booking-cancel",
        "events:booking-restore",
        # Any signed-in person may object to a running 公示 (residents, mostly).
        "notices:notice-objection",
    },
)
# Every signed-in person's own pages (their inbox): residents use them too.
OWN_PAGES = {"notifications:inbox", "notifications:bell", "notifications:settings"}
REFUSED = {403, 404, 405}
# Pages of sub-district-wide content (not bound to a community) that community staff may
# not use at all: 403 there reveals nothing about another community.
SUB_DISTRICT_ONLY = urlwalk.collect_table("SUB_DISTRICT_ONLY", {"guide:update"})
METHODS = ("get", "post")


def _is_login_redirect(response: HttpResponse) -> bool:
    login_pages = {reverse("accounts:login"), reverse("admin:login")}
    return response.status_code == 302 and urlparse(response.url).path in login_pages


def _describe(response: HttpResponse) -> str:
    where = f" → {response.url}" if response.status_code in {301, 302} else ""
    return f"{response.status_code}{where}"


def _report(failures: list[str]) -> str:
    return "\n".join(["", *failures])


# --- meta-tests: the walk covers everything -------------------------------------------------------


def _unfillable(objects) -> list[str]:
    unfillable = []
    for route in all_routes():
        try:
            build_url(route, objects)
        except Unfillable as error:
            unfillable.append(str(error))
    return unfillable


def test_every_pattern_can_be_filled(objects):
    unfillable = _unfillable(objects)
    assert not unfillable, "URL patterns the walk cannot fill:" + _report(unfillable)


def test_a_route_nobody_fills_fails_the_walk(objects, settings, monkeypatch):
    """The walk fails closed: a new app's route with an argument and no urlwalk.py entry is
    reported (naming the file to add it to), and passes once an entry fills it."""
    settings.ROOT_URLCONF = "tests.security.unfillable_urls"
    assert _unfillable(objects) == [
        "throwaway:page: add it to ARGUMENTS in tests/throwaway/urlwalk.py"
    ]
    monkeypatch.setitem(PORTAL_ARGUMENTS, "throwaway:page", lambda o: {"pk": o.resident.pk})
    assert _unfillable(objects) == []


def test_each_app_contributes_its_own_arguments_and_objects():
    modules = {module.__name__: module for module in contributions()}
    assert {
        "tests.assistance.urlwalk",
        "tests.events.urlwalk",
        "tests.registry.urlwalk",
    } <= set(modules)
    names = list(modules)  # the kernel's first, so chapter apps may use its objects
    assert names.index("tests.notices.urlwalk") < names.index("tests.assistance.urlwalk")
    for module in modules.values():
        foreign = [
            name
            for name in getattr(module, "ARGUMENTS", {})
            if name.partition(":")[0] != namespace_of(module)
        ]
        assert not foreign, f"{module.__name__} fills another app's routes: {foreign}"
    assert collect_arguments(list(modules.values())) == PORTAL_ARGUMENTS


def test_a_route_filled_by_two_apps_is_refused():
    first, second = ModuleType("tests.one.urlwalk"), ModuleType("tests.two.urlwalk")
    first.ARGUMENTS = second.ARGUMENTS = {"one:page": lambda o: {}}
    with pytest.raises(ValueError, match="one:page is filled twice"):
        collect_arguments([first, second])


def test_an_object_given_by_two_apps_is_refused(monkeypatch):
    module = ModuleType("tests.one.urlwalk")
    module.walk_objects = lambda o: {"resident": None}
    monkeypatch.setattr(urlwalk, "contributions", lambda: [module])
    with pytest.raises(ValueError, match="'resident' is given twice"):
        urlwalk.contribute_objects(SimpleNamespace(resident=1))


def test_the_walk_reaches_portal_apps_and_the_admin(objects):
    names = {route.name for route in all_routes()}
    assert {
        "core:staff-home",
        "registry:resident-detail",
        "admin:registry_resident_change",
    } <= names
    assert any(route.name is None for route in all_routes())  # the admin's unnamed redirects


def test_the_tables_name_real_patterns():
    names = {route.name for route in all_routes()}
    assert set(PUBLIC) <= names
    assert names >= RESIDENT_PAGES
    assert names >= OWN_PAGES
    assert set(PORTAL_ARGUMENTS) <= names


# --- (a) anonymous visitors -----------------------------------------------------------------------


def test_anonymous_visitors_reach_only_the_public_pages(client, objects):
    failures = []
    for route, url in walk_urls(objects):
        for method in METHODS:
            response = getattr(client, method)(url)
            if route.name in PUBLIC:
                ok = response.status_code in PUBLIC[route.name][method == "post"]
            else:
                ok = _is_login_redirect(response) or response.status_code in REFUSED
            if not ok:
                failures.append(f"{method.upper()} {url} [{route.label}]: {_describe(response)}")
    assert not failures, "anonymous visitor got through:" + _report(failures)


def test_static_files_are_public(client, db):
    response = client.get(static("css/portal.css"))
    response.close()  # a file response: close it, or the open file warns
    assert response.status_code == 200


# --- (b) staff of community B on community A's objects --------------------------------------------


def test_outsider_staff_never_reach_community_a_objects(client, objects, staff_b):
    """Portal pages answer 404 (not 403: no hint that the object exists) or 405; the admin
    sends community staff to its login page."""
    failures = []
    for route, url in walk_urls(objects):
        if not route.takes_arguments or route.name in PUBLIC or route.name in RESIDENT_PAGES:
            continue  # public pages show A's public content to everyone, by design
        for method in METHODS:
            client.force_login(staff_b)  # again each time, in case a view ended the session
            response = getattr(client, method)(url)
            if route.is_admin:
                ok = _is_login_redirect(response)
            elif route.name in SUB_DISTRICT_ONLY:
                ok = response.status_code in REFUSED
            else:
                ok = response.status_code in {404, 405}
            if not ok:
                failures.append(f"{method.upper()} {url} [{route.label}]: {_describe(response)}")
    assert not failures, "staff of community B reached community A's objects:" + _report(failures)


def test_outsider_staff_see_no_community_a_rows_on_any_page(client, objects, staff_b):
    """Lists and searches without arguments answer staff_b, but never with A's records."""
    secrets = [
        objects.resident.name,
        objects.resident.id_number,
        objects.resident.phone,
        objects.household.address,
    ]
    client.force_login(staff_b)
    failures = []
    for route, url in walk_urls(objects):
        if route.takes_arguments:
            continue
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            continue
        failures += [f"{url} [{route.label}] shows {s!r}" for s in secrets if s in response.text]
    assert not failures, "community A's data on community B's pages:" + _report(failures)


# --- (c) residents --------------------------------------------------------------------------------


def test_residents_never_reach_a_staff_page(client, objects, resident_user):
    failures = []
    for route, url in walk_urls(objects):
        if route.name in PUBLIC or route.name in RESIDENT_PAGES or route.name in OWN_PAGES:
            continue
        for method in METHODS:
            client.force_login(resident_user)
            response = getattr(client, method)(url)
            if 200 <= response.status_code < 300:
                failures.append(f"{method.upper()} {url} [{route.label}]: {_describe(response)}")
    assert not failures, "a resident reached a staff page:" + _report(failures)
