"""Members, IPR assets and evidence files of an association, as tabs of its editor."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import privacy
from ..domain.enums import Consent, Gender, IPRStatus, IPRType, MemberKind, label
from ..domain.ipr_offices import OFFICES
from ..domain.messages import N_
from ..domain.sites import SITES
from ..i18n import _
from ..services import attachments, records
from ..services import privacy as services_privacy
from ..services.workspace import Workspace
from .forms import Field
from .language import redraw_on_switch
from .ops import OpRunner, show_error
from .record_dialog import RecordDialog

MEMBER_FIELDS = (
    Field("name", N_("Name")),
    Field("kind", N_("Kind"), "choice", lambda: [(k.value, label(k)) for k in MemberKind]),
    Field("gender", N_("Gender"), "choice", lambda: [(None, N_("Not stated")), *((k.value, label(k)) for k in Gender)]),
    Field("birth_year", N_("Year of birth"), "int"),
    Field("phone", N_("Phone")),
    Field("email", N_("E-mail")),
    Field("products", N_("Products"), "multiline"),
    Field("notes", N_("Notes"), "multiline"),
    Field("consent", N_("Consent to keep personal details"), "choice",
          lambda: [(None, N_("Not recorded")), *((k.value, label(k)) for k in Consent)]),
    Field("consent_date", N_("Consent recorded on"), "date"),
)


def ipr_fields(site_code: str) -> tuple[Field, ...]:
    country = SITES[site_code].country
    return (
        Field("title", N_("Title")),
        Field("ipr_type", N_("Type of right"), "choice", lambda: [(k.value, label(k)) for k in IPRType]),
        Field("status", N_("Status"), "choice", lambda: [(k.value, label(k)) for k in IPRStatus]),
        Field("office", N_("Office"), "choice", lambda: [(None, N_("Not filed yet")), *(
            (o.code, o.name) for o in OFFICES.values() if o.country == country)]),
        Field("application_no", N_("Application number")),
        Field("registration_no", N_("Registration number")),
        Field("filing_date", N_("Filing date"), "date"),
        Field("registration_date", N_("Registration date"), "date"),
        Field("renewal_date", N_("Renewal date"), "date"),
        Field("notes", N_("Notes"), "multiline"),
    )


class ChildTable(QWidget):
    """A table of an association's child records with Add, Edit and Remove (Delete key asks first).

    Signals:
        changed(): a child was added, edited or removed.
    """

    changed = Signal()

    def __init__(self, ws: Workspace, runner: OpRunner, *, kind: str, fk: str, title: str,
                 columns: Sequence[tuple[str, str, Callable[[Any], str] | None]], parent=None):
        super().__init__(parent)
        self.ws, self.runner, self.kind, self.fk, self.title = ws, runner, kind, fk, title
        self.columns = columns
        self.parent_id: str | None = None
        redraw_on_switch(self, lambda: self._show(self.rows))  # money and dates in the new language
        self.site_code = "SRP"
        self.rows: list[Any] = []
        self.table = QTableWidget(0, len(columns), accessibleName=_(title))
        self.table.setHorizontalHeaderLabels([_(h) for _k, h, _f in columns])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.add_button = QPushButton(_("&Add…"), accessibleName=_("Add to {what}").format(what=_(title)))
        self.edit_button = QPushButton(_("&Edit…"), accessibleName=_("Edit in {what}").format(what=_(title)))
        self.remove_button = QPushButton(_("Re&move"), accessibleName=_("Remove from {what}").format(what=_(title)))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.remove)
        delete.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.button_row = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            self.button_row.addWidget(b)
        self.button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.button_row)
        layout.addWidget(self.table)
        self.setEnabled(False)

    def set_parent_record(self, parent_id: str | None, site_code: str) -> None:
        self.parent_id, self.site_code = parent_id, site_code
        self.setEnabled(parent_id is not None)
        self.reload()

    def reload(self) -> None:
        if self.parent_id is None:
            return
        ws, kind, fk, pid = self.ws, self.kind, self.fk, self.parent_id
        self.runner.run(lambda: records.children(ws, kind=kind, fk=fk, parent_id=pid), on_success=self._show)

    def _show(self, rows: list[Any]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, rec in enumerate(rows):
            for c, (key, _h, show) in enumerate(self.columns):
                v = getattr(rec, key)
                text = "" if v is None else show(v) if show else str(v)
                self.table.setItem(r, c, QTableWidgetItem(self.cell_text(rec, key, text)))
        self.table.resizeColumnsToContents()

    def cell_text(self, rec: Any, key: str, text: str) -> str:
        return text

    def current(self) -> Any | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def dialog(self, row_id: str | None, values: dict[str, Any] | None) -> RecordDialog | None:
        return None

    def add(self) -> RecordDialog | None:
        return self._open(self.dialog(None, None))

    def edit(self) -> RecordDialog | None:
        rec = self.current()
        if rec is None:
            return None
        return self._open(self.dialog(rec.id, {k: getattr(rec, k) for k in records.user_fields(self.kind)}))

    def _open(self, dialog: RecordDialog | None) -> RecordDialog | None:
        if dialog is not None:
            dialog.saved.connect(lambda _c: (self.reload(), self.changed.emit()))
            dialog.show()
        return dialog

    def remove(self) -> None:
        rec = self.current()
        if rec is None:
            return
        answer = QMessageBox.question(self, _("Remove"), _("Remove the selected row? Its history is kept."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        ws, kind = self.ws, self.kind
        self.runner.run(lambda: records.delete(ws, kind=kind, row_id=rec.id),
                        on_success=lambda _c: (self.reload(), self.changed.emit()),
                        on_error=lambda e: show_error(self, e))


class MembersTable(ChildTable):
    """Members, with their consent, and "Forget this person" for one who asks to be forgotten."""

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(ws, runner, kind="member", fk="association_id", title=N_("Members"), columns=(
            ("name", N_("Name"), None), ("kind", N_("Kind"), lambda v: _(label(MemberKind(v)))),
            ("gender", N_("Gender"), lambda v: _(label(Gender(v)))), ("birth_year", N_("Born"), None),
            ("phone", N_("Phone"), None), ("products", N_("Products"), None),
            ("consent", N_("Consent"), lambda v: _(label(Consent(v))))), parent=parent)
        self.forget_button = QPushButton(_("&Forget this person…"), accessibleName=_("Forget this person"))
        self.forget_button.clicked.connect(self.forget)
        self.button_row.insertWidget(3, self.forget_button)

    def cell_text(self, rec: Any, key: str, text: str) -> str:
        if rec.forgotten and key == "name":
            return _("(forgotten)")
        if key == "consent" and not text:
            return _("Not recorded")
        if not text and key in privacy.withheld_fields({"withheld": rec.withheld}):
            return _("(not sent by the site)")
        return text

    def dialog(self, row_id, values):
        return RecordDialog(self.ws, self.runner, kind="member", title=N_("Member"), fields=MEMBER_FIELDS,
                            fixed={"association_id": self.parent_id}, row_id=row_id,
                            values=values or {"kind": MemberKind.ARTISAN.value}, parent=self)

    def edit(self) -> RecordDialog | None:
        rec = self.current()
        if rec is not None and rec.forgotten:
            QMessageBox.information(self, _("Member"), _("This person was forgotten: there is nothing to edit."))
            return None
        return super().edit()

    def forget(self) -> None:
        rec = self.current()
        if rec is None:
            return
        if rec.forgotten:
            QMessageBox.information(self, _("Forget this person"), _("This person was already forgotten."))
            return
        box = QMessageBox(QMessageBox.Icon.Warning, _("Forget this person"), _(
            "Forget {name}? Their name, year of birth, phone, e-mail, products and notes are blanked here and in "
            "the record's history, and at MI when the next export arrives. Only the kind and gender stay, for the "
            "counts. Backups made before today keep the details until they are thinned (12 months at most). "
            "This cannot be undone.").format(name=rec.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAccessibleName(_("Forget this person"))
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        ws, member_id = self.ws, rec.id
        self.runner.run(lambda: services_privacy.forget(ws, member_id=member_id),
                        on_success=lambda _c: (self.reload(), self.changed.emit()),
                        on_error=lambda e: show_error(self, e))


class IPRTable(ChildTable):
    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(ws, runner, kind="ipr_asset", fk="association_id", title=N_("IPR assets"), columns=(
            ("title", N_("Title"), None), ("ipr_type", N_("Type"), lambda v: _(label(IPRType(v)))),
            ("status", N_("Status"), lambda v: _(label(IPRStatus(v)))),
            ("office", N_("Office"), lambda v: v), ("filing_date", N_("Filed"), lambda v: v.isoformat()),
            ("renewal_date", N_("Renewal"), lambda v: v.isoformat())), parent=parent)

    def dialog(self, row_id, values):
        return RecordDialog(self.ws, self.runner, kind="ipr_asset", title=N_("IPR asset"),
                            fields=ipr_fields(self.site_code), fixed={"association_id": self.parent_id},
                            context={"site_code": self.site_code}, row_id=row_id,
                            values=values or {"status": IPRStatus.IDENTIFIED.value}, parent=self)


class EvidenceTable(ChildTable):
    """Evidence files: add by file dialog or by dropping files, open, remove."""

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(ws, runner, kind="attachment", fk="entity_id", title=N_("Evidence"), columns=(
            ("filename", N_("File"), None), ("size", N_("Size"), lambda v: f"{v / 1024:.0f} KB"),
            ("mime_type", N_("Type"), None), ("caption", N_("Caption"), None)), parent=parent)
        self.edit_button.setText(_("&Open"))
        self.edit_button.setAccessibleName(_("Open evidence file"))
        self.setAcceptDrops(True)

    def add(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Choose evidence files"))
        self.attach_files([Path(p) for p in paths])

    def attach_files(self, paths: list[Path]) -> None:
        if self.parent_id is None:
            return
        ws, pid = self.ws, self.parent_id
        self.runner.run(lambda: attachments.attach_many(ws, entity_table="association", entity_id=pid, paths=paths),
                        on_success=lambda _r: (self.reload(), self.changed.emit()),
                        on_error=lambda e: show_error(self, e))

    def edit(self) -> None:
        rec = self.current()
        if rec is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(attachments.blob_path(self.ws, rec.sha256))))

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.attach_files([Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()])
