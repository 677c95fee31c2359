"""Settings: who and where this install is, its language, MI's address, its folders, the mail
server of the outbox, this install's key and the keys of the devices it accepts bundles from.

Everything on the page is saved by one button: the e-mail settings are checked first (each
problem beside its field), so a save either stores all of it or, refused, writes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.messages import N_, ValidationError
from ..domain.sites import SITES
from ..i18n import _
from ..services import device, settings
from ..services.workspace import Workspace
from ..sync import exporter
from . import mail_settings
from .forms import Field, FieldForm
from .keys_settings import DevicesGroup, OwnKeyGroup, key_state
from .language import redraw_on_switch
from .mail_settings import MailSettingsGroup
from .ops import OpRunner, show_error

FIELDS = (
    Field("coordinator", N_("Coordinator name")),
    Field("language", N_("Language"), "choice", lambda: list(i18n.LANGUAGES.items())),
    Field("mi_email", N_("MI e-mail address")),
)
PRIVACY_FIELDS = (
    Field("contacts", N_("Members' phone numbers and e-mails in bundles"), "choice", lambda: [
        ("encrypted", N_("Only in encrypted bundles")), ("always", N_("Always, even unencrypted")),
        ("never", N_("Never"))]),
)


class SettingsPage(QWidget):
    """Signals:
        changed(object): the new ``DeviceInfo`` after a save.
    """

    changed = Signal(object)
    backups_requested = Signal()

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
        self.site = QLabel(accessibleName=_("Site"))
        self.info = info
        self._show_site(info)
        redraw_on_switch(self.site, lambda: self._show_site(self.info))
        folder = ws.db.path.parent if ws.db.path else ws.files_dir.parent
        self.data_folder = QLabel(str(folder), accessibleName=_("Data folder"))
        self.backup_dir = QLineEdit(settings.get(ws, settings.BACKUP_DIR) or settings.default_backup_dir(ws),
                                    accessibleName=_("Backup folder"))
        self.fonts_dir = QLineEdit(settings.get(ws, settings.FONTS_DIR) or "", accessibleName=_("Fonts folder"))
        self.fonts_dir.setPlaceholderText(_("None: the computer's own fonts"))
        self.privacy = FieldForm(PRIVACY_FIELDS)
        self.privacy.set_values({"contacts": settings.get(ws, exporter.CONTACTS) or "encrypted"})
        self.save_button = QPushButton(_("&Save settings"), accessibleName=_("Save settings"))
        self.save_button.clicked.connect(self.save)
        self.note = QLabel(accessibleName=_("Settings status"))
        self.note.setWordWrap(True)

        self.mail = MailSettingsGroup(ws, runner)
        self.own_key = OwnKeyGroup()
        self.devices = DevicesGroup(ws, runner)
        self.devices.changed.connect(self.load_keys)
        self._loaded = False

        general = QGroupBox(_("This install"), accessibleName=_("This install"))
        box = QVBoxLayout(general)
        box.addWidget(QLabel(_("Site (fixed for this install):")))
        box.addWidget(self.site)
        box.addWidget(self.form)
        box.addWidget(QLabel(_("Data folder (database, evidence files, drafts):")))
        box.addWidget(self.data_folder)
        self._folder_row(box, self.backup_dir, _("&Backup folder (may be a USB stick):"),
                         _("Choose backup folder"), _("Choose the backup folder"))
        self.backups_button = QPushButton(_("Bac&kups and restore…"), accessibleName=_("Backups and restore"))
        self.backups_button.clicked.connect(self.backups_requested)
        box.addWidget(self.backups_button)
        self._folder_row(box, self.fonts_dir, _("&Fonts folder for reports (searched first):"),
                         _("Choose fonts folder"), _("Choose the fonts folder"))

        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(general)
        left.addWidget(self.mail)
        privacy = QGroupBox(_("Privacy"), accessibleName=_("Privacy"))
        privacy_box = QVBoxLayout(privacy)
        privacy_box.addWidget(self.privacy)
        note = QLabel(_("MI keeps the values it already has; a bundle without them never clears them."))
        note.setWordWrap(True)
        privacy_box.addWidget(note)
        left.addWidget(privacy)
        left.addStretch(1)
        right.addWidget(self.own_key)
        right.addWidget(self.devices, 1)
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea(accessibleName=_("Settings"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("<h2>Settings</h2>")))
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        # Read on first sight, not at start-up: the keyring may be slow, and the key is made on first use.
        if not self._loaded:
            self._loaded = True
            self.mail.load()
        self.load_keys()  # an import may have brought a new device's key since

    def load_keys(self) -> None:
        """Fetch this install's key and the known device keys on the worker and show them."""
        ws = self.ws
        self.runner.run(lambda: key_state(ws), on_success=self._show_keys, on_error=lambda e: show_error(self, e))

    def _show_keys(self, state) -> None:
        self.own_key.show_key(state)
        self.devices.show_state(state)

    def _folder_row(self, box: QVBoxLayout, edit: QLineEdit, label: str, button_name: str, title: str) -> None:
        caption = QLabel(label)
        caption.setBuddy(edit)
        browse = QPushButton(_("C&hoose…") if edit is self.fonts_dir else _("&Choose…"), accessibleName=button_name)

        def choose() -> None:
            folder = QFileDialog.getExistingDirectory(self, title, edit.text())
            if folder:
                edit.setText(folder)

        browse.clicked.connect(choose)
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        box.addWidget(caption)
        box.addLayout(row)

    def save(self) -> None:
        """Check the e-mail settings, then store everything on the worker."""
        values = self.form.values()
        backup = self.backup_dir.text().strip() or None
        fonts = self.fonts_dir.text().strip() or None
        contacts = self.privacy.values()["contacts"]
        mail = None
        if self.mail.is_loaded:
            mail = self.mail.collect()
            if mail is None:
                self.note.setText(_("Nothing was saved: correct the marked e-mail settings first."))
                return
        ws = self.ws

        def job():
            who = {"coordinator": values["coordinator"], "language": values["language"],
                   "mi_email": values["mi_email"] or None}
            now = device.current(ws)
            if now is not None:  # refuse before writing anything (update checks again)
                device.check_setup(site_code=now.site_code, role=now.role, **who)
            settings.put(ws, settings.BACKUP_DIR, backup)
            settings.put(ws, settings.FONTS_DIR, fonts)
            settings.put(ws, exporter.CONTACTS, contacts)
            kept = mail_settings.save(ws, mail) if mail is not None else None
            # Last, so whoever sees the new identity also sees the folder and mail settings.
            return device.update(ws, **who), kept

        self.save_button.setEnabled(False)
        self.runner.run(job, on_success=self._saved, on_error=self._failed)

    def _show_site(self, info: device.DeviceInfo | None) -> None:
        site = SITES[info.site_code] if info else None
        self.site.setText(f"{_(site.name_en)} — {site.name_local} ({site.code})" if site else "")

    def _saved(self, result: tuple[device.DeviceInfo, str | None]) -> None:
        info, kept = result
        self.info = info
        self.save_button.setEnabled(True)
        self.form.show_problems([])
        if self.mail.is_loaded:
            self.mail.show_password_kept(kept)
        self.note.setText(_("Settings saved."))
        self.changed.emit(info)

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            rest = self.form.show_problems(error.problems)
            self.note.setText("\n".join(i18n.problem_text(p) for p in rest))
        else:
            show_error(self, error)
