"""The business-plan financial grid: one row per line (kind + label), one column per plan year.

Amounts are typed in major units of the plan's currency and kept as integer minor units; the
figures below the grid and the chart are recomputed from the grid on every edit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from .. import i18n
from ..domain.enums import FinancialKind
from ..domain.enums import label as enum_label
from ..domain.financials import PlanFigures, compute
from ..domain.messages import N_, Problem
from ..domain.money import parse_amount, to_major
from ..i18n import _
from ..services.business_plans import LineEdit

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
BAD = QBrush(QColor("#f8d7da"))


class FinancialGrid(QTableWidget):
    """Editable lines by year.

    Signals:
        edited(): any amount or label changed.
    """

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(0, 2, parent)
        self.setAccessibleName(_("Financial lines"))
        self.start, self.horizon, self.currency = 2026, 3, "USD"
        self.problems: dict[tuple[int, int], Problem] = {}
        self.itemChanged.connect(self._changed)
        self.verticalHeader().hide()

    def years(self) -> list[int]:
        return list(range(self.start, self.start + self.horizon))

    def set_plan(self, start: int, horizon: int, currency: str, lines: list[LineEdit]) -> None:
        """Lay the grid out for the plan's years and fill it with lines."""
        self.blockSignals(True)
        self.start, self.horizon, self.currency = start, horizon, currency
        self.clear()
        self.setColumnCount(2 + horizon)
        self.setHorizontalHeaderLabels([_("Kind"), _("Line"), *map(str, self.years())])
        self.setColumnWidth(0, 150)
        self.setColumnWidth(1, 220)
        for col in range(2, 2 + horizon):
            self.setColumnWidth(col, 130)
        self.setRowCount(0)
        self.problems.clear()
        rows: dict[tuple[str, str], int] = {}
        for line in sorted(lines, key=lambda x: (list(FinancialKind).index(FinancialKind(x.kind)), x.label)):
            key = (line.kind, line.label)
            if key not in rows:
                rows[key] = self._append_row(line.kind, line.label)
            if line.year in self.years():
                item = self.item(rows[key], 2 + line.year - start)
                item.setText(self._show(line.amount_minor))
                item.setData(ID_ROLE, line.id)
        self.blockSignals(False)

    def add_line(self, kind: str, label: str) -> int:
        row = self._append_row(kind, label)
        self.setCurrentCell(row, 2)
        self.edited.emit()
        return row

    def _append_row(self, kind: str, label: str) -> int:
        blocked = self.blockSignals(True)  # a half-built row must not be read by listeners
        try:
            return self._build_row(kind, label)
        finally:
            self.blockSignals(blocked)

    def _build_row(self, kind: str, label: str) -> int:
        row = self.rowCount()
        self.insertRow(row)
        kind_item = QTableWidgetItem(_(enum_label(FinancialKind(kind))))
        kind_item.setData(KIND_ROLE, kind)
        kind_item.setFlags(kind_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.setItem(row, 0, kind_item)
        self.setItem(row, 1, QTableWidgetItem(label))
        for col in range(2, 2 + self.horizon):
            item = QTableWidgetItem("")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, col, item)
        return row

    def _show(self, minor: int) -> str:
        return f"{to_major(minor, self.currency):,}"  # grouped; typing accepts the commas back

    def _changed(self, item: QTableWidgetItem) -> None:
        if item.column() >= 2:
            blocked = self.blockSignals(True)  # marking the cell changes it again
            try:
                self._parse(item)
            finally:
                self.blockSignals(blocked)
        self.edited.emit()

    def _parse(self, item: QTableWidgetItem) -> int | None:
        key = (item.row(), item.column())
        text = item.text().strip()
        self.problems.pop(key, None)
        item.setBackground(QBrush())
        item.setToolTip("")
        if not text:
            return None
        value, problem = parse_amount(text, self.currency, "amount_minor")
        if problem is None and value is not None and value < 0:
            problem = Problem("amount_minor", N_("This amount cannot be negative."))
        if problem:
            self.problems[key] = problem
            item.setBackground(BAD)
            item.setToolTip(i18n.problem_text(problem))
            return None
        return value

    def lines(self) -> list[LineEdit]:
        """Return every filled cell as a line (cells with problems are left out)."""
        out = []
        for row in range(self.rowCount()):
            kind = self.item(row, 0).data(KIND_ROLE)
            label = self.item(row, 1).text().strip()
            for i, year in enumerate(self.years()):
                item = self.item(row, 2 + i)
                text = item.text().strip()
                if not text or (row, 2 + i) in self.problems:
                    continue
                value, problem = parse_amount(text, self.currency, "amount_minor")
                if problem is None and value is not None:
                    out.append(LineEdit(item.data(ID_ROLE), kind, label, year, value))
        return out

    def figures(self) -> PlanFigures:
        return compute(((x.kind, x.year, x.amount_minor) for x in self.lines()),
                       start_year=self.start, horizon=self.horizon, currency=self.currency)
