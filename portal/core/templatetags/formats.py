"""The one way pages show money and dates: ``{% load formats %}``.

Amounts are exact ``Decimal`` values computed and rounded by the domain code; ``money``
only groups the digits and adds the unit, so ``1234.5`` reads ``1,234.50 元`` everywhere.

Dates read the Chinese way in Chinese (``2026年12月10日 星期四 09:00``, no zero-padded
month or day, so the home page never mixes ``01月10日`` with ``12月5日``) and the
English way in English; aware datetimes are shown in the portal's local time.

- ``{{ x|when }}``: 2026年12月10日 星期四 09:00 (residents' pages; a date without time
  for a ``date``)
- ``{{ x|when_short }}``: 2026年12月10日 09:00 (staff lists)
- ``{{ x|day }}``: 2026年12月10日 星期四; ``{{ x|day_short }}``: 2026年12月10日
- ``{{ x|month }}``: 2026年12月 (a payment or standard month)
- ``{{ x|iso }}``: the machine-readable value for ``<time datetime>`` (whole seconds)
"""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

register = template.Library()

ZH_WEEKDAYS = "一二三四五六日"
EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_money(value: Any) -> str:
    """``Decimal("1234.5")`` → ``"1,234.50 元"``; "" for None or a value that is not a
    number (a page never fails on a missing amount)."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return ""
    return _("%(amount)s yuan") % {"amount": f"{amount:,.2f}"}


@register.filter
def money(value: Any) -> str:
    """``{{ amount|money }}`` → ``1,234.56 元``."""
    return format_money(value)


def _local(value: Any) -> dt.date | dt.datetime | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    if isinstance(value, dt.date):
        return value
    return None


def _chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


def format_day(value: Any, *, weekday: bool = True) -> str:
    """The date part: ``2026年12月10日 星期四`` / ``Thu 10 Dec 2026``; "" for None."""
    local = _local(value)
    if local is None:
        return ""
    if _chinese():
        text = f"{local.year}年{local.month}月{local.day}日"
        return f"{text} 星期{ZH_WEEKDAYS[local.weekday()]}" if weekday else text
    text = f"{local.day} {EN_MONTHS[local.month - 1]} {local.year}"
    return f"{EN_WEEKDAYS[local.weekday()]} {text}" if weekday else text


def format_when(value: Any, *, weekday: bool = True) -> str:
    """Date and time (``09:00``); a plain date shows as its day."""
    local = _local(value)
    if local is None:
        return ""
    day = format_day(local, weekday=weekday)
    if not isinstance(local, dt.datetime):
        return day
    return f"{day} {local:%H:%M}"


@register.filter
def when(value: Any) -> str:
    """``{{ event.starts_at|when }}`` → ``2026年12月10日 星期四 09:00``."""
    return format_when(value)


@register.filter
def when_short(value: Any) -> str:
    """``{{ job.created_at|when_short }}`` → ``2026年12月10日 09:00`` (staff lists)."""
    return format_when(value, weekday=False)


@register.filter
def day(value: Any) -> str:
    """``{{ notice.published_at|day }}`` → ``2026年12月10日 星期四``."""
    return format_day(value)


@register.filter
def day_short(value: Any) -> str:
    """``{{ resident.birth_date|day_short }}`` → ``2026年12月10日``."""
    return format_day(value, weekday=False)


@register.filter
def month(value: Any) -> str:
    """``{{ entitlement.pays_from|month }}`` → ``2026年12月`` / ``Dec 2026``."""
    local = _local(value)
    if local is None:
        return ""
    if _chinese():
        return f"{local.year}年{local.month}月"
    return f"{EN_MONTHS[local.month - 1]} {local.year}"


@register.filter
def iso(value: Any) -> str:
    """The ``datetime`` attribute of ``<time>``: ISO 8601 in local time to the second
    (the Nu checker refuses six-digit fractions), or the date alone."""
    local = _local(value)
    if local is None:
        return ""
    if isinstance(local, dt.datetime):
        return local.replace(microsecond=0).isoformat()
    return local.isoformat()
