"""`c4m import-table FILE --kind ...`: Kobo exports and CSV in every encoding, dry runs, mappings, refusals."""

from __future__ import annotations

import codecs
import json

import pytest
from kobo_files import GOOD, LABEL_HEADERS, kobo_row, write_kobo_xlsx
from sqlalchemy import func, select

from c4m_desktop import cli, i18n
from c4m_desktop.store.models import Association


@pytest.fixture
def db(ws, tmp_path):
    return str(tmp_path / "c4m.sqlite")


@pytest.fixture
def run(capsys):
    def call(*args: str) -> tuple[int, str, str]:
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out = capsys.readouterr()
        return code, out.out, out.err

    yield call
    i18n.set_language("en")


def count(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(Association).where(Association.deleted.is_(False)))


def test_dry_run_reports_and_writes_nothing_then_the_import_adds_up(ws, db, tmp_path, run):
    path = write_kobo_xlsx(tmp_path / "baseline.xlsx")
    code, out, err = run("--db", db, "import-table", path, "--kind", "associations", "--dry-run")
    assert code == 0, err
    assert "Checked 11 rows: 4 new, 0 to update, 0 unchanged, 2 duplicates, 1 close to a record here, " \
           "4 rejected. Nothing was written." in out
    assert "Row 6: rejected: Phone: Enter a phone number with at least 6 digits" in out
    assert count(ws) == 0
    rejected = tmp_path / "fix-me.xlsx"
    code, out, err = run("--db", db, "import-table", path, "--kind", "associations", "--rejected", rejected)
    assert code == 0, err
    assert out.strip().endswith("Read 11 rows: 4 imported, 0 updated, 4 rejected, 3 skipped (duplicates or unchanged).")
    assert count(ws) == 4 and rejected.exists()
    from c4m_desktop.services import backups

    made = backups.list_backups(backups.folder_of(ws))
    assert [b.reason for b in made] == ["before-import"] and made[0].counts["association"] == 0  # the dry run made none


def test_json_summary_and_a_saved_mapping_reused(ws, db, tmp_path, run):
    path = write_kobo_xlsx(tmp_path / "baseline.xlsx", GOOD)
    mapping = tmp_path / "map.json"
    code, out, err = run("--db", db, "import-table", path, "--kind", "associations", "--json", "--dry-run",
                         "--save-mapping", mapping)
    assert code == 0, err
    report = json.loads(out)
    assert report["counts"]["new"] == 4 and report["mapping"]["Name of the group"] == "name_en"
    saved = json.loads(mapping.read_text(encoding="utf-8"))
    saved["columns"].pop("Name in local script")  # a person chose not to bring this column in
    mapping.write_text(json.dumps(saved), encoding="utf-8")
    code, out, err = run("--db", db, "import-table", path, "--kind", "associations", "--mapping", mapping, "--json")
    assert code == 0, err
    assert json.loads(out)["result"]["imported"] == 4
    with ws.read() as s:
        assert set(s.scalars(select(Association.name_local))) == {None}


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8-sig", ","), ("utf-8", ","), ("utf-16", "\t"), ("utf-8", ";")])
def test_csv_in_every_encoding_and_delimiter(ws, db, tmp_path, run, encoding, delimiter):
    path = tmp_path / "groups.csv"
    lines = [delimiter.join(LABEL_HEADERS)] + [
        delimiter.join("" if v is None else str(v) for v in kobo_row(n, r, LABEL_HEADERS))
        for n, r in enumerate(GOOD, 1)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding=encoding)
    if encoding == "utf-16":
        assert path.read_bytes()[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    code, out, err = run("--db", db, "import-table", path, "--kind", "associations")
    assert code == 0, err
    assert "4 imported" in out
    with ws.read() as s:
        assert set(s.scalars(select(Association.name_local))) == {r[2] for r in GOOD}


def test_not_a_spreadsheet_and_too_large_are_refused_with_exit_2(ws, db, tmp_path, run):
    pdf = tmp_path / "baseline.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    code, out, err = run("--db", db, "import-table", pdf, "--kind", "associations")
    assert code == 2
    assert err.strip() == "c4m: baseline.pdf is not a spreadsheet: save it as .xlsx or .csv and try again."
    huge = tmp_path / "everything.csv"
    with open(huge, "wb") as fh:  # 200 MB on paper, sparse on disk
        fh.write(b"Name,Site\n")
        fh.truncate(200 * 1024 * 1024)
    code, out, err = run("--db", db, "import-table", huge, "--kind", "associations")
    assert code == 2
    assert "everything.csv is 200 MB; files over 100 MB cannot be imported" in err
    assert count(ws) == 0


def test_messages_in_the_coordinators_language(ws, db, tmp_path, run):
    pdf = tmp_path / "baseline.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    code, out, err = run("--lang", "km", "--db", db, "import-table", pdf, "--kind", "associations")
    km = i18n.translator("km")
    assert code == 2
    assert err.strip() == "c4m: " + km.render("{name} is not a spreadsheet: save it as .xlsx or .csv and try again.",
                                    name="baseline.pdf")


def test_members_sheet_with_a_value_set_for_every_row(ws, db, tmp_path, run):
    path = write_kobo_xlsx(tmp_path / "baseline.xlsx")
    run("--db", db, "import-table", path, "--kind", "associations")
    code, out, err = run("--db", db, "import-table", path, "--kind", "members", "--sheet", "members")
    assert code == 0 and "Row 2: rejected: Kind: This field is required." in out  # the field named by its label
    assert "8 rejected" in out
    code, out, err = run("--db", db, "import-table", path, "--kind", "members", "--sheet", "members",
                         "--set", "kind=artisan")
    assert code == 0, err
    assert "Read 8 rows: 7 imported, 0 updated, 1 rejected, 0 skipped" in out
    code, out, err = run("--db", db, "import-table", path, "--kind", "members", "--set", "kind")
    assert code == 2 and "Write --set as FIELD=VALUE" in err
