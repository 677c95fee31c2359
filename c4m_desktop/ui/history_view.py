"""The History tab shared by every editor: when, who, which field, old -> new."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from .. import i18n
from ..domain.messages import N_
from ..i18n import _
from ..services import history
from ..services.workspace import Workspace
from .language import redraw_on_switch
from .ops import OpRunner


class HistoryView(QTableWidget):
    def __init__(self, labels: Mapping[str, str], parent=None):
        super().__init__(0, 4, parent)
        self.labels = dict(labels) | {"deleted": N_("Deleted")}
        self.setAccessibleName(_("History"))
        self.setHorizontalHeaderLabels([_("When"), _("Who"), _("Field"), _("Old → new")])
        self.horizontalHeader().setStretchLastSection(True)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self._changes: list[history.Change] = []
        redraw_on_switch(self, lambda: self.show_changes(self._changes))

    def load(self, ws: Workspace, runner: OpRunner, row_id: str | None) -> None:
        """Fetch a record's history on the worker and show it."""
        if row_id is not None:
            runner.run(lambda: history.for_record(ws, row_id=row_id), on_success=self.show_changes)

    def show_changes(self, changes: list[history.Change]) -> None:
        self._changes = changes
        self.setRowCount(len(changes))
        for r, c in enumerate(changes):
            created = c.field == "(created)"
            field = _("created") if created else _(self.labels.get(c.field, c.field))
            change = "" if created else f"{c.old or '—'} → {c.new or '—'}"
            cells = (i18n.format_datetime(c.when), c.device_name or c.device_id[:8], field, change)
            for col, text in enumerate(cells):
                self.setItem(r, col, QTableWidgetItem(text))
        self.resizeColumnsToContents()
