"""The background sender: mails what is due in the outbox, on a timer, on the database worker.

Every minute (and right after an export or a retry) it asks the OS whether the computer is
online and, if so, sends whatever the outbox says is due (``actions.send_now``). "Send now"
on the Outbox page goes through the same object, so two sends never run at once. A stopped
sender starts nothing more and asks a send under way to stop after the item it is on.

Also here: ``WorkProgress``, the progress dialog with Cancel that long work on the worker
reports to (sending here, importing in the import dialog).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..domain.messages import UserError
from ..i18n import _
from ..services.workspace import Workspace
from ..sync import actions, mailer, outbox
from .ops import OpRunner

log = logging.getLogger(__name__)

INTERVAL_MS = 60_000
FIRST_CHECK_MS = 5_000  # leave start-up alone
SHOW_AFTER_MS = 600  # a progress dialog for work that ends sooner would only flicker


class WorkProgress(QObject):
    """A progress dialog with Cancel that work on another thread reports to.

    ``report(done, total)`` may be called from any thread (it returns whether to keep going,
    the shape of the importer's progress callback); ``cancelled()`` too.
    """

    _progressed = Signal(int, int)

    def __init__(self, title: str, label: str, parent: QWidget):
        super().__init__(parent)
        self._cancel = threading.Event()
        self.dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setAccessibleName(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self._cancelled)
        self._progressed.connect(self._show)

    def report(self, done: int, total: int) -> bool:
        """Show progress (from any thread); return False once the person pressed Cancel."""
        self._progressed.emit(done, total)
        return not self._cancel.is_set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def set_label(self, text: str) -> None:
        if not self._cancel.is_set():
            self.dialog.setLabelText(text)

    @Slot(int, int)
    def _show(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    @Slot()
    def _cancelled(self) -> None:
        self._cancel.set()
        # The dialog stays up until the worker answers, so nobody starts something else meanwhile.
        self.dialog.show()
        self.dialog.setLabelText(_("Stopping…"))
        self.dialog.setCancelButton(None)

    def finish(self) -> None:
        """Close the dialog (on the GUI thread, once the work has ended)."""
        self.dialog.hide()
        self.dialog.deleteLater()
        self.deleteLater()


class MailSender(QObject):
    """Sends what is due in the outbox, one run at a time.

    Signals:
        busy_changed(bool): a send run started / ended.
        finished(object): a run ended with its list of (item id, ``Outcome``), empty if nothing was due.
        checked(): the timer looked (whether or not it sent); the network state may have changed.
    """

    busy_changed = Signal(bool)
    finished = Signal(object)
    checked = Signal()

    def __init__(self, ws: Workspace, runner: OpRunner, *, online: Callable[[], bool],
                 interval_ms: int = INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.ws, self.runner, self._online = ws, runner, online
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._first = QTimer(self, singleShot=True, interval=FIRST_CHECK_MS)
        self._first.timeout.connect(self._tick)
        self._busy = False
        self._active = False
        self._stopping = threading.Event()

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> None:
        """Check every interval from now on (the first time shortly after start-up)."""
        self._active = True
        self._stopping.clear()
        self._timer.start()
        self._first.start()

    def stop(self) -> None:
        """Start nothing more; a send under way stops after the item it is on."""
        self._active = False
        self._stopping.set()
        self._timer.stop()
        self._first.stop()

    def check_soon(self) -> None:
        """Check as soon as the event loop is free (after an export or a retry)."""
        if self._active:
            QTimer.singleShot(0, self, self._tick)

    @Slot()
    def _tick(self) -> None:
        self.check()  # a slot returns nothing to Qt

    def check(self) -> bool:
        """Send what is due if the OS says we are online and no send runs; return whether one started."""
        if not self._active or self._busy:
            return False
        online = self._online()
        self.checked.emit()
        if not online:
            return False
        self._run(manual=False)
        return True

    def send_now(self, *, progress: WorkProgress | None = None,
                 on_done: Callable[[list[tuple[str, outbox.Outcome]]], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None) -> bool:
        """Send every queued export now, even those waiting out a backoff and even when the OS says
        offline (the person asked); return False if a send is already running."""
        if self._busy:
            return False
        self._run(manual=True, progress=progress, on_done=on_done, on_error=on_error)
        return True

    def _run(self, *, manual: bool, progress: WorkProgress | None = None,
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None) -> None:
        ws, stopping = self.ws, self._stopping

        def cancelled() -> bool:
            return stopping.is_set() or (progress is not None and progress.cancelled())

        def report(done: int, total: int) -> None:
            if progress is not None:
                progress.report(done, total)

        def job() -> list[tuple[str, outbox.Outcome]]:
            smtp = mailer.SmtpSettings.load(ws)
            if not smtp.configured:
                if manual:
                    raise UserError(mailer.NOT_CONFIGURED)
                return []  # the timer leaves the queue alone until a server is set up
            if manual:
                for item in outbox.items(ws):
                    if item.status == outbox.QUEUED and item.next_attempt_at is not None:
                        with contextlib.suppress(UserError):  # another sender took it meanwhile
                            outbox.retry(ws, item.id)  # due at once: the person asked
            if not outbox.due(ws):
                return []
            return actions.send_now(ws, progress=report, cancelled=cancelled)

        self._busy = True
        self.busy_changed.emit(True)
        self.runner.run(job, on_success=lambda results: self._done(results, on_done),
                        on_error=lambda error: self._failed(error, on_error))

    def _done(self, results: list[tuple[str, outbox.Outcome]], on_done) -> None:
        self._busy = False
        self.busy_changed.emit(False)
        self.finished.emit(results)
        if on_done is not None:
            on_done(results)

    def _failed(self, error: BaseException, on_error) -> None:
        self._busy = False
        self.busy_changed.emit(False)
        self.finished.emit([])
        if on_error is not None:
            on_error(error)
        elif isinstance(error, UserError):
            log.warning("background send: %s", error)
        else:
            log.error("background send failed", exc_info=error)
