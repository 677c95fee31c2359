"""Settings › Backups and restore: the list, a backup made now, and a restore that brings the data back."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from c4m_desktop.services import associations, backups, integrity
from c4m_desktop.services.workspace import Workspace
from c4m_desktop.ui.backups_dialog import BackupsDialog
from c4m_desktop.ui.main_window import MainWindow


def add(ws, name: str) -> None:
    associations.create(ws, values={"site_code": "SRP", "name_en": name, "kind": "association"})


def test_back_up_now_then_restore_an_older_backup(qtbot, ws, monkeypatch):
    add(ws, "Puok Silk Weavers")
    window = MainWindow(ws)
    qtbot.addWidget(window)
    restarts = []
    window.restart = lambda: restarts.append(True)
    window.settings.backups_button.click()
    (dialog,) = window.findChildren(BackupsDialog)
    qtbot.waitUntil(lambda: not window.runner.busy and dialog.status.text() == "No backups yet.")
    dialog.back_up_now()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.table.item(0, 1).text() == "Backed up by hand" and dialog.table.item(0, 3).text() == "1"
    add(ws, "Kok Doung Weavers")  # entered after the backup
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.table.selectRow(0)
    dialog.restore_chosen()
    assert restarts == [True]
    restored = Workspace.open(ws.db.path, create=False)
    try:
        assert integrity.check(restored).counts["association"] == 1  # back to the backup
    finally:
        restored.close()
    reasons = [b.reason for b in backups.list_backups(ws.db.path.parent / "backups")]
    assert "before-restore" in reasons  # and the replaced database kept
