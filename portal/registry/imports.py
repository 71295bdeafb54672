"""Importing residents from the staff's own spreadsheets (电子台账).

Three steps: :func:`check_upload` refuses, before anything is stored, a file that is no
workbook or not one of ours; :func:`check` (the dry run, in the background) reads every
row and lists every problem; :func:`commit` reads and checks the file again, since the
registry may have changed in between, and writes every household, resident and tag in
one transaction, or nothing.

The column headings (社区, 小区, …) and the words in the cells (户主, 城市, 男) are the file
format that staff already use, not interface text, so they are not translated. Rows are
grouped into households by community and address; an address already registered in
that community gets the new members added to its household.
"""

import contextlib
import datetime as dt
import io
import logging
import re
import unicodedata
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from portal.core.jobs import JobError, JobStatus, run_job
from portal.core.xlsx import workbook_bytes
from portal.registry import idnumbers, sheets
from portal.registry.masking import mask_id_number
from portal.registry.models import (
    Community,
    Compound,
    Household,
    ImportPhase,
    RegistrationType,
    RegistryImport,
    Relation,
    Resident,
    Tag,
)

log = logging.getLogger(__name__)
audit_log = logging.getLogger("portal.audit")

#: The sheet rows are read from when a workbook has it; otherwise its first sheet.
DATA_SHEET = "居民名单"
#: More rows than this is a file to split: a whole sub-district is about 100,000.
MAX_ROWS = 200_000
#: How far down a title above the headings may push the heading row.
HEADER_SEARCH_ROWS = 10
#: A workbook is a zip; what it may unpack to, as a multiple of the upload limit, so
#: that a small file cannot unpack into gigabytes (a zip bomb).
MAX_UNPACKED_RATIO = 10
#: Rows per progress update while reading and checking.
PROGRESS_EVERY = 1000
#: Rows per INSERT when writing.
BATCH_SIZE = 5000
# Lookups with ``__in`` are split so that no query passes SQLite's parameter limit.
LOOKUP_CHUNK = 900

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003)


# --- The file format --------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("community", "社区", True, ("社区名称", "所属社区")),
    Column("compound", "小区", False, ("小区名称", "所属小区")),
    Column("address", "户地址", True, ("地址", "住址", "家庭住址", "居住地址")),
    Column("registration", "城乡", True, ("户籍类别", "户口性质", "户籍性质", "城乡类别")),
    Column("relation", "与户主关系", True, ("关系", "与户主的关系")),
    Column("name", "姓名", True),
    Column("gender", "性别", False),
    Column("id_number", "身份证号码", True, ("身份证号", "公民身份号码", "身份证")),
    Column("birth_date", "出生日期", False, ("出生年月日",)),
    Column("phone", "手机号码", False, ("手机号", "手机", "联系电话", "电话")),
    Column("tags", "标签", False, ("人员标签",)),
)
HEADERS = tuple(column.header for column in COLUMNS)
LABEL = {column.key: column.header for column in COLUMNS}
_ORDER = {column.header: index for index, column in enumerate(COLUMNS)}

REGISTRATION_TEXT = {RegistrationType.URBAN: "城市", RegistrationType.RURAL: "农村"}
_REGISTRATION_VALUES = {
    "城市": RegistrationType.URBAN,
    "城镇": RegistrationType.URBAN,
    "非农业": RegistrationType.URBAN,
    "农村": RegistrationType.RURAL,
    "农业": RegistrationType.RURAL,
}
# The first word of each relation is what the template and the exports write.
_RELATION_WORDS: dict[str, tuple[str, ...]] = {
    Relation.HEAD: ("户主", "本人"),
    Relation.SPOUSE: ("配偶", "妻", "夫", "妻子", "丈夫"),
    Relation.CHILD: ("子女", "子", "女", "儿子", "女儿", "长子", "长女", "次子", "次女"),
    Relation.CHILD_IN_LAW: ("儿媳/女婿", "儿媳", "女婿"),
    Relation.PARENT: ("父母", "父亲", "母亲", "父", "母"),
    Relation.PARENT_IN_LAW: ("岳父母/公婆", "岳父母", "公婆", "岳父", "岳母", "公公", "婆婆"),
    Relation.GRANDCHILD: ("孙子女/外孙子女", "孙子女", "孙子", "孙女", "外孙", "外孙子", "外孙女"),
    Relation.GRANDPARENT: ("祖父母/外祖父母", "祖父母", "祖父", "祖母", "外祖父", "外祖母"),
    Relation.SIBLING: ("兄弟姐妹", "兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹"),
    Relation.OTHER: ("其他",),
}
RELATION_TEXT = {relation: words[0] for relation, words in _RELATION_WORDS.items()}
_RELATION_VALUES = {word: relation for relation, words in _RELATION_WORDS.items() for word in words}
GENDER_TEXT = {idnumbers.MALE: "男", idnumbers.FEMALE: "女"}
_GENDER_VALUES = {"男": idnumbers.MALE, "女": idnumbers.FEMALE}

_SPACES = re.compile(r"\s+")
_TAG_SEPARATORS = re.compile(r"[、,，;；/\s]+")
_DATE = re.compile(r"^(\d{4})\D?(\d{1,2})\D?(\d{1,2})\D?$")
_HEADER_MARKS = re.compile(r"[*＊\s]|（.*?）|\(.*?\)")


