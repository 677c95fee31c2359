"""The Associations page: a lazily fetched table over the services, filtered and sorted in SQL.

Every query runs on the database worker; the model keeps a generation number so that results of
a query overtaken by a newer keystroke are dropped instead of shown.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import LABELS, AssociationKind
from ..domain.sectors import SECTORS
from ..domain.sites import SITES
from ..i18n import _
from ..services import queries
from ..services.workspace import Workspace
from .lazy_list import Column, LazyListModel, make_table
from .ops import OpRunner

SEARCH_DELAY_MS = 150
COLUMNS = (
    Column("site_code", "Site", 60),
    Column("name_en", "Name", 300),
    Column("name_local", "Local name", 260),
    Column("kind", "Kind", 130, show=lambda v: _(LABELS[AssociationKind(v)])),
    Column("sectors", "Sectors", 200, sortable=False, show=lambda v: ", ".join(_(SECTORS[s]) for s in v)),
    Column("members_total", "Members", 80),
    Column("members_women", "Women", 70),
    Column("district", "District", 130),
    Column("updated_at", "Last changed", 110, show=lambda v: v[:10]),
)


def association_model(ws: Workspace, runner: OpRunner, parent=None) -> LazyListModel:
    def fetch(filters, order, descending, limit, offset):
        return queries.associations(ws, **filters, order=order, descending=descending,
                                    limit=limit, offset=offset)

    return LazyListModel(runner, COLUMNS, fetch, "site_code", parent)


class AssociationListPage(QWidget):
    """Search box, filters and the table; Enter or double-click opens a record."""

    open_requested = Signal(str)

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(parent)
        self.setObjectName("associations")
        self.setAccessibleName(_("Associations"))
        self.model = association_model(ws, runner, self)

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

        self.table = make_table(self.model, _("Association list"), self.fontMetrics().height())
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
