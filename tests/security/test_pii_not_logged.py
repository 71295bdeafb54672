"""No ID number or phone number reaches a log (ASVS 4.0.3 7.1.1, 5.0 16.2.5), and the 500 page
shows a reference, never a traceback, SQL or settings.

A resident is registered with canary values no other test uses; then the paths where personal
data tends to slip into logs are exercised: failed logins with the ID number (or the phone, as
people type it) as the username, a 404, form posts with errors, a server error whose exception
text quotes the values. Every log record is captured, and so is the console handler's output.
"""

import datetime as dt
import io
import logging
import re
import sys
import unicodedata

import pytest
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError
from django.http import HttpRequest
from django.test import Client
from django.urls import path, reverse
from django.utils.log import AdminEmailHandler

from portal import urls as portal_urls
from portal.core.logging import MaskingAdminEmailHandler, MaskPersonalDataFilter, mask_text
from portal.registry.idnumbers import build_id_number
from tests.factories import ResidentFactory

CANARY_ID = build_id_number("330203", dt.date(1957, 9, 23), 777)
CANARY_PHONE = "15700571234"
# How people type them: spaced, hyphenated, with the country code, with full-width digits.
TYPED_PHONES = [
    CANARY_PHONE,
    "+86 157 0057 1234",
    "157-0057-1234",
    "008615700571234",
    unicodedata.normalize("NFKC", CANARY_PHONE).translate(
        {ord(d): chr(ord(d) + 0xFEE0) for d in "0123456789"}
    ),
]
TYPED_IDS = [CANARY_ID, f"{CANARY_ID[:6]} {CANARY_ID[6:14]} {CANARY_ID[14:]}", CANARY_ID.lower()]
CANARY_CARD = "6228480010057712345"
# A 19-digit card as printed on it, a 16-digit card, a card typed with hyphens.
TYPED_CARDS = [CANARY_CARD, "6228 4800 1005 7712 345", "6228-4800-1005-7712-345"]
SIXTEEN_DIGIT_CARD = "6222021005771234"


def _digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def leaks(text: str) -> list[str]:
    """The canaries found in ``text``, however they are spaced or written."""
    found = []
    for canary in (CANARY_ID, CANARY_PHONE, CANARY_CARD, SIXTEEN_DIGIT_CARD):
        plain = unicodedata.normalize("NFKC", text).upper()
        if canary in plain or canary in _digits(text):
            found.append(canary)
    return found


@pytest.fixture
def canary_resident(household_a):
    return ResidentFactory(
        community=household_a.community,
        household=household_a,
        relation_to_head="spouse",
        name="金丝雀",
        id_number=CANARY_ID,
        phone=CANARY_PHONE,
    )


@pytest.fixture
def console_output():
    """What the configured console handler writes (it carries the PII filter)."""
    handlers = [
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, MaskPersonalDataFilter) for f in h.filters)
    ]
    assert handlers, "no log handler carries MaskPersonalDataFilter"
    stream = io.StringIO()
    previous = [h.setStream(stream) for h in handlers]
    yield stream
    for handler, old in zip(handlers, previous, strict=True):
        handler.setStream(old)


