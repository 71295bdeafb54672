"""Masked display of personal data (domain-rules §7.3).

Masking is done on the server, so an unmasked value never reaches a page, an export or
a log unless the viewer's role needs it.
"""

from typing import Any


def mask_id_number(number: str) -> str:
    """``330203199001011234`` → ``330203********1234`` (region kept, birth date hidden)."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(number: str) -> str:
    """``13812345678`` → ``138****5678``; a landline keeps its area code and last 4."""
    if not number:
        return ""
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def phone_for(user: Any, phone: str) -> str:
    """A phone number as ``user`` may see it: in full for the identity-checking roles
    (``user.can_see_full_identity``), masked for everyone else."""
    return phone if getattr(user, "can_see_full_identity", False) else mask_phone(phone)


def id_number_for(user: Any, number: str) -> str:
    """An ID number as ``user`` may see it, by the same rule as :func:`phone_for`."""
    return number if getattr(user, "can_see_full_identity", False) else mask_id_number(number)


def mask_bank_account(number: str) -> str:
    """``6217000010001234567`` → ``****4567``: the last four digits only (§7.3), so the
    length of the number is not given away either."""
    if not number:
        return ""
    return "****" + number[-4:] if len(number) > 4 else "*" * len(number)


def bank_account_for(user: Any, number: str) -> str:
    """A bank account number as ``user`` may see it, by the same rule as :func:`phone_for`."""
    return number if getattr(user, "can_see_full_identity", False) else mask_bank_account(number)


def mask_name(name: str) -> str:
    """Public 公示 form: the surname and masks, ``张三`` → ``张*``, ``欧阳娜娜`` → ``欧阳**``."""
    if not name:
        return ""
    compound_surnames = (
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "令狐",
        "慕容",
        "司徒",
        "尉迟",
    )
    surname_length = 2 if name[:2] in compound_surnames and len(name) > 2 else 1
    return name[:surname_length] + "*" * (len(name) - surname_length)
