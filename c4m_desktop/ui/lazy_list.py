"""A table model over a service query, fetched a page at a time on the database worker.

Every list page (associations, business plans, action plans...) uses it: filters and sort go to
SQL, results of a query overtaken by a newer one are dropped, rows arrive in pages on scroll.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableView

from ..i18n import _
from .ops import OpRunner, show_error

PAGE = 200
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # Qt's usual default argument, made once


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # English source marked with N_ where it is written, translated when shown
    width: int = 120
    sortable: bool = True
    show: Callable[[Any], Any] | None = None  # value -> display text


# fetch(filters, order, descending, limit, offset) -> rows as dicts with an "id"
Fetch = Callable[[dict[str, Any], str, bool, int, int], list[dict[str, Any]]]


class LazyListModel(QAbstractTableModel):
    """Rows of one list.

    Signals:
        loaded(): a new query (not a further page) delivered its first page.
    """

    loaded = Signal()

    def __init__(self, runner: OpRunner, columns: tuple[Column, ...], fetch: Fetch,
                 default_order: str, parent=None):
        super().__init__(parent)
        self.runner, self.columns, self.fetch = runner, columns, fetch
        self.rows: list[dict[str, Any]] = []
        self.filters: dict[str, Any] = {}
        self.order, self.descending = default_order, False
        self._generation = 0
        self._exhausted = True
        self._fetching = False
        # No query until the owner first sets the filters: making the table sortable and setting its sort
        # indicator each call sort(), and each would otherwise start a query over the whole table.
        self._started = False

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].header)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = self.columns[index.column()]
        value = row.get(col.key)
        return col.show(value) if col.show and value is not None else value

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index = ROOT) -> None:
        if self.canFetchMore(parent):
            self._query(offset=len(self.rows))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        col = self.columns[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if col.sortable and (col.key, descending) != (self.order, self.descending):
            self.order, self.descending = col.key, descending
            if self._started:  # Qt sorts again on its own (indicator, then view): one query per change
                self.refresh()

    def set_filters(self, **filters: Any) -> None:
        self.filters = {k: v for k, v in filters.items() if v not in (None, "")}
        self._started = True
        self.refresh()

    def refresh(self) -> None:
        """Run the query again from its first page."""
        self._generation += 1
        self._query(offset=0)

    def _query(self, *, offset: int) -> None:
        generation, filters, order, descending = self._generation, dict(self.filters), self.order, self.descending
        self._fetching = True
        self.runner.run(
            lambda: self.fetch(filters, order, descending, PAGE, offset),
            on_success=lambda rows: self._arrived(generation, offset, rows),
            on_error=lambda exc: self._failed(generation, exc),
        )

    def _arrived(self, generation: int, offset: int, rows: list[dict[str, Any]]) -> None:
        if generation != self._generation:
            return  # overtaken by a newer query
        self._fetching = False
        self._exhausted = len(rows) < PAGE
        if offset == 0:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
            self.loaded.emit()
        elif rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
            self._exhausted = True
            show_error(None, error)


def make_table(model: LazyListModel, accessible_name: str, font_height: int) -> QTableView:
    """Return a read-only, row-selecting, sortable table over a lazy model."""
    table = QTableView(accessibleName=accessible_name)
    table.setModel(model)
    table.setSortingEnabled(True)
    order = next(i for i, c in enumerate(model.columns) if c.key == model.order)
    table.horizontalHeader().setSortIndicator(order, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(font_height + 8)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    for i, col in enumerate(model.columns):
        table.setColumnWidth(i, col.width)
    return table
