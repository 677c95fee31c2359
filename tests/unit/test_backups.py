"""Backups: made with the backup API, evidence kept once, thinned over a year, restored all or nothing."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta

import pytest

from c4m_desktop import cli
from c4m_desktop.services import associations, attachments, backups, integrity, settings
from c4m_desktop.services.workspace import Workspace

START = datetime(2026, 1, 1, tzinfo=UTC)


def add(ws, name: str) -> str:
    return associations.create(ws, values={"site_code": "SRP", "name_en": name, "kind": "association"}).record.record.id


def count(ws) -> int:
    return integrity.check(ws, verify_files=False).counts["association"]


def test_a_backup_is_a_sound_private_copy_with_its_evidence_kept_once(ws, tmp_path):
    a = add(ws, "Puok Silk Weavers")
    photo = tmp_path / "loom.jpg"
    photo.write_bytes(b"\xff\xd8 loom photo")
    attachments.attach_many(ws, entity_table="association", entity_id=a, paths=[photo], caption="Loom")
    first = backups.make(ws, now=START)
    second = backups.make(ws, now=START + timedelta(minutes=30))
    assert backups.damage(first.path) == [] and first.counts["association"] == 1
    assert stat.S_IMODE(os.stat(first.path).st_mode) == 0o600
    blobs = list((backups.folder_of(ws) / "files").glob("*/*"))
    assert len(blobs) == 1 and blobs[0].read_bytes() == b"\xff\xd8 loom photo"
    assert first.files == second.files == (blobs[0].name,)
    assert [b.path for b in backups.list_backups(backups.folder_of(ws))] == [second.path, first.path]


def test_a_missing_usb_folder_is_reported_and_nothing_is_created(ws, tmp_path):
    stick = tmp_path / "media" / "KINGSTON" / "c4m-backups"
    settings.put(ws, settings.BACKUP_DIR, str(stick))
    with pytest.raises(backups.BackupFolderMissing):
        backups.make(ws)
    assert not stick.parent.exists()


def test_thinning_over_a_year_keeps_the_documented_set():
    kept: list[datetime] = []
    now = START
    while now < START + timedelta(days=365):  # every 30 minutes, thinned after each, as the app does
        kept.insert(0, now)
        keep = backups.kept(kept, [1] * len(kept), now=now, budget=10**9)
        kept = [m for i, m in enumerate(kept) if i in keep]
        now += timedelta(minutes=30)
    now -= timedelta(minutes=30)
    assert len(kept) <= 49 + 7 + 5 + 12
    assert sum(now - m <= timedelta(days=1) for m in kept) == 49  # every backup of the last 24 hours, ends included
    for d in range(1, 7):  # one for each of the last seven days
        day = (now - timedelta(days=d)).date()
        assert any(m.date() == day for m in kept), day
    for w in range(1, 5):  # each of the last five weeks
        week = (now - timedelta(weeks=w)).isocalendar()[:2]
        assert any(m.isocalendar()[:2] == week for m in kept), week
    months = {(m.year, m.month) for m in kept}
    assert len(months) == 12  # every month of the year


def test_the_size_budget_drops_the_oldest_but_never_the_newest():
    made = [START - timedelta(days=d) for d in range(0, 40, 5)]
    keep = backups.kept(made, [100] * len(made), now=START, budget=250)
    assert keep == {0, 1}
    assert backups.kept(made[:1], [10**6], now=START, budget=1) == {0}


def test_every_kept_backup_restores(ws, tmp_path):
    db_path = ws.db.path
    now = START
    for n in range(40):  # a record a week, a backup after each
        add(ws, f"Group {n}")
        backups.make(ws, "scheduled", now=now)
        now += timedelta(days=9)
    folder = backups.folder_of(ws)
    kept = backups.list_backups(folder)
    assert 10 < len(kept) < 40
    ws.close()
    for b in kept:
        backups.restore(db_path, b.path, files_dir=tmp_path / "attachments", folder=folder)
        restored = Workspace.open(db_path, create=False)
        try:
            assert count(restored) == b.counts["association"]
            assert integrity.check(restored, verify_files=False).ok
        finally:
            restored.close()


@pytest.mark.parametrize("harm", ["flip", "truncate"])
def test_a_damaged_database_is_found_and_the_newest_sound_backup_brings_the_data_back(ws, tmp_path, harm, capsys):
    for n in range(300):
        add(ws, f"Group {n} with a name long enough to fill several pages of the database file")
    backup = backups.make(ws)
    db_path = ws.db.path
    ws.close()
    data = bytearray(db_path.read_bytes())
    if harm == "flip":
        for i in range(4096 * 3, 4096 * 6):  # pages in the middle of the association table
            data[i] ^= 0xFF
        db_path.write_bytes(bytes(data))
    else:
        db_path.write_bytes(bytes(data[: len(data) // 2]))
    assert backups.damage(db_path) != []
    code = cli.main(["--db", str(db_path), "check"])
    assert code != 0
    capsys.readouterr()
    sound = backups.newest_sound(backup.path.parent)
    assert sound is not None and sound.path == backup.path
    code = cli.main(["--db", str(db_path), "restore", str(sound.path)])
    out = capsys.readouterr().out
    assert code == 0 and f"Restored {sound.path.name}." in out and "before-restore" in out
    restored = Workspace.open(db_path, create=False)
    try:
        assert count(restored) == 300 and integrity.check(restored).ok
    finally:
        restored.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(ws, tmp_path):
    add(ws, "Puok Silk Weavers")
    backup = backups.make(ws)
    db_path = ws.db.path
    ws.close()
    before = db_path.read_bytes()
    backup.path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(backups.UserError):
        backups.restore(db_path, backup.path, files_dir=tmp_path / "attachments", folder=backup.path.parent)
    assert db_path.read_bytes() == before


def test_cli_backup_and_list(ws, capsys):
    add(ws, "Puok Silk Weavers")
    db = str(ws.db.path)
    assert cli.main(["--db", db, "backup"]) == 0
    assert "Backed up to" in capsys.readouterr().out
    assert cli.main(["--db", db, "backups"]) == 0
    assert "1 associations" in capsys.readouterr().out


def test_start_up_check_is_skipped_only_after_a_clean_close_of_an_untouched_file(ws, tmp_path):
    from datetime import UTC, datetime, timedelta

    path = ws.db.path
    ws.close()
    assert backups.check_due(path) == (True, None)  # never closed by the app: check
    checked = datetime.now(UTC)
    backups.mark_closed(path, checked=checked)
    assert backups.check_due(path) == (False, checked)
    assert backups.check_due(path, now=checked + timedelta(days=8))[0]  # a full check every week anyway
    backups.opened(path)  # in use: a crash now must lead to a check at the next start
    assert backups.check_due(path)[0]
    backups.mark_closed(path, checked=checked)
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF  # touched while the app was closed (a disk error, a copy): same size, new time
    path.write_bytes(bytes(data))
    assert backups.check_due(path)[0]
