"""Logging filters: a request id on every line, and no personal data in any line."""

import logging
import re
import threading
import time

_local = threading.local()

# 18- or 15-character ID numbers and 11-digit mobile numbers, not inside longer digit runs
# nor after a decimal point (task timings).
_ID_NUMBER = re.compile(r"(?<![\d.])(\d{17}[\dXx]|\d{15})(?![\dXx])")
_MOBILE = re.compile(r"(?<![\d.])(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def set_request_id(request_id: str | None) -> None:
    _local.request_id = request_id


def get_request_id() -> str:
    return getattr(_local, "request_id", None) or "-"


def _mask_middle(value: str, *, keep_start: int, keep_end: int = 4) -> str:
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_text(text: str) -> str:
    """Mask anything in ``text`` that looks like an ID number or a mobile number."""
    text = _ID_NUMBER.sub(lambda m: _mask_middle(m.group(1), keep_start=6), text)
    return _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), text)


class MaskPersonalDataFilter(logging.Filter):
    """Defence in depth: code logs record ids, never values, and this filter masks any
    ID or phone number that slips into a message anyway."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg = masked
            record.args = None
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
