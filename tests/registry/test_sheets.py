"""The workbook reader of the import: the same values as openpyxl reads, and the parts
of the format that openpyxl does not write (rich text, phonetic guides, cells without a
reference, a 1904 calendar, Strict namespaces)."""

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from portal.registry import sheets


def read(content: bytes, preferred: str | None = None) -> list[tuple[int, list]]:
    with sheets.Workbook(io.BytesIO(content)) as book:
        return list(book.sheet(preferred).rows())


def openpyxl_bytes(rows, *, write_only: bool) -> bytes:
    book = OpenpyxlWorkbook(write_only=write_only)
    sheet = book.create_sheet("数据") if write_only else book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ROWS = [
    ["社区", "姓名", "数字", "小数", "日期", "是否"],
    ["东南", "张三", 330203199001011234, 1.5, dt.date(1980, 5, 17), True],
    [None, "  李四 ", 13812345678, -2, None, False],
    [],
    ["=1+1", None, None, None, None, None, "G 列"],
]


@pytest.mark.parametrize("write_only", [True, False], ids=["inline strings", "shared strings"])
def test_values_match_openpyxl(write_only):
    content = openpyxl_bytes(ROWS, write_only=write_only)
    expected = []
    for number, row in enumerate(
        load_workbook(io.BytesIO(content), data_only=True).active.iter_rows(values_only=True),
        start=1,
    ):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        if values:
            expected.append((number, values))
    found = [(n, v) for n, v in read(content) if any(x is not None for x in v)]
    # Dates come back as the day count they are stored as.
    for (_, values), (_, wanted) in zip(found, expected, strict=True):
        for index, value in enumerate(values):
            if isinstance(wanted[index], dt.datetime):
                values[index] = from_excel(value)
    assert found == expected


def _xlsx(
    sheet_xml: str, *, strings: str | None = None, workbook_pr: str = "", strict=False
) -> bytes:
    main = (
        "http://purl.oclc.org/ooxml/spreadsheetml/main"
        if strict
        else "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    )
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel_ns}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel_ns}">{workbook_pr}<sheets>'
            '<sheet name="说明" sheetId="2" r:id="rId2"/>'
            '<sheet name="居民名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel_ns}/worksheet" Target="/xl/worksheets/data.xml"/>'
            f'<Relationship Id="rId2" Type="{rel_ns}/worksheet" Target="worksheets/notes.xml"/>'
            f'<Relationship Id="rId3" Type="{rel_ns}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/worksheets/data.xml",
            f'<worksheet xmlns="{main}"><sheetData>{sheet_xml}</sheetData></worksheet>',
        )
        archive.writestr(
            "xl/worksheets/notes.xml",
            f'<worksheet xmlns="{main}"><sheetData><row r="1">'
            '<c r="A1" t="inlineStr"><is><t>说明</t></is></c></row></sheetData></worksheet>',
        )
        archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{strings or ""}</sst>')
    return buffer.getvalue()


SHEET = (
    '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="D2" t="s"><v>1</v></c></row>'
    '<row><c><v>7</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c>'
    '<c t="str"><f>A3&amp;"x"</f><v>7x</v></c><c><f>1+1</f></c>'
    '<c t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c></row>'
    '<row r="5"><c r="A5" t="d"><v>1980-05-17T00:00:00</v></c><c r="C5"><v>29358</v></c></row>'
)
STRINGS = (
    "<si><t>东南</t></si>"
    '<si><r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh></si>'
)


@pytest.mark.parametrize("strict", [False, True], ids=["transitional", "strict"])
def test_the_parts_openpyxl_does_not_write(strict):
    content = _xlsx(SHEET, strings=STRINGS, strict=strict)
    assert read(content, "居民名单") == [
        (2, [None, "东南", None, "张三"]),
        (3, [7, True, "#N/A", "7x", None, "富文本"]),
        (5, [dt.datetime.fromisoformat("1980-05-17"), None, 29358]),
    ]
    # Without the preferred sheet, the first in the workbook's order.
    assert read(content) == [(1, ["说明"])]


def test_the_1904_calendar_is_reported():
    mac = _xlsx(SHEET, strings=STRINGS, workbook_pr='<workbookPr date1904="1"/>')
    with sheets.Workbook(io.BytesIO(mac)) as book:
        assert book.sheet().epoch == CALENDAR_MAC_1904
    with sheets.Workbook(io.BytesIO(_xlsx(SHEET, strings=STRINGS))) as book:
        assert book.sheet().epoch == CALENDAR_WINDOWS_1900


@pytest.mark.parametrize(
    "content",
    [b"not a zip", b"PK\x03\x04 truncated"],
)
def test_what_is_no_zip(content):
    with pytest.raises(sheets.SheetError):
        sheets.Workbook(io.BytesIO(content))


@pytest.mark.parametrize(
    "sheet_xml",
    [
        '<row r="1"><c r="A1" t="s"><v>5</v></c></row>',  # no such shared string
        '<row r="1"><c r="A1"><v>1</v></c>',  # unclosed row
        '<row r="1"><c r="A1"><v>x1</v></c></row>',  # not a number
    ],
)
def test_a_damaged_sheet_raises_sheet_error_while_reading(sheet_xml):
    content = _xlsx(sheet_xml, strings="")
    with sheets.Workbook(io.BytesIO(content)) as book, pytest.raises(sheets.SheetError):
        list(book.sheet("居民名单").rows())
