"""Table exports for Excel: XLSX read back with openpyxl, CSV with a BOM read back with csv."""

from __future__ import annotations

import csv
import re
import sqlite3
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from c4m_desktop.domain.enums import AssociationKind, label
from c4m_desktop.domain.messages import UserError
from c4m_desktop.i18n import translator
from c4m_desktop.services import associations, demo, queries, table_export

TODAY = date(2026, 11, 23)
SCRIPTS = {"th": r"[\u0E00-\u0E7F]", "lo": r"[\u0E80-\u0EFF]", "km": r"[\u1780-\u17FF]", "my": r"[\u1000-\u109F]"}


@pytest.fixture
def data(ws, tmp_path) -> sqlite3.Connection:
    """Demo data for the five sites (small); a plain sqlite3 connection to read what is stored."""
    demo.generate(ws, associations=40, seed=3, today=TODAY)
    conn = sqlite3.connect(tmp_path / "c4m.sqlite")
    yield conn
    conn.close()


def stored(conn: sqlite3.Connection, sql: str) -> list[str]:
    return sorted(v for (v,) in conn.execute(sql) if v is not None)


def in_scripts(values: list[str]) -> set[str]:
    return {lang for lang, letters in SCRIPTS.items() if any(re.search(letters, v) for v in values)}


