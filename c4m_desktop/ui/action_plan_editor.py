"""Action-plan editor: plan fields, the activities table, the timeline and progress updates."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.enums import ActionPlanScope, ActionPlanStatus, ActivityStatus, label
from ..domain.messages import N_, Problem, ValidationError
from ..domain.validation import validate
from ..i18n import _
from ..services import action_plans
from ..services.workspace import Workspace
from .drafting import DraftKeeper
from .forms import PARSERS, Field, FieldForm, enter_never_saves
from .gantt import Gantt
from .history_view import HistoryView
from .ops import OpRunner, show_error
from .progress_dialog import ProgressDialog
from .report_dialog import ReportDialog

FIELDS = (
    Field("title", N_("Title")),
    Field("owner", N_("Owner")),
    Field("scope", N_("Scope"), "choice", lambda: [(k.value, label(k)) for k in ActionPlanScope]),
    Field("status", N_("Status"), "choice", lambda: [(k.value, label(k)) for k in ActionPlanStatus]),
    Field("period_start", N_("Start of period"), "date"),
    Field("period_end", N_("End of period"), "date"),
    Field("objective", N_("Objective"), "multiline"),
)
# (field, header, parser kind or None for text)
ACTIVITY_COLUMNS = (
    ("title", N_("Activity"), None), ("responsible", N_("Responsible"), None), ("start_date", N_("Start"), "date"),
    ("due_date", N_("Due"), "date"), ("deliverable", N_("Deliverable"), None), ("indicator", N_("Indicator"), None),
    ("unit", N_("Unit"), None), ("baseline", N_("Baseline"), "number"), ("target", N_("Target"), "number"),
)
STATUS_COL = len(ACTIVITY_COLUMNS)
PERCENT_COL = STATUS_COL + 1
ID_ROLE = Qt.ItemDataRole.UserRole
LATE_ROLE = Qt.ItemDataRole.UserRole + 1
BAD = QBrush(QColor("#f8d7da"))
LATE = QBrush(QColor("#fde2e1"))


class ActionPlanEditor(DraftKeeper, QDialog):
    """Signals:
        saved(object): the ``Changes`` of a save or of an added progress update.
    """

    saved = Signal(object)

    def __init__(self, ws: Workspace, runner: OpRunner, *, plan_id: str, reporter: str, parent=None):
        super().__init__(parent)
        self.ws, self.runner, self.plan_id, self.reporter = ws, runner, plan_id, reporter
        self.setAccessibleName(_("Action plan editor"))
        self.resize(1200, 780)
        self.form = FieldForm(FIELDS)
        self.site_code = ""
        self.association_id: str | None = None

        self.table = QTableWidget(0, PERCENT_COL + 1, accessibleName=_("Activities"))
        self.table.setHorizontalHeaderLabels([_(h) for _f, h, _k in ACTIVITY_COLUMNS] + [_("Status"), _("Done (%)")])
        self.table.itemChanged.connect(self._edited)
        self.add_button = QPushButton(_("&Add activity"), accessibleName=_("Add activity"))
        self.add_button.clicked.connect(self.add_activity)
        self.remove_button = QPushButton(_("&Remove activity"), accessibleName=_("Remove activity"))
        self.remove_button.clicked.connect(self.remove_activity)
        self.progress_button = QPushButton(_("Add &progress update…"), accessibleName=_("Add progress update"))
        self.progress_button.clicked.connect(self.add_progress)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_activity)
        QShortcut(QKeySequence("Ctrl+U"), self, self.add_progress)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.progress_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        acts = QWidget()
        col = QVBoxLayout(acts)
        col.addLayout(buttons)
        col.addWidget(self.table)

        self.gantt = Gantt()
        timeline = QScrollArea(accessibleName=_("Timeline"))
        timeline.setWidget(self.gantt)
        timeline.setWidgetResizable(True)
        self.history = HistoryView({f.name: f.label for f in FIELDS})
        self.tabs = QTabWidget(accessibleName=_("Action plan tabs"))
        self.tabs.addTab(acts, _("&Activities"))
        self.tabs.addTab(timeline, _("&Timeline"))
        self.tabs.addTab(self.history, _("&History"))

        self.problem = QLabel(accessibleName=_("Problems"))
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.setAccessibleName(_("Editor buttons"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        # R&eport: Alt+R is "&Remove activity" here.
        self.report_button = QPushButton(_("R&eport…"), accessibleName=_("Progress report"))
        self.report_button.setToolTip(_("Preview, print or save the progress report of this plan (Ctrl+P)"))
        self.report_button.clicked.connect(self.open_report)
        QShortcut(QKeySequence("Ctrl+P"), self, self.open_report)
        layout = QVBoxLayout(self)
        layout.addWidget(self.setup_drafts("action_plan"))
        layout.addWidget(self.form)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problem, 1)
        bottom.addWidget(self.report_button)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.form.changed.connect(self._edited)
        enter_never_saves(self)
        self._baseline: Any = None
        self._loading = True
        self.setEnabled(False)
        self.reload()

    # --- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        ws, plan_id = self.ws, self.plan_id
        self._loading = True
        self.runner.run(lambda: action_plans.detail(ws, plan_id=plan_id), on_success=self._loaded,
                        on_error=lambda e: show_error(self, e))

    def _loaded(self, d: action_plans.ActionPlanDetail) -> None:
        rec = d.record
        self.site_code, self.association_id, self.currency = rec.site_code, rec.association_id, rec.currency
        self.form.set_values({f.name: getattr(rec, f.name) for f in FIELDS})
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row in d.activities:
            self._append(row.record.id, {f: getattr(row.record, f) for f, _h, _k in ACTIVITY_COLUMNS},
                         row.record.status, row.percent, row.overdue())
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.gantt.set_rows(d.activities, start=rec.period_start, end=rec.period_end)
        self._loading = False
        self._baseline = self.current()
        self.setEnabled(True)
        self._edited()
        self.offer_draft()
        self.history.load(self.ws, self.runner, self.plan_id)

    def _append(self, row_id: str | None, values: dict[str, Any], status: str, percent: float | None = None,
                late: bool = False) -> int:
        blocked = self.table.blockSignals(True)  # a half-built row must not be read by listeners
        try:
            return self._build_row(row_id, values, status, percent, late)
        finally:
            self.table.blockSignals(blocked)

    def _build_row(self, row_id: str | None, values: dict[str, Any], status: str, percent: float | None,
                   late: bool) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, (field, _h, _kind) in enumerate(ACTIVITY_COLUMNS):
            v = values.get(field)
            item = QTableWidgetItem("" if v is None else v.isoformat() if isinstance(v, date) else str(v))
            if late:
                item.setBackground(LATE)
            self.table.setItem(r, c, item)
        self.table.item(r, 0).setData(ID_ROLE, row_id)
        self.table.item(r, 0).setData(LATE_ROLE, late)
        if late:
            self.table.item(r, 0).setToolTip(_("Overdue"))
        combo = QComboBox(accessibleName=_("Activity status"))
        for k in ActivityStatus:
            combo.addItem(_(label(k)), k.value)
        combo.setCurrentIndex(combo.findData(status))
        combo.currentIndexChanged.connect(self._edited)
        self.table.setCellWidget(r, STATUS_COL, combo)
        pct = QTableWidgetItem("" if percent is None else f"{percent:g}%")
        pct.setFlags(pct.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(r, PERCENT_COL, pct)
        return r

    # --- reading the table ------------------------------------------------------------------------
    def activities(self) -> tuple[list[tuple[str | None, dict[str, Any]]], list[tuple[int, Problem]]]:
        """Return the rows as (id, values) and the problems found, by row."""
        rows, problems = [], []
        for r in range(self.table.rowCount()):
            values: dict[str, Any] = {}
            for c, (field, _h, kind) in enumerate(ACTIVITY_COLUMNS):
                item = self.table.item(r, c)
                text = item.text().strip() if item else ""
                if kind is None:
                    values[field] = text or None
                elif not text:
                    values[field] = None
                else:
                    parse, message = PARSERS[kind]
                    try:
                        values[field] = parse(text)
                    except ValueError:
                        values[field] = None
                        problems.append((r, Problem(field, message)))
            values["status"] = self.table.cellWidget(r, STATUS_COL).currentData()
            problems += [(r, p) for p in validate("activity", values | {"plan_id": self.plan_id, "sort_order": r})]
            rows.append((self.table.item(r, 0).data(ID_ROLE), values))
        return rows, problems

    def current(self) -> Any:
        return self.form.values(), self.activities()[0]

    @property
    def dirty(self) -> bool:
        return self._baseline is not None and self.current() != self._baseline

    # --- drafts -------------------------------------------------------------------------------
    def draft_row_id(self) -> str | None:
        return self.plan_id

    def draft_values(self) -> dict[str, Any]:
        values, rows = self.current()
        return {"values": values, "activities": rows}

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.form.set_values(draft["values"])
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row_id, values in draft["activities"]:
            self._append(row_id, values, values.get("status") or ActivityStatus.NOT_STARTED.value)
        self.table.blockSignals(False)
        self._edited()

    # --- reactions --------------------------------------------------------------------------------
    def _edited(self, *_args) -> None:
        if self._loading:
            return
        self.validate()
        self.touch_draft()
        self.setWindowTitle(("* " if self.dirty else "") + (self.form.fields["title"].input.text() or _("Action plan")))

    def validate(self) -> bool:
        values = self.form.values() | {"site_code": self.site_code, "association_id": self.association_id,
                                       "currency": self.currency}
        problems = self.form.parse_problems() + validate("action_plan", values)
        rest = self.form.show_problems(problems)
        messages = [i18n.problem_text(p) for p in rest]
        self.table.blockSignals(True)
        _rows, act_problems = self.activities()
        columns = [f for f, _h, _k in ACTIVITY_COLUMNS]
        for r in range(self.table.rowCount()):
            base = LATE if self.table.item(r, 0).data(LATE_ROLE) else QBrush()
            for c in range(len(columns)):
                self.table.item(r, c).setBackground(base)
        for r, p in act_problems:
            if p.field in columns:
                self.table.item(r, columns.index(p.field)).setBackground(BAD)
            messages.append(_("Activity {n}: {problem}").format(n=r + 1, problem=i18n.problem_text(p)))
        self.table.blockSignals(False)
        self.problem.setText("\n".join(messages))
        return not problems and not act_problems

    def add_activity(self) -> None:
        r = self._append(None, {}, ActivityStatus.NOT_STARTED.value)
        self.table.setCurrentCell(r, 0)
        self.table.editItem(self.table.item(r, 0))
        self._edited()

    def remove_activity(self) -> None:
        r = self.table.currentRow()
        if r < 0:
            return
        title = self.table.item(r, 0).text() or _("this activity")
        answer = QMessageBox.question(self, _("Remove activity"),
                                      _("Remove {title} and its progress updates when you save?").format(title=title))
        if answer == QMessageBox.StandardButton.Yes:
            self.table.removeRow(r)
            self._edited()

    def add_progress(self) -> ProgressDialog | None:
        r = self.table.currentRow()
        row_id = self.table.item(r, 0).data(ID_ROLE) if r >= 0 else None
        if row_id is None:
            self.problem.setText(_("Choose a saved activity first (save new activities before reporting on them)."))
            return None
        status = self.table.cellWidget(r, STATUS_COL).currentData()
        dialog = ProgressDialog(self.ws, self.runner, activity_id=row_id, activity_title=self.table.item(r, 0).text(),
                                reporter=self.reporter, status=status, parent=self)
        dialog.added.connect(self._progress_added)
        dialog.show()
        return dialog

    def _progress_added(self, changes) -> None:
        self.saved.emit(changes)
        self.reload()

    def open_report(self) -> ReportDialog:
        """Open the progress report of this plan (as saved) to preview, print or save."""
        dialog = ReportDialog(self.ws, self.runner, kind="action_plan", record_id=self.plan_id,
                              unsaved=self.dirty, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # --- saving --------------------------------------------------------------------------------------
    def save(self) -> None:
        if not self.validate():
            return
        values, rows = self.current()
        base_values, _base_rows = self._baseline
        changes = {k: v for k, v in values.items() if v != base_values.get(k)}
        ws, plan_id = self.ws, self.plan_id
        self.runner.run(lambda: action_plans.save_editor(ws, plan_id=plan_id, changes=changes, activities=rows),
                        on_success=self._saved, on_error=self._save_failed)

    def _saved(self, changes) -> None:
        self.drop_draft()
        self.saved.emit(changes)
        self.reload()

    def _save_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self.problem.setText("\n".join(i18n.problem_text(p) for p in error.problems))
        else:
            show_error(self, error)

    def reject(self) -> None:
        if self.dirty:
            answer = QMessageBox.question(self, _("Unsaved changes"), _("Close without saving your changes?"),
                                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.drop_draft()
        super().reject()
