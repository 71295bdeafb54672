"""Resident accounts: registering with a mobile number, linking to the registry by name and
ID number (rate-limited and logged, never logging the number), and the way back to ``next``."""

import datetime as dt
import logging
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import IdentityLinkAttempt, Role, User
from tests.factories import UserFactory, next_id_number

pytestmark = pytest.mark.django_db

PASSWORD = "lantern-harbour-7391"


def register(client, phone="138 1234 5678", next_url="/events/1/", **extra):
    data = {
        "phone": phone,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
        "next": next_url,
        **extra,
    }
    return client.post(reverse("accounts:register"), data)


def test_register_with_a_mobile_number_logs_in_and_asks_for_identity(client):
    response = register(client)
    user = User.objects.get()
    assert user.username == user.phone == "13812345678"
    assert user.role == Role.RESIDENT and not user.is_portal_staff
    assert urlparse(response.url).path == reverse("accounts:link")
    assert parse_qs(urlparse(response.url).query)["next"] == ["/events/1/"]
    assert client.get(reverse("events:my-bookings")).status_code == 200  # logged in


def test_the_same_mobile_number_cannot_register_twice(client):
    UserFactory(username="13812345678", phone="13812345678", role=Role.RESIDENT)
    response = register(client)
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert User.objects.count() == 1


@pytest.mark.parametrize("phone", ["12345", "0574-88120101", "23812345678"])
def test_only_mainland_mobile_numbers_register(client, phone):
    response = register(client, phone=phone)
    assert "phone" in response.context["form"].errors
    assert not User.objects.exists()


def test_registration_needs_consent_and_a_strong_password(client):
    response = register(client, consent="")
    assert "consent" in response.context["form"].errors
    response = client.post(
        reverse("accounts:register"),
        {"phone": "13812345678", "password1": "123456", "password2": "123456", "consent": "on"},
    )
    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


def test_next_pointing_off_site_is_ignored(client):
    response = register(client, next_url="https://evil.example/")
    assert parse_qs(urlparse(response.url).query)["next"] == ["/"]


def test_login_page_links_to_registration_keeping_next(client):
    response = client.get(reverse("accounts:login"), {"next": "/events/7/"})
    assert reverse("accounts:register") + "?next=/events/7/" in response.text.replace("%2F", "/")


def test_resident_login_returns_to_the_public_site(client):
    UserFactory(username="13812345678", role=Role.RESIDENT, password=PASSWORD)
    response = client.post(
        reverse("accounts:login"), {"username": "13812345678", "password": PASSWORD}
    )
    assert response.url == "/"


# --- linking to the registry ---------------------------------------------------------------------


def link(client, name, id_number, next_url="/calendar/"):
    return client.post(
        reverse("accounts:link"), {"name": name, "id_number": id_number, "next": next_url}
    )


def test_link_by_name_and_id_number(client, resident_user, resident_a):
    client.force_login(resident_user)
    response = link(client, f" {resident_a.name} ", resident_a.id_number.lower())
    assert response.url == "/calendar/"
    resident_user.refresh_from_db()
    assert resident_user.resident == resident_a
    assert IdentityLinkAttempt.objects.get().succeeded


def test_wrong_id_number_is_refused_with_tries_left(client, resident_user, resident_a, resident_b):
    client.force_login(resident_user)
    response = link(client, resident_a.name, resident_b.id_number)
    assert response.status_code == 200
    (message,) = response.context["form"].non_field_errors()
    assert "4" in message
    # Shown once on the page, not in a summary and again in the form.
    assert response.text.count("姓名和身份证号码与居民台账不一致") == 1
    resident_user.refresh_from_db()
    assert resident_user.resident is None


def test_malformed_id_number_is_a_field_error_and_no_attempt(client, resident_user):
    client.force_login(resident_user)
    response = link(client, "张伟", "110105198005171234")
    assert "id_number" in response.context["form"].errors
    assert not IdentityLinkAttempt.objects.exists()


def test_linking_is_rate_limited_per_day(client, resident_user, resident_a, resident_b, settings):
    settings.IDENTITY_LINK_MAX_FAILURES = 3
    client.force_login(resident_user)
    for _ in range(3):
        link(client, resident_a.name, resident_b.id_number)
    # Even the right answer is refused now.
    response = link(client, resident_a.name, resident_a.id_number)
    assert "核验失败次数过多" in str(response.context["form"].non_field_errors())
    resident_user.refresh_from_db()
    assert resident_user.resident is None
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25)):
        client.force_login(resident_user)
        link(client, resident_a.name, resident_a.id_number)
    resident_user.refresh_from_db()
    assert resident_user.resident == resident_a


def test_a_record_already_linked_cannot_be_taken(client, resident_user, resident_a):
    UserFactory(username="13900000000", role=Role.RESIDENT, resident=resident_a)
    client.force_login(resident_user)
    response = link(client, resident_a.name, resident_a.id_number)
    assert "已关联其他账户" in str(response.context["form"].non_field_errors())
    resident_user.refresh_from_db()
    assert resident_user.resident is None


def test_link_attempts_are_logged_without_the_id_number(client, resident_user, resident_a, caplog):
    client.force_login(resident_user)
    with caplog.at_level(logging.INFO, logger="portal.security"):
        link(client, resident_a.name, next_id_number())
        link(client, resident_a.name, resident_a.id_number)
    text = caplog.text
    assert "identity link failed" in text and "identity linked" in text
    assert resident_a.id_number[:14] not in text and resident_a.name not in text


def test_staff_do_not_link_accounts(client, staff_a):
    client.force_login(staff_a)
    assert client.get(reverse("accounts:link")).status_code == 403
