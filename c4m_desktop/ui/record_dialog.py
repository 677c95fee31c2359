"""A small editor for a child record (a member, an IPR asset) built from a field spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from .. import i18n
from ..domain.messages import ValidationError
from ..domain.validation import validate
from ..i18n import _
from ..services import records
from ..services.workspace import Workspace
from .forms import Field, FieldForm
from .ops import OpRunner, show_error


class RecordDialog(QDialog):
    """Create (``row_id`` None) or edit one record of ``kind``; ``fixed`` values are not shown.

    Signals:
        saved(object): the ``Changes`` of the save.
    """

    saved = Signal(object)

    def __init__(self, ws: Workspace, runner: OpRunner, *, kind: str, title: str, fields: Sequence[Field],
                 fixed: dict[str, Any], row_id: str | None = None, values: dict[str, Any] | None = None,
                 context: dict[str, Any] | None = None, parent=None):
        super().__init__(parent)
        self.ws, self.runner, self.kind, self.row_id = ws, runner, kind, row_id
        self.fixed, self.context = fixed, context or {}
        self.setWindowTitle(_(title))
        self.setAccessibleName(_(title))
        self.form = FieldForm(fields)
        if values:
            self.form.set_values(values)
        self.form.changed.connect(self.validate)
        self.problem = QLabel(accessibleName=_("Problems"))
        self.problem.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setAccessibleName(_("Dialog buttons"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        return self.form.values()

    def validate(self) -> bool:
        problems = self.form.parse_problems() + validate(self.kind, self.values() | self.fixed | self.context)
        rest = self.form.show_problems(problems)
        self.problem.setText("\n".join(i18n.problem_text(p) for p in rest))
        return not problems

    def save(self) -> None:
        if not self.validate():
            return
        ws, kind, row_id, values = self.ws, self.kind, self.row_id, self.values()
        if row_id is None:
            job = lambda: records.create(ws, kind=kind, values=values | self.fixed)  # noqa: E731
        else:
            job = lambda: records.update(ws, kind=kind, row_id=row_id, changes=values)  # noqa: E731
        self.runner.run(job, on_success=self._saved, on_error=self._failed)

    def _saved(self, changes) -> None:
        self.saved.emit(changes)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            rest = self.form.show_problems(error.problems)
            self.problem.setText("\n".join(i18n.problem_text(p) for p in rest))
        else:
            show_error(self, error)
