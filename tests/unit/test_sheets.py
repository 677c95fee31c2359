"""Reading import files: XLSX (Kobo-style) and CSV in the encodings Excel writes, and what is refused."""

from __future__ import annotations

import codecs
import csv
import gc
import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from c4m_desktop.domain.messages import UserError
from c4m_desktop.services import sheets

KM, TH, LO, MY = "ក្រុមត្បាញសូត្រ", "กลุ่มทอผ้าบ้านพนม", "ກຸ່ມແສ່ວຜ້າ", "ပုဂံယွန်းထည်အဖွဲ့"
UUID = "0b5c3c7e-6f0a-4d1e-9a57-3f2f8f1c2d4e"
WHEN = datetime(2026, 3, 14, 9, 26, 53)


def refusal(exc: pytest.ExceptionInfo[UserError], message: str, **params: object) -> None:
    assert exc.value.message == message
    assert exc.value.params == params


@pytest.fixture
def kobo(tmp_path) -> Path:
    """A KoboToolbox-style export: the main sheet, then one sheet per repeat group."""
    wb = openpyxl.Workbook()
    main = wb.active
    main.title = "Weaving groups"
    main.append([])  # a blank line above the header
    main.append(["Name of the group", "_uuid", "_submission_time", "  ", "_index"])
    main.append([KM, UUID, WHEN, "Siem Reap", 1])
    main.append([TH, "  ", WHEN, None, 2, "beyond the header"])
    main.append([])
    main.append([None, "   ", None])  # only blanks: an empty row too
    main.append([LO, None, None, None, 3])
    main.append(["  " + MY + "  ", None, None, None, 4])
    members = wb.create_sheet("members")
    members.append(["Member name", "_parent_index", "_index"])
    members.append(["Sokha", 1, 1])
    members.append(["Malee", 2, 2])
    path = tmp_path / "kobo.xlsx"
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], encoding: str, **fmt: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, **fmt).writerows(rows)
    return path


# XLSX

def test_xlsx_sheet_names_in_workbook_order(kobo):
    assert sheets.sheet_names(kobo) == ["Weaving groups", "members"]


def test_xlsx_first_sheet_headers_and_rows(kobo):
    sheet = sheets.open_sheet(kobo)
    assert sheet.name == "Weaving groups"
    assert sheet.headers == ["Name of the group", "_uuid", "_submission_time", "column 4", "_index"]
    assert list(sheet.rows()) == [
        [KM, UUID, WHEN, "Siem Reap", 1],
        [TH, None, WHEN, None, 2],  # blank text is None; the cell beyond the header is cut off
        [LO, None, None, None, 3],
        [MY, None, None, None, 4],
    ]
    assert all(type(row[4]) is int for row in sheet.rows())


def test_xlsx_open_sheet_by_name(kobo):
    sheet = sheets.open_sheet(kobo, "members")
    assert (sheet.name, sheet.headers) == ("members", ["Member name", "_parent_index", "_index"])
    assert list(sheet.rows()) == [["Sokha", 1, 1], ["Malee", 2, 2]]


def test_xlsx_rows_can_be_read_again_and_abandoned(kobo):
    sheet = sheets.open_sheet(kobo)
    first = sheet.rows()
    assert next(first)[0] == KM
    del first
    gc.collect()
    assert [row[0] for row in sheet.rows()] == [KM, TH, LO, MY]


def test_xlsx_is_recognised_by_content_not_name(kobo, tmp_path):
    renamed = tmp_path / "export.csv"
    renamed.write_bytes(kobo.read_bytes())
    assert sheets.sheet_names(renamed) == ["Weaving groups", "members"]
    assert sheets.open_sheet(renamed, "members").headers[0] == "Member name"


def test_xlsx_wrong_stored_dimension_does_not_cut_rows(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["a", "b", "c"])
    wb.active.append([1, 2, 3])
    path = tmp_path / "dim.xlsx"
    wb.save(path)
    fixed = tmp_path / "fixed.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(fixed, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1"', data)
                assert n == 1
            dst.writestr(item, data)
    sheet = sheets.open_sheet(fixed)
    assert sheet.headers == ["a", "b", "c"]
    assert list(sheet.rows()) == [[1, 2, 3]]


def test_xlsx_unknown_sheet(kobo):
    with pytest.raises(UserError) as exc:
        sheets.open_sheet(kobo, "Members")
    refusal(exc, "The file has no sheet named {sheet}.", sheet="Members")


def test_xlsx_empty_sheet_has_no_header(kobo):
    wb = openpyxl.load_workbook(kobo)
    wb.create_sheet("empty")
    wb.save(kobo)
    with pytest.raises(UserError) as exc:
        sheets.open_sheet(kobo, "empty")
    refusal(exc, "{name} has no header row.", name="kobo.xlsx")


# CSV

ROWS = [["Name of the group", "_uuid", "_index"], [KM, UUID, "1"], [TH, "", "2"], [LO, "x", "3"], [MY, "y", "4"]]
EXPECTED = [[KM, UUID, "1"], [TH, None, "2"], [LO, "x", "3"], [MY, "y", "4"]]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8"])
def test_csv_utf8_with_and_without_bom(tmp_path, encoding):
    path = write_csv(tmp_path / "groups.csv", ROWS, encoding)
    assert sheets.sheet_names(path) == [""]
    sheet = sheets.open_sheet(path)
    assert (sheet.name, sheet.headers) == ("", ROWS[0])
    assert list(sheet.rows()) == EXPECTED


