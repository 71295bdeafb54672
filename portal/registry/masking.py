"""Masked display of personal data (domain-rules §7.3).

Masking is done on the server, so an unmasked value never reaches a page, an export or
a log unless the viewer's role needs it.
"""


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
