"""The Associations page: a lazily fetched table over the services, filtered and sorted in SQL.

Every query runs on the database worker; the model keeps a generation number so that results of
a query overtaken by a newer keystroke are dropped instead of shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import LABELS, AssociationKind
from ..domain.sectors import SECTORS
from ..domain.sites import SITES
from ..i18n import _
from ..services import queries
from ..services.workspace import Workspace
from .ops import OpRunner, show_error

PAGE = 200
SEARCH_DELAY_MS = 150
# (key, header, default width in px)
COLUMNS = (
    ("site_code", "Site", 60), ("name_en", "Name", 300), ("name_local", "Local name", 260),
    ("kind", "Kind", 130), ("sectors", "Sectors", 200), ("members_total", "Members", 80),
    ("members_women", "Women", 70), ("district", "District", 130), ("updated_at", "Last changed", 110),
)
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # Qt's usual default argument, made once


class AssociationListModel(QAbstractTableModel):
    """Rows of the association list, fetched a page at a time on the worker.

    Signals:
        loaded(): a query (not a further page) has delivered its first page.
    """

    loaded = Signal()

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(parent)
        self.ws, self.runner = ws, runner
        self.rows: list[dict[str, Any]] = []
        self.filters: dict[str, Any] = {}
        self.order, self.descending = "site_code", False
        self._generation = 0
        self._exhausted = True
        self._fetching = False

    # --- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        key = COLUMNS[index.column()][0]
        value = row.get(key)
        if key == "kind":
            return _(LABELS[AssociationKind(value)])
        if key == "sectors":
            return ", ".join(_(SECTORS[s]) for s in value)
        if key == "updated_at":
            return value[:10]
        return value

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index = ROOT) -> None:
        if self.canFetchMore(parent):
            self._query(offset=len(self.rows))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0]
        if key in queries.ASSOCIATION_ORDER:
            self.order, self.descending = key, order == Qt.SortOrder.DescendingOrder
            self.refresh()

    # --- queries ----------------------------------------------------------------------------
    def set_filters(self, **filters: Any) -> None:
        self.filters = {k: v for k, v in filters.items() if v}
        self.refresh()

    def refresh(self) -> None:
        """Start the query again from the first page."""
        self._generation += 1
        self._query(offset=0)

    def _query(self, *, offset: int) -> None:
        generation, filters = self._generation, dict(self.filters)
        order, descending, ws = self.order, self.descending, self.ws
        self._fetching = True
        self.runner.run(
            lambda: queries.associations(ws, **filters, order=order, descending=descending,
                                         limit=PAGE, offset=offset),
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


class AssociationListPage(QWidget):
    """Search box, filters and the table; Enter or double-click opens a record."""

    open_requested = Signal(str)

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(parent)
        self.setObjectName("associations")
        self.setAccessibleName(_("Associations"))
        self.model = AssociationListModel(ws, runner, self)

        self.search = QLineEdit(accessibleName=_("Search associations"))
        self.search.setPlaceholderText(_("Search by name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.site = QComboBox(accessibleName=_("Filter by site"))
        self.site.addItem(_("All sites"), None)
        for s in SITES.values():
            self.site.addItem(_(s.name_en), s.code)
        self.sector = QComboBox(accessibleName=_("Filter by sector"))
        self.sector.addItem(_("All sectors"), None)
        for code, label in SECTORS.items():
            self.sector.addItem(_(label), code)
        self.kind = QComboBox(accessibleName=_("Filter by kind"))
        self.kind.addItem(_("All kinds"), None)
        for k in AssociationKind:
            self.kind.addItem(_(LABELS[k]), k.value)

        self.table = QTableView(accessibleName=_("Association list"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        for i, (_key, _header, width) in enumerate(COLUMNS):
            self.table.setColumnWidth(i, width)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        self.count = QLabel(accessibleName=_("Number of associations shown"))

        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._debounce.start)
        for combo in (self.site, self.sector, self.kind):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.model.loaded.connect(self._show_count)
        self.model.rowsInserted.connect(self._show_count)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.site)
        bar.addWidget(self.sector)
        bar.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.apply_filters()

    def apply_filters(self) -> None:
        self.model.set_filters(search=self.search.text().strip(), site=self.site.currentData(),
                               sector=self.sector.currentData(), kind=self.kind.currentData())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _show_count(self, *_args) -> None:
        n = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        self.count.setText(_("{n} associations").format(n=f"{n}{more}"))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(Qt.ItemDataRole.UserRole))
