"""An unexpected error is logged with its traceback, open edits are kept as drafts, and a dialog lets the
person copy the details; the log file is private and never holds a password."""

from __future__ import annotations

import logging
import os
import stat
import sys

from PySide6.QtWidgets import QApplication, QPushButton

from c4m_desktop.services import associations, drafts
from c4m_desktop.store import logfile
from c4m_desktop.ui import crash
from c4m_desktop.ui.main_window import MainWindow


def test_an_unexpected_error_is_logged_drafts_kept_and_details_copyable(qtbot, ws, tmp_path, monkeypatch):
    log_path = logfile.configure(tmp_path)
    a = associations.create(ws, values={"site_code": "SRP", "name_en": "Puok Silk Weavers",
                                        "kind": "association"}).record.record
    window = MainWindow(ws)
    qtbot.addWidget(window)
    editor = window.open_association(a.id)
    qtbot.waitUntil(lambda: editor.isEnabled() and not window.runner.busy)
    editor.form.fields["district"].input.setText("Puok")  # typed, not saved, not yet written as a draft
    shown = []
    monkeypatch.setattr(crash.CrashDialog, "exec", lambda self: shown.append(self) or 0)
    try:
        raise ZeroDivisionError("a bug in a slot")
    except ZeroDivisionError:
        crash.report(*sys.exc_info())
    assert drafts.load(ws, kind="association", row_id=a.id).values["district"] == "Puok"
    text = log_path.read_text(encoding="utf-8")
    assert "CRITICAL c4m_desktop.crash: unexpected error" in text and "ZeroDivisionError: a bug in a slot" in text
    assert stat.S_IMODE(os.stat(log_path).st_mode) == 0o600
    (dialog,) = shown
    qtbot.addWidget(dialog)
    assert "Traceback" in dialog.details.toPlainText()
    copy = next(b for b in dialog.findChildren(QPushButton) if b.accessibleName() == "Copy the error details")
    copy.click()
    assert "ZeroDivisionError: a bug in a slot" in QApplication.clipboard().text()


def test_install_catches_what_nothing_else_did(monkeypatch, tmp_path):
    import threading

    log_path = logfile.configure(tmp_path)
    seen = []
    monkeypatch.setattr(crash, "report", lambda kind, error, tb: seen.append(error))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash.install()
    error = ValueError("raised in a slot")
    sys.excepthook(ValueError, error, None)
    assert seen == [error]
    worker = threading.Thread(target=lambda: 1 / 0, name="c4m-test-worker")
    worker.start()
    worker.join()
    assert "unexpected error in thread c4m-test-worker" in log_path.read_text(encoding="utf-8")


def test_secret_looking_values_never_reach_the_log(tmp_path):
    log_path = logfile.configure(tmp_path)
    logging.getLogger("c4m_desktop.mail").warning("login failed: password=Angkor-p4ss-2026 user=sokha")
    text = log_path.read_text(encoding="utf-8")
    assert "Angkor-p4ss-2026" not in text and "password=***" in text
