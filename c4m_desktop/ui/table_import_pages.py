"""The last steps of the spreadsheet import: values no choice matches, the preview, the summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from .. import i18n
from ..domain.messages import N_
from ..domain.sectors import SECTORS
from ..i18n import _
from ..services import backups, table_import
from ..services.import_fields import TARGETS
from .mail_sender import WorkProgress
from .ops import error_message

if TYPE_CHECKING:
    from .table_import_wizard import TableImportWizard

ACTIONS = {"new": N_("New"), "update": N_("Update"), "unchanged": N_("Unchanged"), "duplicate": N_("Duplicate: skipped"),
           "near": N_("Close to a record here"), "rejected": N_("Rejected")}
DECISIONS = (("skip", N_("Skip this row")), ("merge", N_("Merge into the record here")), ("new", N_("Add as new")))
PREVIEW_ROWS = 200  # rows that will be stored shown in the preview; every rejected and near row is shown too


class _WorkerPage(QWizardPage):
    """A page that runs one job on the worker behind a progress dialog with Cancel."""

    def __init__(self, wizard: TableImportWizard):
        super().__init__()
        self.w = wizard
        self.progress: WorkProgress | None = None

    def run(self, title: str, job, done, failed) -> None:
        self.progress = progress = WorkProgress(title, title, self)

        def finish(callback, value) -> None:
            progress.finish()
            self.progress = None
            callback(value)

        self.w.runner.run(lambda: job(progress), on_success=lambda r: finish(done, r),
                          on_error=lambda e: finish(failed, e))


class ValuesPage(_WorkerPage):
    def __init__(self, wizard: TableImportWizard):
        super().__init__(wizard)
        self.setTitle(_("Check the values"))
        self.setSubTitle(_("These values in the file match no choice. Say what each one means, or leave it: "
                           "rows with it are then rejected and listed."))
        self.table = QTableWidget(0, 3, accessibleName=_("Values to match"))
        self.table.setHorizontalHeaderLabels([_("Field"), _("In the file"), _("Means")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(accessibleName=_("Values status"))
        self.status.setWordWrap(True)
        self._ready = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        self._ready = False
        self.table.setRowCount(0)
        sheet, kind, mapping = self.w.sheet, self.w.kind, self.w.mapping
        self.run(_("Reading the values…"),
                 lambda p: table_import.unrecognised_values(sheet, kind=kind, mapping=mapping.columns,
                                                            value_maps=mapping.values, cancelled=p.cancelled),
                 self._show, self._failed)

    def _show(self, found: dict[str, list[str]]) -> None:
        targets = {t.name: t for t in TARGETS[self.w.kind]}
        rows = [(name, value) for name, values in found.items() for value in values]
        self.table.setRowCount(len(rows))
        for r, (name, value) in enumerate(rows):
            target = targets[name]
            self.table.setItem(r, 0, QTableWidgetItem(_(target.label)))
            self.table.setItem(r, 1, QTableWidgetItem(value))
            combo = QComboBox(accessibleName=_("What {value} means").format(value=value))
            combo.addItem(_("Leave it (rows are rejected)"), None)
            choices = target.choices() if target.choices else SECTORS
            for code, text in choices.items():
                combo.addItem(_(text), code)
            known = self.w.mapping.values.get(name, {}).get(value)
            combo.setCurrentIndex(max(0, combo.findData(known)))
            combo.setProperty("field", name)
            combo.setProperty("value", value)
            self.table.setCellWidget(r, 2, combo)
        self.table.resizeColumnsToContents()
        self.status.setText(_("Every value in the file matches a choice.") if not rows else "")
        self._ready = True
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_message(error))

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self._ready

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        for r in range(self.table.rowCount()):
            combo = self.table.cellWidget(r, 2)
            field, value = combo.property("field"), combo.property("value")
            if combo.currentData():
                self.w.mapping.values.setdefault(field, {})[value] = combo.currentData()
            else:
                self.w.mapping.values.get(field, {}).pop(value, None)
        return True


class PreviewPage(_WorkerPage):
    def __init__(self, wizard: TableImportWizard):
        super().__init__(wizard)
        self.setTitle(_("Preview"))
        self.setSubTitle(_("What the import will do with each row. Decide for rows close to a record already here."))
        self.setCommitPage(True)
        self.counts = QLabel(accessibleName=_("Import summary"))
        self.counts.setWordWrap(True)
        self.table = QTableWidget(0, 0, accessibleName=_("Rows as they will be stored"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.save_rejected = QPushButton(_("Save &rejected rows…"), accessibleName=_("Save rejected rows"))
        self.save_rejected.clicked.connect(self.choose_rejected_file)
        self.save_rejected.setAutoDefault(False)
        self.plan: table_import.ImportPlan | None = None
        self.decisions: dict[int, QComboBox] = {}
        self._written = False
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_rejected)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        self.plan, self._written = None, False
        self.table.clear()
        w = self.w
        ws, sheet, kind, m, name = w.ws, w.sheet, w.kind, w.mapping, w.path.name
        self.counts.setText(_("Checking every row…"))
        self.run(_("Checking every row…"),
                 lambda p: table_import.plan(ws, sheet, kind=kind, file_name=name, mapping=m.columns,
                                             value_maps=m.values, fixed=m.fixed, default_site=w.default_site,
                                             progress=p.report, cancelled=p.cancelled),
                 self._show, self._failed)

    def _show(self, plan: table_import.ImportPlan) -> None:
        self.plan = plan
        c = plan.counts()
        self.counts.setText(_("{read} rows read: {new} new, {update} to update, {unchanged} unchanged, "
                              "{duplicate} duplicates, {near} close to a record here, {rejected} rejected.")
                            .format(**c))
        labels = {t.name: t.label for t in TARGETS[plan.kind]}
        fields = [f for f in dict.fromkeys(plan.mapping.values()) if not f.startswith("_") and f != "association"]
        shown = [r for r in plan.rows if r.action in ("rejected", "near")]
        shown += [r for r in plan.rows if r.action not in ("rejected", "near")][:PREVIEW_ROWS]
        shown.sort(key=lambda r: r.number)
        header = [_("Row"), _("What happens"), _("Details"), *(_(labels[f]) for f in fields)]
        self.table.setColumnCount(len(header))
        self.table.setHorizontalHeaderLabels(header)
        self.table.setRowCount(len(shown))
        self.decisions.clear()
        for r, row in enumerate(shown):
            cells = [str(row.number), _(ACTIONS[row.action]), self._details(plan.kind, row),
                     *(_show_value(plan.kind, f, row) for f in fields)]
            for c_, text in enumerate(cells):
                self.table.setItem(r, c_, QTableWidgetItem(text))
            if row.action == "near":
                combo = QComboBox(accessibleName=_("Row {row}: what to do").format(row=row.number))
                for value, text in DECISIONS:
                    combo.addItem(_(text), value)
                self.table.setCellWidget(r, 1, combo)
                self.decisions[row.number] = combo
        self.table.resizeColumnsToContents()
        self.save_rejected.setEnabled(c["rejected"] > 0)
        self.completeChanged.emit()

    def _details(self, kind: str, row: table_import.RowPlan) -> str:
        tr = i18n.translator(i18n.language())
        if row.action == "rejected":
            return "; ".join(table_import.problem_text(kind, p, tr) for p in row.problems)
        if row.action in ("near", "duplicate") and row.match_name:
            return _("Like {name}, already here").format(name=row.match_name)
        return ""

    def _failed(self, error: BaseException) -> None:
        self.counts.setText(error_message(error))

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return self.plan is not None

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        if self._written:
            return True
        if self.plan is None or self.progress is not None:
            return False
        plan, ws = self.plan, self.w.ws
        decisions = {n: combo.currentData() for n, combo in self.decisions.items()}
        def job(p):
            self.w.backup_warning = backups.before(ws, "before-import")
            return table_import.apply(ws, plan, decisions=decisions, progress=p.report, cancelled=p.cancelled)

        self.run(_("Importing…"), job, self._written_ok, self._failed)
        return False

    def _written_ok(self, result: table_import.ImportResult) -> None:
        self._written = True
        self.w.result = result
        self.w.imported.emit(result)
        self.w.next()

    def choose_rejected_file(self) -> None:
        stem = self.w.path.stem if self.w.path else "import"
        name, _filter = QFileDialog.getSaveFileName(self, _("Save rejected rows"), f"{stem}-rejected.xlsx",
                                                    _("Excel workbook (*.xlsx)"))
        if name:
            self.write_rejected(Path(name))

    def write_rejected(self, path: Path) -> None:
        plan = self.plan
        self.w.runner.run(lambda: table_import.write_rejected(plan, path),
                          on_success=lambda n: self.counts.setText(
                              i18n.ngettext("Saved {n} row to {path}.", "Saved {n} rows to {path}.", n)
                              .format(n=n, path=path)),
                          on_error=self._failed)


class DonePage(QWizardPage):
    def __init__(self, wizard: TableImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(_("Imported"))
        self.summary = QLabel(accessibleName=_("Import result"))
        self.summary.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.summary)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        r = self.w.result
        text = _("Read {read} rows: {imported} imported, {updated} updated, {rejected} rejected, "
                 "{skipped} skipped (duplicates or unchanged).").format(**vars(r))
        if self.w.backup_warning is not None:
            text += "\n\n" + error_message(self.w.backup_warning)
        self.summary.setText(text)


def _show_value(kind: str, field: str, row: table_import.RowPlan) -> str:
    if field == "sectors":
        return ", ".join(_(SECTORS[c]) for c in row.sectors or () if c in SECTORS)
    value: Any = row.values.get(field)
    target = next(t for t in TARGETS[kind] if t.name == field)
    if value is not None and target.choices:
        return _(target.choices().get(value, str(value)))
    return "" if value is None else str(value)
