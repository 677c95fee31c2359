"""Consent and "Forget this person" in the association editor; the privacy choice in Settings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from c4m_desktop.services import associations, records, settings
from c4m_desktop.sync import exporter


def _member_table(qtbot, window, ws):
    a = associations.create(ws, values={"site_code": "SRP", "name_en": "Angkor Stone Carvers",
                                        "kind": "artisan_group"}, sectors=["crafts"]).record.record
    records.create(ws, kind="member", values={"association_id": a.id, "name": "Dara Sok", "kind": "artisan",
                                              "phone": "+855 17 222 333", "consent": "given",
                                              "consent_date": date(2026, 2, 1)})
    editor = window.open_association(a.id)
    qtbot.waitUntil(lambda: not window.runner.busy and editor.members.table.rowCount() == 1)
    editor.tabs.setCurrentWidget(editor.members)
    return editor, editor.members


def _cells(table) -> list[str]:
    t = table.table
    return [t.item(0, c).text() for c in range(t.columnCount())]


def test_forget_this_person_from_the_members_tab(qtbot, window, ws, monkeypatch):
    editor, members = _member_table(qtbot, window, ws)
    assert "Dara Sok" in _cells(members) and "Consent given" in _cells(members)
    members.table.selectRow(0)
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Yes)
    qtbot.keyClick(members.forget_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.runner.busy and "(forgotten)" in _cells(members))
    assert "Dara Sok" in asked[0] and "cannot be undone" in asked[0]
    row = records.children(ws, kind="member", fk="association_id", parent_id=editor.row_id)[0]
    assert row.forgotten and row.phone is None and row.consent == "withdrawn"
    assert "+855 17 222 333" not in _cells(members) and "Consent withdrawn" in _cells(members)

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    members.table.selectRow(0)
    assert members.edit() is None and "forgotten" in told[0]


def test_saying_no_forgets_nothing(qtbot, window, ws, monkeypatch):
    editor, members = _member_table(qtbot, window, ws)
    members.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.No)
    members.forget()
    qtbot.waitUntil(lambda: not window.runner.busy)
    row = records.children(ws, kind="member", fk="association_id", parent_id=editor.row_id)[0]
    assert not row.forgotten and row.name == "Dara Sok"


def test_member_dialog_records_consent_and_refuses_contacts_without_it(qtbot, window, ws):
    editor, members = _member_table(qtbot, window, ws)
    members.table.selectRow(0)
    dialog = members.edit()
    consent = dialog.form.fields["consent"].input
    consent.setCurrentIndex(consent.findData("refused"))
    assert not dialog.validate()
    assert "Without the person's consent" in dialog.form.fields["phone"].problem.text()
    dialog.form.fields["phone"].input.clear()
    assert dialog.validate()
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: not window.runner.busy and "Consent refused" in _cells(members))


def test_settings_choose_whether_contacts_travel(qtbot, window, ws):
    page = window.settings
    combo = page.privacy.fields["contacts"].input
    assert combo.currentData() == "encrypted" and combo.accessibleName()
    combo.setCurrentIndex(combo.findData("never"))
    page.save()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert settings.get(ws, exporter.CONTACTS) == "never"
