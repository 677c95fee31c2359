"""`c4m report ...`: PDFs written by the installed command, exit codes 0, 1 and 2."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from c4m_desktop import cli, i18n
from c4m_desktop.reports import business_plan
from c4m_desktop.reports.fonts import FontSet
from c4m_desktop.services import demo, queries

C4M = Path(sys.executable).with_name("c4m")
TODAY = date(2026, 11, 23)


def c4m(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(C4M), *args], capture_output=True, text=True, timeout=120)


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(info.split("Pages:")[1].split()[0])


@pytest.fixture
def db(ws, tmp_path):
    """A database with demo data for the five sites; its path."""
    demo.generate(ws, associations=120, seed=3, today=TODAY)
    return str(tmp_path / "c4m.sqlite")


@pytest.fixture
def run(monkeypatch, capsys):
    """Run `c4m` in this process (quicker for the refusals); the UI language is restored."""
    def call(*args: str) -> tuple[int, str, str]:
        code = cli.main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    yield call
    i18n.set_language("en")


def test_reports_are_written_in_the_language_asked_for(ws, db, tmp_path):
    plan = queries.business_plans(ws, site="SRP")[0]
    action = queries.action_plans(ws, site="BGN")[0]
    out = tmp_path / "plan-km.pdf"
    done = c4m("--db", db, "report", "business-plan", plan["id"], "--lang", "km", "--out", str(out),
               "--date", "2026-11-23")
    assert done.returncode == 0, done.stderr
    pages = pdf_pages(out)
    assert f"({pages} pages)" in done.stdout
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True).stdout
    assert i18n.translator("km").gettext("Plan figures") in text and plan["association"] in text

    out = tmp_path / "progress-my.pdf"
    done = c4m("--db", db, "report", "action-plan", action["id"], "--lang", "my", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and pdf_pages(out) >= 2

    # Without a report language, the report follows the command's --lang.
    out = tmp_path / "synthesis.pdf"
    done = c4m("--db", db, "--lang", "th", "report", "synthesis", "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True).stdout
    assert "อยุธยา" in text.replace(" ", "")  # Ayutthaya, in Thai


def test_bad_input_exits_2_with_one_line(db, tmp_path, run):
    out = str(tmp_path / "x.pdf")
    for args, reason in (
        (("report", "business-plan", "no-such-plan", "--out", out), "No business_plan with id no-such-plan"),
        (("report", "synthesis", "--lang", "xx", "--out", out), "Unknown language xx"),
        (("report", "synthesis", "--date", "23/11/2026", "--out", out), "23/11/2026 is not a date"),
    ):
        code, _out, err = run("--db", db, *args)
        assert code == 2, err
        assert reason in err and err.strip().count("\n") == 0
    assert not Path(out).exists()


def test_failures_exit_1(db, tmp_path, run, monkeypatch):
    code, _out, err = run("--db", db, "report", "synthesis", "--out", str(tmp_path / "none" / "x.pdf"))
    assert code == 1 and "Cannot write" in err

    # No fonts at all on this "machine": a clear message, not boxes, and nothing written.
    monkeypatch.setattr(business_plan, "default_fonts", lambda folder=None: FontSet(os_dirs=[], resource_dirs=[]))
    out = tmp_path / "x.pdf"
    code, _out, err = run("--db", db, "report", "synthesis", "--out", str(out))
    assert code == 1
    assert "No font for Latin text was found" in err and "fonts-noto-core" in err
    assert not out.exists()
