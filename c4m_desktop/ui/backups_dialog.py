"""The backups of this install: when, why, how big, how many records; back up now; restore one.

Restoring replaces the database, so the window asks, closes the database, restores (keeping the
replaced one as a backup) and starts the app again on the restored data.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from .. import i18n
from ..domain.messages import N_
from ..i18n import _
from ..services import backups
from ..services.workspace import Workspace
from .ops import OpRunner, error_message

REASONS = {"manual": N_("Backed up by hand"), "scheduled": N_("Every 30 minutes"),
           "before-import": N_("Before an import"), "before-restore": N_("Before a restore")}


class BackupsDialog(QDialog):
    """Signals:
        restore_requested(object): the ``Backup`` the person chose to restore (after confirming).
    """

    restore_requested = Signal(object)

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(parent)
        self.ws, self.runner = ws, runner
        self.setWindowTitle(_("Backups"))
        self.setAccessibleName(_("Backups"))
        self.folder = QLabel(accessibleName=_("Backup folder"))
        self.folder.setWordWrap(True)
        self.table = QTableWidget(0, 4, accessibleName=_("Backups, newest first"))
        self.table.setHorizontalHeaderLabels([_("Made"), _("Why"), _("Size"), _("Associations")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(accessibleName=_("Backups status"))
        self.status.setWordWrap(True)
        now = QPushButton(_("&Back up now"), accessibleName=_("Back up now"))
        now.clicked.connect(self.back_up_now)
        now.setAutoDefault(False)
        self.restore_button = QPushButton(_("&Restore…"), accessibleName=_("Restore the chosen backup"))
        self.restore_button.clicked.connect(self.restore_chosen)
        self.restore_button.setAutoDefault(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(now)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.found: list[backups.Backup] = []
        self.resize(720, 420)
        self.refresh()

    def refresh(self) -> None:
        ws = self.ws

        def job():
            folder = backups.folder_of(ws)
            return folder, backups.list_backups(folder)

        self.runner.run(job, on_success=self._show, on_error=lambda e: self.status.setText(error_message(e)))

    def _show(self, result) -> None:
        folder, found = result
        self.found = found
        self.folder.setText(_("Backup folder: {path}").format(path=folder))
        tr = i18n.translator(i18n.language())
        self.table.setRowCount(len(found))
        for r, b in enumerate(found):
            cells = (i18n.format_datetime(b.made), _(REASONS.get(b.reason, b.reason)),
                     tr.number(b.size / 1024**2, decimals=1) + " MB", str(b.counts.get("association", "?")))
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if found:
            self.table.selectRow(0)
        else:
            self.status.setText(_("No backups yet."))
        self.restore_button.setEnabled(bool(found))

    def back_up_now(self) -> None:
        ws = self.ws
        self.status.setText(_("Backing up…"))
        self.runner.run(lambda: backups.make(ws, "manual"),
                        on_success=lambda b: (self.status.setText(_("Backed up to {path}.").format(path=b.path)),
                                              self.refresh()),
                        on_error=lambda e: self.status.setText(error_message(e)))

    def restore_chosen(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.found):
            return
        chosen = self.found[row]
        answer = QMessageBox.question(self, _("Restore this backup?"), _(
            "Restore the backup made {when} ({n} associations)? Everything entered since then is replaced; the "
            "current database is kept as a backup first, so this can be undone. The app starts again.").format(
            when=i18n.format_datetime(chosen.made), n=chosen.counts.get("association", "?")))
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(chosen)
