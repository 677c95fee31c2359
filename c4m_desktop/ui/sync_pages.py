"""Outbox & sync and Conflicts pages: what the sync tables hold (their actions come with sync)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.messages import N_
from ..i18n import _
from ..services import queries
from ..services.workspace import Workspace
from .ops import OpRunner


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        return i18n.format_datetime(value)
    return str(value)


class TablePage(QWidget):
    """A heading, a read-only table filled from one query, and a Refresh button."""

    def __init__(self, key: str, title: str, empty: str, columns: Sequence[tuple[str, str]],
                 fetch: Callable[[], list[dict[str, Any]]], runner: OpRunner, parent=None):
        super().__init__(parent)
        self.setObjectName(key)
        self.setAccessibleName(_(title))
        self.columns, self.fetch, self.runner, self.empty = columns, fetch, runner, empty
        self.heading = QLabel(accessibleName=_(title))
        self.table = QTableWidget(0, len(columns), accessibleName=_(title))
        self.table.setHorizontalHeaderLabels([_(h) for _k, h in columns])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        refresh = QPushButton(_("&Refresh"), accessibleName=_("Refresh"))
        refresh.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(refresh)
        self.title = title

    def refresh(self) -> None:
        self.runner.run(self.fetch, on_success=self.show_rows)

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        self.heading.setText(f"<b>{_(self.title)}</b> — " + (
            _(self.empty) if not rows else _("{n} rows").format(n=len(rows))))
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, (key, _h) in enumerate(self.columns):
                self.table.setItem(r, c, QTableWidgetItem(_text(row.get(key))))
        self.table.resizeColumnsToContents()


def outbox_page(ws: Workspace, runner: OpRunner) -> TablePage:
    return TablePage("outbox", N_("Outbox & sync"), N_("No exports are waiting."), (
        ("recipient", N_("To")), ("created_at", N_("Made")), ("status", N_("Status")), ("attempts", N_("Attempts")),
        ("last_error", N_("Last problem")), ("sent_at", N_("Sent")), ("bundle_path", N_("File"))),
        lambda: queries.outbox(ws), runner)


def conflicts_page(ws: Workspace, runner: OpRunner) -> TablePage:
    return TablePage("conflicts", N_("Conflicts"), N_("No conflicting edits to review."), (
        ("site_code", N_("Site")), ("table_name", N_("Record type")), ("row_id", N_("Record")),
        ("detected_at", N_("Found")), ("loser_device", N_("Other version from")),
        ("loser_hlc", N_("Other version made"))),
        lambda: queries.conflicts(ws), runner)
