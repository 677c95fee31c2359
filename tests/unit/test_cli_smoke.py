"""End-to-end through the real `c4m` command on a real SQLite file."""

from __future__ import annotations

import json

from c4m_desktop.cli import main


def test_init_demo_list_check(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    assert main(["--db", db, "init", "--site", "SRP", "--coordinator", "Sokha"]) == 0
    assert main(["--db", db, "demo", "--records", "200"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "list", "associations", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 200
    assert {r["site_code"] for r in rows} == {"AYU", "SRP", "HUE", "LPB", "BGN"}
    assert main(["--db", db, "check"]) == 0


def test_unknown_site_is_rejected_and_writes_nothing(tmp_path, capsys):
    db = tmp_path / "x.db"
    assert main(["--db", str(db), "init", "--site", "XYZ", "--coordinator", "Sokha"]) == 2
    assert "XYZ is not a Creative4Mekong site" in capsys.readouterr().err
    assert not db.exists()
