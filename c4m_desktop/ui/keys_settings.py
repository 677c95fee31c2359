"""This install's signing key and the keys of the devices whose bundles it accepts (Settings page).

"This install's key" shows the device id, the fingerprint to read out over the phone and a Copy
key button; "Known devices" lists every key seen or registered, registers a key handed out by MI
(optionally as MI's, so bundles to MI are encrypted to it) and revokes one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..domain.messages import N_, UserError
from ..i18n import _
from ..services import settings
from ..services.workspace import Workspace
from ..sync import exporter, keys
from .ops import OpRunner, error_message, show_error

ID_ROLE = Qt.ItemDataRole.UserRole
SOURCES = {"self": N_("This install"), "tofu": N_("First bundle"), "registered": N_("Registered")}
SOURCE_TIPS = {"self": N_("The key this install signs its bundles with."),
               "tofu": N_("Trusted when the device's first bundle arrived (trust on first use)."),
               "registered": N_("Registered by hand before the device's first bundle.")}
BAD_DEVICE = N_("That is not a device id: it has 36 characters, like 1b4e28ba-2fa1-11d2-883f-0016d3cca427.")


@dataclass(frozen=True)
class KeyState:
    device_id: str
    public_key: str
    peers: tuple[keys.Peer, ...]
    encrypt_to: str | None  # the device whose key bundles to MI are sealed to


def key_state(ws: Workspace) -> KeyState:
    """Read this install's key (made on first use) and every known key (worker side)."""
    public = keys.public_key(ws)
    device = ws.require_device()
    return KeyState(device.id, public, tuple(keys.peers(ws)), settings.get(ws, exporter.ENCRYPT_TO))


def register(ws: Workspace, device_id: str, public_key: str, is_mi: bool) -> keys.Peer:
    """Register a device's key, and make it MI's key for encrypted bundles if asked (worker side)."""
    peer = keys.trust(ws, device_id, public_key)
    if is_mi:
        settings.put(ws, exporter.ENCRYPT_TO, peer.device_id)
    return peer


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class OwnKeyGroup(QGroupBox):
    """This install's device id, key fingerprint and public key, with Copy key."""

    def __init__(self, parent=None):
        super().__init__(_("This install's key"), parent)
        self.setAccessibleName(_("This install's key"))
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.device = _selectable(QLabel(accessibleName=_("Device id")))
        self.fingerprint = _selectable(QLabel(accessibleName=_("Fingerprint")))
        self.fingerprint.setFont(fixed)
        self.key = QLineEdit(accessibleName=_("Public key"), readOnly=True)
        self.key.setFont(fixed)
        self.copy_button = QPushButton(_("C&opy key"), accessibleName=_("Copy key"))
        self.copy_button.setToolTip(_("Copy the public key, to send it to MI or to another install."))
        self.copy_button.clicked.connect(self.copy)
        self.note = QLabel(accessibleName=_("Key status"))
        form = QFormLayout(self)
        form.addRow(_("Device id:"), self.device)
        form.addRow(_("Fingerprint:"), self.fingerprint)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.copy_button)
        key_label = QLabel(_("Public &key:"))
        key_label.setBuddy(self.key)
        form.addRow(key_label, key_row)
        form.addRow(self.note)

    def show_key(self, state: KeyState) -> None:
        self.device.setText(state.device_id)
        self.fingerprint.setText(keys.fingerprint(state.public_key))
        self.key.setText(state.public_key)
        self.key.setCursorPosition(0)

    def copy(self) -> None:
        if self.key.text():
            QGuiApplication.clipboard().setText(self.key.text())
            self.note.setText(_("The public key is copied."))