def _squeeze(text: str) -> str:
    """Half-width, no spaces at all: how codes and names of places are compared."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def _header_key(value: Any) -> str:
    """A heading as typed, less a required-mark or a remark in brackets: "姓名*" → "姓名"."""
    return _HEADER_MARKS.sub("", unicodedata.normalize("NFKC", str(value or "")))


_DATE_HEADERS = frozenset(
    _header_key(name)
    for column in COLUMNS
    if column.key == "birth_date"
    for name in (column.header, *column.aliases)
)
_HEADER_KEYS = {
    _header_key(name): column for column in COLUMNS for name in (column.header, *column.aliases)
}


def community_key(name: str) -> str:
    """The key a community is looked up by: 东南社区 and 东南 name the same one."""
    key = _squeeze(name)
    for suffix in ("社区居委会", "居委会", "社区"):
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


def address_key(address: str) -> str:
    return _squeeze(address)


# --- Reading ------------------------------------------------------------------------------------


@dataclass(slots=True)
class ImportRow:
    """One row of the sheet, text trimmed; ID number and birth date as the cell held them."""

    number: int  # the row number Excel shows
    community: str = ""
    compound: str = ""
    address: str = ""
    registration: str = ""
    relation: str = ""
    name: str = ""
    gender: str = ""
    id_number: Any = None
    birth_date: Any = None
    phone: str = ""
    tags: str = ""


_RAW_KEYS = frozenset({"id_number", "birth_date"})


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, dt.datetime):
        value = value.date()
    return _SPACES.sub(" ", str(value)).strip()


def _is_blank(cells: Sequence[Any]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in cells)


@contextlib.contextmanager
def _sheet_rows(file: Any) -> Iterator[Iterator[tuple[int, list[Any]]]]:
    """(row number, values) of each row of the data sheet of the workbook ``file``."""
    unreadable = ValidationError(
        _(
            "This workbook cannot be read; it may be damaged. Open it in Excel or WPS, "
            "save it again as .xlsx and upload that."
        ),
        code="unreadable",
    )
    file.seek(0)
    try:
        book = sheets.Workbook(file)
    except sheets.SheetError as error:
        log.info("workbook unreadable: %s", error)
        raise unreadable from None
    try:
        sheet = book.sheet(DATA_SHEET)
        yield _with_dates(sheet.rows(), sheet.epoch)
    except sheets.SheetError as error:
        log.info("workbook unreadable: %s", error)
        raise unreadable from None
    finally:
        book.close()


def _with_dates(
    rows: Iterator[tuple[int, list[Any]]], epoch: Any
) -> Iterator[tuple[int, list[Any]]]:
    """Rows whose numbers are dates where the heading says so: a date cell holds the
    number of days since the workbook's epoch. The headings are found first."""
    header_found = False
    date_columns: list[int] = []
    for number, values in rows:
        if not header_found:
            keys = [_header_key(value) for value in values]
            header_found = _looks_like_header(keys)
            date_columns = [i for i, key in enumerate(keys) if key in _DATE_HEADERS]
        else:
            for index in date_columns:
                if index < len(values) and _is_serial(values[index]):
                    values[index] = from_excel(values[index], epoch)
        yield number, values


def _looks_like_header(keys: list[str]) -> bool:
    return sum(1 for key in keys if key in _HEADER_KEYS) >= 3


