"""One list (associations, business plans, action plans, IPR) as a table for Excel: XLSX or CSV.

The rows are those of the list queries with the same filters; the columns are those of the
list pages (``tests/ui/test_table_export_button.py`` checks they agree). Headers and enum values
are in a language chosen for the export (``i18n.translator``), whatever the current language is,
so the window's worker thread can export in the UI language safely.

XLSX is the main format: numbers and dates are real Excel numbers and dates, text is always
text (a name starting with "=" is never a formula). CSV is UTF-8 with a byte order mark, which
Excel needs to read Thai, Khmer, Lao and Burmese; a CSV cell cannot say "this is text", so text
that Excel would run as a formula (starting with = + - @) gets a leading apostrophe there.
Files are written to a temporary file in the target folder and renamed into place.
"""

from __future__ import annotations

import csv
import os
import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..domain.enums import (
    ActionPlanScope,
    ActionPlanStatus,
    AssociationKind,
    IPRStatus,
    IPRType,
    PlanStatus,
    label,
)
from ..domain.ipr_offices import OFFICES
from ..domain.messages import N_, UserError
from ..domain.sectors import SECTORS
from ..domain.sites import SITES
from ..i18n import LANGUAGES, Translator, translator
from . import queries
from .workspace import Workspace

FORMATS = ("xlsx", "csv")
CHUNK = 2000  # rows fetched per query, so a 100,000-row list never sits in memory at once

CANNOT_WRITE = N_("Cannot write {path}: {reason}")
UNKNOWN_TABLE = N_("Unknown table {name}; use one of {names}.")
UNKNOWN_FORMAT = N_("Unknown file format {name}; use xlsx or csv.")
UNKNOWN_LANGUAGE = N_("Unknown language {lang}; use one of {langs}.")
UNKNOWN_FILTER = N_("The {table} table cannot be filtered by {filter}.")
UNKNOWN_VALUE = N_("{value} is not a valid {filter}; use one of {values}.")

Show = Callable[[Any, Translator], Any]


@dataclass(frozen=True)
class ExportColumn:
    key: str
    header: str  # English, marked with N_; translated into the export's language
    width: int = 14  # in characters
    show: Show | None = None  # value -> cell value (text, number or date); None = the value itself


def _enum(kind: type[StrEnum]) -> Show:
    def show(value: Any, t: Translator) -> Any:
        try:
            return t.gettext(label(kind(value)))
        except ValueError:  # a value of a newer app version: show it as stored
            return value
    return show


def _sectors(value: Any, t: Translator) -> str:
    return ", ".join(t.gettext(SECTORS[s]) if s in SECTORS else s for s in value)


def _office(value: Any, t: Translator) -> str:
    return t.gettext(OFFICES[value].name) if value in OFFICES else value


def _date(value: Any, _t: Translator) -> date:
    return date.fromisoformat(value[:10])  # also the day of an ISO timestamp, as the list shows it


@dataclass(frozen=True)
class Table:
    name: str  # as on the command line
    title: str  # N_ text; the sheet's name
    query: Callable[..., list[dict[str, Any]]]
    filters: dict[str, Sequence[str] | None]  # filter -> allowed values (None: free text)
    columns: tuple[ExportColumn, ...]


_SITES = tuple(SITES)

TABLES: dict[str, Table] = {t.name: t for t in (
    Table("associations", N_("Associations"), queries.associations,
          {"site": _SITES, "search": None, "sector": tuple(SECTORS), "kind": tuple(AssociationKind)}, (
              ExportColumn("site_code", N_("Site"), 6),
              ExportColumn("name_en", N_("Name"), 40),
              ExportColumn("name_local", N_("Local name"), 40),
              ExportColumn("kind", N_("Kind"), 18, _enum(AssociationKind)),
              ExportColumn("sectors", N_("Sectors"), 30, _sectors),
              ExportColumn("members_total", N_("Members"), 10),
              ExportColumn("members_women", N_("Women"), 10),
              ExportColumn("district", N_("District"), 18),
              ExportColumn("updated_at", N_("Last changed"), 12, _date),
          )),
    Table("business-plans", N_("Business plans"), queries.business_plans,
          {"site": _SITES, "search": None, "status": tuple(PlanStatus)}, (
              ExportColumn("site_code", N_("Site"), 6),
              ExportColumn("title", N_("Title"), 50),
              ExportColumn("association", N_("Association"), 40),
              ExportColumn("status", N_("Status"), 14, _enum(PlanStatus)),
              ExportColumn("start_year", N_("First year"), 10),
              ExportColumn("currency", N_("Currency"), 10),
          )),
    Table("action-plans", N_("Action plans"), queries.action_plans,
          {"site": _SITES, "search": None, "status": tuple(ActionPlanStatus), "overdue": None}, (
              ExportColumn("site_code", N_("Site"), 6),
              ExportColumn("title", N_("Title"), 50),
              ExportColumn("owner", N_("Owner"), 24),
              ExportColumn("scope", N_("Scope"), 14, _enum(ActionPlanScope)),
              ExportColumn("status", N_("Status"), 12, _enum(ActionPlanStatus)),
              ExportColumn("period_start", N_("From"), 12, _date),
              ExportColumn("period_end", N_("To"), 12, _date),
              ExportColumn("overdue", N_("Overdue activities"), 12),
          )),
    Table("ipr", N_("IPR"), queries.ipr_assets,
          {"site": _SITES, "search": None, "ipr_type": tuple(IPRType), "status": tuple(IPRStatus)}, (
              ExportColumn("site_code", N_("Site"), 6),
              ExportColumn("title", N_("Title"), 40),
              ExportColumn("association", N_("Association"), 40),
              ExportColumn("ipr_type", N_("Type"), 22, _enum(IPRType)),
              ExportColumn("status", N_("Status"), 12, _enum(IPRStatus)),
              ExportColumn("office", N_("Office"), 40, _office),
              ExportColumn("filing_date", N_("Filed"), 12, _date),
              ExportColumn("renewal_date", N_("Renewal due"), 12, _date),
          )),
)}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    format: str


def check_filters(table: str, filters: dict[str, Any]) -> dict[str, Any]:
    """Return the filters that are set; UserError (rejected) for a filter or value the table lacks."""
    spec = _table(table)
    used = {k: v for k, v in filters.items() if v not in (None, "", False)}
    for name, value in used.items():
        if name not in spec.filters:
            raise UserError(UNKNOWN_FILTER, table=table, filter=name)
        allowed = spec.filters[name]
        if allowed is not None and value not in allowed:
            raise UserError(UNKNOWN_VALUE, value=value, filter=name, values=", ".join(allowed))
    return used


def _table(name: str) -> Table:
    if name not in TABLES:
        raise UserError(UNKNOWN_TABLE, name=name, names=", ".join(TABLES))
    return TABLES[name]


def header_labels(table: str, lang: str, columns: Sequence[str] | None = None) -> list[str]:
    """Return the translated header row of a table."""
    t = translator(lang)
    return [t.gettext(c.header) for c in _columns(_table(table), columns)]


def _columns(spec: Table, keys: Sequence[str] | None) -> tuple[ExportColumn, ...]:
    if keys is None:
        return spec.columns
    by_key = {c.key: c for c in spec.columns}
    unknown = [k for k in keys if k not in by_key]
    if unknown:
        raise ValueError(f"{spec.name} has no column {unknown[0]!r}")
    return tuple(by_key[k] for k in keys)


# fetch(limit, offset) -> rows of the list query as dicts, in the list's order
Fetch = Callable[[int, int], list[dict[str, Any]]]


def query_fetch(ws: Workspace, table: str, *, filters: dict[str, Any] | None = None,
                order: str = "site_code", descending: bool = False) -> Fetch:
    """Return a Fetch over a table's list query with these filters (checked first)."""
    spec = _table(table)
    used = check_filters(table, filters or {})
    return lambda limit, offset: spec.query(ws, **used, order=order, descending=descending,
                                            limit=limit, offset=offset)