@pytest.fixture
def all_records(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def assert_nothing_leaked(all_records, console_output) -> None:
    formatter = all_records.handler.formatter
    leaked = [
        f"{record.name}: {formatter.format(record)!r}"
        for record in all_records.records
        if leaks(formatter.format(record))
    ]
    assert all_records.records, "nothing was logged: the capture is not working"
    assert not leaked, "\n".join(["records with personal data:", *leaked])
    assert not leaks(console_output.getvalue()), console_output.getvalue()


# --- the filter itself ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", TYPED_IDS + TYPED_PHONES + TYPED_CARDS + [SIXTEEN_DIGIT_CARD])
def test_mask_text_hides_id_phone_and_account_numbers_however_typed(typed):
    masked = mask_text(f"lookup of {typed} failed")
    assert not leaks(masked), masked
    assert masked.startswith("lookup of ") and masked.endswith(" failed")


def test_mask_text_keeps_what_identifies_nobody():
    text = "user=12 address=10.20.0.5 took 1234 ms, request 2f9c1a7e0b3d, at 2026-03-02"
    assert mask_text(text) == text


def test_the_filter_masks_the_message_and_its_arguments():
    record = logging.LogRecord(
        "portal",
        logging.INFO,
        __file__,
        1,
        "id %s phone %s card %s",
        (CANARY_ID, CANARY_PHONE, CANARY_CARD),
        None,
    )
    assert MaskPersonalDataFilter().filter(record) is True
    assert record.getMessage() == (
        f"id 330203********{CANARY_ID[-4:]} phone 157****1234 card ****2345"
    )


def test_the_filter_masks_a_traceback():
    try:
        raise ValueError(f"no resident {CANARY_ID}")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("portal", logging.ERROR, __file__, 1, "failed", None, exc_info)
    MaskPersonalDataFilter().filter(record)
    text = logging.Formatter().format(record)
    assert "ValueError: no resident 330203********" in text
    assert not leaks(text)


# --- the portal, end to end -----------------------------------------------------------------------


def test_failed_logins_with_an_id_or_phone_number_are_logged_masked(
    canary_resident, all_records, console_output
):
    for typed in TYPED_IDS + TYPED_PHONES:
        for _ in range(6):  # into the lockout, which is logged too
            Client().post(
                reverse("accounts:login"),
                {"username": typed, "password": "wrong-password"},
                REMOTE_ADDR="203.0.113.9",
            )
    assert any("login failed" in m for m in all_records.messages)
    assert any("login locked out" in m for m in all_records.messages)
    assert_nothing_leaked(all_records, console_output)


def test_a_404_is_logged_without_the_posted_values(
    client, canary_resident, staff_a, all_records, console_output
):
    client.force_login(staff_a)
    response = client.post("/staff/no-such-page/", {"id_number": CANARY_ID, "q": CANARY_PHONE})
    assert response.status_code == 404
    assert_nothing_leaked(all_records, console_output)


def test_registry_form_errors_are_not_logged_with_the_values(
    client, canary_resident, resident_a, household_a, staff_a, all_records, console_output
):
    """Duplicate ID numbers, bad birth dates, a phone on the wrong person: every error path."""
    client.force_login(staff_a)
    posts = [
        ("registry:resident-create", {}, {"id_number": CANARY_ID, "phone": CANARY_PHONE}),
        (
            "registry:resident-create",
            {},
            {"id_number": CANARY_ID, "birth_date": "2001-01-01", "name": "重复"},
        ),
        (
            "registry:resident-update",
            {"pk": resident_a.pk},
            {"id_number": CANARY_ID, "phone": CANARY_PHONE, "name": ""},
        ),
        ("registry:household-create", {}, {"address": CANARY_PHONE}),
        ("registry:household-update", {"pk": household_a.pk}, {"address": CANARY_ID}),
    ]
    for name, kwargs, data in posts:
        response = client.post(reverse(name, kwargs=kwargs), data)
        assert response.status_code == 200, (name, response.status_code)  # the form, with errors
    for query in (CANARY_ID, CANARY_PHONE):  # searches at the counter
        assert client.get(reverse("registry:resident-list"), {"q": query}).status_code == 200
    assert_nothing_leaked(all_records, console_output)


# --- a server error -------------------------------------------------------------------------------


@login_not_required
def _crash(request: HttpRequest):
    # What PostgreSQL says about a duplicate: the values are in the exception text.
    raise IntegrityError(
        'duplicate key value violates unique constraint "registry_resident_id_number_key"\n'
        f"DETAIL:  Key (id_number)=({request.POST.get('id_number')}) already exists."
        f" phone={request.POST.get('phone')} account={request.POST.get('account_number')}"
    )


urlpatterns = [path("crash/", _crash), *portal_urls.urlpatterns]
handler500 = portal_urls.handler500


@pytest.fixture
def crashing_client(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    return client


def test_a_server_error_is_logged_masked(
    crashing_client, canary_resident, all_records, console_output
):
    response = crashing_client.post(
        "/crash/",
        {"id_number": CANARY_ID, "phone": CANARY_PHONE, "account_number": TYPED_CARDS[1]},
    )
    assert response.status_code == 500
    errors = [r for r in all_records.records if r.name == "django.request"]
    assert errors and errors[0].exc_info, "the error was not logged with its traceback"
    assert "IntegrityError" in all_records.text
    assert_nothing_leaked(all_records, console_output)


def test_the_500_page_shows_a_reference_and_nothing_else(crashing_client, canary_resident):
    response = crashing_client.post("/crash/", {"id_number": CANARY_ID, "phone": CANARY_PHONE})
    assert response.status_code == 500
    page = response.text
    assert response["X-Request-ID"] in page  # the reference the help desk asks for
    for tell in ("Traceback", "IntegrityError", "duplicate key", "SELECT", "settings", "SECRET"):
        assert tell not in page
    assert not leaks(page)


# --- error e-mails --------------------------------------------------------------------------------
# In production (DEBUG off, ADMINS set) Django's default "django" logger also has an
# AdminEmailHandler, with no PII filter: the report quotes the exception text, the POST data
# and each frame's local variables.


def test_the_masking_mail_handler_masks_the_whole_report(rf, settings, mailoutbox):
    settings.ADMINS = [("Admin", "admin@example.cn")]
    request = rf.post("/crash/", {"id_number": CANARY_ID, "phone": CANARY_PHONE})
    try:
        raise IntegrityError(f"Key (id_number)=({CANARY_ID}) already exists. {CANARY_PHONE}")
    except IntegrityError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error", None, exc_info
    )
    record.request = request
    MaskingAdminEmailHandler(include_html=True).emit(record)
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert "IntegrityError" in email.body
    assert not leaks(email.subject + email.body)
    assert not leaks(email.alternatives[0][0])


def _mail_handlers() -> list[logging.Handler]:
    return [
        handler
        for name in ("", "django", "django.request")
        for handler in logging.getLogger(name).handlers
        if isinstance(handler, AdminEmailHandler)
    ]


def test_error_emails_carry_no_personal_data(
    crashing_client, canary_resident, settings, mailoutbox
):
    settings.ADMINS = [("Admin", "admin@example.cn")]
    assert _mail_handlers(), "no error e-mail handler configured at all"
    crashing_client.post("/crash/", {"id_number": CANARY_ID, "phone": CANARY_PHONE})
    assert all(isinstance(h, MaskingAdminEmailHandler) for h in _mail_handlers())
    assert mailoutbox
    for email in mailoutbox:
        assert not leaks(email.subject + email.body)
