"""Add a progress update to an activity: date, percent, actual value, status, narrative and evidence.

Updates are append-only: this dialog only ever adds one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from .. import i18n
from ..domain.enums import ActivityStatus, label
from ..domain.messages import N_, ValidationError
from ..domain.validation import validate
from ..i18n import _
from ..services import action_plans
from ..services.workspace import Workspace
from .forms import Field, FieldForm
from .ops import OpRunner, show_error

FIELDS = (
    Field("report_date", N_("Date"), "date"),
    Field("percent_complete", N_("Percent complete"), "number"),
    Field("actual_value", N_("Actual value"), "number"),
    Field("status", N_("Status"), "choice", lambda: [(k.value, label(k)) for k in ActivityStatus]),
    Field("narrative", N_("What was done"), "multiline"),
    Field("challenges", N_("Challenges"), "multiline"),
    Field("next_steps", N_("Next steps"), "multiline"),
    Field("reported_by", N_("Reported by")),
)


class ProgressDialog(QDialog):
    """Signals:
        added(object): the ``Changes`` of the saved update.
    """

    added = Signal(object)

    def __init__(self, ws: Workspace, runner: OpRunner, *, activity_id: str, activity_title: str,
                 reporter: str, status: str, parent=None):
        super().__init__(parent)
        self.ws, self.runner, self.activity_id = ws, runner, activity_id
        self.setWindowTitle(_("Progress: {activity}").format(activity=activity_title))
        self.setAccessibleName(_("Progress update"))
        self.setAcceptDrops(True)
        self.form = FieldForm(FIELDS)
        self.form.set_values({"report_date": date.today(), "reported_by": reporter, "status": status})
        self.form.changed.connect(self.validate)
        self.evidence = QListWidget(accessibleName=_("Evidence files"))
        self.evidence.setFixedHeight(80)
        add = QPushButton(_("Add &evidence…"), accessibleName=_("Add evidence"))
        add.clicked.connect(self.choose_files)
        remove = QPushButton(_("&Remove"), accessibleName=_("Remove evidence"))
        remove.clicked.connect(lambda: self.evidence.takeItem(self.evidence.currentRow()))
        self.problem = QLabel(accessibleName=_("Problems"))
        self.problem.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setAccessibleName(_("Dialog buttons"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        files = QHBoxLayout()
        files.addWidget(self.evidence, 1)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        files.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(QLabel(_("Evidence (photos, scans, documents; or drop files here):")))
        layout.addLayout(files)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Choose evidence files"))
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        for p in paths:
            if p.is_file():
                self.evidence.addItem(str(p))

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.add_files([Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()])

    def values(self) -> dict:
        return self.form.values() | {"activity_id": self.activity_id}

    def validate(self) -> bool:
        values = self.values()
        problems = self.form.parse_problems() + validate("progress_update", values)
        rest = self.form.show_problems(problems)
        self.problem.setText("\n".join(i18n.problem_text(p) for p in rest))
        return not problems

    def save(self) -> None:
        if not self.validate():
            return
        values = self.values()
        files = [Path(self.evidence.item(i).text()) for i in range(self.evidence.count())]
        ws = self.ws
        self.buttons.setEnabled(False)
        self.runner.run(lambda: action_plans.add_progress(ws, values=values, evidence=files),
                        on_success=self._saved, on_error=self._failed)

    def _saved(self, changes) -> None:
        self.added.emit(changes)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError):
            rest = self.form.show_problems(error.problems)
            self.problem.setText("\n".join(i18n.problem_text(p) for p in rest))
        else:
            show_error(self, error)
