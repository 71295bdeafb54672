"""Workbooks for the import tests: written with openpyxl, like a spreadsheet program would."""

import datetime as dt
import io
import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from portal.registry.idnumbers import build_id_number
from portal.registry.imports import HEADERS, XLSX_CONTENT_TYPE

_serial = itertools.count(1)


def workbook(
    rows: Iterable[Sequence[Any]],
    *,
    header: Sequence[str] | None = HEADERS,
    title: str = "居民名单",
) -> bytes:
    """A one-sheet .xlsx: ``header`` (the template's unless given; None for none), then
    ``rows`` as they are."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    if header is not None:
        sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "台账.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX_CONTENT_TYPE)


def new_id(birth_date: dt.date = dt.date(1975, 1, 1), *, male: bool = True) -> str:
    """A valid ID number no other call returns (distinct from tests.factories' numbers:
    another region code)."""
    n = next(_serial)
    day = birth_date + dt.timedelta(days=n // 450)
    sequence = (n % 450) * 2 + (1 if male else 2)
    return build_id_number("110108", day, sequence)


def row(
    community: str = "东南",
    compound: str = "东南花园",
    address: str = "东南花园1幢101室",
    registration: str = "城市",
    relation: str = "户主",
    name: str = "王建国",
    gender: str = "",
    id_number: str | None = None,
    birth_date: Any = "",
    phone: str = "",
    tags: str = "",
) -> list[Any]:
    """One row in the template's column order."""
    return [
        community,
        compound,
        address,
        registration,
        relation,
        name,
        gender,
        id_number or new_id(),
        birth_date,
        phone,
        tags,
    ]


def households(count: int, *, community: str = "东南", compound: str = "东南花园") -> list[list]:
    """``count`` rows in households of one to four members, each led by its 户主."""
    rows: list[list] = []
    sizes = itertools.cycle((3, 1, 4, 2))
    household = 0
    while len(rows) < count:
        household += 1
        address = f"{compound}{household // 50 + 1}幢{household % 50 + 101}室"
        relations = ["户主", "配偶", "子女", "父母"][: min(next(sizes), count - len(rows))]
        for index, relation in enumerate(relations):
            male = index % 2 == 0
            rows.append(
                row(
                    community=community,
                    compound=compound,
                    address=address,
                    relation=relation,
                    name=f"居民{len(rows) + 1}",
                    gender="男" if male else "女",
                    id_number=new_id(dt.date(1950 + len(rows) % 50, 3, 1), male=male),
                    phone=f"139{len(rows):08d}" if index < 2 else "",
                    tags="党员" if len(rows) % 7 == 0 else "",
                )
            )
    return rows