def test_csv_utf16_unicode_text_as_excel_writes_it(tmp_path):
    path = write_csv(tmp_path / "groups.txt", ROWS, "utf-16", delimiter="\t")
    assert path.read_bytes().startswith(codecs.BOM_UTF16_LE)
    sheet = sheets.open_sheet(path)
    assert sheet.headers == ROWS[0]
    assert list(sheet.rows()) == EXPECTED


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_csv_utf16_without_bom(tmp_path, encoding):
    rows = [["ကကက", "က"]] + ROWS  # Burmese KA (U+1000) puts NUL bytes where ASCII does not
    path = write_csv(tmp_path / "groups.csv", rows, encoding, delimiter="\t")
    sheet = sheets.open_sheet(path)
    assert sheet.headers == ["ကကက", "က"]
    assert list(sheet.rows())[-1] == [MY, "y"]


def test_csv_semicolon_delimited(tmp_path):
    path = write_csv(tmp_path / "groups.csv", ROWS, "utf-8-sig", delimiter=";")
    sheet = sheets.open_sheet(path)
    assert sheet.headers == ROWS[0]
    assert list(sheet.rows()) == EXPECTED


def test_csv_quoted_cell_with_delimiter_and_newline(tmp_path):
    rows = [["Name", "Address", "Notes"], [KM, "Village 3, Siem Reap", "first line\nsecond line"], ["B", "c", "d"]]
    path = write_csv(tmp_path / "groups.csv", rows, "utf-8")
    sheet = sheets.open_sheet(path)
    assert sheet.headers == ["Name", "Address", "Notes"]
    assert list(sheet.rows()) == rows[1:]


def test_csv_blank_lines_short_rows_and_empty_headers(tmp_path):
    path = tmp_path / "groups.csv"
    path.write_text("\n , ,\nName,,Site\nA,1\n\n,,\nB,2,Hpa-An,extra\n", encoding="utf-8")
    sheet = sheets.open_sheet(path)
    assert sheet.headers == ["Name", "column 2", "Site"]
    assert list(sheet.rows()) == [["A", "1", None], ["B", "2", "Hpa-An"]]


def test_csv_single_column(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text(f"Name\n{KM}\n{TH}\n", encoding="utf-8")
    sheet = sheets.open_sheet(path)
    assert sheet.headers == ["Name"]
    assert list(sheet.rows()) == [[KM], [TH]]


def test_csv_has_only_the_one_unnamed_sheet(tmp_path):
    path = write_csv(tmp_path / "groups.csv", ROWS, "utf-8")
    assert sheets.open_sheet(path, "").headers == ROWS[0]
    with pytest.raises(UserError) as exc:
        sheets.open_sheet(path, "members")
    refusal(exc, "The file has no sheet named {sheet}.", sheet="members")


# Refusals

NOT_A_SPREADSHEET = "{name} is not a spreadsheet: save it as .xlsx or .csv and try again."


@pytest.mark.parametrize(("name", "content"), [
    ("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
    ("report.csv", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"),
    ("data.bin", bytes(range(256)) * 16),
    ("letter.docx", None),
    ("letter.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
])
def test_not_a_spreadsheet(tmp_path, name, content):
    path = tmp_path / name
    if content is None:  # a zip, but not a workbook
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("word/document.xml", "<w:document/>")
    else:
        path.write_bytes(content)
    for call in (sheets.sheet_names, sheets.open_sheet):
        with pytest.raises(UserError) as exc:
            call(path)
        refusal(exc, NOT_A_SPREADSHEET, name=name)


def test_old_excel_file(tmp_path):
    path = tmp_path / "groups.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(UserError) as exc:
        sheets.open_sheet(path)
    refusal(exc, "{name} is an old Excel 97–2003 file: open it in Excel or LibreOffice and save it as .xlsx.",
            name="groups.xls")


def test_missing_file(tmp_path):
    for call in (sheets.sheet_names, sheets.open_sheet):
        with pytest.raises(UserError) as exc:
            call(tmp_path / "gone.xlsx")
        refusal(exc, "{name} was not found.", name="gone.xlsx")


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "big.xls"  # an old Excel file, but the size is what is reported
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024 * 1024))
    with pytest.raises(UserError) as exc:
        sheets.open_sheet(path)
    refusal(exc, "{name} is {size} MB; files over {limit} MB cannot be imported. Split it into smaller files.",
            name="big.xls", size=2, limit=1)


BAD_ENCODING = "{name} is not in a text encoding the app can read: save it as CSV UTF-8."


@pytest.mark.parametrize(("encoding", "text"), [("latin-1", "Café,Année\nA,B\n"), ("cp874", "ชื่อกลุ่ม,จังหวัด\nA,B\n")])
def test_legacy_encodings_are_refused(tmp_path, encoding, text):
    path = tmp_path / "groups.csv"
    path.write_bytes(text.encode(encoding))
    for call in (sheets.sheet_names, sheets.open_sheet):
        with pytest.raises(UserError) as exc:
            call(path)
        refusal(exc, BAD_ENCODING, name="groups.csv")


def test_bad_bytes_after_the_sample_are_refused_while_reading(tmp_path):
    path = tmp_path / "groups.csv"
    path.write_bytes(b"Name,Site\n" + b"A,B\n" * 30000 + "Café,B\n".encode("latin-1"))
    sheet = sheets.open_sheet(path)
    with pytest.raises(UserError) as exc:
        for _ in sheet.rows():
            pass
    refusal(exc, BAD_ENCODING, name="groups.csv")


@pytest.mark.parametrize("content", [b"", b"\n\r\n  \n", b",,,\n , \n", codecs.BOM_UTF8])
def test_empty_file_has_no_header(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(UserError) as exc:
        sheets.open_sheet(path)
    refusal(exc, "{name} has no header row.", name="empty.csv")


def test_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("Name,Phone\nA,1\n\nB,2\n", encoding="utf-8")
    assert list(sheets.open_sheet(path).numbered_rows()) == [(2, ["A", "1"]), (4, ["B", "2"])]
