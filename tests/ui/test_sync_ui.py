"""Outbox & sync page, import dialog and background sender, driven as a coordinator would.

Export now makes a bundle that the outbox table shows; Save to folder copies it; a bundle from
another install is previewed and applied (its rows reach the association list); a tampered file
and a cancelled import leave the database exactly as it was; Send now and the background sender
mail the export to a real SMTP server on 127.0.0.1.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import synced_rows
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton
from smtp_server import EphemeralController

from c4m_desktop import __version__
from c4m_desktop.services import associations, demo
from c4m_desktop.sync import actions, bundle, exporter, outbox
from c4m_desktop.sync.mailer import SmtpSettings
from c4m_desktop.ui import main_window
from c4m_desktop.ui.import_dialog import CANCELLED, IMPORTED, READY, REFUSED
from c4m_desktop.ui.mail_sender import MailSender
from c4m_desktop.ui.main_window import PAGES, MainWindow
from c4m_desktop.ui.ops import OpRunner

OUTBOX_PAGE = [k for k, _label in PAGES].index("outbox")


# --- a real SMTP server (the minimum of tests/sync/test_smtp_outbox.py) -----------------------


class Mailbox:
    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 2.0.0 Ok: queued"


@pytest.fixture
def mail_server(make_ws):
    box = Mailbox()
    controller = EphemeralController(box)
    controller.start()
    yield controller, box
    controller.stop()


def use_mail_server(ws, port: int) -> None:
    SmtpSettings(host="127.0.0.1", port=port, security="none", sender="srp@c4m.example", timeout=5.0).save(ws)


# --- helpers ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    """An error dialog would block the test: record it instead, and fail the test on it."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    yield shown
    assert shown == [], shown


def add(ws, name: str, site: str = "SRP") -> None:
    associations.create(ws, values={"site_code": site, "name_en": name, "kind": "artisan_group"},
                        sectors=["crafts"])


def open_window(qtbot, ws) -> MainWindow:
    window = MainWindow(ws)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.waitUntil(lambda: not window.runner.busy)
    return window


def activate(qtbot, window) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()


