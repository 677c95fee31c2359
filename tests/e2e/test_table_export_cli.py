"""`c4m export-table ...`: files written by the installed command, exit codes 0, 1 and 2."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from c4m_desktop import cli, i18n
from c4m_desktop.services import demo, queries

C4M = Path(sys.executable).with_name("c4m")


@pytest.fixture
def db(ws, tmp_path):
    demo.generate(ws, associations=40, seed=3, today=date(2026, 11, 23))
    return str(tmp_path / "c4m.sqlite")


@pytest.fixture
def run(capsys):
    """Run `c4m` in this process; the message language is restored."""
    def call(*args: str) -> tuple[int, str, str]:
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # argparse's refusals
            code = int(exit_.code or 0)
        out = capsys.readouterr()
        return code, out.out, out.err

    yield call
    i18n.set_language("en")


def test_installed_command_writes_xlsx_in_the_language_asked_for(ws, db, tmp_path):
    out = tmp_path / "srp.xlsx"
    done = subprocess.run([str(C4M), "--db", db, "export-table", "associations", "--site", "srp", "--lang", "km",
                           "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    expected = queries.associations(ws, site="SRP")
    assert done.stdout.strip() == f"Wrote {out} ({len(expected)} rows)."
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][2] == i18n.translator("km").gettext("Local name")
    assert [r[2] for r in rows[1:]] == [r["name_local"] for r in expected]


def test_csv_from_the_file_name_and_filters(ws, db, tmp_path, run):
    out = tmp_path / "plans.csv"
    code, stdout, stderr = run("--db", db, "export-table", "action-plans", "--overdue", "--out", str(out))
    assert code == 0, stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    expected = queries.action_plans(ws, overdue=True)
    assert [r[1] for r in rows[1:]] == [p["title"] for p in expected] and expected
    assert stdout.strip() == f"Wrote {out} ({len(expected)} rows)."

    code, stdout, _err = run("--db", db, "export-table", "ipr", "--status", "filed", "--format", "xlsx",
                             "--out", str(tmp_path / "ipr.data"))
    n = len(queries.ipr_assets(ws, status="filed"))
    assert n > 0
    assert code == 0 and stdout.strip().endswith(f"({n} row)." if n == 1 else f"({n} rows).")
    with open(tmp_path / "ipr.data", "rb") as fh:  # --format wins over the file name
        assert [r[4] for r in openpyxl.load_workbook(fh).active.iter_rows(min_row=2, values_only=True)] == ["Filed"] * n


@pytest.mark.parametrize("args, code, message", [
    (("ipr", "--status", "final"), 2, "final is not a valid status"),
    (("business-plans", "--sector", "crafts"), 2, "cannot be filtered by sector"),
    (("associations", "--site", "XYZ"), 2, "XYZ is not a valid site"),
    (("associations", "--lang", "fr"), 2, "Unknown language fr"),
    (("members",), 2, "invalid choice"),
])
def test_refusals_exit_2_and_write_nothing(db, tmp_path, run, args, code, message):
    out = tmp_path / "x.xlsx"
    got, stdout, stderr = run("--db", db, "export-table", *args, "--out", str(out))
    assert (got, stdout) == (code, "") and message in stderr
    assert not out.exists()


def test_missing_database_and_unwritable_file(db, tmp_path, run):
    code, _out, stderr = run("--db", str(tmp_path / "none.sqlite"), "export-table", "ipr",
                             "--out", str(tmp_path / "x.xlsx"))
    assert code == 2 and stderr.startswith("c4m: ") and not (tmp_path / "none.sqlite").exists()
    code, _out, stderr = run("--db", db, "export-table", "ipr", "--out", str(tmp_path / "no" / "x.xlsx"))
    assert code == 1 and "Cannot write" in stderr
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []
