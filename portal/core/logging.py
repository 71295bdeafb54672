"""Logging filters: a request id on every line, and no personal data in any line."""

import logging
import re
import threading
import time
from typing import Any

from django.utils.log import AdminEmailHandler

_local = threading.local()

# Digits as people type them: ASCII or full-width (Chinese input methods give both), with at
# most one space or hyphen between the groups ("330203 19900101 1234", "+86 138-1234-5678").
_DIGIT = "[0-9\uff10-\uff19]"
_SEP = "[ \u3000\\-\uff0d]?"
_SEPARATORS = re.compile("[ \u3000\\-\uff0d]")
# Not inside a longer digit run, nor after a decimal point (task timings).
_START = "(?<![0-9\uff10-\uff19])(?<![0-9]\\.)"
# 18-character ID numbers (region, birth date, sequence, check character) and the old
# 15-digit ones (region, yymmdd, sequence).
_CHECK = "[0-9\uff10-\uff19Xx\uff38\uff58]"
_ID_NUMBER = re.compile(
    rf"{_START}{_DIGIT}{{6}}{_SEP}"
    rf"(?:{_DIGIT}{{8}}{_SEP}{_DIGIT}{{3}}{_CHECK}|{_DIGIT}{{6}}{_SEP}{_DIGIT}{{3}})(?!{_CHECK})"
)
# Mainland mobile numbers, 1[3-9] and 9 more digits, with or without +86 / 0086 / 86.
_MOBILE = re.compile(
    rf"{_START}((?:[+\uff0b]|00|\uff10\uff10)?(?:86|\uff18\uff16){_SEP})?"
    rf"([1\uff11][3-9\uff13-\uff19]{_DIGIT}){_SEP}{_DIGIT}{{4}}{_SEP}({_DIGIT}{{4}})"
    r"(?![0-9\uff10-\uff19])"
)
# Bank card and account numbers (§7.3: last 4 only): 16 to 19 digits, however grouped. Run
# after the ID pattern, which takes an 18-digit run first.
_BANK_ACCOUNT = re.compile(rf"{_START}{_DIGIT}(?:{_SEP}{_DIGIT}){{15,18}}(?![0-9\uff10-\uff19])")
_TRACEBACKS = logging.Formatter()


def set_request_id(request_id: str | None) -> None:
    _local.request_id = request_id


def get_request_id() -> str:
    return getattr(_local, "request_id", None) or "-"


def _mask_middle(value: str, *, keep_start: int, keep_end: int = 4) -> str:
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_text(text: str) -> str:
    """Mask anything in ``text`` that looks like an ID, mobile or bank account number,
    however it was typed; the region code and the last 4 characters stay, as on the staff
    pages (a bank account keeps its last 4 only)."""
    text = _ID_NUMBER.sub(lambda m: _mask_middle(_SEPARATORS.sub("", m[0]), keep_start=6), text)
    text = _MOBILE.sub(lambda m: (m[1] or "") + m[2] + "****" + m[3], text)
    return _BANK_ACCOUNT.sub(lambda m: "****" + _SEPARATORS.sub("", m[0])[-4:], text)


class MaskPersonalDataFilter(logging.Filter):
    """Defence in depth: code logs record ids, never values, and this filter masks any
    ID or phone number that slips into a message anyway."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg = masked
            record.args = None
        # An exception's text can quote values too (PostgreSQL's "Key (id_number)=(…)
        # already exists"): format the traceback now, masked; formatters reuse exc_text.
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        return True


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = get_request_id()
        return True


class UTCFormatter(logging.Formatter):
    """Log timestamps in UTC (ASVS 16.2.2), whatever the portal's time zone."""

    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%S"
    default_msec_format = "%s.%03dZ"


class MaskingAdminEmailHandler(AdminEmailHandler):
    """Django's error e-mail with every ID and phone number masked.

    The report quotes the exception text, the request's POST data and the local variables
    of each frame, none of which a log filter can reach; so the finished e-mail is masked.
    """

    def send_mail(self, subject: str, message: str, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("html_message"):
            kwargs["html_message"] = mask_text(kwargs["html_message"])
        super().send_mail(mask_text(subject), mask_text(message), *args, **kwargs)
