"""Writing workbooks people open in Excel or WPS: one place for the rules every export
follows (write-only mode for memory, text cells that cannot turn into formulas)."""

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

# What a spreadsheet program takes for the start of a formula (OWASP CSV injection),
# full-width forms included (Chinese input methods type ＝ ＋ － ＠, which WPS and Excel
# take as = + - @), and a leading line feed.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def workbook_bytes(
    title: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, widths: Sequence[int] = ()
) -> bytes:
    """A one-sheet workbook: a bold header row, then ``rows``; every string cell is
    written as a string cell, so that text starting with = + - @ that someone typed
    stays text and never runs as a formula (CSV/formula injection, OWASP)."""
    book = Workbook(write_only=True)
    add_sheet(book, title, header, rows, widths=widths)
    return book_bytes(book)


def add_sheet(
    book: Workbook,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    widths: Sequence[int] = (),
) -> None:
    """Append a sheet to a write-only ``book`` under the same rules as
    :func:`workbook_bytes`, for workbooks of several sheets."""
    sheet = book.create_sheet(title=sheet_title(title))
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.append([_cell(sheet, value, bold=True) for value in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


#: Characters Excel refuses in a sheet's name.
SHEET_TITLE_REFUSED = str.maketrans(dict.fromkeys(":/?*[]\\", "_"))


def sheet_title(title: str) -> str:
    """``title`` as a sheet name Excel takes: the refused characters replaced, no quote
    at either end, 31 characters at most, never empty."""
    name = (title or "").translate(SHEET_TITLE_REFUSED).strip("'")[:31].strip("'")
    return name or "Sheet"


def book_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=None)
    if isinstance(value, str):
        # Set the string directly: openpyxl would otherwise store "=..." as a formula.
        cell._value = value
        cell.data_type = "s"
        if value.startswith(FORMULA_PREFIXES):
            # Excel's "quote prefix" (a leading '): the cell stays text even when someone
            # edits it and presses Enter, which would otherwise make "=..." a formula.
            cell.quotePrefix = True
    else:
        cell.value = "" if value is None else value
    if bold:
        cell.font = Font(bold=True)
    return cell