def table_texts(page) -> list[list[str]]:
    t = page.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def drag(window, paths: list[Path]) -> bool:
    """Drag files over the window and drop them there; return whether the window took them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    return True


# --- export, save to folder ---------------------------------------------------------------------


def test_export_now_queues_a_bundle_and_save_to_folder_copies_it(qtbot, make_ws, tmp_path, monkeypatch):
    site = make_ws("siem", site="SRP")
    add(site, "Puok Silk Weavers")
    window = open_window(qtbot, site)
    page = window.outbox
    window.nav.setCurrentRow(OUTBOX_PAGE)
    qtbot.waitUntil(lambda: "MI has not confirmed anything yet; 2 changes not yet confirmed." in
                    page.confirmations.text())
    assert page.heading.text() == "No exports yet. “Export now” makes one."

    qtbot.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Export now
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and not window.runner.busy)
    [made, to, state, attempts, problem, sent, name] = table_texts(page)[0]
    assert (to, state, attempts, problem, sent) == ("c4m@mekonginstitute.org", "Waiting to be sent", "0", "", "")
    bundle_file = site.db.path.parent / "outbox" / name
    assert bundle_file.is_file() and name.startswith("SRP-") and name.endswith(".c4m") and made
    assert f"Exported 2 changes to {bundle_file}." in page.note.text()
    assert "It waits in the outbox and is sent to c4m@mekonginstitute.org at the next chance." in page.note.text()
    qtbot.waitUntil(lambda: window.outbox_label.text() == "1 export waiting")

    usb = tmp_path / "usb"
    usb.mkdir()
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent, caption, start="", *a, **k: (asked.append(caption), str(usb))[1])
    page.table.selectRow(0)
    assert page.save_button.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Save to folder/&USB…
    qtbot.waitUntil(lambda: table_texts(page)[0][2] == "Saved to a folder")
    assert asked == ["Choose a folder or USB stick"]
    assert (usb / name).read_bytes() == bundle_file.read_bytes()
    assert page.note.text() == f"Saved a copy to {usb / name}."
    assert outbox.items(site)[0].saved_to == usb / name
    qtbot.waitUntil(lambda: window.outbox_label.text() == "0 exports waiting")

    window.close()  # the background sender stops with the window, and so does the worker
    assert not window.sender.active and window.runner._thread.isFinished()


# --- import -------------------------------------------------------------------------------------


def test_import_dialog_previews_and_applies_a_bundle_from_another_install(qtbot, make_ws, tmp_path):
    site = make_ws("siem", site="SRP")
    add(site, "Puok Silk Weavers")
    add(site, "Angkor Stone Carvers")
    made = exporter.export(site, to_dir=tmp_path / "mail")
    mi = make_ws("mi", role="hq")
    window = open_window(qtbot, mi)
    assert window.associations.model.rowCount() == 0

    assert not drag(window, [tmp_path / "letter.txt"])  # only bundles are taken
    assert drag(window, [made.path])
    dialog = window._import_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.bundles[0].state == READY)
    text = dialog.details.text()
    for expected in ("Siem Reap (SRP)", "Siem", site.require_device().id, "First bundle from this device: its key "
                     "will be trusted", "No", "Associations", "Association sectors", "4 records",
                     f"c4m-desktop {__version__}"):
        assert expected in text, expected
    assert dialog.files.item(0).text() == f"○ {made.path.name}\n    Ready to import"
    assert dialog.apply_button.isEnabled()

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.bundles[0].state == IMPORTED and not dialog.busy)
    assert dialog.summary.text() == f"{made.path.name}: 4 records applied."
    assert not dialog.apply_button.isEnabled() and not dialog.conflicts_button.isVisible()
    qtbot.waitUntil(lambda: window.associations.model.rowCount() == 2)
    assert synced_rows(mi)["association"] == synced_rows(site)["association"]

    # File > Import bundle… (Ctrl+I) brings the open dialog forward, or opens a new one once it is
    # closed; a second import of the same file changes nothing.
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert window._import_dialog is dialog
    dialog.close()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    again = window._import_dialog
    assert again is not None and again is not dialog and again.bundles == []
    again.add_files([made.path])
    qtbot.waitUntil(lambda: again.bundles[0].state == READY)
    assert "Known device" in again.details.text()
    again.apply()
    qtbot.waitUntil(lambda: again.bundles[0].state == IMPORTED and not again.busy)
    assert again.summary.text() == f"{made.path.name}: nothing new; everything in it was here already."


def test_a_tampered_bundle_shows_why_it_is_refused_and_changes_nothing(qtbot, make_ws, tmp_path):
    site = make_ws("siem", site="SRP")
    add(site, "Angkor Stone Carvers")
    good = exporter.export(site, to_dir=tmp_path / "mail").path
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["rows/association.jsonl"] = members["rows/association.jsonl"].replace(b"Angkor", b"Ankgor")
    tampered = tmp_path / "tampered.c4m"
    with zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    assert bundle.MANIFEST in members

    mi = make_ws("mi", role="hq")
    window = open_window(qtbot, mi)
    before = synced_rows(mi)
    dialog = window.import_bundles([tampered])
    qtbot.waitUntil(lambda: dialog.bundles[0].state == REFUSED)
    assert "This file is refused; it cannot be imported." in dialog.details.text()
    assert "differs from its manifest" in dialog.details.text()
    assert dialog.files.item(0).text() == "✗ tampered.c4m\n    Refused"
    assert not dialog.apply_button.isEnabled()
    dialog.apply()  # nothing to apply, even when asked
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert not dialog.busy and synced_rows(mi) == before


def test_cancelling_a_large_import_writes_nothing(qtbot, make_ws, tmp_path):
    other = make_ws("hue", site="HUE")
    demo.generate(other, associations=300)
    made = exporter.export(other, to_dir=tmp_path / "mail")
    assert made.counts["association"] == 300
    mi = make_ws("mi", role="hq")
    window = open_window(qtbot, mi)
    before = synced_rows(mi)
    dialog = window.import_bundles([made.path])
    qtbot.waitUntil(lambda: dialog.bundles[0].state == READY, timeout=30_000)

    dialog.apply()
    progress = dialog.progress
    assert progress is not None
    [cancel] = progress.dialog.findChildren(QPushButton)
    cancel.click()  # at once: the worker is still reading the bundle or merging its first table
    qtbot.waitUntil(lambda: dialog.bundles[0].state == CANCELLED and not dialog.busy, timeout=30_000)
    assert dialog.summary.text() == f"{made.path.name}: the import was cancelled; nothing of this file was written."
    assert dialog.progress is None
    assert synced_rows(mi) == before
    assert window.associations.model.rowCount() == 0

    # A cancelled file may be imported after all.
    assert dialog.apply_button.isEnabled()
    dialog.apply()
    qtbot.waitUntil(lambda: dialog.bundles[0].state == IMPORTED and not dialog.busy, timeout=60_000)
    qtbot.waitUntil(lambda: window.associations.model.rowCount() > 0)


# --- sending ------------------------------------------------------------------------------------


def test_send_now_mails_the_export_even_when_the_os_says_offline(qtbot, make_ws, mail_server, monkeypatch):
    controller, box = mail_server
    site = make_ws("siem", site="SRP")
    use_mail_server(site, controller.port)
    add(site, "Puok Silk Weavers")
    monkeypatch.setattr(main_window, "_online", lambda: False)  # the timer would not send
    window = open_window(qtbot, site)
    assert window.network_label.text() == "Offline"
    page = window.outbox
    window.nav.setCurrentRow(OUTBOX_PAGE)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and not window.runner.busy)
    assert table_texts(page)[0][2] == "Waiting to be sent" and box.received == []

    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # &Send now
    qtbot.waitUntil(lambda: table_texts(page)[0][2] == "Sent by e-mail" and not window.sender.busy)
    assert page.note.text() == "1 export sent."
    [(rcpt, raw)] = box.received
    assert rcpt == ["c4m@mekonginstitute.org"]
    item = outbox.items(site)[0]
    assert item.status == "sent" and item.message_id and item.bundle_path.name.encode() in raw
    row = table_texts(page)[0]
    assert row[3] == "1" and row[5]  # one attempt, a time sent
    qtbot.waitUntil(lambda: window.outbox_label.text() == "0 exports waiting")

    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)  # nothing more to send
    qtbot.waitUntil(lambda: page.note.text() == "Nothing is waiting to be sent.")
    assert len(box.received) == 1


def test_background_sender_sends_only_when_online_and_one_run_at_a_time(qtbot, make_ws, mail_server):
    controller, box = mail_server
    site = make_ws("siem", site="SRP")
    use_mail_server(site, controller.port)
    add(site, "Puok Silk Weavers")
    item = actions.export_now(site).item
    assert item is not None and item.status == "queued"

    runner = OpRunner()
    online = [False]
    sender = MailSender(site, runner, online=lambda: online[0], interval_ms=20)
    checks = []
    sender.checked.connect(lambda: checks.append(online[0]))
    try:
        sender.start()
        qtbot.waitUntil(lambda: len(checks) >= 3)  # offline: it looks, and sends nothing
        assert outbox.get(site, item.id).status == "queued" and box.received == []

        sender.stop()
        online[0] = True
        assert not sender.check()  # stopped: nothing starts
        sender.start()
        with qtbot.waitSignal(sender.finished, timeout=10_000) as sent:
            assert sender.check()
            assert sender.busy and not sender.check()  # never two at once
        [(item_id, outcome)] = sent.args[0]
        assert item_id == item.id and outcome.status == "sent"
        assert outbox.get(site, item.id).status == "sent" and len(box.received) == 1

    finally:
        sender.stop()

    # Right after an export it looks at once, without waiting for the timer (a minute; the first
    # look after start-up comes after five seconds).
    sender = MailSender(site, runner, online=lambda: True)
    try:
        sender.start()
        add(site, "Angkor Stone Carvers")
        second = actions.export_now(site).item
        with qtbot.waitSignal(sender.finished, timeout=3_000):
            sender.check_soon()
        assert outbox.get(site, second.id).status == "sent" and len(box.received) == 2
    finally:
        sender.stop()
        runner.shutdown()