def _is_serial(value: Any) -> bool:
    """A date cell's day count, not 19800517 typed as a number."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and 0 < value < 2_958_466  # 9999-12-31
    )


def _find_header(rows: Iterator[tuple[int, list[Any]]]) -> tuple[int, dict[str, int]]:
    """The heading row's number and the position of each known column in it.

    The headings are looked for in the first rows, so a title above them ("东南社区电子
    台账") does no harm; they may come in any order, and optional columns may be left out.
    """
    seen_anything = False
    first_cells: Sequence[Any] = ()
    for number, cells in rows:
        if number > HEADER_SEARCH_ROWS:
            break
        if _is_blank(cells):
            continue
        if not seen_anything:
            seen_anything, first_cells = True, cells
        keys = [_header_key(value) for value in cells]
        if _looks_like_header(keys):
            return number, _positions(keys)
    if not seen_anything:
        raise ValidationError(
            _("The workbook is empty: it has neither column headings nor rows."), code="empty"
        )
    # What the first row holds, less anything with digits: it may be an ID number.
    shown = [_text(value) for value in first_cells]
    found = "、".join(t for t in shown if t and not any(c.isdigit() for c in t)) or "—"
    raise ValidationError(
        _(
            "The column headings were not found. The first row must hold the headings of "
            "the template: %(expected)s (this file has: %(found)s)."
        ),
        code="wrong_headers",
        params={"expected": "、".join(HEADERS), "found": found[:200]},
    )


def _positions(keys: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    unknown = []
    for index, key in enumerate(keys):
        if not key:
            continue
        column = _HEADER_KEYS.get(key)
        if column is None:
            unknown.append(key)
        elif column.key in positions:
            raise ValidationError(
                _("The column %(name)s appears twice."),
                code="duplicate_column",
                params={"name": column.header},
            )
        else:
            positions[column.key] = index
    missing = [c.header for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        raise ValidationError(
            _("Columns missing: %(missing)s. The template's columns are: %(expected)s."),
            code="missing_columns",
            params={"missing": "、".join(missing), "expected": "、".join(HEADERS)},
        )
    if unknown:
        raise ValidationError(
            _(
                "Columns the import does not know: %(unknown)s. Delete them (the registry "
                "does not keep them), or copy your rows into the template."
            ),
            code="unknown_columns",
            params={"unknown": "、".join(unknown)[:300]},
        )
    return positions


def _row(number: int, cells: Sequence[Any], positions: dict[str, int]) -> ImportRow:
    row = ImportRow(number)
    width = len(cells)
    for key, index in positions.items():
        value = cells[index] if index < width else None
        setattr(row, key, value if key in _RAW_KEYS else _text(value))
    return row


def read_rows(file: Any, progress: Callable[[int, int], None] | None = None) -> list[ImportRow]:
    """Every non-blank row below the headings. Raises ``ValidationError`` for a file that
    cannot be read, has wrong headings, no rows or too many."""
    size = getattr(file, "size", 0) or 1
    with _sheet_rows(file) as rows:
        _header_number, positions = _find_header(rows)
        found: list[ImportRow] = []
        for number, cells in rows:
            if _is_blank(cells):
                continue
            found.append(_row(number, cells, positions))
            if len(found) > MAX_ROWS:
                raise ValidationError(
                    _("The workbook has more than %(max)s rows; split it into smaller files."),
                    code="too_many_rows",
                    params={"max": f"{MAX_ROWS:,}"},
                )
            if progress and len(found) % PROGRESS_EVERY == 0:
                progress(_position(file), size)
    if not found:
        raise ValidationError(
            _("The workbook has column headings but no rows of residents below them."),
            code="no_rows",
        )
    return found


def _position(file: Any) -> int:
    """How far into the (compressed) file the reader is: the progress of reading."""
    try:
        return file.tell()
    except (AttributeError, OSError, ValueError):
        return 0


def check_upload(file: Any) -> None:
    """Refuse, with a message for the person uploading, a file that is too large, is no
    .xlsx workbook, cannot be opened, has the wrong column headings or no rows.

    The size is checked before anything is parsed, and what the workbook unpacks to (in
    all, per entry, and the number of entries) before it is read; only the headings are
    read here: the rows are read and checked in the worker (issue 12.7).
    """
    limit = settings.REGISTRY_IMPORT_MAX_BYTES
    size = getattr(file, "size", None) or 0
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(max)s."),
            code="too_large",
            params={"size": filesizeformat(size), "max": filesizeformat(limit)},
        )
    file.seek(0)
    start = file.read(len(_OLE2_SIGNATURE))
    if not start:
        raise ValidationError(_("The file is empty."), code="empty_file")
    if start == _OLE2_SIGNATURE:
        raise ValidationError(
            _(
                "This is an old-style .xls workbook. Open it in Excel or WPS, save it as "
                ".xlsx and upload that."
            ),
            code="xls",
        )
    not_xlsx = ValidationError(
        _(
            "This is not an Excel workbook (.xlsx). Download the template, or save your "
            "spreadsheet as .xlsx."
        ),
        code="not_xlsx",
    )
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise not_xlsx from None
    if not any(member.filename == "xl/workbook.xml" for member in members):
        raise not_xlsx
    unpacked = sum(member.file_size for member in members)
    if (
        len(members) > settings.REGISTRY_IMPORT_MAX_ENTRIES
        or unpacked > min(limit * MAX_UNPACKED_RATIO, settings.REGISTRY_IMPORT_MAX_UNPACKED_BYTES)
        or any(
            member.file_size > 1_000_000
            and member.file_size > settings.REGISTRY_IMPORT_MAX_RATIO * max(member.compress_size, 1)
            for member in members
        )
    ):
        raise ValidationError(
            _("This workbook is too large once unpacked; split it into smaller files."),
            code="too_large_unpacked",
        )
    # Only the headings are read here; the rows are read and checked by the worker.
    with _sheet_rows(file) as rows:
        _find_header(rows)
    file.seek(0)


# --- Checking -----------------------------------------------------------------------------------


@dataclass(slots=True)
class PlannedResident:
    row: int
    community_id: int
    household: tuple[int, str]  # (community id, address key)
    relation: str
    name: str
    gender: str
    id_number: str
    birth_date: dt.date
    phone: str
    tag_ids: tuple[int, ...]


@dataclass(slots=True)
class PlannedHousehold:
    community_id: int
    address: str
    rows: list[int] = field(default_factory=list)
    head_rows: list[int] = field(default_factory=list)
    compounds: list[tuple[int, int | None]] = field(default_factory=list)  # (row, compound)
    registrations: list[tuple[int, str]] = field(default_factory=list)  # (row, type)
    # A row whose relation or registration could not be read: "no head" or "no
    # registration" would only repeat that problem.
    unreadable_relation: bool = False
    unreadable_registration: bool = False
    existing_id: int | None = None
    compound_id: int | None = None
    registration_type: str = ""


@dataclass
class Plan:
    """What the rows would write, and every problem found in them."""

    row_count: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    households: dict[tuple[int, str], PlannedHousehold] = field(default_factory=dict)
    residents: list[PlannedResident] = field(default_factory=list)

    def add_error(self, row: int, key: str, code: str, message: Any) -> None:
        self.errors.append(
            {"row": row, "column": LABEL[key], "code": code, "message": str(message)}
        )

    @property
    def new_households(self) -> list[PlannedHousehold]:
        return [h for h in self.households.values() if h.existing_id is None]


def _chunks(items: Sequence[Any], size: int = LOOKUP_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _birth_date(value: Any) -> dt.date | None:
    """A birth date as a cell may hold it; raises ValueError when it is none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(value)
    match = _DATE.match(_squeeze(str(value)))
    if not match:
        raise ValueError(value)
    return dt.date(*(int(part) for part in match.groups()))


class _Checker:
    """Checks rows against each other and against the registry, in a fixed number of
    queries whatever the row count."""

    def __init__(self, communities: QuerySet, today: dt.date) -> None:
        self.today = today
        self.communities = {community_key(c.name): c.pk for c in communities}
        self.community_names = {c.pk: c.name for c in communities}
        compounds = Compound.objects.filter(community__in=list(self.communities.values()))
        self.compound_names: dict[int, str] = {}
        self.compounds: dict[tuple[int, str], int] = {}
        for pk, community_id, name in compounds.values_list("pk", "community_id", "name"):
            self.compounds[community_id, _squeeze(name)] = pk
            self.compound_names[pk] = name
        self.tags: dict[str, int] = {}
        names = []
        for pk, name, name_en in Tag.objects.values_list("pk", "name", "name_en"):
            self.tags[_squeeze(name)] = pk
            if name_en:
                self.tags[_squeeze(name_en).casefold()] = pk
            names.append(name)
        self.tag_names = "、".join(names)

    def check(self, rows: Sequence[ImportRow], progress: Callable[[int, int], None] | None) -> Plan:
        plan = Plan(row_count=len(rows))
        first_row_of: dict[str, int] = {}
        for done, row in enumerate(rows, start=1):
            self._row(plan, row, first_row_of)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(rows))
        self._registered(plan)
        self._households(plan)
        plan.errors.sort(key=lambda e: (e["row"], _ORDER.get(e["column"], 99), e["code"]))
        return plan

    # One row on its own ---------------------------------------------------------------------

    def _row(self, plan: Plan, row: ImportRow, first_row_of: dict[str, int]) -> None:
        n = row.number
        errors_before = len(plan.errors)

        def error(key: str, code: str, message: Any) -> None:
            plan.add_error(n, key, code, message)

        community_id = None
        if not row.community:
            error("community", "required", _("Fill in this cell."))
        else:
            community_id = self.communities.get(community_key(row.community))
            if community_id is None:
                error(
                    "community",
                    "unknown_community",
                    _("This community does not exist or is outside your area."),
                )
        compound_id = None
        if row.compound and community_id is not None:
            compound_id = self.compounds.get((community_id, _squeeze(row.compound)))
            if compound_id is None:
                error(
                    "compound",
                    "unknown_compound",
                    _("The community %(community)s has no compound of this name.")
                    % {"community": self.community_names[community_id]},
                )
        if not row.address:
            error("address", "required", _("Fill in this cell."))
        elif len(row.address) > 200:
            error("address", "too_long", self._too_long(row.address, 200))
        registration = ""
        if row.registration:
            registration = _REGISTRATION_VALUES.get(_squeeze(row.registration), "")
            if not registration:
                error("registration", "unknown_registration", _("Write 城市 or 农村."))
        relation = ""
        if not row.relation:
            error("relation", "required", _("Fill in this cell."))
        else:
            relation = _RELATION_VALUES.get(_squeeze(row.relation), "")
            if not relation:
                error(
                    "relation",
                    "unknown_relation",
                    _("Use one of: %(words)s.") % {"words": "、".join(RELATION_TEXT.values())},
                )
        if not row.name:
            error("name", "required", _("Fill in this cell."))
        elif len(row.name) > 50:
            error("name", "too_long", self._too_long(row.name, 50))

        info = self._id_number(plan, row, first_row_of)
        gender = self._gender(plan, row, info)
        birth_date = self._birth_date(plan, row, info)

        phone = ""
        if row.phone:
            phone = idnumbers.normalize_phone(row.phone)
            try:
                idnumbers.validate_phone(phone)
            except ValidationError as invalid:
                error("phone", "invalid_phone", invalid.messages[0])
        tag_ids = self._tags(plan, row)

        household = None
        if community_id is not None and row.address and len(row.address) <= 200:
            household = (community_id, address_key(row.address))
            planned = plan.households.get(household)
            if planned is None:
                planned = plan.households[household] = PlannedHousehold(community_id, row.address)
            planned.rows.append(n)
            if relation == Relation.HEAD:
                planned.head_rows.append(n)
            if compound_id is not None:
                planned.compounds.append((n, compound_id))
            if registration:
                planned.registrations.append((n, registration))
            planned.unreadable_relation |= bool(row.relation and not relation)
            planned.unreadable_registration |= bool(row.registration and not registration)
        if len(plan.errors) == errors_before and household is not None and info is not None:
            plan.residents.append(
                PlannedResident(
                    row=n,
                    community_id=household[0],
                    household=household,
                    relation=relation,
                    name=row.name,
                    gender=gender,
                    id_number=info.number,
                    birth_date=birth_date or info.birth_date,
                    phone=phone,
                    tag_ids=tag_ids,
                )
            )

    @staticmethod
    def _too_long(text: str, limit: int) -> str:
        return _("At most %(max)d characters; this has %(count)d.") % {
            "max": limit,
            "count": len(text),
        }

    def _id_number(
        self, plan: Plan, row: ImportRow, first_row_of: dict[str, int]
    ) -> idnumbers.IdNumberInfo | None:
        value = row.id_number
        if value is None or (isinstance(value, str) and not value.strip()):
            plan.add_error(row.number, "id_number", "required", _("Fill in this cell."))
            return None
        if isinstance(value, float) and value.is_integer() and value < 1e15:
            value = int(value)  # an old 15-digit number survives as a number
        if isinstance(value, float):
            plan.add_error(
                row.number,
                "id_number",
                "id_as_number",
                _(
                    "The ID number was stored as a number and has lost its last digits. "
                    "Format the column as text and type the number again."
                ),
            )
            return None
        try:
            info = idnumbers.parse_id_number(_text(value), today=self.today)
        except ValidationError as invalid:
            plan.add_error(row.number, "id_number", invalid.code or "invalid", invalid.messages[0])
            return None
        first = first_row_of.setdefault(info.number, row.number)
        if first != row.number:
            plan.add_error(
                row.number,
                "id_number",
                "duplicate_in_file",
                _("The same ID number is on row %(row)d.") % {"row": first},
            )
            return None
        return info

    def _gender(self, plan: Plan, row: ImportRow, info: idnumbers.IdNumberInfo | None) -> str:
        if not row.gender:
            return info.gender if info else ""
        gender = _GENDER_VALUES.get(_squeeze(row.gender))
        if gender is None:
            plan.add_error(
                row.number, "gender", "unknown_gender", _("Write 男 or 女, or leave it empty.")
            )
        elif info and gender != info.gender:
            plan.add_error(
                row.number,
                "gender",
                "gender_mismatch",
                _("The gender does not match the one in the ID number."),
            )
        return gender or ""

    def _birth_date(
        self, plan: Plan, row: ImportRow, info: idnumbers.IdNumberInfo | None
    ) -> dt.date | None:
        value = row.birth_date
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            birth_date = _birth_date(value)
        except (ValueError, TypeError, OverflowError):
            plan.add_error(
                row.number,
                "birth_date",
                "invalid_date",
                _("This is not a date; write it as 1980-05-17, or leave it empty."),
            )
            return None
        if info and birth_date != info.birth_date:
            plan.add_error(
                row.number,
                "birth_date",
                "birth_date_mismatch",
                _("The birth date does not match the one in the ID number (%(date)s).")
                % {"date": info.birth_date.isoformat()},
            )
        return birth_date

    def _tags(self, plan: Plan, row: ImportRow) -> tuple[int, ...]:
        if not row.tags:
            return ()
        found, unknown = [], []
        for word in _TAG_SEPARATORS.split(unicodedata.normalize("NFKC", row.tags)):
            if not word:
                continue
            pk = self.tags.get(word) or self.tags.get(word.casefold())
            if pk is None:
                unknown.append(word)
            elif pk not in found:
                found.append(pk)
        if unknown:
            plan.add_error(
                row.number,
                "tags",
                "unknown_tag",
                _("Unknown tags: %(unknown)s. The tags are: %(known)s.")
                % {"unknown": "、".join(unknown)[:100], "known": self.tag_names},
            )
        return tuple(found)

    # Rows against the registry ---------------------------------------------------------------

    def _registered(self, plan: Plan) -> None:
        """Residents whose ID number is registered already."""
        by_number = {resident.id_number: resident for resident in plan.residents}
        registered: set[str] = set()
        for chunk in _chunks(list(by_number)):
            registered.update(
                Resident.objects.filter(id_number__in=chunk).values_list("id_number", flat=True)
            )
        if not registered:
            return
        for number in registered:
            plan.add_error(
                by_number[number].row,
                "id_number",
                "already_registered",
                _(
                    "A resident with this ID number is already registered in the sub-district; "
                    "the sub-district office can resolve it."
                ),
            )
        plan.residents = [r for r in plan.residents if r.id_number not in registered]

    def _households(self, plan: Plan) -> None:
        """New households need one head and one registration; registered ones get members
        but no second head."""
        community_ids = sorted({key[0] for key in plan.households})
        existing: dict[tuple[int, str], list[tuple[int, int | None, str]]] = defaultdict(list)
        for pk, community_id, address, compound_id, registration in Household.objects.filter(
            community__in=community_ids
        ).values_list("pk", "community_id", "address", "compound_id", "registration_type"):
            key = (community_id, address_key(address))
            if key in plan.households:
                existing[key].append((pk, compound_id, registration))
        with_head = set(
            Resident.objects.filter(
                community__in=community_ids, relation_to_head=Relation.HEAD
            ).values_list("household_id", flat=True)
        )
        bad_rows: set[int] = set()

        def error(row: int, key: str, code: str, message: Any) -> None:
            plan.add_error(row, key, code, message)
            bad_rows.add(row)

        for key, household in plan.households.items():
            registered = existing.get(key, [])
            if len(registered) > 1:
                for row in household.rows:
                    error(
                        row,
                        "address",
                        "ambiguous_address",
                        _(
                            "Several households in the registry have this address; add "
                            "these members on the household's page instead."
                        ),
                    )
                continue
            if registered:
                pk, compound_id, registration = registered[0]
                household.existing_id = pk
                household.compound_id, household.registration_type = compound_id, registration
                for row, value in household.compounds:
                    if value is not None and value != compound_id:
                        error(
                            row,
                            "compound",
                            "compound_differs",
                            _("The household at this address is in another compound (%(name)s).")
                            % {"name": self.compound_names.get(compound_id, "—")},
                        )
                for row, value in household.registrations:
                    if value != registration:
                        error(
                            row,
                            "registration",
                            "registration_differs",
                            _("The household at this address is registered as %(value)s.")
                            % {"value": REGISTRATION_TEXT[registration]},
                        )
                if pk in with_head:
                    for row in household.head_rows:
                        error(
                            row,
                            "relation",
                            "head_exists",
                            _("This household already has a 户主 in the registry."),
                        )
                continue
            self._new_household(household, error)
        if bad_rows:
            plan.residents = [r for r in plan.residents if r.row not in bad_rows]

    @staticmethod
    def _new_household(household: PlannedHousehold, error: Callable[..., None]) -> None:
        if not household.head_rows and not household.unreadable_relation:
            error(
                household.rows[0],
                "relation",
                "no_head",
                ngettext(
                    "This row is a new household of its own, but not its 户主.",
                    "This new household (rows %(rows)s) has no 户主 row.",
                    len(household.rows),
                )
                % {"rows": _row_list(household.rows)},
            )
        for row in household.head_rows[1:]:
            error(
                row,
                "relation",
                "two_heads",
                _("A household has one 户主; row %(row)d is its 户主 already.")
                % {"row": household.head_rows[0]},
            )
        if household.compounds:
            first_row, household.compound_id = household.compounds[0]
            for row, value in household.compounds[1:]:
                if value != household.compound_id:
                    error(
                        row,
                        "compound",
                        "compound_mixed",
                        _("Row %(row)d has the same address with another compound.")
                        % {"row": first_row},
                    )
        if not household.registrations:
            if not household.unreadable_registration:
                error(
                    household.rows[0],
                    "registration",
                    "registration_missing",
                    _("Say whether this new household is 城市 or 农村."),
                )
            return
        first_row, household.registration_type = household.registrations[0]
        for row, value in household.registrations[1:]:
            if value != household.registration_type:
                error(
                    row,
                    "registration",
                    "registration_mixed",
                    _(
                        "Row %(row)d of the same household says %(value)s; a household is "
                        "either 城市 or 农村."
                    )
                    % {"row": first_row, "value": REGISTRATION_TEXT[household.registration_type]},
                )


def _row_list(rows: list[int], limit: int = 10) -> str:
    shown = "、".join(str(row) for row in rows[:limit])
    return shown + ("…" if len(rows) > limit else "")


def validate_rows(
    rows: Sequence[ImportRow],
    *,
    communities: QuerySet,
    progress: Callable[[int, int], None] | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Check ``rows`` as an import into ``communities`` (the uploader's scope) would
    write them: every problem, and what would be written if there were none."""
    checker = _Checker(communities, today or timezone.localdate())
    return checker.check(rows, progress)


# --- The workflow -------------------------------------------------------------------------------


def import_scope(job: RegistryImport) -> QuerySet:
    """The communities an import may write to: its own, or every one for the sub-district."""
    if job.community_id is None:
        return Community.objects.all()
    return Community.objects.filter(pk=job.community_id)


def import_start(user: Any, upload: Any) -> RegistryImport:
    """Keep an uploaded file that passed :func:`check_upload` and queue its dry run."""
    from portal.registry.tasks import import_check_task

    job = RegistryImport(
        community=None if user.sees_all_communities else user.community,
        requested_by=user,
        original_name=str(upload.name)[:255],
    )
    job.file.save(f"import-{uuid.uuid4().hex}.xlsx", upload, save=False)
    job.save()
    audit_log.info("registry import uploaded: job=%s user=%s", job.pk, user.pk)
    import_check_task.delay_on_commit(job.pk)
    return job


def import_commit_request(job: RegistryImport, user: Any) -> RegistryImport:
    """Queue the writing of a checked import. Raises ``JobError`` with the reason when
    the import may not be written (not checked yet, problems found, written already)."""
    from portal.registry.tasks import import_commit_task

    with transaction.atomic():
        job = RegistryImport.objects.select_for_update().get(pk=job.pk)
        if job.phase in (ImportPhase.COMMIT, ImportPhase.COMMITTED):
            raise JobError(_("This file is being imported or has been imported already."))
        if job.phase == ImportPhase.CHECK:
            if job.status == JobStatus.FAILED:
                raise JobError(_("The file could not be checked; upload it again."))
            raise JobError(_("The file is still being checked; wait until the check ends."))
        if not job.is_checked_clean:
            raise JobError(
                _(
                    "Rows with problems were found, so nothing can be imported. Correct "
                    "them in your file and upload it again."
                )
            )
        job.phase, job.status = ImportPhase.COMMIT, JobStatus.QUEUED
        # The status fields track the current phase's run: they start again.
        job.progress, job.stage, job.error, job.attempts = 0, "", "", 0
        job.started_at = job.finished_at = None
        job.committed_by = user
        job.save(
            update_fields=[
                *("phase", "status", "progress", "stage", "error", "attempts"),
                *("started_at", "finished_at", "committed_by"),
            ]
        )
        import_commit_task.delay_on_commit(job.pk)
    audit_log.info("registry import commit requested: job=%s user=%s", job.pk, user.pk)
    return job


def import_process(pk: int) -> RegistryImport | None:
    """Run import ``pk``'s current phase (the tasks' service)."""
    return run_job(RegistryImport, pk, run_phase)


def run_phase(job: RegistryImport) -> None:
    """The work of the phase the import is in. A late second delivery of the check task,
    arriving once the commit is queued, thus does the commit (once) rather than check
    again; the commit task then finds the job finished."""
    if job.phase == ImportPhase.CHECK:
        check(job)
    elif job.phase == ImportPhase.COMMIT:
        commit(job)
    else:
        job.finish()  # nothing left to do


class _Progress:
    """Maps the steps of one stage onto a band of the job's percentage."""

    def __init__(self, job: RegistryImport, start: int, end: int, stage: str) -> None:
        self.job, self.start, self.end, self.stage = job, start, end, stage
        job.report_progress(start, 100, stage)

    def __call__(self, done: int, total: int) -> None:
        share = min(done / total, 1) if total else 0
        self.job.report_progress(self.start + int((self.end - self.start) * share), 100)


def _read_and_check(job: RegistryImport, *, read: tuple[int, int], check: tuple[int, int]) -> Plan:
    if not job.file:
        raise JobError(_("The uploaded file is no longer kept; upload it again."))
    try:
        with job.file.open("rb") as file:
            rows = read_rows(file, _Progress(job, *read, _("Reading the file…")))
    except ValidationError as invalid:
        raise JobError(" ".join(invalid.messages)) from None
    except FileNotFoundError:
        raise JobError(_("The uploaded file is no longer kept; upload it again.")) from None
    return validate_rows(
        rows, communities=import_scope(job), progress=_Progress(job, *check, _("Checking rows…"))
    )


#: How many of the rows to be added a clean check previews.
PREVIEW_ROWS = 20


def preview(plan: Plan) -> dict[str, Any]:
    """What a clean plan would add: counts, and its first rows as staff check them
    (community, address, name, relation, the ID number masked)."""
    if plan.errors:
        return {}
    communities = dict(apps.get_model("registry", "Community").objects.values_list("pk", "name"))
    households = plan.households.values()
    return {
        "households_new": sum(1 for h in households if h.existing_id is None),
        "households_joined": sum(1 for h in households if h.existing_id is not None),
        "residents": len(plan.residents),
        "rows": [
            {
                "row": person.row,
                "community": communities.get(person.community_id, ""),
                "address": plan.households[person.household].address,
                "name": person.name,
                "relation": RELATION_TEXT.get(person.relation, ""),
                "id_number": mask_id_number(person.id_number),
            }
            for person in plan.residents[:PREVIEW_ROWS]
        ],
    }


def check(job: RegistryImport) -> None:
    """The dry run: read every row, list every problem, write nothing; a clean file
    leaves a preview of what it would add."""
    plan = _read_and_check(job, read=(0, 60), check=(60, 100))
    job.finish(
        phase=ImportPhase.CHECKED,
        row_count=plan.row_count,
        errors=plan.errors,
        error_count=len(plan.errors),
        preview=preview(plan),
    )


def commit(job: RegistryImport) -> None:
    """Read and check the file again, then write it all in one transaction, or nothing.

    Progress is reported before the transaction opens: inside it, the polling page
    would not see the updates until the end.
    """
    plan = _read_and_check(job, read=(0, 50), check=(50, 80))
    if plan.errors:
        job.errors, job.error_count, job.row_count = plan.errors, len(plan.errors), plan.row_count
        job.save(update_fields=["errors", "error_count", "row_count"])
        first = plan.errors[0]
        raise JobError(
            ngettext(
                "Nothing was imported: %(count)d problem was found that the check before "
                "did not find, because the registry has changed since (first: row "
                "%(row)d, %(column)s: %(message)s). Correct the file and upload it again.",
                "Nothing was imported: %(count)d problems were found that the check before "
                "did not find, because the registry has changed since (first: row "
                "%(row)d, %(column)s: %(message)s). Correct the file and upload it again.",
                len(plan.errors),
            )
            % {"count": len(plan.errors), **first}
        )
    job.report_progress(80, 100, _("Writing to the registry…"))
    upload = job.file.name
    try:
        with transaction.atomic():
            households, residents = write(plan, job)
            # The rows are in the registry now: the uploaded copy of everyone's ID number
            # is not kept (the file is deleted below, once this has committed).
            job.finish(
                phase=ImportPhase.COMMITTED,
                row_count=plan.row_count,
                households_created=households,
                residents_created=residents,
                errors=[],
                error_count=0,
                file="",
            )
    except IntegrityError:
        log.info("registry import hit a constraint while writing: job=%s", job.pk)
        raise JobError(
            _(
                "Nothing was imported: the registry changed while the rows were being "
                "written. Upload the file again to check it once more."
            )
        ) from None
    audit_log.info(
        "registry import committed: job=%s user=%s rows=%s households=%s residents=%s",
        job.pk,
        job.committed_by_id,
        plan.row_count,
        households,
        residents,
    )
    try:
        job.file.storage.delete(upload)
    except OSError:
        log.warning("uploaded file of import %s not deleted", job.pk, exc_info=True)


def write(plan: Plan, job: RegistryImport) -> tuple[int, int]:
    """Households, residents, tag links and their history rows, in bulk. Call inside a
    transaction. Returns the households and residents created."""
    now = timezone.now()
    user = job.committed_by or job.requested_by
    history = {
        "default_user": user,
        "default_change_reason": f"registry import #{job.pk}",
        "default_date": now,
    }
    new = plan.new_households
    created = bulk_create_with_history(
        [
            Household(
                community_id=household.community_id,
                compound_id=household.compound_id,
                address=household.address,
                registration_type=household.registration_type,
            )
            for household in new
        ],
        Household,
        batch_size=BATCH_SIZE,
        **history,
    )
    for household, row in zip(new, created, strict=True):
        household.existing_id = row.pk

    planned = plan.residents
    residents = Resident.objects.bulk_create(
        [
            Resident(
                community_id=resident.community_id,
                household_id=plan.households[resident.household].existing_id,
                relation_to_head=resident.relation,
                name=resident.name,
                gender=resident.gender,
                id_number=resident.id_number,
                birth_date=resident.birth_date,
                phone=resident.phone,
            )
            for resident in planned
        ],
        batch_size=BATCH_SIZE,
    )
    # As bulk_create_with_history does, but keeping the history rows: their ids are what
    # the tag links' history rows point to.
    versions = Resident.history.bulk_history_create(residents, batch_size=BATCH_SIZE, **history)
    _write_tags(residents, planned, versions)
    return len(created), len(residents)


def _write_tags(
    residents: list[Resident], planned: list[PlannedResident], versions: Iterable[Any]
) -> None:
    through = Resident.tags.through
    links = through.objects.bulk_create(
        [
            through(resident_id=resident.pk, tag_id=tag_id)
            for resident, plan in zip(residents, planned, strict=True)
            for tag_id in plan.tag_ids
        ],
        batch_size=BATCH_SIZE,
    )
    if not links:
        return
    version_of = {version.id: version.history_id for version in versions}
    m2m_history = apps.get_model("registry", "HistoricalResident_tags")
    m2m_history.objects.bulk_create(
        [
            m2m_history(
                history_id=version_of[link.resident_id],
                id=link.pk,
                resident_id=link.resident_id,
                tag_id=link.tag_id,
            )
            for link in links
        ],
        batch_size=BATCH_SIZE,
    )


def errors_workbook(job: RegistryImport) -> bytes:
    """Every problem found in ``job``'s file, one a row, to work through beside it."""
    rows = ([e["row"], e["column"], e["message"]] for e in job.errors)
    header = [_("Row"), _("Column"), _("Problem")]
    return workbook_bytes(_("Problems"), header, rows, widths=(8, 12, 90))


# --- The template ------------------------------------------------------------------------------


def template_workbook() -> bytes:
    """The workbook to fill in: an empty 居民名单 sheet with the headings (ID and phone
    columns formatted as text, so Excel keeps every digit), and a 填写说明 sheet that
    explains each column with an example. The example lives on the second sheet, which
    the import never reads, so it cannot be imported by mistake."""
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    bold = Font(bold=True)
    widths = {"户地址": 28, "身份证号码": 22, "标签": 20, "与户主关系": 12, "手机号码": 15}
    for index, column in enumerate(COLUMNS, start=1):
        cell = data.cell(row=1, column=index, value=column.header)
        cell.font = bold
        letter = cell.column_letter
        data.column_dimensions[letter].width = widths.get(column.header, 11)
        if column.key in {"id_number", "phone", "birth_date"}:
            data.column_dimensions[letter].number_format = "@"
    data.freeze_panes = "A2"
    _add_drop_downs(data)

    notes = book.create_sheet(_("Instructions"))
    notes.column_dimensions["A"].width = 14
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 80
    intro = [
        _("Fill in the sheet %(sheet)s, one resident a row, below its headings.")
        % {"sheet": DATA_SHEET},
        _(
            "Residents with the same community and address form one household; a new "
            "household needs exactly one row whose relation is 户主. A household already in "
            "the registry gets the new members added."
        ),
        _(
            "Nothing is imported until every row passes the check: after uploading you see "
            "every row with a problem, and import only when there are none."
        ),
        "",
    ]
    for line in intro:
        notes.append([line])
    help_text = _column_help()
    notes.append([_("Column"), _("Required"), _("How to fill it in")])
    for cell in notes[notes.max_row]:
        cell.font = bold
    for column in COLUMNS:
        notes.append(
            [column.header, _("yes") if column.required else _("no"), help_text[column.key]]
        )
    notes.append([])
    notes.append([_("Example (on this sheet only; it is never imported):")])
    notes.append(list(HEADERS))
    for cell in notes[notes.max_row]:
        cell.font = bold
    for example in _EXAMPLE_ROWS:
        notes.append(list(example))

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


#: How many rows of the template offer the drop-downs (a community's register fits).
DROP_DOWN_ROWS = 20000


def _add_drop_downs(sheet: Any) -> None:
    """Drop-downs for the coded columns (城乡, 与户主关系, 性别): a list to pick from, so
    nobody types a word the import does not know. Excel warns on anything else but lets
    it stand (the import's check names the row), since old sheets use other words."""
    choices = {
        "registration": list(REGISTRATION_TEXT.values()),
        "relation": list(RELATION_TEXT.values()),
        "gender": list(GENDER_TEXT.values()),
    }
    for index, column in enumerate(COLUMNS, start=1):
        if column.key not in choices:
            continue
        letter = sheet.cell(row=1, column=index).column_letter
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices[column.key]) + '"',
            allow_blank=not column.required,
            errorStyle="warning",
            showErrorMessage=True,
            errorTitle=column.header,
            error=str(_("Choose one of the words in the list.")),
        )
        validation.add(f"{letter}2:{letter}{DROP_DOWN_ROWS + 1}")
        sheet.add_data_validation(validation)


