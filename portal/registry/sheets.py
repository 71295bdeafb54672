"""Reading the rows of one sheet of an .xlsx workbook, quickly and in little memory.

An import reads every row of a ledger twice (the dry run, then the commit). openpyxl's
read-only mode reads about 6,000 rows of eleven columns a second on the portal's server,
and when a sheet has no dimension record (openpyxl's own write-only files have none) it
parses the whole sheet once more just to open the workbook: 100,000 rows cost about 40
seconds of reading. This reader walks the sheet's XML once with ElementTree's C parser
and keeps only the values, about five times faster. It reads values, as openpyxl's
``data_only`` does (the last computed result of a formula), never styles; a number the
spreadsheet shows as a date comes back as a number, and the caller knows which columns
hold dates.

Workbooks are untrusted input: the caller checks what the archive unpacks to before
calling; ElementTree fetches no external entity, and expat (2.4 and later) refuses the
entity expansion attacks ("billion laughs").
"""

import datetime as dt
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from pyexpat import version_info as expat_version
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

# Transitional and Strict Open XML name the same elements in different namespaces.
_MAIN = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)
_ROW = frozenset(f"{{{ns}}}row" for ns in _MAIN)
_VALUE = frozenset(f"{{{ns}}}v" for ns in _MAIN)
_INLINE = frozenset(f"{{{ns}}}is" for ns in _MAIN)
_TEXT = frozenset(f"{{{ns}}}t" for ns in _MAIN)
_RUN = frozenset(f"{{{ns}}}r" for ns in _MAIN)
_STRING_ITEM = frozenset(f"{{{ns}}}si" for ns in _MAIN)

# Everything a damaged or foreign archive raises while being read.
READ_ERRORS = (
    ParseError,
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    IndexError,
    EOFError,
    OSError,
    ValueError,
)


class SheetError(Exception):
    """The archive is no workbook this reader can read, or a part of it is damaged."""


def _parse(stream: Any) -> Iterator[tuple[str, Any]]:
    """``iterparse`` (end events) of an untrusted part. ElementTree never fetches an
    external entity; expat 2.4 and later stop entity amplification, which is why an
    older one is refused rather than trusted."""
    if expat_version < (2, 4, 1):
        raise SheetError("this expat is too old to parse untrusted XML")
    return iterparse(stream)  # noqa: S314 - see above


def _local(tag: str) -> str:
    return tag[tag.rfind("}") + 1 :]


def _attribute(element: Any, name: str) -> str | None:
    """An attribute by its local name, whatever its namespace (r:id, or id in Strict)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _relationships(archive: zipfile.ZipFile, part: str) -> list[tuple[str, str, str]]:
    """(id, type, target path) of each relationship of ``part``."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.NameToInfo:
        return []
    found = []
    with archive.open(rels) as stream:
        for _event, element in _parse(stream):
            if _local(element.tag) != "Relationship":
                continue
            target = element.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join(folder, target))
            found.append((element.get("Id", ""), element.get("Type", ""), path))
    return found


def _text_of(element: Any) -> str:
    """The text of a string item or inline string: its ``t``, or the ``t`` of each rich
    text run; phonetic guides (``rPh``) are not part of the value."""
    parts = []
    for child in element:
        if child.tag in _TEXT:
            parts.append(child.text or "")
        elif child.tag in _RUN:
            parts.extend(t.text or "" for t in child if t.tag in _TEXT)
    return "".join(parts)


def _shared_strings(archive: zipfile.ZipFile, path: str | None) -> list[str]:
    if not path or path not in archive.NameToInfo:
        return []
    strings = []
    with archive.open(path) as stream:
        for _event, element in _parse(stream):
            if element.tag in _STRING_ITEM:
                strings.append(_text_of(element))
                element.clear()
    return strings


_COLUMN_CACHE: dict[str, int] = {}


def _column(reference: str) -> int:
    """``"C12"`` → 2 (zero-based)."""
    letters = reference.rstrip("0123456789")
    index = _COLUMN_CACHE.get(letters)
    if index is None:
        index = 0
        for letter in letters.upper():
            index = index * 26 + ord(letter) - 64
        index -= 1
        if not 0 <= index < 16384:
            raise ValueError(reference)
        _COLUMN_CACHE[letters] = index
    return index


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


