"""The `c4m` command as an IT helper runs it: the installed entry point, real files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

C4M = Path(sys.executable).with_name("c4m")


def c4m(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(C4M), *args], capture_output=True, text=True, timeout=120)


def test_init_demo_list_check(tmp_path):
    db = str(tmp_path / "x.db")
    assert c4m("--db", db, "init", "--site", "SRP", "--coordinator", "Sokha").returncode == 0
    demo = c4m("--db", db, "demo", "--records", "2000")
    assert demo.returncode == 0, demo.stderr
    listed = c4m("--db", db, "list", "associations", "--json")
    rows = json.loads(listed.stdout)
    assert len(rows) == 2000
    assert {r["site_code"] for r in rows} == {"AYU", "SRP", "HUE", "LPB", "BGN"}
    scripts = {r["site_code"]: r["name_local"] for r in rows}
    assert "ត" in scripts["SRP"] or "ក" in scripts["SRP"]  # Khmer names for Siem Reap
    plans = json.loads(c4m("--db", db, "list", "business-plans", "--json").stdout)
    assert plans and {p["currency"] for p in plans} <= {"THB", "KHR", "VND", "LAK", "MMK"}
    check = c4m("--db", db, "check", "--json")
    assert check.returncode == 0
    report = json.loads(check.stdout)
    assert report["ok"] and report["counts"]["association"] == 2000


def test_bad_input_is_one_line_on_stderr_with_exit_2(tmp_path):
    db = tmp_path / "x.db"
    bad_site = c4m("--db", str(db), "init", "--site", "XYZ", "--coordinator", "Sokha")
    assert bad_site.returncode == 2
    assert bad_site.stderr.strip().count("\n") == 0
    assert "XYZ is not a Creative4Mekong site" in bad_site.stderr
    assert not db.exists()

    assert c4m("--db", str(db), "init", "--site", "HUE", "--coordinator", "Lan").returncode == 0
    again = c4m("--db", str(db), "init", "--site", "AYU", "--coordinator", "Malee")
    assert again.returncode == 2 and "already set up for site HUE" in again.stderr

    text_file = tmp_path / "report.docx"
    text_file.write_bytes(b"PK\x03\x04 not a database")
    refused = c4m("--db", str(text_file), "check")
    assert refused.returncode == 2 and "is not a c4m database" in refused.stderr
    assert text_file.read_bytes() == b"PK\x03\x04 not a database"

    negative = c4m("--db", str(db), "demo", "--records", "-5")
    assert negative.returncode == 2