_EXAMPLE_ID_HEAD = idnumbers.build_id_number("110105", dt.date(1968, 3, 12), 31)
_EXAMPLE_ID_SPOUSE = idnumbers.build_id_number("110105", dt.date(1970, 8, 2), 42)
_EXAMPLE_ROWS = (
    (
        "东南",
        "东南花园",
        "东南花园3幢201室",
        "城市",
        "户主",
        "王建国",
        "男",
        _EXAMPLE_ID_HEAD,
        "1968-03-12",
        "13812345678",
        "党员",
    ),
    (
        "东南",
        "东南花园",
        "东南花园3幢201室",
        "城市",
        "配偶",
        "李秀英",
        "",
        _EXAMPLE_ID_SPOUSE,
        "",
        "",
        "",
    ),
)


def _column_help() -> dict[str, str]:
    """How to fill in each column, in the language of whoever downloads the template."""
    return {
        "community": _("The community's name, as in the portal (东南 or 东南社区)."),
        "compound": _("The compound's name, as in the portal; may be empty."),
        "address": _(
            "The household's address. Rows with the same community and address are one household."
        ),
        "registration": _(
            "城市 or 农村. Required for a new household; the same on every row of it."
        ),
        "relation": _("One of: %(words)s.") % {"words": "、".join(RELATION_TEXT.values())},
        "name": _("The resident's full name."),
        "gender": _("男 or 女; may be empty, it is read from the ID number."),
        "id_number": _(
            "The 18-digit ID number (15-digit old numbers are accepted). Keep the column "
            "formatted as text, or Excel drops the last digits."
        ),
        "birth_date": _("Such as 1980-05-17; may be empty, it is read from the ID number."),
        "phone": _("A mobile number, or a landline with its area code; may be empty."),
        "tags": _("Tags such as 党员、老年人, separated by 、 or a comma; may be empty."),
    }
