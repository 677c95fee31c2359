"""Form fields built from a short spec, with the problem for each field shown right beside it.

Editors of every record kind use this, so typing, parsing, labels, buddies, accessible names and
per-field messages behave the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.digits import parse_date, parse_int, parse_number
from ..domain.messages import N_, Problem
from ..i18n import _
from .zawgyi_notice import ZawgyiNotice

# Each parser takes Thai, Khmer, Lao and Myanmar digits (any Unicode digits) as well as ASCII.
PARSERS: dict[str, tuple[Callable[[str], Any], str]] = {
    "int": (parse_int, N_("Enter a whole number.")),
    "number": (parse_number, N_("Enter a number.")),
    "date": (parse_date, N_("Enter a date as YYYY-MM-DD, e.g. 2026-03-31.")),
}


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # English source text marked with N_ where it is written, translated when shown
    kind: str = "text"  # text | multiline | int | number | date | choice
    choices: Callable[[], Sequence[tuple[str | None, str]]] | None = None  # (value, English label)


class FieldWidget(QObject):
    """One input with its label and its problem line."""

    changed = Signal()

    def __init__(self, spec: Field, parent: QWidget):
        super().__init__(parent)
        self.spec = spec
        label = _(spec.label)
        if spec.kind == "multiline":
            self.input: QWidget = QPlainTextEdit(parent)
            self.input.setTabChangesFocus(True)
            self.input.setFixedHeight(70)
            self.input.textChanged.connect(self.changed)
        elif spec.kind == "choice":
            self.input = QComboBox(parent)
            for value, text in spec.choices() if spec.choices else ():
                self.input.addItem(_(text), value)
            self.input.currentIndexChanged.connect(self.changed)
        else:
            self.input = QLineEdit(parent)
            if spec.kind == "date":
                self.input.setPlaceholderText(_("YYYY-MM-DD, e.g. 2026-03-31"))
            self.input.textChanged.connect(self.changed)
        self.input.setAccessibleName(label)
        self.input.setObjectName(spec.name)
        self.label = QLabel(f"{label}:", parent)
        self.label.setBuddy(self.input)
        self.problem = QLabel(parent)
        self.problem.setObjectName(f"{spec.name}_problem")
        self.problem.setAccessibleName(_("Problem with {field}").format(field=label))
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.parse_problem: Problem | None = None
        # Burmese typed or pasted in Zawgyi: offered a conversion, never changed silently
        self.zawgyi: ZawgyiNotice | None = None
        if spec.kind in ("text", "multiline"):
            self.zawgyi = ZawgyiNotice(self.input, parent)

    def value(self) -> Any:
        self.parse_problem = None
        w = self.input
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return w.currentData()
        text = w.text().strip()
        if self.spec.kind not in PARSERS:
            return text
        if not text:
            return None
        parse, message = PARSERS[self.spec.kind]
        try:
            return parse(text)
        except ValueError:
            self.parse_problem = Problem(self.spec.name, message)
            return None

    def set_value(self, value: Any) -> None:
        w = self.input
        if isinstance(w, QPlainTextEdit):
            w.setPlainText(value or "")
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))
        elif isinstance(value, date):
            w.setText(value.isoformat())
        else:
            w.setText("" if value is None else str(value))

    def show_problems(self, problems: list[Problem]) -> None:
        text = "\n".join(i18n.problem_text(p) for p in problems)
        self.problem.setText(text)
        self.problem.setVisible(bool(text))


class FieldForm(QWidget):
    """A column of labelled fields; ``changed`` fires on any edit."""

    changed = Signal()

    def __init__(self, specs: Sequence[Field], parent=None):
        super().__init__(parent)
        self.fields = {s.name: FieldWidget(s, self) for s in specs}
        layout = QFormLayout(self)
        for f in self.fields.values():
            cell = QWidget(self)
            col = QVBoxLayout(cell)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(2)
            col.addWidget(f.input)
            if f.zawgyi is not None:
                col.addWidget(f.zawgyi)
            col.addWidget(f.problem)
            layout.addRow(f.label, cell)
            f.changed.connect(self.changed)

    def values(self) -> dict[str, Any]:
        return {name: f.value() for name, f in self.fields.items()}

    def parse_problems(self) -> list[Problem]:
        """Problems found while reading the inputs (call after ``values()``)."""
        return [f.parse_problem for f in self.fields.values() if f.parse_problem]

    def set_values(self, values: dict[str, Any]) -> None:
        for name, f in self.fields.items():
            if name in values:
                f.set_value(values[name])

    def show_problems(self, problems: list[Problem]) -> list[Problem]:
        """Show each problem beside its field; return those that belong to no field here."""
        for name, f in self.fields.items():
            f.show_problems([p for p in problems if p.field == name])
        return [p for p in problems if p.field not in self.fields]


class _SwallowEnter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        return (event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)


def enter_never_saves(dialog: QWidget) -> None:
    """Stop Enter in a field from pressing a dialog's default button.

    In the big editors Enter belongs to the field (a new line name, a table cell); saving is
    Ctrl+S or the Save button, so a half-typed record is never saved by accident. A field that
    uses Enter has already acted on it before the unhandled key reaches the dialog, where it stops.
    QDialogButtonBox picks a default button again when shown, so clearing defaults is not enough.
    """
    dialog._swallow_enter = _SwallowEnter(dialog)
    dialog.installEventFilter(dialog._swallow_enter)
