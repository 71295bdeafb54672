"""Money, dates and months as the case texts write them (notes, 公示 bodies), the same
way the pages show them: ``1,234.56 元``, ``2026年1月8日``, ``2026年1月``."""

import datetime as dt
from decimal import Decimal

from django.utils import formats

from portal.core.templatetags.formats import format_money


def money_text(value: Decimal | None) -> str:
    return format_money(value)


def date_text(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def month_text(month: dt.date) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")
