"""Unexpected errors, caught at the top: logged with their traceback, unsaved edits kept as drafts,
and said in a dialog whose details can be copied for MI. The app goes on."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _
from .drafting import DraftKeeper

log = logging.getLogger("c4m_desktop.crash")


class CrashDialog(QDialog):
    def __init__(self, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("c4m-desktop"))
        self.setAccessibleName(_("Unexpected error"))
        text = QLabel(_("Something went wrong that should not have. Your unsaved edits were kept as drafts and "
                        "the app goes on. If it happens again, send the details below to MI."))
        text.setWordWrap(True)
        self.details = QPlainTextEdit(details, accessibleName=_("Error details"))
        self.details.setReadOnly(True)
        copy = QPushButton(_("&Copy details"), accessibleName=_("Copy the error details"))
        copy.setAutoDefault(False)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)


def keep_drafts() -> int:
    """Write the draft of every open editor with unsaved edits; return how many were kept."""
    kept = 0
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, DraftKeeper) and getattr(widget, "dirty", False):
            try:
                widget.keep_draft()
                kept += 1
            except Exception:  # a second failure must not hide the first
                log.exception("could not keep the draft of %s", type(widget).__name__)
    return kept


def report(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """Log, keep drafts, tell the person (on the GUI thread)."""
    log.critical("unexpected error", exc_info=(kind, error, tb))
    keep_drafts()
    CrashDialog("".join(traceback.format_exception(kind, error, tb)), QApplication.activeWindow()).exec()


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    log.critical("unexpected error in thread %s", args.thread.name if args.thread else "?",
                 exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def install() -> None:
    """Catch what nothing else caught: in slots and event handlers (GUI thread) and in other threads."""
    sys.excepthook = report
    threading.excepthook = _thread_hook
