"""The public page cache (portal/core/cache.py): anonymous GETs of the public pages are
served from the cache, forgotten when their rows change, kept apart per language, never
shared with a logged-in user, and still carry the security headers and their own CSRF token.

The suite runs with the cache off; these tests turn it on. They hold on SQLite and on
PostgreSQL (``DATABASE_URL``).
"""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.core.cache import CSRF_PLACEHOLDER
from portal.guide.models import ServiceEntry
from tests.events.factories import EventFactory
from tests.guide.factories import ServiceEntryFactory
from tests.notices.factories import NoticeFactory

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/services/",
    "/calendar/",
    "/calendar/?view=list",
    "/calendar.ics",
    "/notices/",
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def queries(client, url: str, **extra) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(captured), response


def _token(response) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content)
    return match.group(1).decode() if match else ""


@pytest.mark.parametrize("url", PUBLIC)
def test_second_request_comes_from_the_cache_with_the_headers(client, url):
    first_queries, first = queries(client, url)
    again_queries, again = queries(client, url)
    assert again_queries == 0 < first_queries or url == "/calendar.ics"
    assert again_queries == 0
    assert again.content.replace(_token(again).encode(), b"") == first.content.replace(
        _token(first).encode(), b""
    )
    for response in (first, again):
        assert "object-src 'none'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Request-ID"]
    assert first["X-Request-ID"] != again["X-Request-ID"]


def test_a_service_entry_page_is_cached_too(client):
    entry = ServiceEntryFactory(slug="dibao", title="最低生活保障")
    url = reverse("guide:service-detail", kwargs={"slug": entry.slug})
    queries(client, url)
    assert queries(client, url)[0] == 0


def test_every_response_gets_a_fresh_csrf_token_never_the_placeholder(client):
    _, first = queries(client, "/")
    _, again = queries(client, "/")
    assert CSRF_PLACEHOLDER.encode() not in first.content + again.content
    assert _token(first) and _token(again) and _token(first) != _token(again)
    assert settings.CSRF_COOKIE_NAME in again.cookies
    # The token served from the cache is accepted by the language switch.
    csrf_client = type(client)(enforce_csrf_checks=True)
    _, page = queries(csrf_client, "/")
    switched = csrf_client.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": _token(page)},
    )
    assert switched.status_code == 302


def test_editing_an_entry_shows_on_the_next_request(client):
    entry = ServiceEntryFactory(slug="dibao", title="最低生活保障")
    detail = reverse("guide:service-detail", kwargs={"slug": entry.slug})
    for url in ("/services/", detail):
        assert "最低生活保障" in client.get(url).content.decode()
    entry.title = "城乡低保"
    entry.save()
    for url in ("/services/", detail):
        page = client.get(url).content.decode()
        assert "城乡低保" in page
        assert "最低生活保障" not in page


def test_deleting_or_adding_rows_shows_on_the_next_request(client):
    entry = ServiceEntryFactory(slug="dibao", title="最低生活保障")
    assert "最低生活保障" in client.get("/services/").content.decode()
    ServiceEntry.objects.filter(pk=entry.pk).delete()
    assert "最低生活保障" not in client.get("/services/").content.decode()

    assert "重阳节登高" not in client.get("/calendar/?view=list").content.decode()
    EventFactory(title="重阳节登高")
    assert "重阳节登高" in client.get("/calendar/?view=list").content.decode()

    assert "停水通知" not in client.get("/notices/").content.decode()
    notice = NoticeFactory(title="停水通知")
    assert "停水通知" in client.get("/notices/").content.decode()
    assert "停水通知" in client.get("/").content.decode()
    notice.title = "停电通知"
    notice.save()
    page = client.get(f"/notices/{notice.pk}/").content.decode()
    assert "停电通知" in page
    assert "停电通知" in client.get("/notices/").content.decode()


def test_each_language_has_its_own_copy(client):
    chinese = client.get("/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/").content.decode()
    assert 'lang="zh-hans"' in chinese
    assert 'lang="en"' in english
    assert queries(client, "/")[0] == 0
    assert 'lang="en"' in queries(client, "/")[1].content.decode()


def test_a_logged_in_user_never_gets_or_leaves_a_cached_page(client, staff_a, resident_user):
    anonymous = client.get("/").content.decode()
    assert reverse("accounts:logout") not in anonymous
    for user in (staff_a, resident_user):
        client.force_login(user)
        mine = client.get("/").content.decode()
        assert reverse("accounts:logout") in mine
        client.logout()
        client.cookies.clear()
        assert reverse("accounts:logout") not in client.get("/").content.decode()
    # Staff first, then an anonymous visitor: the staff page was not stored.
    cache.clear()
    client.force_login(staff_a)
    staff_page = client.get("/").content.decode()
    assert reverse("registry:resident-list") in staff_page
    client.logout()
    client.cookies.clear()
    page = client.get("/").content.decode()
    assert reverse("registry:resident-list") not in page
    assert reverse("accounts:logout") not in page


def test_a_pending_message_bypasses_the_cache(client):
    queries(client, "/")
    client.cookies["messages"] = "anything"
    assert queries(client, "/")[0] > 0


def test_staff_pages_and_posts_are_never_cached(client, staff_a):
    client.force_login(staff_a)
    url = reverse("registry:resident-list")
    client.get(url)
    assert queries(client, url)[0] > 0
    assert not any(key.startswith(":1:portal:public-page:") for key in cache._cache)


def test_off_when_the_setting_is_zero(client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    queries(client, "/")
    assert queries(client, "/")[0] > 0
