"""Import a spreadsheet of associations or members: file, columns, values, preview, import.

Every step that reads the file or the database runs on the worker, long ones behind a progress
dialog with Cancel; the import itself is one transaction, so cancelling it writes nothing.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from ..domain.messages import N_, UserError
from ..i18n import _
from ..services import sheets
from ..services.import_fields import TARGETS, ColumnMapping, read_mapping, suggest, write_mapping
from ..services.workspace import Workspace
from .ops import OpRunner, error_message
from .table_import_pages import DonePage, PreviewPage, ValuesPage

KINDS = (("associations", N_("Associations")), ("members", N_("Members of associations")))
SPREADSHEETS = N_("Spreadsheets (*.xlsx *.xlsm *.csv *.txt);;All files (*)")
MAPPINGS = N_("Column mappings (*.json)")
SAMPLE_ROWS = 3
REQUIRED_CHOICES = ("site_code", "kind")  # a row without them is rejected unless one value is given for all


class TableImportWizard(QWizard):
    """Signals:
        imported(object): the ``ImportResult`` once rows were written.
    """

    imported = Signal(object)

    def __init__(self, ws: Workspace, runner: OpRunner, *, default_site: str | None, parent=None):
        super().__init__(parent)
        self.ws, self.runner, self.default_site = ws, runner, default_site
        self.setWindowTitle(_("Import a spreadsheet"))
        self.setAccessibleName(_("Import a spreadsheet"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        for button, text in ((QWizard.WizardButton.NextButton, _("&Next >")),
                             (QWizard.WizardButton.BackButton, _("< &Back")),
                             (QWizard.WizardButton.FinishButton, _("&Finish")),
                             (QWizard.WizardButton.CancelButton, _("Cancel")),
                             (QWizard.WizardButton.CommitButton, _("&Import"))):
            self.setButtonText(button, text)
        self.path: Path | None = None
        self.kind = "associations"
        self.sheet: sheets.Sheet | None = None
        self.samples: list[list[Any]] = []
        self.mapping = ColumnMapping()
        self.result: Any = None  # the ImportResult once written
        self.backup_warning: Any = None  # why no backup could be made before the import, if so
        self.file_page, self.columns_page = FilePage(self), ColumnsPage(self)
        for page in (self.file_page, self.columns_page, ValuesPage(self), PreviewPage(self), DonePage(self)):
            self.addPage(page)
        self.resize(900, 620)

    def open_file(self, path: Path) -> None:
        """Start on this file (from a drop or the command line)."""
        self.file_page.path.setText(str(path))
        self.file_page.load_sheets()


class FilePage(QWizardPage):
    def __init__(self, wizard: TableImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(_("Choose the spreadsheet"))
        self.setSubTitle(_("An XLSX or CSV file, for example a KoboToolbox export. Nothing is written until the "
                           "last step."))
        self.path = QLineEdit(accessibleName=_("Spreadsheet file"))
        self.path.editingFinished.connect(self.load_sheets)
        browse = QPushButton(_("Bro&wse…"), accessibleName=_("Choose a spreadsheet file"))
        browse.clicked.connect(self.browse)
        browse.setAutoDefault(False)  # Enter goes on to the next step; Space presses a focused button
        self.kind = QComboBox(accessibleName=_("What the rows are"))
        for value, text in KINDS:
            self.kind.addItem(_(text), value)
        self.kind.currentIndexChanged.connect(self.completeChanged)
        self.sheet = QComboBox(accessibleName=_("Sheet"))
        self.sheet.currentIndexChanged.connect(self.open_sheet)
        self.status = QLabel(accessibleName=_("File status"))
        self.status.setWordWrap(True)
        self._loading = False
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(_label(_("&File:"), self.path), row)
        form.addRow(_label(_("&Rows are:"), self.kind), self.kind)
        form.addRow(_label(_("&Sheet:"), self.sheet), self.sheet)
        form.addRow(self.status)

    def browse(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Choose a spreadsheet"), self.path.text(),
                                                    _(SPREADSHEETS))
        if name:
            self.path.setText(name)
            self.load_sheets()

    def load_sheets(self) -> None:
        text = self.path.text().strip()
        path = Path(text) if text else None
        if path == self.w.path and self.w.sheet is not None:
            return
        self.w.path, self.w.sheet = path, None
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.blockSignals(False)
        if path is None:
            self.status.clear()
            self.completeChanged.emit()
            return
        self._busy(_("Reading {name}…").format(name=path.name))
        self.w.runner.run(lambda: sheets.sheet_names(path), on_success=self._sheets, on_error=self._refused)

    def _sheets(self, names: list[str]) -> None:
        self.sheet.blockSignals(True)
        for name in names:
            self.sheet.addItem(name or _("(the whole file)"), name)
        self.sheet.blockSignals(False)
        self.sheet.setEnabled(len(names) > 1)
        self.open_sheet()

    def open_sheet(self) -> None:
        path, name = self.w.path, self.sheet.currentData()
        if path is None:
            return
        self._busy(_("Reading {name}…").format(name=path.name))

        def job() -> tuple[sheets.Sheet, list[list[Any]]]:
            sheet = sheets.open_sheet(path, name or None)
            return sheet, list(itertools.islice(sheet.rows(), SAMPLE_ROWS))

        self.w.runner.run(job, on_success=self._opened, on_error=self._refused)

    def _opened(self, result: tuple[sheets.Sheet, list[list[Any]]]) -> None:
        self.w.sheet, self.w.samples = result
        self._loading = False
        self.status.setText(_("{n} columns found.").format(n=len(self.w.sheet.headers)))
        self.completeChanged.emit()

    def _refused(self, error: BaseException) -> None:
        self._loading = False
        self.w.sheet = None
        self.status.setText(error_message(error))
        self.completeChanged.emit()

    def _busy(self, text: str) -> None:
        self._loading = True
        self.status.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self.w.sheet is not None and not self._loading

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        self.w.kind = self.kind.currentData()
        return self.isComplete()


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: TableImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(_("Match the columns"))
        self.setSubTitle(_("Choose the field each column fills. Columns the app recognised are already chosen."))
        self.table = QTableWidget(0, 3, accessibleName=_("Columns of the file"))
        self.table.setHorizontalHeaderLabels([_("Column"), _("Example"), _("Import as")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.fixed_box = QFormLayout()
        self.fixed: dict[str, QComboBox] = {}
        load = QPushButton(_("&Load mapping…"), accessibleName=_("Load a saved column mapping"))
        load.clicked.connect(self.load_mapping)
        load.setAutoDefault(False)
        save = QPushButton(_("Sa&ve mapping…"), accessibleName=_("Save this column mapping"))
        save.clicked.connect(self.save_mapping)
        save.setAutoDefault(False)
        self.problem = QLabel(accessibleName=_("Problems"))
        self.problem.setStyleSheet("color: #b00020")
        buttons = QHBoxLayout()
        buttons.addWidget(load)
        buttons.addWidget(save)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.fixed_box)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        sheet, kind = self.w.sheet, self.w.kind
        assert sheet is not None
        chosen = self.w.mapping.columns if self.w.mapping.columns is not None else suggest(kind, sheet.headers)
        targets = TARGETS[kind]
        self.table.setRowCount(len(sheet.headers))
        for r, header in enumerate(sheet.headers):
            self.table.setItem(r, 0, QTableWidgetItem(header))
            example = next((row[r] for row in self.w.samples if row[r] is not None), "")
            self.table.setItem(r, 1, QTableWidgetItem(str(example)))
            combo = QComboBox(accessibleName=_("Import {column} as").format(column=header))
            combo.addItem(_("Not imported"), None)
            for t in targets:
                combo.addItem(_(t.label), t.name)
            combo.setCurrentIndex(max(0, combo.findData(chosen.get(r))))
            self.table.setCellWidget(r, 2, combo)
        self.table.resizeColumnsToContents()
        self._fixed_fields(kind)

    def _fixed_fields(self, kind: str) -> None:
        while self.fixed_box.rowCount():
            self.fixed_box.removeRow(0)
        self.fixed.clear()
        for t in TARGETS[kind]:
            if t.name not in REQUIRED_CHOICES or (t.name == "site_code" and kind == "members"):
                continue  # a member's site is its association's
            combo = QComboBox(accessibleName=_("{field} for rows without one").format(field=_(t.label)))
            combo.addItem(_("None (such rows are rejected)") if t.name != "site_code" or not self.w.default_site
                          else _("This laptop's site"), None)
            for value, text in t.choices().items():
                combo.addItem(_(text), value)
            combo.setCurrentIndex(max(0, combo.findData(self.w.mapping.fixed.get(t.name))))
            self.fixed[t.name] = combo
            self.fixed_box.addRow(_("{field} for rows without one:").format(field=_(t.label)), combo)

    def columns(self) -> dict[int, str]:
        out = {}
        for r in range(self.table.rowCount()):
            field = self.table.cellWidget(r, 2).currentData()
            if field:
                out[r] = field
        return out

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        columns = self.columns()
        labels = {t.name: t.label for t in TARGETS[self.w.kind]}
        twice = sorted({f for f in columns.values() if list(columns.values()).count(f) > 1})
        if twice:
            self.problem.setText(_("{field} is chosen for more than one column.").format(field=_(labels[twice[0]])))
            return False
        self.problem.clear()
        self.w.mapping.columns = columns
        self.w.mapping.fixed = {name: c.currentData() for name, c in self.fixed.items() if c.currentData()}
        return True

    def load_mapping(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Load a column mapping"), "", _(MAPPINGS))
        if name:
            self.use_mapping(Path(name))

    def use_mapping(self, path: Path) -> None:
        try:
            self.w.mapping = read_mapping(path, self.w.sheet.headers)
        except UserError as error:
            self.problem.setText(error_message(error))
            return
        self.problem.clear()
        self.initializePage()

    def save_mapping(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Save the column mapping"), "mapping.json", _(MAPPINGS))
        if name:
            self.write_mapping(Path(name))

    def write_mapping(self, path: Path) -> None:
        if not self.validatePage():
            return
        try:
            write_mapping(path, self.w.kind, self.w.sheet.headers, self.w.mapping)
        except UserError as error:
            self.problem.setText(error_message(error))


def _label(text: str, buddy) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
