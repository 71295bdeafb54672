"""Resident accounts: registering with a mobile number and the code sent to it, resetting a
password by phone code (忘记密码), linking to the registry by name and ID number plus a
code sent to the number on record (rate-limited per account, address and identity, one
message for every failure, logged without the number), and the way back to ``next``
(issues 12.4 and 14.4)."""

import datetime as dt
import logging
import re
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import IdentityLinkAttempt, Role, User
from tests.factories import UserFactory, next_id_number
from tests.notifications import backends

pytestmark = pytest.mark.django_db

PASSWORD = "lantern-harbour-7391"


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.SMS_BACKEND = "tests.notifications.backends.OutboxSmsBackend"
    backends.outbox.clear()
    return backends.outbox


def code_sent_to(phone: str) -> str:
    texts = [text for to, text in backends.outbox if to == phone]
    assert texts, f"no code sent to {phone}"
    return re.search(r"\d{6}", texts[-1])[0]


def register(client, phone="138 1234 5678", next_url="/events/1/", code=None, **extra):
    data = {
        "phone": phone,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
        "next": next_url,
        **extra,
    }
    client.post(reverse("accounts:register"), {**data, "send_code": "1"})
    if code is None:
        digits = re.sub(r"\D", "", phone)
        sent = [text for to, text in backends.outbox if to == digits]
        code = re.search(r"\d{6}", sent[-1])[0] if sent else ""
    return client.post(reverse("accounts:register"), {**data, "code": code})


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
    assert "password1" in response.context["form"].errors
    assert "password2" not in response.context["form"].errors
    assert not User.objects.exists()


def test_registration_needs_the_code_sent_to_the_number(client, sms_outbox):
    response = register(client, code="000000")
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert not User.objects.exists()
    # Without asking for a code first, nothing registers either.
    response = client.post(
        reverse("accounts:register"),
        {
            "phone": "13900001111",
            "code": "123456",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "consent": "on",
        },
    )
    assert "code" in response.context["form"].errors
    assert not User.objects.exists()


def test_registrations_from_one_address_are_limited(client, settings):
    settings.PHONE_CODES_PER_ADDRESS_PER_HOUR = 3
    for n in range(5):
        client.logout()
        register(client, phone=f"1370000000{n}")
    assert User.objects.count() == 3


@pytest.mark.zh_catalogue
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short7!", "至少需要 8 个字符"),
        ("password", "太常见"),
        ("13812345678", "手机号码"),
        ("a13812345678b", "手机号码"),
        ("31415926535", "全是数字"),
    ],
)
def test_resident_passwords_eight_characters_in_chinese_under_the_password(
    client, password, message
):
    response = client.post(
        reverse("accounts:register"),
        {
            "phone": "13812345678",
            "code": "123456",
            "password1": password,
            "password2": password,
            "consent": "on",
        },
    )
    errors = response.context["form"].errors
    assert message in " ".join(errors["password1"])
    assert "password2" not in errors
    assert "This password" not in response.text
    page = client.get(reverse("accounts:register")).text
    assert "您" in page and "你的" not in page


def test_eight_characters_are_enough_for_residents_staff_keep_twelve():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    resident = User(username="13812345678", phone="13812345678", role=Role.RESIDENT)
    validate_password("harbour-71", resident)
    with pytest.raises(ValidationError):
        validate_password("harbour-71", User(username="dongnan", role=Role.COMMUNITY_STAFF))


@pytest.mark.zh_catalogue
def test_the_login_field_is_labelled_mobile_number(client):
    page = client.get(reverse("accounts:login")).text
    assert "手机号码" in page and reverse("accounts:password-reset") in page


def test_password_reset_by_phone_code(client, sms_outbox):
    user = UserFactory(
        username="13812345678", phone="13812345678", role=Role.RESIDENT, password="old-password-1"
    )
    url = reverse("accounts:password-reset")
    client.post(url, {"phone": "13812345678", "send_code": "1"})
    code = code_sent_to("13812345678")
    data = {"phone": "13812345678", "password1": PASSWORD, "password2": PASSWORD}
    wrong = client.post(url, {**data, "code": "000000" if code != "000000" else "111111"})
    assert "code" in wrong.context["form"].errors
    response = client.post(url, {**data, "code": code})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    # The code is used up.
    again = client.post(url, {**data, "code": code})
    assert "code" in again.context["form"].errors


