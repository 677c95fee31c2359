"""Run database work on one background thread and hand results back to the GUI thread.

After Anki's CollectionOp/QueryOp: one worker serialises every database call (SQLite has one
writer), results and errors return by queued signal, and a known error becomes a dialog in the
user's language while a bug is logged with its traceback.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import i18n
from ..domain.messages import UserError, ValidationError
from ..i18n import _

log = logging.getLogger(__name__)


class _Worker(QObject):
    done = Signal(int, object, object)  # job id, result, exception

    @Slot(int, object)
    def run(self, job_id: int, fn: Callable[[], Any]) -> None:
        try:
            result = fn()
        except BaseException as exc:  # handed to the GUI thread, which decides
            self.done.emit(job_id, None, exc)
        else:
            self.done.emit(job_id, result, None)


class OpRunner(QObject):
    """The app's single database worker.

    Signals:
        busy_changed(bool): work is queued or running / all done.
    """

    busy_changed = Signal(bool)
    _submit = Signal(int, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("c4m-db-worker")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.done.connect(self._finished)
        self._pending: dict[int, tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]] = {}
        self._ids = itertools.count(1)
        self._thread.start()

    def run(self, fn: Callable[[], Any], *, on_success: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> int:
        """Queue fn on the worker; call on_success(result) or on_error(exc) on the GUI thread."""
        job = next(self._ids)
        self._pending[job] = (on_success, on_error)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._submit.emit(job, fn)
        return job

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @Slot(int, object, object)
    def _finished(self, job: int, result: Any, error: BaseException | None) -> None:
        on_success, on_error = self._pending.pop(job, (None, None))
        if not self._pending:
            self.busy_changed.emit(False)
        if not (_alive(on_success) and _alive(on_error)):
            return  # its window was closed while the work ran: nobody to tell
        if error is None:
            if on_success:
                on_success(result)
        elif on_error:
            on_error(error)
        else:
            show_error(None, error)

    def shutdown(self) -> None:
        """Let queued work finish, then stop the thread."""
        self._thread.quit()
        self._thread.wait()


def _alive(callback: Callable[..., Any] | None) -> bool:
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def error_message(error: BaseException) -> str:
    """Return what a person should read about an error."""
    if isinstance(error, ValidationError):
        return "\n".join(i18n.problem_text(p) for p in error.problems)
    if isinstance(error, UserError):
        return i18n.error_text(error)
    return _("Something went wrong that should not have: {error}").format(error=error)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    if not isinstance(error, UserError):
        log.error("unexpected error in database work", exc_info=error)
    QMessageBox.warning(parent, _("c4m-desktop"), error_message(error))
