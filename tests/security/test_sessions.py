"""Staff sessions end after 30 minutes idle and after 12 hours in all (ASVS 4.0.3 3.3.2 L2);
residents keep Django's session age; the cookie is HttpOnly; login rotates the session key."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from tests.conftest import PASSWORD

START = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(START, tick=False)
    return time_machine


def log_in(client, username: str):
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the login form refused the fixture password"
    return response


def staff_page(client) -> bool:
    """Whether the staff home still answers; False when the session has ended."""
    response = client.get(reverse("core:staff-home"))
    if response.status_code == 200:
        return True
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login") + "?next=")
    return False


def test_a_staff_session_ends_after_30_idle_minutes(client, staff_a, clock):
    log_in(client, "staff_a")
    assert staff_page(client)
    clock.shift(dt.timedelta(minutes=31))
    response = client.get(reverse("core:staff-home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login") + "?next=")
    assert "您的会话已结束，请重新登录。" in response.text  # said on the login page
    assert "_auth_user_id" not in client.session  # logged out, not merely turned away
    assert not staff_page(client)


def test_activity_keeps_a_staff_session_alive(client, staff_a, clock):
    log_in(client, "staff_a")
    assert staff_page(client)
    clock.shift(dt.timedelta(minutes=29))
    assert staff_page(client)
    clock.shift(dt.timedelta(minutes=29))  # 58 minutes after login, 29 after the last request
    assert staff_page(client)


def test_a_staff_session_ends_after_12_hours_however_active(client, staff_a, clock):
    log_in(client, "staff_a")
    for _ in range(36):  # a request every 20 minutes, up to 12:00 after login
        clock.shift(dt.timedelta(minutes=20))
        assert staff_page(client)
    clock.shift(dt.timedelta(minutes=1))
    assert not staff_page(client)


def test_a_resident_session_is_not_ended_by_the_idle_rule(client, resident_user, clock):
    log_in(client, "resident")
    clock.shift(dt.timedelta(hours=2))
    response = client.get(reverse("core:home"))
    assert response.wsgi_request.user == resident_user


def test_an_idle_staff_member_who_logs_in_again_gets_a_fresh_session(client, staff_a, clock):
    log_in(client, "staff_a")
    clock.shift(dt.timedelta(minutes=31))
    assert not staff_page(client)
    log_in(client, "staff_a")
    assert staff_page(client)


def test_the_session_cookie_is_httponly_and_samesite(client, staff_a):
    response = log_in(client, "staff_a")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] in {"Lax", "Strict"}


def test_login_rotates_the_session_key(client, staff_a):
    before = client.session  # an anonymous session, as a visitor's browser would have
    before["visited"] = True
    before.save()
    log_in(client, "staff_a")
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before.session_key
    assert not SessionStore().exists(before.session_key)
