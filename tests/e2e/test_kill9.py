"""kill -9 at random moments during a spreadsheet import, a bundle export, a backup (real `c4m`
processes) and saves in the association editor (the app in its own process): the database always passes the check with the old or the new state, never a mix, what was
being written is whole or absent, and the operation done again succeeds."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kobo_files import GOOD, write_kobo_xlsx

from c4m_desktop.services import backups, device, integrity
from c4m_desktop.services.workspace import Workspace
from c4m_desktop.sync import bundle

C4M = Path(sys.executable).with_name("c4m")
ROWS = 1500
KILLS = {"import": 8, "export": 7, "backup": 7, "ui save": 5}  # 27 kills in all


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kill9")
    rows = [(g[0], f"{hashlib.sha1(str(n).encode()).hexdigest()[:10]} weavers", "", *g[3:10], f"k-{n}")
            for n in range(ROWS) for g in GOOD[:1]]
    sheet = write_kobo_xlsx(folder / "groups.xlsx", rows, members=[])
    empty = folder / "empty.sqlite"
    ws = Workspace.open(empty)
    device.initialise(ws, site_code="SRP", coordinator="Sokha", mi_email="c4m@mekonginstitute.org")
    ws.close()
    full = folder / "full.sqlite"
    shutil.copy(empty, full)
    run(full, "import-table", sheet, "--kind", "associations")
    return sheet, empty, full


def run(db: Path, *args) -> subprocess.CompletedProcess:
    done = subprocess.run([str(C4M), "--db", str(db), *map(str, args)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def killed(db: Path, *args, within: float) -> bool:
    """Start `c4m ...`, SIGKILL it after a random moment; return whether it had finished first."""
    proc = subprocess.Popen([str(C4M), "--db", str(db), *map(str, args)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(random.uniform(0.05, within))
    finished = proc.poll() is not None
    proc.kill()
    proc.wait()
    return finished


def associations_in(db: Path) -> int:
    ws = Workspace.open(db, create=False)
    try:
        report = integrity.check(ws)
        assert report.ok, report.problems
        return report.counts["association"]
    finally:
        ws.close()


def test_kill_during_spreadsheet_import(template, tmp_path):
    sheet, empty, _full = template
    random.seed(9)
    seen = []
    for i in range(KILLS["import"]):
        db = tmp_path / f"import-{i}.sqlite"
        shutil.copy(empty, db)
        finished = killed(db, "import-table", sheet, "--kind", "associations", within=3.5)
        seen.append((finished, associations_in(db)))
        assert seen[-1][1] in (0, ROWS)  # all the rows or none
        run(db, "import-table", sheet, "--kind", "associations")  # done again
        assert associations_in(db) == ROWS
    assert sum(not finished for finished, _n in seen) >= KILLS["import"] // 2, seen  # most kills hit the work
    assert any(n == 0 for _f, n in seen), seen  # some before the commit: the old state, whole


def test_kill_during_export(template, tmp_path):
    _sheet, _empty, full = template
    random.seed(10)
    # Kill within the time a whole export takes here, so most kills land inside it on any machine.
    shutil.copy(full, tmp_path / "timing.sqlite")
    started = time.perf_counter()
    run(tmp_path / "timing.sqlite", "export", "--to", tmp_path / "timing")
    whole = time.perf_counter() - started
    interrupted = 0
    for i in range(KILLS["export"]):
        db = tmp_path / f"export-{i}.sqlite"
        shutil.copy(full, db)
        out = tmp_path / f"out-{i}"
        interrupted += not killed(db, "export", "--to", out, within=max(0.1, whole * 0.9))
        assert associations_in(db) == ROWS
        for made in out.glob("*.c4m") if out.exists() else ():
            assert bundle.read(made).rows["association"], made  # a bundle is whole, or not there (a .part is)
        run(db, "export", "--to", out)
        assert any(len(bundle.read(b).rows["association"]) == ROWS for b in out.glob("*.c4m"))
    assert interrupted >= KILLS["export"] // 2


def test_kill_during_backup(template, tmp_path):
    _sheet, _empty, full = template
    random.seed(11)
    db = tmp_path / "backup.sqlite"
    shutil.copy(full, db)
    folder = tmp_path / "backups"
    for _i in range(KILLS["backup"]):
        killed(db, "backup", within=0.8)
        assert associations_in(db) == ROWS
        for b in backups.list_backups(folder):
            assert backups.damage(b.path) == [], b.path  # every backup there is sound
    run(db, "backup")
    assert backups.list_backups(folder)[0].counts["association"] == ROWS


def test_kill_during_ui_saves(tmp_path):
    """The association editor saving again and again (offscreen, its own process) is killed: the record's
    notes and its History always agree — the last saved edit is whole, the next one absent."""
    db = tmp_path / "ui.sqlite"
    ws = Workspace.open(db)
    device.initialise(ws, site_code="SRP", coordinator="Sokha")
    from c4m_desktop.services import associations, history

    row_id = associations.create(ws, values={"site_code": "SRP", "name_en": "Puok Silk Weavers",
                                             "kind": "association"}).record.record.id
    ws.close()
    random.seed(12)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    saver = Path(__file__).with_name("ui_saver.py")
    last = 0
    for _kill in range(KILLS["ui save"]):
        proc = subprocess.Popen([sys.executable, str(saver), str(db), row_id], stdout=subprocess.PIPE, text=True,
                                env=env)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(random.uniform(0.05, 0.6))
        proc.kill()
        proc.wait()
        ws = Workspace.open(db, create=False)
        try:
            assert integrity.check(ws).ok
            notes = [c for c in history.for_record(ws, row_id=row_id) if c.field == "notes"]
            record = associations.get(ws, row_id=row_id).record
            # what is stored is what History says was saved last; nothing saved before is lost
            assert record.notes == (notes[0].new if notes else None)
            assert len(notes) >= last
            last = len(notes)
        finally:
            ws.close()
    assert last > 0  # the kills did fall among saves
