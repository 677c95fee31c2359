"""Read a spreadsheet a coordinator wants to import (XLSX or CSV, often a KoboToolbox export) as header + rows.

The format is decided by content, not by the file name: Kobo and ODK exports, e-mail attachments
and files saved from phones often carry the wrong extension. Anything that is not XLSX or text is
refused with a message saying what to do, before any row is read. Rows are read lazily, so a
50,000-row file is never held in memory at once; each call of ``Sheet.rows`` reads the file again.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import unicodedata
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import openpyxl

from ..domain.messages import N_, UserError

MAX_BYTES = 100 * 1024 * 1024  # refuse larger files
_MB = 1024 * 1024
_SAMPLE = 64 * 1024  # bytes read to decide the encoding
_SNIFF = 16 * 1024  # characters given to csv.Sniffer, which is quadratic on some texts (13 s on 64 KB)
_DELIMITERS = ",;\t|"

NOT_FOUND = N_("{name} was not found.")
TOO_LARGE = N_("{name} is {size} MB; files over {limit} MB cannot be imported. Split it into smaller files.")
NOT_A_SPREADSHEET = N_("{name} is not a spreadsheet: save it as .xlsx or .csv and try again.")
OLD_EXCEL = N_("{name} is an old Excel 97–2003 file: open it in Excel or LibreOffice and save it as .xlsx.")
BAD_ENCODING = N_("{name} is not in a text encoding the app can read: save it as CSV UTF-8.")
NO_SHEET = N_("The file has no sheet named {sheet}.")
NO_HEADER = N_("{name} has no header row.")

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OTHER_OLE_SUFFIXES = {".doc", ".dot", ".ppt", ".pps", ".msg", ".pub", ".vsd"}  # OLE files that are not Excel
# Formats whose start is plain ASCII (PDF, RTF) or that would otherwise be reported as a text encoding problem.
_NOT_TEXT = (b"%PDF-", b"{\\rtf", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")


@dataclass(frozen=True)
class Sheet:
    """One sheet of a file: its header and a way to read its data rows (again) from the file."""

    name: str  # "" for CSV
    headers: list[str]
    _read: Callable[[], Generator[Sequence[Any], None, None]] = field(repr=False, compare=False)
    _skip: int = field(default=0, repr=False, compare=False)  # raw rows up to and including the header

    def rows(self) -> Iterator[list[Any]]:
        """Yield the data rows, each as long as the header; fully empty rows are left out."""
        return (values for _number, values in self.numbered_rows())

    def numbered_rows(self) -> Iterator[tuple[int, list[Any]]]:
        """Yield (row number as the spreadsheet shows it, row) for the data rows."""
        width = len(self.headers)
        with contextlib.closing(self._read()) as raw:
            for n, row in enumerate(raw):
                if n < self._skip:
                    continue
                values = [_clean(v) for v in row[:width]]
                if any(v is not None for v in values):
                    yield n + 1, values + [None] * (width - len(values))


def sheet_names(path: Path) -> list[str]:
    """Return the sheet names of an XLSX file in workbook order, or [""] for CSV."""
    path = Path(path)
    if _probe(path) is None:
        with _workbook(path) as wb:
            return [ws.title for ws in wb.worksheets]
    return [""]


def open_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """Open one sheet (the first if ``sheet`` is None) and read its header row."""
    path = Path(path)
    text = _probe(path)
    if text is None:
        with _workbook(path) as wb:
            names = [ws.title for ws in wb.worksheets]
            title = _pick(names, sheet)
            if not names:  # only chart sheets
                raise UserError(NO_HEADER, name=path.name)
            headers, skip = _header(_worksheet_rows(wb, title, path.name), path)
        return Sheet(title, headers, partial(_xlsx_rows, path, title), skip)
    encoding, delimiter = text
    _pick([""], sheet)
    read = partial(_csv_rows, path, encoding, delimiter)
    headers, skip = _header(read(), path)
    return Sheet("", headers, read, skip)


def _pick(names: list[str], sheet: str | None) -> str:
    if sheet is None:
        return names[0] if names else ""
    if sheet not in names:
        raise UserError(NO_SHEET, sheet=sheet)
    return sheet


def _header(raw: Generator[Sequence[Any], None, None], path: Path) -> tuple[list[str], int]:
    with contextlib.closing(raw):
        for n, row in enumerate(raw):
            values = [_clean(v) for v in row]
            while values and values[-1] is None:  # XLSX rows often run on with formatted but empty cells
                values.pop()
            if values:
                return [f"column {i}" if v is None else str(v).strip() for i, v in enumerate(values, 1)], n + 1
    raise UserError(NO_HEADER, name=path.name)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _probe(path: Path) -> tuple[str, str] | None:
    """Refuse what cannot be read; return None for XLSX, else the CSV encoding and delimiter."""
    try:
        size = path.stat().st_size
    except (FileNotFoundError, NotADirectoryError):
        raise UserError(NOT_FOUND, name=path.name) from None
    if size > MAX_BYTES:
        raise UserError(TOO_LARGE, name=path.name, size=-(-size // _MB), limit=MAX_BYTES // _MB)
    if not path.is_file():
        raise UserError(NOT_A_SPREADSHEET, name=path.name)
    with path.open("rb") as f:
        head = f.read(_SAMPLE)
    if head.startswith(_ZIP):
        return None  # whether openpyxl can read it is found out when it is opened
    if head.startswith(_OLE) and path.suffix.lower() not in _OTHER_OLE_SUFFIXES:
        raise UserError(OLD_EXCEL, name=path.name)
    if head.startswith((_OLE, *_NOT_TEXT)):
        raise UserError(NOT_A_SPREADSHEET, name=path.name)
    encoding = _encoding(head, path)
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(head, final=size <= _SAMPLE)
    except UnicodeDecodeError:
        raise UserError(BAD_ENCODING, name=path.name) from None
    if size > _SAMPLE or len(text) > _SNIFF:
        text = text[:_SNIFF]
        if "\n" in text:
            text = text[: text.rindex("\n") + 1]  # a cut-off last line would confuse the sniffer
    return encoding, _delimiter(text)


def _encoding(head: bytes, path: Path) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    start = head[:4096]
    if b"\0" not in start:
        return "utf-8"  # checked strictly by the caller; legacy code pages are refused, not guessed
    # UTF-16 without a BOM: ASCII characters (delimiters, digits, line ends) have a NUL high byte, but
    # so does Burmese KA (U+1000), so both byte orders are tried, the likelier first.
    orders = ("utf-16-le", "utf-16-be")
    if start[0::2].count(0) > start[1::2].count(0):
        orders = orders[::-1]
    for encoding in orders:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(start)
        except UnicodeDecodeError:
            continue
        if any(c in text for c in "\n" + _DELIMITERS) and not any(
                unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text):
            return encoding
    raise UserError(NOT_A_SPREADSHEET, name=path.name)


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        found = csv.Sniffer().sniff(text, _DELIMITERS).delimiter
    except csv.Error:
        found = ""
    if found and found in first:  # the sniffer can be misled by delimiters inside cells
        return found
    best = max(_DELIMITERS, key=first.count)
    return best if first.count(best) else ","


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Generator[list[str], None, None]:
    try:
        with path.open(encoding=encoding, newline="") as f:
            yield from csv.reader(f, delimiter=delimiter)
    except UnicodeDecodeError:  # past the sample that was checked
        raise UserError(BAD_ENCODING, name=path.name) from None
    except csv.Error:
        raise UserError(NOT_A_SPREADSHEET, name=path.name) from None


@contextlib.contextmanager
def _workbook(path: Path) -> Iterator[Any]:
    # A file object rather than the path, so openpyxl does not refuse a workbook by its extension.
    with path.open("rb") as f:
        try:
            wb = openpyxl.load_workbook(f, read_only=True, data_only=True)
        except OSError:
            raise
        except Exception:  # openpyxl fails on a zip that is not a workbook with many different errors
            raise UserError(NOT_A_SPREADSHEET, name=path.name) from None
        try:
            yield wb
        finally:
            wb.close()


def _worksheet_rows(wb: Any, title: str, name: str) -> Generator[tuple[Any, ...], None, None]:
    ws = wb[title]
    ws.reset_dimensions()  # some writers store a wrong size (e.g. "A1"), which would cut rows short
    try:
        yield from ws.iter_rows(values_only=True)
    except Exception:  # a damaged sheet only shows when its XML is parsed, row by row
        raise UserError(NOT_A_SPREADSHEET, name=name) from None


def _xlsx_rows(path: Path, title: str) -> Generator[tuple[Any, ...], None, None]:
    with _workbook(path) as wb:
        yield from _worksheet_rows(wb, title, path.name)