class Sheet:
    """One sheet of an open workbook: ``rows()`` yields (row number, values)."""

    def __init__(self, archive: zipfile.ZipFile, path: str, strings: list[str], epoch: Any):
        self.archive, self.path, self.strings, self.epoch = archive, path, strings, epoch

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """Each row that has an element in the file, with its values from column A to its
        last cell; a missing cell is None. Blank rows may be left out or come as they are."""
        strings = self.strings
        number = 0
        try:
            with self.archive.open(self.path) as stream:
                for _event, element in _parse(stream):
                    if element.tag not in _ROW:
                        continue
                    reference = element.get("r")
                    number = int(reference) if reference else number + 1
                    values: list[Any] = []
                    for cell in element:
                        reference = cell.get("r")
                        index = _column(reference) if reference else len(values)
                        if index > len(values):
                            values.extend([None] * (index - len(values)))
                        values.append(self._value(cell, strings))
                    element.clear()
                    yield number, values
        except READ_ERRORS as error:
            raise SheetError(f"damaged sheet: {type(error).__name__}") from error

    @staticmethod
    def _value(cell: Any, strings: list[str]) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            for child in cell:
                if child.tag in _INLINE:
                    return _text_of(child)
            return None
        text = None
        for child in cell:
            if child.tag in _VALUE:
                text = child.text
                break
        if text is None:
            return None
        if kind == "s":
            return strings[int(text)]
        if kind == "n":
            return _number(text)
        if kind == "b":
            return text.strip() == "1"
        if kind == "d":
            return dt.datetime.fromisoformat(text.rstrip("Z"))
        return text  # "str" (a formula's text result) and "e" (an error such as #N/A)


class Workbook:
    """An .xlsx archive opened for reading values. Close it (or use ``with``)."""

    def __init__(self, file: Any) -> None:
        try:
            self.archive = zipfile.ZipFile(file)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise SheetError("not a zip archive") from error
        try:
            self._read_parts()
        except READ_ERRORS as error:
            self.archive.close()
            raise SheetError(f"unreadable workbook: {type(error).__name__}") from error
        except SheetError:
            self.archive.close()
            raise

    def _read_parts(self) -> None:
        main = next(
            (
                path
                for _, kind, path in _relationships(self.archive, "")
                if kind.endswith("/officeDocument")
            ),
            "xl/workbook.xml",
        )
        if main not in self.archive.NameToInfo:
            raise SheetError("no workbook part")
        relationships = {
            rid: (kind, path) for rid, kind, path in _relationships(self.archive, main)
        }
        self.sheets: list[tuple[str, str]] = []  # (name, path) of each worksheet, in order
        self.epoch = CALENDAR_WINDOWS_1900
        with self.archive.open(main) as stream:
            for _event, element in _parse(stream):
                name = _local(element.tag)
                if name == "workbookPr" and element.get("date1904") in ("1", "true"):
                    self.epoch = CALENDAR_MAC_1904
                elif name == "sheet":
                    kind, path = relationships.get(_attribute(element, "id") or "", ("", ""))
                    if kind.endswith("/worksheet") and path in self.archive.NameToInfo:
                        self.sheets.append((element.get("name", ""), path))
        strings = next(
            (path for kind, path in relationships.values() if kind.endswith("/sharedStrings")),
            None,
        )
        self._strings_path = strings
        self._strings: list[str] | None = None

    def sheet(self, preferred: str | None = None) -> Sheet:
        """The sheet named ``preferred`` if there is one, else the first."""
        if not self.sheets:
            raise SheetError("no worksheet")
        path = dict(self.sheets).get(preferred or "", self.sheets[0][1])
        if self._strings is None:
            try:
                self._strings = _shared_strings(self.archive, self._strings_path)
            except READ_ERRORS as error:
                raise SheetError(f"damaged shared strings: {type(error).__name__}") from error
        return Sheet(self.archive, path, self._strings, self.epoch)

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> "Workbook":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()
