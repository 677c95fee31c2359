"""First-run dialog: site, coordinator name, language and MI's e-mail; creates the device record."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from .. import i18n
from ..domain.enums import Role
from ..domain.messages import UserError, ValidationError
from ..domain.sites import SITES
from ..i18n import _
from ..services import device
from ..services.workspace import Workspace


class FirstRunDialog(QDialog):
    """Ask who and where this install is for; on OK write the device record."""

    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.info: device.DeviceInfo | None = None
        self.setWindowTitle(_("Welcome to c4m-desktop"))
        self.setAccessibleName(_("First-run set-up"))

        self.site = QComboBox(accessibleName=_("Site"))
        for s in SITES.values():
            self.site.addItem(f"{_(s.name_en)} — {s.name_local} ({s.code})", s.code)
        self.coordinator = QLineEdit(accessibleName=_("Coordinator name"))
        self.language = QComboBox(accessibleName=_("Language"))
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.role = QComboBox(accessibleName=_("Role"))
        self.role.addItem(_("Site coordinator"), Role.SITE.value)
        self.role.addItem(_("MI headquarters"), Role.HQ.value)
        self.mi_email = QLineEdit(accessibleName=_("MI e-mail address"))
        self.mi_email.setPlaceholderText("c4m@mekonginstitute.org")
        self.error = QLabel(accessibleName=_("Problems"))
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(_("&Site:"), self.site)
        form.addRow(_("&Coordinator name:"), self.coordinator)
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("&Role:"), self.role)
        form.addRow(_("MI &e-mail:"), self.mi_email)
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            label.setBuddy(form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setAccessibleName(_("Dialog buttons"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.site.currentIndexChanged.connect(self._site_changed)
        self._site_changed()

        layout = QVBoxLayout(self)
        intro = QLabel(_("Set up this laptop once: your site, your name, the app's language and MI's e-mail address."))
        intro.setWordWrap(True)
        intro.setAccessibleName(_("Introduction"))
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _site_changed(self) -> None:
        lang = SITES[self.site.currentData()].language
        self.language.setCurrentIndex(self.language.findData(lang))

    def values(self) -> dict[str, str | None]:
        return {
            "site_code": self.site.currentData(), "coordinator": self.coordinator.text(),
            "language": self.language.currentData(), "role": self.role.currentData(),
            "mi_email": self.mi_email.text().strip() or None,
        }

    def accept(self) -> None:
        try:
            self.info = device.initialise(self.ws, **self.values())
        except ValidationError as exc:
            labels = {"site_code": _("Site"), "coordinator": _("Coordinator name"), "language": _("Language"),
                      "role": _("Role"), "mi_email": _("MI e-mail address")}
            self.error.setText("\n".join(
                _("{field}: {problem}").format(field=labels.get(p.field, p.field), problem=i18n.problem_text(p))
                for p in exc.problems))
            return
        except UserError as exc:
            self.error.setText(i18n.error_text(exc))
            return
        super().accept()