def rows(fetch: Fetch, table: str, *, lang: str = "en",
         columns: Sequence[str] | None = None) -> Iterator[list[Any]]:
    """Yield the cell values of each row (text, int, float, date or None), CHUNK rows per query."""
    cols = _columns(_table(table), columns)
    t = translator(lang)
    offset = 0
    while True:
        page = fetch(CHUNK, offset)
        for r in page:
            yield [None if r.get(c.key) is None else c.show(r[c.key], t) if c.show else r[c.key]
                   for c in cols]
        if len(page) < CHUNK:
            return
        offset += len(page)


def export_table(ws: Workspace, table: str, path: Path | str, *, fmt: str = "xlsx", lang: str = "en",
                 filters: dict[str, Any] | None = None, columns: Sequence[str] | None = None,
                 order: str = "site_code", descending: bool = False) -> ExportResult:
    """Write one list, filtered as the list queries filter, to an XLSX or CSV file."""
    fetch = query_fetch(ws, table, filters=filters, order=order, descending=descending)
    return write_table(fetch, table, path, fmt=fmt, lang=lang, columns=columns)


def write_table(fetch: Fetch, table: str, path: Path | str, *, fmt: str = "xlsx", lang: str = "en",
                columns: Sequence[str] | None = None) -> ExportResult:
    """Write the rows fetch gives (a list page passes its own query) to a file, whole or not at all."""
    spec = _table(table)
    if fmt not in FORMATS:
        raise UserError(UNKNOWN_FORMAT, name=fmt)
    if lang not in LANGUAGES:
        raise UserError(UNKNOWN_LANGUAGE, lang=lang, langs=", ".join(LANGUAGES))
    path = Path(path)
    header = header_labels(table, lang, columns)
    widths = [c.width for c in _columns(spec, columns)]
    sheet = translator(lang).gettext(spec.title)
    body = rows(fetch, table, lang=lang, columns=columns)
    writer = write_xlsx if fmt == "xlsx" else write_csv
    n = write_atomically(path, lambda tmp: writer(tmp, sheet, header, widths, body))
    return ExportResult(path, n, fmt)


def write_atomically(path: Path, write: Callable[[Path], int]) -> int:
    try:
        # Not mkstemp: its 0600 mode would stay on the file; this one gets the usual permissions.
        tmp = path.resolve().parent / f".{path.name}.{secrets.token_hex(6)}.part"
        try:
            n = write(tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise UserError(CANNOT_WRITE, rejected=False, path=str(path),
                        reason=error.strerror or str(error)) from None
    return n


# Characters XML 1.0 cannot hold at all (openpyxl refuses them): dropped from XLSX cells only.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(path: Path, sheet: str, header: list[str], widths: list[int],
                body: Iterator[list[Any]]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    wb.properties.creator = "c4m-desktop"
    ws = wb.create_sheet(_SHEET_BAD.sub(" ", sheet)[:31] or "Sheet1")
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)

    def text(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, _NOT_XML.sub("", value))
        cell.data_type = "s"  # never a formula ("=…") or an error code ("#N/A")
        return cell

    head = []
    for h in header:
        cell = text(h)
        cell.font = bold
        head.append(cell)
    n = 0
    try:
        ws.append(head)
        for values in body:
            ws.append([text(v) if isinstance(v, str) else v for v in values])
            n += 1
        wb.save(path)
    except BaseException:
        _discard(ws)
        raise
    return n


def _discard(sheet: Any) -> None:
    """Close a write-only sheet that will not be saved and remove openpyxl's temporary file."""
    try:
        if not sheet.closed:
            sheet.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None and os.path.exists(writer.out):
            writer.cleanup()
    except Exception:  # best effort: openpyxl also removes its temporary files at exit
        pass


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # Excel would run it as a formula (OWASP's CSV injection advice)
    return value


def write_csv(path: Path, _sheet: str, header: list[str], _widths: list[int],
               body: Iterator[list[Any]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([_csv_cell(h) for h in header])
        for values in body:
            out.writerow([_csv_cell(v) for v in values])
            n += 1
    return n
