"""The one way pages show money (and, as they are added, dates): ``{% load formats %}``.

Amounts are exact ``Decimal`` values computed and rounded by the domain code; this filter
only groups the digits and adds the unit, so ``1234.5`` reads ``1,234.50 元`` everywhere.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


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
