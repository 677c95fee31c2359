"""Backups in the app: on a schedule when something changed, a warning (not a crash) for a missing USB
folder, and at start a damaged database offered its newest sound backup instead of opening empty."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from c4m_desktop.services import associations, backups, integrity, settings
from c4m_desktop.services.workspace import Workspace
from c4m_desktop.ui import startup_check
from c4m_desktop.ui.main_window import MainWindow


def add(ws, name: str) -> None:
    associations.create(ws, values={"site_code": "SRP", "name_en": name, "kind": "association"})


def test_scheduled_backups_only_when_something_changed(qtbot, ws):
    window = MainWindow(ws)
    qtbot.addWidget(window)
    idle = lambda: not window.runner.busy  # noqa: E731
    folder = backups.folder_of(ws)
    window.scheduled_backup()
    qtbot.waitUntil(idle)
    assert len(backups.list_backups(folder)) == 1
    window.scheduled_backup()  # nothing written since
    qtbot.waitUntil(idle)
    assert len(backups.list_backups(folder)) == 1
    add(ws, "Puok Silk Weavers")
    window.scheduled_backup()
    qtbot.waitUntil(lambda: idle() and len(backups.list_backups(folder)) == 2)
    assert backups.list_backups(folder)[0].counts["association"] == 1


def test_a_missing_usb_folder_is_a_status_bar_warning(qtbot, ws, tmp_path):
    settings.put(ws, settings.BACKUP_DIR, str(tmp_path / "media" / "STICK" / "backups"))
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.scheduled_backup()
    qtbot.waitUntil(lambda: "is not there (is the USB stick plugged in?)" in window.statusBar().currentMessage())
    assert backups.list_backups(tmp_path / "media" / "STICK" / "backups") == []  # and nothing made in its place


def damaged_with_backup(ws) -> tuple:
    for n in range(200):
        add(ws, f"Group {n} with a long name so the table spans several database pages")
    backups.make(ws)
    path = ws.db.path
    ws.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def test_damaged_database_restored_when_the_person_accepts(qtbot, ws, monkeypatch):
    path = damaged_with_backup(ws)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    assert startup_check.database_usable(path)
    assert "Restore the newest sound backup" in asked[0] and "200 associations" in asked[0]
    restored = Workspace.open(path, create=False)
    try:
        assert integrity.check(restored).counts["association"] == 200
    finally:
        restored.close()


def test_damaged_database_not_opened_when_declined_or_without_backup(qtbot, ws, monkeypatch, tmp_path):
    path = damaged_with_backup(ws)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert not startup_check.database_usable(path)
    assert backups.damage(path)  # left as it was
    for b in backups.list_backups(startup_check.backup_folder(path)):
        b.path.unlink()
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: said.append(a[2]))
    assert not startup_check.database_usable(path)
    assert "There is no sound backup" in said[0]


def test_a_clean_close_spares_the_next_start_its_full_check(qtbot, ws, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from c4m_desktop.services import backups
    from c4m_desktop.ui import main as gui

    path = ws.db.path
    ws.close()
    checks = []
    real_damage = backups.damage
    monkeypatch.setattr(backups, "damage", lambda p: checks.append(p) or real_damage(p))

    def start() -> int:
        QTimer.singleShot(300, lambda: [w.close() for w in QApplication.topLevelWidgets() if w.isVisible()])
        return gui.run_gui(["--db", str(path)])

    assert start() == 0 and checks == [path]  # first start: the file is checked
    assert start() == 0 and checks == [path]  # closed cleanly and untouched: not read again
    path.touch()  # changed outside the app
    assert start() == 0 and checks == [path, path]
