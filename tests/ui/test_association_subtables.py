"""Members, IPR assets and evidence inside the association editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from c4m_desktop.services import associations, records
from c4m_desktop.ui.main_window import MainWindow


def open_saved_association(qtbot, ws):
    a = associations.create(ws, values={"site_code": "SRP", "name_en": "Puok Silk Group",
                                        "kind": "artisan_group"}).record.record
    window = MainWindow(ws)
    qtbot.addWidget(window)
    editor = window.open_association(a.id)
    qtbot.waitUntil(lambda: editor.members.isEnabled() and editor.evidence.isEnabled())
    return window, editor, a


def test_add_member_ipr_asset_and_evidence(qtbot, ws, tmp_path, monkeypatch):
    window, editor, a = open_saved_association(qtbot, ws)

    dialog = editor.members.add()
    qtbot.keyClicks(dialog.form.fields["name"].input, "Chea Srey Mom")
    dialog.form.fields["gender"].input.setCurrentIndex(dialog.form.fields["gender"].input.findData("female"))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.members.table.rowCount() == 1)
    assert editor.members.table.item(0, 2).text() == "Female"

    dialog = editor.ipr.add()
    qtbot.keyClicks(dialog.form.fields["title"].input, "Puok silk collective mark")
    kind = dialog.form.fields["ipr_type"].input
    kind.setCurrentIndex(kind.findData("trademark"))
    office = dialog.form.fields["office"].input
    office.setCurrentIndex(office.findData("KH-DCRR"))  # copyright office: wrong for a trademark
    assert dialog.form.fields["office"].problem.text() == "This office does not register this kind of right."
    office.setCurrentIndex(office.findData("KH-DIPR"))
    assert office.findData("TH-DIP") == -1  # only Cambodia's offices are offered
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.ipr.table.rowCount() == 1)

    scan = tmp_path / "certificate.pdf"
    scan.write_bytes(b"%PDF-1.4 certificate")
    photo = tmp_path / "loom.jpg"
    photo.write_bytes(b"\xff\xd8 loom")
    editor.evidence.attach_files([scan, photo])
    qtbot.waitUntil(lambda: editor.evidence.table.rowCount() == 2)
    assert {r.filename for r in records.children(ws, kind="attachment", fk="entity_id", parent_id=a.id)} == {
        "certificate.pdf", "loom.jpg"}

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    editor.tabs.setCurrentWidget(editor.members)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.members.table.setFocus()
    editor.members.table.setCurrentCell(0, 0)
    qtbot.keyClick(editor.members.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: editor.members.table.rowCount() == 0)
    assert records.children(ws, kind="member", fk="association_id", parent_id=a.id) == []