def test_password_reset_says_the_same_for_a_number_without_an_account(client, sms_outbox):
    url = reverse("accounts:password-reset")
    response = client.post(url, {"phone": "13800009999", "send_code": "1"})
    assert response.status_code == 200 and not response.context["form"].errors
    assert not sms_outbox


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


def link(client, name, id_number, next_url="/calendar/", code=None):
    """Both steps: name and ID number, then the code sent to the number on record (the
    latest one sent, or ``code``)."""
    first = client.post(
        reverse("accounts:link"), {"name": name, "id_number": id_number, "next": next_url}
    )
    if first.status_code != 200 or first.context.get("code_form") is None:
        return first
    if code is None:
        code = re.search(r"\d{6}", backends.outbox[-1][1])[0] if backends.outbox else "000000"
    return client.post(reverse("accounts:link"), {"code": code, "next": next_url})


def failure_message(response) -> str:
    code_form = response.context.get("code_form")
    errors = code_form.errors.get("code", []) if code_form else []
    return " ".join([*errors, *response.context["form"].non_field_errors()])


def test_link_by_name_and_id_number(client, resident_user, resident_a):
    client.force_login(resident_user)
    response = link(client, f" {resident_a.name} ", resident_a.id_number.lower())
    assert response.url == "/calendar/"
    resident_user.refresh_from_db()
    assert resident_user.resident == resident_a
    assert IdentityLinkAttempt.objects.get().succeeded


def test_wrong_id_number_is_refused_with_the_one_message(
    client, resident_user, resident_a, resident_b, sms_outbox
):
    client.force_login(resident_user)
    response = link(client, resident_a.name, resident_b.id_number)
    assert response.status_code == 200
    assert not sms_outbox  # nothing matched: no message went out, and the page says the same
    assert "code_form" in response.context and response.context["code_form"] is not None
    resident_user.refresh_from_db()
    assert resident_user.resident is None


def test_linking_sends_a_code_to_the_number_on_record(client, resident_user, resident_a):
    client.force_login(resident_user)
    response = link(client, resident_a.name, resident_a.id_number, code="000000")
    assert response.status_code == 200
    assert backends.outbox[-1][0] == resident_a.phone
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
    assert "核验失败次数过多" in failure_message(response)
    resident_user.refresh_from_db()
    assert resident_user.resident is None
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25)):
        client.force_login(resident_user)
        link(client, resident_a.name, resident_a.id_number)
    resident_user.refresh_from_db()
    assert resident_user.resident == resident_a


def test_a_record_already_linked_cannot_be_taken_and_says_nothing_more(
    client, resident_user, resident_a, resident_b
):
    UserFactory(username="13900000000", role=Role.RESIDENT, resident=resident_a)
    client.force_login(resident_user)
    taken = link(client, resident_a.name, resident_a.id_number)
    client.session.flush()
    client.force_login(resident_user)
    wrong = link(client, resident_b.name, resident_a.id_number)
    assert "已关联其他账户" not in taken.text
    assert failure_message(taken) == failure_message(wrong)
    resident_user.refresh_from_db()
    assert resident_user.resident is None


def test_linking_is_limited_per_address_and_per_identity(client, resident_a, resident_b, settings):
    """New accounts start fresh, but the address and the identity tried do not."""
    settings.IDENTITY_LINK_MAX_FAILURES_PER_ADDRESS = 4
    for n in range(5):
        user = UserFactory(username=f"1360000000{n}", role=Role.RESIDENT)
        client.force_login(user)
        link(client, resident_a.name, next_id_number())
    fresh = UserFactory(username="13600000009", role=Role.RESIDENT)
    client.force_login(fresh)
    response = link(client, resident_a.name, resident_a.id_number)
    assert "核验失败次数过多" in failure_message(response)
    # Per identity: three accounts from three addresses guessing the same pair.
    settings.IDENTITY_LINK_MAX_FAILURES_PER_ADDRESS = 100
    settings.PHONE_CODE_INTERVAL = dt.timedelta(0)
    for n in range(3):
        user = UserFactory(username=f"1350000000{n}", role=Role.RESIDENT)
        client.force_login(user)
        link(client, resident_b.name, resident_b.id_number, code="000000")
    last = UserFactory(username="13500000009", role=Role.RESIDENT)
    client.force_login(last)
    response = link(client, resident_b.name, resident_b.id_number)
    assert "核验失败次数过多" in failure_message(response)
    assert not User.objects.filter(resident=resident_b).exists()


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
