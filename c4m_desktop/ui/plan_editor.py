"""Business-plan editor: plan fields, the eleven sections, the financial grid with live figures."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.enums import FinancialKind, PlanStatus, SectionKey, label
from ..domain.financials import PlanFigures
from ..domain.messages import N_, ValidationError
from ..domain.sites import currencies_for
from ..domain.validation import validate
from ..i18n import _
from ..services import business_plans
from ..services.workspace import Changes, Workspace
from .drafting import DraftKeeper
from .forms import Field, FieldForm, enter_never_saves
from .history_view import HistoryView
from .language import redraw_on_switch
from .ops import OpRunner, show_error
from .plan_chart import PlanChart
from .plan_grid import FinancialGrid
from .report_dialog import ReportDialog
from .zawgyi_notice import ZawgyiNotice

FIELDS = (
    Field("title", N_("Title")),
    Field("status", N_("Status"), "choice", lambda: [(k.value, label(k)) for k in PlanStatus]),
    Field("start_year", N_("First year"), "int"),
    Field("horizon_years", N_("Years covered"), "int"),
    Field("currency", N_("Currency"), "choice", lambda: []),
)
SUMMARY = (
    ("revenue", N_("Revenue")), ("cost_of_sales", N_("Cost of sales")), ("gross_margin", N_("Gross margin")),
    ("operating_expense", N_("Operating expenses")), ("net_result", N_("Net result")),
    ("investment", N_("Investment")), ("funding", N_("Funding")), ("net_cash_flow", N_("Net cash flow")),
)


class PlanEditor(DraftKeeper, QDialog):
    """Edit one business plan.

    Signals:
        saved(object): the ``Changes`` of a successful save.
    """

    saved = Signal(object)

    def __init__(self, ws: Workspace, runner: OpRunner, *, plan_id: str, parent=None):
        super().__init__(parent)
        self.ws, self.runner, self.plan_id = ws, runner, plan_id
        self.setAccessibleName(_("Business plan editor"))
        self.resize(1100, 760)
        self.site_code = ""
        self.form = FieldForm(FIELDS)

        # sections
        self.section_list = QListWidget(accessibleName=_("Sections"))
        self.section_list.setFixedWidth(300)
        self.section_stack = QStackedWidget(accessibleName=_("Section text"))
        self.section_edits: dict[str, QPlainTextEdit] = {}
        for key in SectionKey:
            edit = QPlainTextEdit(accessibleName=_(label(key)))
            edit.setTabChangesFocus(True)  # keyboard users leave the section with Tab; text needs no tabs
            edit.textChanged.connect(self._edited)
            self.section_edits[key.value] = edit
            page = QWidget()
            col = QVBoxLayout(page)
            col.setContentsMargins(0, 0, 0, 0)
            col.addWidget(edit, 1)
            col.addWidget(ZawgyiNotice(edit, page))  # Burmese pasted in Zawgyi: offer a conversion
            self.section_stack.addWidget(page)
            self.section_list.addItem("")
        self.section_list.currentRowChanged.connect(self.section_stack.setCurrentIndex)
        sections = QWidget()
        row = QHBoxLayout(sections)
        row.addWidget(self.section_list)
        row.addWidget(self.section_stack, 1)

        # financials
        self.grid = FinancialGrid()
        self.grid.edited.connect(self._edited)
        self.new_kind = QComboBox(accessibleName=_("Kind of the new line"))
        for k in FinancialKind:
            self.new_kind.addItem(_(label(k)), k.value)
        self.new_label = QLineEdit(accessibleName=_("Name of the new line"))
        self.new_label.setPlaceholderText(_("e.g. Sales of silk scarves"))
        self.add_button = QPushButton(_("&Add line"), accessibleName=_("Add line"))
        self.add_button.clicked.connect(self.add_line)
        self.new_label.returnPressed.connect(self.add_line)
        self.summary = QTableWidget(len(SUMMARY) + 1, 1, accessibleName=_("Plan figures"))
        self.summary.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary.setVerticalHeaderLabels([_(label) for _key, label in SUMMARY] + [_("Cumulative cash")])
        self.break_even = QLabel(accessibleName=_("Break-even year"))
        self.chart = PlanChart()
        adder = QHBoxLayout()
        adder.addWidget(self.new_kind)
        adder.addWidget(self.new_label, 1)
        adder.addWidget(self.add_button)
        left = QVBoxLayout()
        left.addLayout(adder)
        left.addWidget(self.grid, 3)
        left.addWidget(self.summary, 2)
        left.addWidget(self.break_even)
        money = QWidget()
        cols = QHBoxLayout(money)
        cols.addLayout(left, 3)
        cols.addWidget(self.chart, 2)

        self.history = HistoryView({f.name: f.label for f in FIELDS})
        self.tabs = QTabWidget(accessibleName=_("Business plan tabs"))
        self.tabs.addTab(sections, _("&Sections"))
        self.tabs.addTab(money, _("&Financials"))
        self.tabs.addTab(self.history, _("&History"))
        self.problem = QLabel(accessibleName=_("Problems"))
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.setAccessibleName(_("Editor buttons"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        self.report_button = QPushButton(_("&Report…"), accessibleName=_("Business plan report"))
        self.report_button.setToolTip(_("Preview, print or save this plan as a report (Ctrl+P)"))
        self.report_button.clicked.connect(self.open_report)
        QShortcut(QKeySequence("Ctrl+P"), self, self.open_report)
        self.title_label = QLabel(accessibleName=_("Association"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.setup_drafts("business_plan"))
        layout.addWidget(self.title_label)
        layout.addWidget(self.form)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problem, 1)
        bottom.addWidget(self.report_button)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self.form.changed.connect(self._edited)
        for name in ("start_year", "horizon_years", "currency"):
            self.form.fields[name].changed.connect(self._relayout)
        enter_never_saves(self)
        self._baseline: Any = None
        self._loading = True
        redraw_on_switch(self, lambda: self._loading or self._show_worked_out())
        self.setEnabled(False)
        runner.run(lambda: business_plans.detail(ws, plan_id=plan_id), on_success=self._loaded,
                   on_error=lambda e: show_error(self, e))

    # --- loading ------------------------------------------------------------------------------
    def _loaded(self, d: business_plans.PlanDetail) -> None:
        rec = d.record
        self.site_code = rec.site_code
        currency = self.form.fields["currency"].input
        for code in currencies_for(rec.site_code):
            currency.addItem(code, code)
        self.form.set_values({f.name: getattr(rec, f.name) for f in FIELDS})
        for key, body in d.sections.items():
            self.section_edits[key].setPlainText(body)
        self.grid.set_plan(rec.start_year, rec.horizon_years, rec.currency, [
            business_plans.LineEdit(x.id, x.kind, x.label, x.year, x.amount_minor) for x in d.lines])
        self.title_label.setText(f"<b>{d.association}</b> — {rec.site_code}")
        self.section_list.setCurrentRow(0)
        self._loading = False
        self._baseline = self.current()
        self.setEnabled(True)
        self._edited()
        self.offer_draft()
        self.history.load(self.ws, self.runner, self.plan_id)

    def current(self) -> Any:
        values = self.form.values()
        sections = {k: e.toPlainText() for k, e in self.section_edits.items()}
        return values, sections, self.grid.lines()

    @property
    def dirty(self) -> bool:
        return self._baseline is not None and self.current() != self._baseline

    # --- drafts -------------------------------------------------------------------------------
    def draft_row_id(self) -> str | None:
        return self.plan_id

    def draft_values(self) -> dict[str, Any]:
        values, sections, lines = self.current()
        return {"values": values, "sections": sections, "lines": lines}

    def restore_draft(self, draft: dict[str, Any]) -> None:
        values = draft["values"]
        self.form.set_values(values)
        for key, body in draft["sections"].items():
            self.section_edits[key].setPlainText(body)
        self.grid.set_plan(values["start_year"] or self.grid.start, values["horizon_years"] or self.grid.horizon,
                           values["currency"] or self.grid.currency,
                           [business_plans.LineEdit(**line) for line in draft["lines"]])
        self._edited()

    # --- reactions ------------------------------------------------------------------------------
    def _relayout(self) -> None:
        values = self.form.values()
        start, horizon, currency = values["start_year"], values["horizon_years"], values["currency"]
        if self._loading or not isinstance(start, int) or not isinstance(horizon, int) or not 1 <= horizon <= 5:
            return
        if (start, horizon, currency) != (self.grid.start, self.grid.horizon, self.grid.currency):
            self.grid.set_plan(start, horizon, currency or self.grid.currency, self.grid.lines())
            self._edited()

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        self._show_worked_out()
        self.validate()
        self.touch_draft()

    def _show_worked_out(self) -> None:
        """Section completeness, figures and title: redrawn on every edit and language switch."""
        for i, key in enumerate(SectionKey):
            text = self.section_edits[key.value].toPlainText().strip()
            mark = "✓" if text else "○"
            words = len(text.split())
            self.section_list.item(i).setText(f"{mark}  {_(label(key))}" + (f"  ({words})" if words else ""))
        self.show_figures(self.grid.figures())
        self.setWindowTitle(("* " if self.dirty else "") + (self.form.fields["title"].input.text() or _("Business plan")))

    def show_figures(self, f: PlanFigures) -> None:
        years = [y.year for y in f.years]
        self.summary.setColumnCount(len(years) + 1)
        self.summary.setHorizontalHeaderLabels([*map(str, years), _("Total")])
        totals = f.totals
        for r, (key, _label) in enumerate(SUMMARY):
            for c, y in enumerate([*f.years, totals]):
                self._cell(r, c, getattr(y, key), f.currency)
        for c, cash in enumerate(f.cumulative_cash):
            self._cell(len(SUMMARY), c, cash, f.currency)
        self._cell(len(SUMMARY), len(years), None, f.currency)
        self.summary.resizeColumnsToContents()
        self.break_even.setText(
            _("Break-even year: {year}").format(year=f.break_even_year) if f.break_even_year
            else _("Break-even year: not within the plan"))
        self.chart.show_figures(f)

    def _cell(self, row: int, col: int, minor: int | None, currency: str) -> None:
        text = "" if minor is None else i18n.format_money(minor, currency)
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.summary.setItem(row, col, item)

    def add_line(self) -> None:
        label = self.new_label.text().strip()
        if not label:
            self.problem.setText(_("Name the new line first."))
            self.new_label.setFocus()
            return
        self.grid.add_line(self.new_kind.currentData(), label)
        self.new_label.clear()
        self.grid.setFocus()

    def validate(self) -> bool:
        values = self.form.values()
        record = values | {"site_code": self.site_code, "association_id": "x"}
        problems = self.form.parse_problems() + validate("business_plan", record)
        rest = self.form.show_problems(problems)
        messages = [i18n.problem_text(p) for p in rest]
        if self.grid.problems:
            messages.append(_("Some amounts are not valid: they are marked in red."))
        self.problem.setText("\n".join(messages))
        return not problems and not self.grid.problems

    def open_report(self) -> ReportDialog:
        """Open the report of this plan (as saved) to preview, print or save."""
        dialog = ReportDialog(self.ws, self.runner, kind="business_plan", record_id=self.plan_id,
                              unsaved=self.dirty, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # --- saving -----------------------------------------------------------------------------------
    def save(self) -> None:
        if not self.validate():
            return
        values, sections, lines = self.current()
        base_values, base_sections, _lines = self._baseline
        changes = {k: v for k, v in values.items() if v != base_values.get(k)}
        changed_sections = {k: v for k, v in sections.items() if v != base_sections.get(k)}
        ws, plan_id = self.ws, self.plan_id
        self.runner.run(
            lambda: business_plans.save_editor(ws, plan_id=plan_id, changes=changes,
                                               sections=changed_sections, lines=lines),
            on_success=self._saved, on_error=self._save_failed)

    def _saved(self, changes: Changes) -> None:
        self.drop_draft()
        self.saved.emit(changes)
        # Reload so new lines carry their ids and the baseline matches what is stored.
        self._loading = True
        self.runner.run(lambda: business_plans.detail(self.ws, plan_id=self.plan_id), on_success=self._reloaded)

    def _reloaded(self, d: business_plans.PlanDetail) -> None:
        self.form.fields["currency"].input.clear()
        self._loaded(d)

    def _save_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            rest = self.form.show_problems(error.problems)
            self.problem.setText("\n".join(i18n.problem_text(p) for p in rest))
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
