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
    return TablePage("outbox", "Outbox & sync", "No exports are waiting.", (
        ("recipient", "To"), ("created_at", "Made"), ("status", "Status"), ("attempts", "Attempts"),
        ("last_error", "Last problem"), ("sent_at", "Sent"), ("bundle_path", "File")),
        lambda: queries.outbox(ws), runner)


def conflicts_page(ws: Workspace, runner: OpRunner) -> TablePage:
    return TablePage("conflicts", "Conflicts", "No conflicting edits to review.", (
        ("site_code", "Site"), ("table_name", "Record type"), ("row_id", "Record"), ("detected_at", "Found"),
        ("loser_device", "Other version from"), ("loser_hlc", "Other version made")),
        lambda: queries.conflicts(ws), runner)