def sheet_rows(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def column(rows: list[tuple], header: str) -> list:
    i = rows[0].index(header)
    return [r[i] for r in rows[1:]]


def test_xlsx_cells_in_every_script_come_back_identical(ws, data, tmp_path):
    out = tmp_path / "associations.xlsx"
    result = table_export.export_table(ws, "associations", out, lang="km")
    rows = sheet_rows(out)
    km = translator("km")
    assert rows[0] == tuple(table_export.header_labels("associations", "km"))
    assert rows[0][2] == km.gettext("Local name") != "Local name"  # the catalog has it in Khmer
    assert result.rows == len(rows) - 1 == 40
    local = stored(data, "SELECT name_local FROM association WHERE deleted = 0")
    assert in_scripts(local) == set(SCRIPTS)
    assert sorted(v for v in column(rows, km.gettext("Local name")) if v) == local
    assert sorted(column(rows, km.gettext("Name"))) == stored(data, "SELECT name_en FROM association")

    # Numbers are numbers, dates are dates, enum values are labels in the export's language.
    members = column(rows, km.gettext("Members"))
    assert all(isinstance(v, int) for v in members)
    assert sorted(members) == sorted(r["members_total"] for r in queries.associations(ws))
    changed = column(rows, km.gettext("Last changed"))
    assert all(isinstance(v, datetime) for v in changed)
    assert sorted(v.date() for v in changed) == sorted(
        date.fromisoformat(r["updated_at"][:10]) for r in queries.associations(ws))
    kinds = {km.gettext(label(k)) for k in AssociationKind}
    assert set(column(rows, km.gettext("Kind"))) <= kinds


@pytest.mark.parametrize("table, sql, header", [
    ("business-plans", "SELECT title FROM business_plan WHERE deleted = 0", "Title"),
    ("action-plans", "SELECT title FROM action_plan WHERE deleted = 0", "Title"),
    ("ipr", "SELECT title FROM ipr_asset WHERE deleted = 0", "Title"),
])
def test_every_table_exports_what_is_stored(ws, data, tmp_path, table, sql, header):
    out = tmp_path / f"{table}.xlsx"
    result = table_export.export_table(ws, table, out, lang="lo")
    rows = sheet_rows(out)
    assert rows[0] == tuple(table_export.header_labels(table, "lo"))
    assert sorted(column(rows, translator("lo").gettext(header))) == stored(data, sql)
    assert result.rows == len(rows) - 1 > 0


def test_action_plan_titles_in_local_scripts_and_dates(ws, data, tmp_path):
    out = tmp_path / "plans.xlsx"
    table_export.export_table(ws, "action-plans", out)
    rows = sheet_rows(out)
    titles = column(rows, "Title")
    assert sorted(titles) == stored(data, "SELECT title FROM action_plan WHERE deleted = 0")
    starts = [v for v in column(rows, "From") if v is not None]
    assert starts and all(isinstance(v, datetime) for v in starts)
    assert sorted(v.date().isoformat() for v in starts) == stored(
        data, "SELECT period_start FROM action_plan WHERE deleted = 0")


def test_filters_are_those_of_the_list(ws, data, tmp_path):
    out = tmp_path / "srp.xlsx"
    result = table_export.export_table(ws, "associations", out, filters={"site": "SRP"})
    rows = sheet_rows(out)
    assert set(column(rows, "Site")) == {"SRP"} and result.rows == len(queries.associations(ws, site="SRP"))
    some = queries.associations(ws, site="BGN")[0]["name_local"]
    table_export.export_table(ws, "associations", out, filters={"search": some})
    assert column(sheet_rows(out), "Local name") == [some]
    with pytest.raises(UserError) as refused:
        table_export.export_table(ws, "associations", out, filters={"status": "final"})
    assert refused.value.rejected and "cannot be filtered by status" in str(refused.value)
    with pytest.raises(UserError):
        table_export.export_table(ws, "ipr", out, filters={"status": "no-such-status"})


def test_csv_has_a_bom_and_reads_back_identical(ws, data, tmp_path):
    out = tmp_path / "associations.csv"
    result = table_export.export_table(ws, "associations", out, fmt="csv", lang="my")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw[3:].startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = [tuple(r) for r in csv.reader(fh)]
    assert rows[0] == tuple(table_export.header_labels("associations", "my"))
    assert result.rows == len(rows) - 1
    my = translator("my")
    local = stored(data, "SELECT name_local FROM association WHERE deleted = 0")
    assert sorted(v for v in column(rows, my.gettext("Local name")) if v) == local
    assert in_scripts(local) == set(SCRIPTS)
    assert sorted(column(rows, my.gettext("Name"))) == stored(data, "SELECT name_en FROM association")
    assert sorted(column(rows, my.gettext("Last changed"))) == sorted(
        r["updated_at"][:10] for r in queries.associations(ws))
    assert sorted(map(int, column(rows, my.gettext("Members")))) == sorted(
        r["members_total"] for r in queries.associations(ws))


def test_text_starting_with_equals_stays_text(ws, tmp_path):
    for name in ("=1+2", '=HYPERLINK("http://example.com","x")', "#N/A", "@SUM(A1)", "-2+3"):
        associations.create(ws, values={"site_code": "SRP", "name_en": name, "kind": "artisan_group",
                                        "members_total": 3})
    out = tmp_path / "formulas.xlsx"
    table_export.export_table(ws, "associations", out)
    cells = openpyxl.load_workbook(out).active["B"][1:]
    assert sorted(c.value for c in cells) == sorted(
        ("=1+2", '=HYPERLINK("http://example.com","x")', "#N/A", "@SUM(A1)", "-2+3"))
    assert {c.data_type for c in cells} == {"s"}
    sheet_xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml

    # CSV cannot mark a cell as text: what Excel would run as a formula gets an apostrophe.
    csv_out = tmp_path / "formulas.csv"
    table_export.export_table(ws, "associations", csv_out, fmt="csv")
    with open(csv_out, encoding="utf-8-sig", newline="") as fh:
        names = sorted(r[1] for r in list(csv.reader(fh))[1:])
    assert names == sorted(("'=1+2", '\'=HYPERLINK("http://example.com","x")', "#N/A", "'@SUM(A1)", "'-2+3"))


def test_written_whole_or_not_at_all(ws, data, tmp_path, monkeypatch):
    out = tmp_path / "list.xlsx"
    out.write_bytes(b"the previous export")

    def broken(limit, offset):
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        table_export.write_table(broken, "associations", out)
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []

    with pytest.raises(UserError) as failed:
        table_export.export_table(ws, "associations", tmp_path / "no-such-folder" / "x.xlsx")
    assert not failed.value.rejected and "Cannot write" in str(failed.value)


def test_refusals(ws, tmp_path):
    for kwargs in ({"fmt": "ods"}, {"lang": "fr"}):
        with pytest.raises(UserError) as refused:
            table_export.export_table(ws, "associations", tmp_path / "x", **kwargs)
        assert refused.value.rejected
    with pytest.raises(UserError):
        table_export.export_table(ws, "members", tmp_path / "x.xlsx")
    assert not (tmp_path / "x").exists()
