"""A list page: a search box, filter combos and a lazy table; Enter or double-click opens a row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.messages import N_
from ..domain.sites import SITES
from ..i18n import _
from .lazy_list import LazyListModel, make_table
from .ops import show_error
from .ui_state import remember_columns

SEARCH_DELAY_MS = 150


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