class RegisterKeyDialog(QDialog):
    """Type or paste a device id and its public key; a bad key is refused here, nothing written.

    Signals:
        registered(object): the ``keys.Peer`` now registered.
    """

    registered = Signal(object)

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(parent)
        self.ws, self.runner = ws, runner
        self.setWindowTitle(_("Register a device key"))
        self.setAccessibleName(_("Register a device key"))
        self.device = QLineEdit(accessibleName=_("Device id"))
        self.device.setPlaceholderText("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
        self.key = QLineEdit(accessibleName=_("Public key"))
        self.key.setPlaceholderText(_("44 characters, as shown by Copy key or `c4m keys show`"))
        self.is_mi = QCheckBox(_("This is &MI: encrypt bundles to MI with this key"),
                               accessibleName=_("This is MI"))
        self.error = QLabel(accessibleName=_("Problems"))
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setAccessibleName(_("Dialog buttons"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Register"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        device_label = QLabel(_("&Device id:"))
        device_label.setBuddy(self.device)
        key_label = QLabel(_("Public &key:"))
        key_label.setBuddy(self.key)
        form.addRow(device_label, self.device)
        form.addRow(key_label, self.key)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Register the key MI or another install gave you, before its first bundle "
                                  "arrives. Compare the fingerprint with its owner.")))
        layout.addLayout(form)
        layout.addWidget(self.is_mi)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def submit(self) -> None:
        device_id, key, is_mi = self.device.text().strip(), self.key.text().strip(), self.is_mi.isChecked()
        try:
            uuid.UUID(device_id)
        except ValueError:
            self.error.setText(_(BAD_DEVICE))
            self.device.setFocus()
            return
        self.error.clear()
        self.buttons.setEnabled(False)
        ws = self.ws
        self.runner.run(lambda: register(ws, device_id, key, is_mi), on_success=self._done, on_error=self._failed)

    def _done(self, peer: keys.Peer) -> None:
        self.buttons.setEnabled(True)
        self.registered.emit(peer)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, UserError):
            self.error.setText(error_message(error))
            self.key.setFocus()
        else:
            show_error(self, error)


class DevicesGroup(QGroupBox):
    """Every known device key with its fingerprint, how it came to be trusted and whether it is revoked.

    Signals:
        changed(): a key was registered or revoked.
    """

    changed = Signal()

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(_("Known devices"), parent)
        self.ws, self.runner = ws, runner
        self.setAccessibleName(_("Known devices"))
        self.state: KeyState | None = None
        self.table = QTableWidget(0, 4, accessibleName=_("Known device keys"))
        self.table.setHorizontalHeaderLabels([_("Device"), _("Fingerprint"), _("Source"), _("Revoked")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_a: self._update_buttons())
        self.register_button = QPushButton(_("&Register key…"), accessibleName=_("Register key"))
        self.register_button.clicked.connect(self.register)
        self.revoke_button = QPushButton(_("Re&voke"), accessibleName=_("Revoke key"))
        self.revoke_button.setToolTip(_("Refuse every further bundle signed with this key."))
        self.revoke_button.clicked.connect(self.revoke)
        self.revoke_button.setEnabled(False)
        self.dialog: RegisterKeyDialog | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_state(self, state: KeyState) -> None:
        self.state = state
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.table.setRowCount(len(state.peers))
        for r, p in enumerate(state.peers):
            source = _(SOURCES.get(p.source, p.source))
            if p.device_id == state.encrypt_to:
                source = _("{source}; MI: bundles to MI are encrypted to this key").format(source=source)
            # The short id, as history and conflicts show devices; the whole id is in the tooltip.
            cells = (p.device_id[:8], p.fingerprint, source, _("Yes") if p.revoked else "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, p.device_id)
                item.setToolTip(p.device_id if c == 0 else _(SOURCE_TIPS[p.source]) if c == 2
                                and p.source in SOURCE_TIPS else text)
                if c == 1:
                    item.setFont(fixed)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def _selected(self) -> keys.Peer | None:
        row = self.table.currentRow()
        if self.state is None or not 0 <= row < len(self.state.peers):
            return None
        return self.state.peers[row]

    def _update_buttons(self) -> None:
        peer = self._selected()
        self.revoke_button.setEnabled(peer is not None and peer.source != "self" and not peer.revoked)

    def register(self) -> RegisterKeyDialog:
        """Open the dialog that registers a device key."""
        self.dialog = RegisterKeyDialog(self.ws, self.runner, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.registered.connect(lambda _peer: self.changed.emit())
        self.dialog.open()
        return self.dialog

    def revoke(self) -> None:
        """Ask, then refuse every further bundle of the chosen device."""
        peer = self._selected()
        if peer is None or peer.source == "self" or peer.revoked:
            return
        text = _("Revoke the key of device {device} (fingerprint {fp})? Its bundles are refused from then on.").format(
            device=peer.device_id, fp=peer.fingerprint)
        if self.state is not None and peer.device_id == self.state.encrypt_to:
            text += "\n\n" + _("This is MI's key: exports to MI stop until a new MI key is registered.")
        answer = QMessageBox.question(self, _("Revoke key"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        ws, device_id = self.ws, peer.device_id
        self.runner.run(lambda: keys.revoke(ws, device_id), on_success=lambda _r: self.changed.emit(),
                        on_error=lambda e: show_error(self, e))
