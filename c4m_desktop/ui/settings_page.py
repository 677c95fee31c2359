"""Settings: who and where this install is, its language, MI's address and its folders."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.messages import N_, ValidationError
from ..domain.sites import SITES
from ..i18n import _
from ..services import device, settings
from ..services.workspace import Workspace
from .forms import Field, FieldForm
from .ops import OpRunner, show_error

FIELDS = (
    Field("coordinator", N_("Coordinator name")),
    Field("language", N_("Language"), "choice", lambda: list(i18n.LANGUAGES.items())),
    Field("mi_email", N_("MI e-mail address")),
)


class SettingsPage(QWidget):
    """Signals:
        changed(object): the new ``DeviceInfo`` after a save.
    """

    changed = Signal(object)

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(parent)
        self.ws, self.runner = ws, runner
        self.setObjectName("settings")
        self.setAccessibleName(_("Settings"))
        info = device.current(ws)
        self.form = FieldForm(FIELDS)
        if info:
            self.form.set_values({"coordinator": info.coordinator, "language": info.language,
                                  "mi_email": info.mi_email})
        site = SITES[info.site_code] if info else None
        self.site = QLabel(f"{_(site.name_en)} — {site.name_local} ({site.code})" if site else "",
                           accessibleName=_("Site"))
        folder = ws.db.path.parent if ws.db.path else ws.files_dir.parent
        self.data_folder = QLabel(str(folder), accessibleName=_("Data folder"))
        self.backup_dir = QLineEdit(settings.get(ws, settings.BACKUP_DIR) or settings.default_backup_dir(ws),
                                    accessibleName=_("Backup folder"))
        browse = QPushButton(_("&Choose…"), accessibleName=_("Choose backup folder"))
        browse.clicked.connect(self._choose_backup_dir)
        self.save_button = QPushButton(_("&Save settings"), accessibleName=_("Save settings"))
        self.save_button.clicked.connect(self.save)
        self.note = QLabel(accessibleName=_("Settings status"))
        self.note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("<h2>Settings</h2>")))
        layout.addWidget(QLabel(_("Site (fixed for this install):")))
        layout.addWidget(self.site)
        layout.addWidget(self.form)
        layout.addWidget(QLabel(_("Data folder (database, evidence files, drafts):")))
        layout.addWidget(self.data_folder)
        backup_label = QLabel(_("&Backup folder (may be a USB stick):"))
        backup_label.setBuddy(self.backup_dir)
        layout.addWidget(backup_label)
        row = QHBoxLayout()
        row.addWidget(self.backup_dir, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        layout.addWidget(self.save_button)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def _choose_backup_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose the backup folder"), self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def save(self) -> None:
        values = self.form.values()
        backup = self.backup_dir.text().strip() or None
        ws = self.ws

        def job():
            info = device.update(ws, coordinator=values["coordinator"], language=values["language"],
                                 mi_email=values["mi_email"] or None)
            settings.put(ws, settings.BACKUP_DIR, backup)
            return info

        self.runner.run(job, on_success=self._saved, on_error=self._failed)

    def _saved(self, info: device.DeviceInfo) -> None:
        self.form.show_problems([])
        self.note.setText(_("Saved. A new language applies from the next start."))
        self.changed.emit(info)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            rest = self.form.show_problems(error.problems)
            self.note.setText("\n".join(i18n.problem_text(p) for p in rest))
        else:
            show_error(self, error)
