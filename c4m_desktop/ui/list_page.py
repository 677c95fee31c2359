"""A list page: a search box, filter combos and a lazy table; Enter or double-click opens a row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.messages import N_
from ..domain.sites import SITES
from ..i18n import _
from ..services import table_export
from .lazy_list import LazyListModel, make_table
from .ops import show_error
from .ui_state import remember_columns

SEARCH_DELAY_MS = 150
# List page key -> table of services.table_export (its columns are the page's columns).
EXPORT_TABLES = {"associations": "associations", "business_plans": "business-plans",
                 "action_plans": "action-plans", "ipr": "ipr"}


class ListPage(QWidget):
    """Signals:
        open_requested(str): the id of the row to open.
        deleted(object): a row was deleted (the Changes of the write).
    """

    open_requested = Signal(str)
    deleted = Signal(object)

    def __init__(self, key: str, title: str, model: LazyListModel,
                 filters: Sequence[tuple[str, str, Sequence[tuple[str, str]]]], settings: QSettings,
                 parent=None, delete: Callable[[str], Any] | None = None, name_column: str = "name_en"):
        """title and filters: (filter name, English "all" label, [(value, English label)]), marked with N_.
        delete: removes the row with an id (run on the worker); the Delete key asks first."""
        super().__init__(parent)
        self.setObjectName(key)
        self.setAccessibleName(_(title))
        self.model = model
        model.setParent(self)
        self.search = QLineEdit(accessibleName=_("Search"))
        self.search.setPlaceholderText(_("Search by name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.combos: dict[str, QComboBox] = {}
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        for name, all_label, choices in (("site", N_("All sites"),
                                          [(s.code, s.name_en) for s in SITES.values()]), *filters):
            combo = QComboBox(accessibleName=_("Filter: {what}").format(what=_(all_label)))
            combo.addItem(_(all_label), None)
            for value, label in choices:
                combo.addItem(_(label), value)
            combo.currentIndexChanged.connect(self.apply_filters)
            self.combos[name] = combo
            bar.addWidget(combo)
        self.table = make_table(model, _(title), self.fontMetrics().height())
        self.column_menu = remember_columns(self.table, settings, key)
        columns = QPushButton(_("C&olumns…"), accessibleName=_("Choose columns"))
        columns.clicked.connect(lambda: self.column_menu().exec(columns.mapToGlobal(columns.rect().bottomLeft())))
        bar.addWidget(columns)
        self.export_button: QPushButton | None = None
        if key in EXPORT_TABLES:
            self.export_button = QPushButton(_("E&xport to Excel…"),
                                             accessibleName=_("Export the list as shown to an Excel or CSV file"))
            self.export_button.clicked.connect(self.export_table)
            bar.addWidget(self.export_button)
        self._delete, self._name_column = delete, name_column
        if delete is not None:
            remove = QPushButton(_("&Delete…"), accessibleName=_("Delete the selected row"))
            remove.clicked.connect(self.delete_current)
            bar.addWidget(remove)
            QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.delete_current)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.count = QLabel(accessibleName=_("Number of rows shown"))
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._debounce.start)
        model.loaded.connect(self._show_count)
        model.rowsInserted.connect(self._show_count)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.apply_filters()

    def apply_filters(self) -> None:
        self.model.set_filters(search=self.search.text().strip(),
                               **{name: c.currentData() for name, c in self.combos.items()})

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _show_count(self, *_args) -> None:
        n = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        self.count.setText(_("{n} shown").format(n=f"{n}{more}"))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(Qt.ItemDataRole.UserRole))

    def delete_current(self) -> None:
        """Ask, then delete the current row and everything recorded under it."""
        index = self.table.currentIndex()
        if self._delete is None or not index.isValid():
            return
        row = self.model.rows[index.row()]
        answer = QMessageBox.question(
            self, _("Delete"),
            _("Delete “{name}” and everything recorded under it? Other sites and MI receive the deletion "
              "with the next export.").format(name=row.get(self._name_column) or ""),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        delete, row_id = self._delete, row["id"]
        self.model.runner.run(lambda: delete(row_id),
                              on_success=self._deleted, on_error=lambda e: show_error(self, e))

    def _deleted(self, changes: Any) -> None:
        self.model.refresh()
        self.deleted.emit(changes)

    def export_table(self) -> None:
        """Ask for a file, then write the rows of the list with its filters, sort and visible columns."""
        table = EXPORT_TABLES.get(self.objectName())
        if table is None or self.export_button is None or not self.export_button.isEnabled():
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        xlsx, csv = _("Excel workbook (*.xlsx)"), _("CSV, UTF-8 (*.csv)")
        suggested = Path(folder or Path.home()) / f"{table}-{date.today().isoformat()}.xlsx"
        path, chosen = QFileDialog.getSaveFileName(self, _("Export to Excel"), str(suggested), f"{xlsx};;{csv}")
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_name(target.name + (".csv" if chosen == csv else ".xlsx"))
        fmt = "csv" if target.suffix.lower() == ".csv" else "xlsx"
        known = {c.key for c in table_export.TABLES[table].columns}
        header = self.table.horizontalHeader()
        shown = (header.logicalIndex(v) for v in range(header.count()))  # in the order on screen
        columns = [self.model.columns[i].key for i in shown
                   if not header.isSectionHidden(i) and self.model.columns[i].key in known]
        model, lang = self.model, i18n.language()
        filters, order, descending = dict(model.filters), model.order, model.descending

        def fetch(limit: int, offset: int) -> list[dict[str, Any]]:
            return model.fetch(filters, order, descending, limit, offset)

        self.export_button.setEnabled(False)
        model.runner.run(lambda: table_export.write_table(fetch, table, target, fmt=fmt, lang=lang, columns=columns),
                         on_success=self._exported, on_error=self._export_failed)

    def _exported(self, result: table_export.ExportResult) -> None:
        if self.export_button is not None:
            self.export_button.setEnabled(True)
        QMessageBox.information(self, _("Export to Excel"), i18n.ngettext(
            "Saved {n} row to {path}.", "Saved {n} rows to {path}.", result.rows).format(
                n=result.rows, path=str(result.path)))

    def _export_failed(self, error: BaseException) -> None:
        if self.export_button is not None:
            self.export_button.setEnabled(True)
        show_error(self, error)
