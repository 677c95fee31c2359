"""Association editor: every field of DESIGN §3, sectors, one-product programme, History tab.

Validation runs as you type (the domain rules are pure and fast); saving runs on the worker.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.enums import AssociationKind, LegalStatus, label
from ..domain.messages import N_, ValidationError
from ..domain.programmes import PROGRAMMES
from ..domain.sectors import SECTORS
from ..domain.sites import SITES
from ..domain.validation import validate
from ..i18n import _
from ..services import associations, business_plans
from ..services.workspace import Changes, Workspace
from .drafting import DraftKeeper
from .forms import Field, FieldForm, enter_never_saves
from .history_view import HistoryView
from .language import redraw_on_switch
from .ops import OpRunner, show_error
from .subtables import EvidenceTable, IPRTable, MembersTable

FIELDS = (
    Field("site_code", N_("Site"), "choice", lambda: [(s.code, s.name_en) for s in SITES.values()]),
    Field("name_en", N_("Name in English")),
    Field("name_local", N_("Name in local script")),
    Field("kind", N_("Kind"), "choice", lambda: [(k.value, label(k)) for k in AssociationKind]),
    Field("district", N_("District")),
    Field("village", N_("Village")),
    Field("legal_status", N_("Legal status"), "choice",
          lambda: [(None, N_("Not known")), *((k.value, label(k)) for k in LegalStatus)]),
    Field("registration_no", N_("Registration number")),
    Field("year_founded", N_("Year founded"), "int"),
    Field("members_total", N_("Members in total"), "int"),
    Field("members_women", N_("Women members"), "int"),
    Field("members_youth", N_("Youth members"), "int"),
    Field("contact_person", N_("Contact person")),
    Field("phone", N_("Phone")),
    Field("email", N_("E-mail")),
    Field("products", N_("Products"), "multiline"),
    Field("programme_product", N_("Listed product")),
    Field("programme_year", N_("Year listed"), "int"),
    Field("programme_stars", N_("Stars"), "int"),
    Field("notes", N_("Notes"), "multiline"),
)



class AssociationEditor(DraftKeeper, QDialog):
    """Edit one association (or a new one when ``row_id`` is None).

    Signals:
        saved(object): the ``Changes`` of a successful save.
    """

    saved = Signal(object)
    plan_created = Signal(str)

    def __init__(self, ws: Workspace, runner: OpRunner, *, row_id: str | None = None,
                 default_site: str = "SRP", parent=None):
        super().__init__(parent)
        self.ws, self.runner, self.row_id = ws, runner, row_id
        self.setAccessibleName(_("Association editor"))
        self.resize(720, 760)
        self.form = FieldForm(FIELDS)
        self.sectors = QListWidget(accessibleName=_("Sectors"))
        for code, sector_label in SECTORS.items():
            item = QListWidgetItem(_(sector_label))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.sectors.addItem(item)
        self.sectors.setFixedHeight(120)
        self.sectors_label = QLabel(_("&Sectors:"))
        self.sectors_label.setBuddy(self.sectors)
        self.programme = QLabel(accessibleName=_("One-product programme"))
        redraw_on_switch(self.programme, self._site_changed)
        self.general_problem = QLabel(accessibleName=_("Problems"))
        self.general_problem.setStyleSheet("color: #b00020")

        details = QWidget()
        col = QVBoxLayout(details)
        col.addWidget(self.form)
        col.addWidget(self.programme)
        col.addWidget(self.sectors_label)
        col.addWidget(self.sectors)
        scroll = QScrollArea(accessibleName=_("Details"))
        scroll.setWidget(details)
        scroll.setWidgetResizable(True)
        self.history = HistoryView({f.name: f.label for f in FIELDS})
        self.tabs = QTabWidget(accessibleName=_("Association tabs"))
        self.tabs.addTab(scroll, _("&Details"))
        self.members = MembersTable(ws, runner)
        self.ipr = IPRTable(ws, runner)
        self.evidence = EvidenceTable(ws, runner)
        self.tabs.addTab(self.members, _("&Members"))
        self.tabs.addTab(self.ipr, _("&IPR assets"))
        self.tabs.addTab(self.evidence, _("E&vidence"))
        self.tabs.addTab(self.history, _("&History"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.setAccessibleName(_("Editor buttons"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.new_plan = self.buttons.addButton(_("New &business plan"), QDialogButtonBox.ButtonRole.ActionRole)
        self.new_plan.setAccessibleName(_("New business plan"))
        self.new_plan.setEnabled(row_id is not None)
        self.new_plan.clicked.connect(self.create_plan)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        row = QHBoxLayout()
        row.addWidget(self.general_problem, 1)
        row.addWidget(self.buttons)
        layout.addLayout(row)

        enter_never_saves(self)
        self._baseline: dict[str, Any] | None = None  # None until the record is shown
        self._close_after_save = False
        layout.insertWidget(0, self.setup_drafts("association"))
        self.form.changed.connect(self._edited)
        self.sectors.itemChanged.connect(self._edited)
        self.form.fields["site_code"].changed.connect(self._site_changed)
        if row_id is None:
            self.form.set_values({"site_code": default_site, "kind": AssociationKind.ARTISAN_GROUP.value})
            self._mark_clean()
            self._site_changed()
            self.setWindowTitle(_("New association"))
            self.offer_draft()
        else:
            self.setEnabled(False)
            runner.run(lambda: associations.get(ws, row_id=row_id), on_success=self._loaded,
                       on_error=lambda e: show_error(self, e))

    # --- state ------------------------------------------------------------------------------
    def current(self) -> dict[str, Any]:
        values = self.form.values()
        values["sectors"] = tuple(
            self.sectors.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.sectors.count())
            if self.sectors.item(i).checkState() == Qt.CheckState.Checked)
        return values

    @property
    def dirty(self) -> bool:
        return self._baseline is not None and self.current() != self._baseline

    def _mark_clean(self) -> None:
        self._baseline = self.current()
        self._update_title()

    def _update_title(self) -> None:
        shown = self._baseline or {}
        name = shown.get("name_en") or shown.get("name_local") or _("New association")
        self.setWindowTitle(("* " if self.dirty else "") + name)

    def _loaded(self, detail: associations.AssociationDetail) -> None:
        rec = detail.record
        self.form.set_values({f.name: getattr(rec, f.name) for f in FIELDS})
        for i in range(self.sectors.count()):
            item = self.sectors.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in detail.sectors
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._mark_clean()
        self._site_changed()
        self.setEnabled(True)
        self.form.fields["site_code"].input.setEnabled(False)
        self.offer_draft()
        self._load_history()

    def _load_history(self) -> None:
        self.history.load(self.ws, self.runner, self.row_id)
        site = self.form.fields["site_code"].value() or "SRP"
        for table in (self.members, self.ipr, self.evidence):
            if table.parent_id != self.row_id:
                table.set_parent_record(self.row_id, site)

    # --- reactions ----------------------------------------------------------------------------
    def _site_changed(self) -> None:
        site = SITES.get(self.form.fields["site_code"].value() or "")
        if site is None:
            return
        prog = PROGRAMMES[site.country]
        rates = prog.rates
        self.programme.setText(_("One-product programme: {name}").format(name=_(prog.name)) +
                               ("" if rates else " — " + _("this programme does not rate with stars")))
        stars = self.form.fields["programme_stars"]
        stars.input.setVisible(rates)
        stars.label.setVisible(rates)

    def _edited(self, *_args) -> None:
        self.validate()
        self._update_title()
        self.touch_draft()

    # --- drafts ---------------------------------------------------------------------------------
    def draft_row_id(self) -> str | None:
        return self.row_id

    def draft_values(self) -> dict[str, Any]:
        return self.current()

    def restore_draft(self, values: dict[str, Any]) -> None:
        self.restore(values)

    def restore(self, values: dict[str, Any]) -> None:
        """Put values (as from ``current()``) back into the form."""
        self.form.set_values({k: v for k, v in values.items() if k != "sectors"})
        wanted = set(values.get("sectors") or ())
        for i in range(self.sectors.count()):
            item = self.sectors.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._edited()

    def validate(self) -> bool:
        """Show every problem of the current values beside its field; True when there is none."""
        values = self.current()
        problems = self.form.parse_problems() + validate("association", values)
        rest = self.form.show_problems(problems)
        self.general_problem.setText("\n".join(i18n.problem_text(p) for p in rest))
        return not problems

    def save(self) -> None:
        if not self.validate():
            return
        values = self.current()
        sectors = values.pop("sectors")
        ws, row_id = self.ws, self.row_id
        if row_id is None:
            job = lambda: associations.create(ws, values=values, sectors=sectors)  # noqa: E731
        else:
            values.pop("site_code")  # fixed once created: its children and plans belong to that site
            job = lambda: associations.update(ws, row_id=row_id, changes=values, sectors=sectors)  # noqa: E731
        self.runner.run(job, on_success=self._saved, on_error=self._save_failed)

    def create_plan(self) -> None:
        """Start a business plan for this (saved) association and open it."""
        if self.row_id is None:
            return
        ws, row_id, year = self.ws, self.row_id, date.today().year
        name = self.form.fields["name_en"].value() or self.form.fields["name_local"].value()
        values = {"association_id": row_id, "title": _("Business plan {first}–{last}: {name}").format(
            first=year, last=year + 2, name=name), "start_year": year, "horizon_years": 3}
        self.runner.run(lambda: business_plans.create(ws, values=values),
                        on_success=lambda changes: self.plan_created.emit(changes.record.id),
                        on_error=lambda e: show_error(self, e))

    def _saved(self, changes: Changes) -> None:
        self.drop_draft(self.row_id)
        self.new_plan.setEnabled(True)
        self.row_id = changes.record.record.id
        self.form.fields["site_code"].input.setEnabled(False)
        self._mark_clean()
        self._load_history()
        self.saved.emit(changes)
        if self._close_after_save:
            self.accept()

    def _save_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            rest = self.form.show_problems(error.problems)
            self.general_problem.setText("\n".join(i18n.problem_text(p) for p in rest))
        else:
            show_error(self, error)
        self._close_after_save = False

    # --- closing --------------------------------------------------------------------------------
    def reject(self) -> None:
        if self.dirty:
            answer = QMessageBox.question(
                self, _("Unsaved changes"), _("Save your changes before closing?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self._close_after_save = True
                self.save()
                return
        self.drop_draft(self.row_id)
        super().reject()
