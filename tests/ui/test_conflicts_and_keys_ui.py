"""The Conflicts page on a real conflict, and the key and e-mail groups of the Settings page."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from c4m_desktop.services import associations, conflicts, queries, records, settings
from c4m_desktop.sync import actions, exporter, importer, keys, mailer, secrets
from c4m_desktop.ui.association_editor import AssociationEditor
from c4m_desktop.ui.conflicts_page import DIFFERS
from c4m_desktop.ui.main_window import PAGES, MainWindow

CONFLICTS = [k for k, _label in PAGES].index("conflicts")
SETTINGS = [k for k, _label in PAGES].index("settings")


@pytest.fixture
def conflicted(make_ws, tmp_path):
    """Sokha's laptop after Dara's concurrent (and later) edit of the same association arrived."""
    out = tmp_path / "out"
    sokha, dara = make_ws("sokha", site="SRP"), make_ws("dara", site="SRP")
    group = associations.create(sokha, values={"site_code": "SRP", "name_en": "Angkor Silk Farm Weavers",
                                               "kind": "artisan_group"}).record.record
    importer.import_bundle(dara, exporter.export(sokha, recipient="SRP", to_dir=out).path)
    records.update(sokha, kind="association", row_id=group.id, changes={"village": "Puok"})
    records.update(dara, kind="association", row_id=group.id, changes={"village": "Kralanh"})
    assert importer.import_bundle(sokha, exporter.export(dara, recipient="SRP", to_dir=out).path).conflicts == 1
    return sokha, group


def open_window(qtbot, ws, page: int) -> MainWindow:
    window = MainWindow(ws)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.nav.setCurrentRow(page)
    qtbot.waitUntil(lambda: not window.runner.busy)
    return window


def field_row(page, label: str) -> list:
    t = page.fields
    row = next(r for r in range(t.rowCount()) if t.item(r, 0).text() == label)
    return [t.item(row, c) for c in range(3)]


def test_a_real_conflict_is_compared_and_the_other_version_taken(qtbot, conflicted, monkeypatch):
    ws, group = conflicted
    window = open_window(qtbot, ws, CONFLICTS)
    page = window.conflicts
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and page.current is not None)
    assert [page.table.item(0, c).text() for c in (0, 1, 2, 4)] == [
        "SRP", "Association", "Angkor Silk Farm Weavers", "This install"]
    assert "1 conflict to review" in page.heading.text()

    village = field_row(page, "Village")
    assert [i.text() for i in village] == ["Village", "Kralanh", "Puok"]  # kept (Dara's) beside Sokha's
    assert all(i.background() == DIFFERS and i.font().bold() for i in village)
    name = field_row(page, "Name in English")
    assert [i.text() for i in name[1:]] == ["Angkor Silk Farm Weavers"] * 2 and not name[0].font().bold()
    assert page.fields.item(0, 0).text() == "Village"  # what differs comes first

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: (
        asked.append(text), QMessageBox.StandardButton.Cancel)[1])
    qtbot.mouseClick(page.take_button, Qt.MouseButton.LeftButton)
    assert "Angkor Silk Farm Weavers" in asked[0]
    assert associations.get(ws, row_id=group.id).record.village == "Kralanh"  # cancelled: unchanged

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0 and not window.runner.busy)
    assert associations.get(ws, row_id=group.id).record.village == "Puok"
    assert queries.conflicts(ws, unresolved_only=False)[0]["resolution"] == "taken"
    assert "No conflicting edits to review." in page.heading.text()
    assert page.fields.rowCount() == 0 and not page.keep_button.isEnabled()


def test_keyboard_enter_reads_the_comparison_and_alt_k_keeps(qtbot, conflicted):
    ws, group = conflicted
    window = open_window(qtbot, ws, CONFLICTS)
    page = window.conflicts
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and page.current is not None)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.fields
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(page.fields, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0 and not window.runner.busy)
    assert associations.get(ws, row_id=group.id).record.village == "Kralanh"
    assert queries.conflicts(ws, unresolved_only=False)[0]["resolution"] == "kept"


def test_edit_record_opens_the_editor_then_mark_as_edited_closes_it(qtbot, conflicted):
    ws, group = conflicted
    window = open_window(qtbot, ws, CONFLICTS)
    page = window.conflicts
    qtbot.waitUntil(lambda: page.current is not None)
    with qtbot.waitSignal(page.open_association) as opened:
        qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert opened.args == [group.id]
    editor = window.findChild(AssociationEditor)
    assert editor is not None and editor.isVisible()
    qtbot.waitUntil(lambda: editor.isEnabled() and not window.runner.busy)
    editor.close()
    qtbot.mouseClick(page.edited_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0 and not window.runner.busy)
    assert conflicts.unresolved(ws) == []
    assert queries.conflicts(ws, unresolved_only=False)[0]["resolution"] == "edited"


def test_keys_group_shows_this_install_and_registers_or_refuses_keys(qtbot, ws, monkeypatch):
    window = open_window(qtbot, ws, SETTINGS)
    page = window.settings
    public = keys.public_key(ws)
    qtbot.waitUntil(lambda: page.own_key.fingerprint.text() == keys.fingerprint(public))
    assert page.own_key.device.text() == ws.require_device().id
    qtbot.mouseClick(page.own_key.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == public
    assert page.devices.table.rowCount() == 1 and page.devices.table.item(0, 2).text() == "This install"

    mi_device = "0b9f6c2e-5a41-4d3e-9c1f-2a7e8d6b4c10"
    dialog = page.devices.register()
    qtbot.keyClicks(dialog.device, mi_device)
    qtbot.keyClicks(dialog.key, "not a key at all")
    dialog.is_mi.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.text() != "" and not window.runner.busy)
    assert dialog.error.text() == "That is not a device public key (expected 44 characters of base64)."
    assert dialog.isVisible()
    assert [p.device_id for p in keys.peers(ws)] == [ws.require_device().id]  # nothing written
    assert settings.get(ws, exporter.ENCRYPT_TO) is None

    dialog.device.setText("MI laptop")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.error.text().startswith("That is not a device id")

    from nacl.signing import SigningKey
    mi_key = keys.b64(bytes(SigningKey.generate().verify_key))
    dialog.device.setText(mi_device)
    dialog.key.setText(mi_key)
    with qtbot.waitSignal(page.devices.changed):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.devices.table.rowCount() == 2 and not window.runner.busy)
    assert settings.get(ws, exporter.ENCRYPT_TO) == mi_device
    row = [page.devices.table.item(1, c).text() for c in range(4)]
    assert row[:3] == [mi_device[:8], keys.fingerprint(mi_key), "Registered; MI: bundles to MI are encrypted to this key"]

    page.devices.table.setCurrentCell(0, 0)
    assert not page.devices.revoke_button.isEnabled()  # never this install's own key
    page.devices.table.setCurrentCell(1, 0)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: (
        asked.append(text), QMessageBox.StandardButton.Yes)[1])
    with qtbot.waitSignal(page.devices.changed):
        qtbot.mouseClick(page.devices.revoke_button, Qt.MouseButton.LeftButton)
    assert "exports to MI stop" in asked[0]
    qtbot.waitUntil(lambda: page.devices.table.item(1, 3).text() == "Yes" and not window.runner.busy)
    assert next(p for p in keys.peers(ws) if p.device_id == mi_device).revoked


def test_mail_settings_save_reload_and_keep_the_password_out_of_the_database(qtbot, ws, monkeypatch):
    monkeypatch.setattr(secrets, "_session", {})  # this session's passwords, for this test only
    window = open_window(qtbot, ws, SETTINGS)
    page = window.settings
    mail = page.mail
    qtbot.waitUntil(lambda: mail.is_loaded)
    f = mail.form.fields
    assert (f["port"].input.text(), f["security"].value(), f["limit_mb"].input.text()) == ("587", "starttls", "20")

    f["security"].input.setCurrentIndex(f["security"].input.findData("ssl"))
    assert f["port"].input.text() == "465"  # follows the security's usual port
    qtbot.keyClicks(f["host"].input, "smtp.gmail.com")
    qtbot.keyClicks(f["username"].input, "c4m.siemreap@gmail.com")
    qtbot.keyClicks(f["sender"].input, "c4m.siemreap@gmail")
    qtbot.keyClicks(mail.password, "Angkor-p4ss-2026")
    f["port"].input.setText("70000")
    f["limit_mb"].input.setText("25")
    page.save()
    assert f["port"].problem.text() == "The mail server port must be a number from 1 to 65535."
    assert f["port"].problem.isVisibleTo(page)
    assert "Nothing was saved" in page.note.text()
    assert mailer.SmtpSettings.load(ws).host == ""  # nothing written
    f["port"].input.setText("465")
    page.save()
    assert f["sender"].problem.text() == "c4m.siemreap@gmail is not a valid e-mail address."
    qtbot.keyClicks(f["sender"].input, ".com")
    page.save()
    qtbot.waitUntil(lambda: page.note.text() == "Settings saved." and not window.runner.busy)
    assert not f["port"].problem.isVisibleTo(page) and mail.password.text() == ""
    # The test's keyring is the failing backend, so the password is kept for this session only, and says so.
    assert "for this session only" in mail.password_note.text()
    assert secrets.get_password("c4m.siemreap@gmail.com") == "Angkor-p4ss-2026"
    assert mailer.SmtpSettings.load(ws) == mailer.SmtpSettings(
        host="smtp.gmail.com", port=465, security="ssl", username="c4m.siemreap@gmail.com",
        sender="c4m.siemreap@gmail.com")
    assert actions.mail_limit_mb(ws) == 25

    again = MainWindow(ws, window.runner)
    qtbot.addWidget(again)
    again.show()
    again.nav.setCurrentRow(SETTINGS)
    qtbot.waitUntil(lambda: again.settings.mail.is_loaded and not window.runner.busy)
    g = again.settings.mail.form.fields
    assert [g[k].input.text() for k in ("host", "port", "username", "sender", "limit_mb")] == [
        "smtp.gmail.com", "465", "c4m.siemreap@gmail.com", "c4m.siemreap@gmail.com", "25"]
    assert g["security"].value() == "ssl" and again.settings.mail.password.text() == ""
    assert "for this session only" in again.settings.mail.password_note.text()

    folder = ws.db.path.parent
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert any(p.name.startswith("c4m.sqlite") for p in files)
    assert not [p for p in files if b"Angkor-p4ss-2026" in p.read_bytes()]


def test_test_connection_says_whether_the_server_answers(qtbot, ws):
    window = open_window(qtbot, ws, SETTINGS)
    mail = window.settings.mail
    qtbot.waitUntil(lambda: mail.is_loaded)
    qtbot.mouseClick(mail.test_button, Qt.MouseButton.LeftButton)
    assert mail.form.fields["host"].problem.text() == "Enter the mail server first."
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        mail.form.fields["host"].input.setText("127.0.0.1")
        mail.form.fields["port"].input.setText(str(port))
        qtbot.mouseClick(mail.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "answers" in mail.test_note.text())
    qtbot.mouseClick(mail.test_button, Qt.MouseButton.LeftButton)  # closed now
    qtbot.waitUntil(lambda: "cannot be reached" in mail.test_note.text())
    assert mailer.SmtpSettings.load(ws).host == ""  # testing saves nothing
