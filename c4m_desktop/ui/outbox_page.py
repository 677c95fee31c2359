"""The Outbox & sync page: export, send, save to a folder or USB stick, retry, import.

A table shows every outbox item (nothing is ever deleted) and, above it, one line per
recipient says how far its receipts confirm this install's changes, with a warning when
changes wait and nothing was confirmed for two weeks. Every action runs on the database
worker; sending goes through the background sender, so two sends never run at once.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.messages import N_
from ..domain.sites import SITES
from ..i18n import _
from ..services import device
from ..services.workspace import Workspace
from ..sync import actions, outbox, status
from ..sync.status import Confirmation, SyncStatus
from .language import redraw_on_switch
from .mail_sender import MailSender, WorkProgress
from .ops import OpRunner, error_message, show_error

COLUMNS = (N_("Made"), N_("To"), N_("Status"), N_("Attempts"), N_("Last problem"), N_("Sent"), N_("File"))
LAST_PROBLEM = 4
STATUS_WORDS = {
    outbox.QUEUED: N_("Waiting to be sent"),
    outbox.SENDING: N_("Being sent"),
    outbox.SENT: N_("Sent by e-mail"),  # not "Sent": that is the column of when, translated as such
    outbox.FAILED: N_("Not sent: needs you"),
    outbox.TOO_LARGE: N_("Too large for e-mail"),
    outbox.SAVED: N_("Saved to a folder"),
}
RETRYABLE = (outbox.FAILED, outbox.QUEUED, outbox.SAVED)
WARNING_STYLE = "color: #8a4b00"


def _time(value: datetime | None) -> str:
    """A short local date and time (the table has seven columns to fit)."""
    if value is None:
        return ""
    return format_datetime(value.astimezone(), "short", locale=i18n.language())


def _day(value: datetime) -> str:
    return format_date(value.astimezone().date(), "medium", locale=i18n.language())


def status_words(item: outbox.Item) -> str:
    """The item's state as a person would say it."""
    if item.status == outbox.QUEUED and item.next_attempt_at is not None:
        return _("Waiting, next try {time}").format(time=_time(item.next_attempt_at))
    return _(STATUS_WORDS.get(item.status, item.status))


def recipient_name(c: Confirmation, all_peers: list[Confirmation]) -> str:
    if c.is_mi:
        name = _("MI")
    else:
        site = SITES.get(c.site_code or "")
        name = _(site.name_en) if site else (c.site_code or _("Unknown site"))
    if c.device_id and sum(1 for o in all_peers if o.is_mi == c.is_mi and o.site_code == c.site_code) > 1:
        name = f"{name} ({c.device_id[:8]})"  # two laptops of one site: tell them apart
    return name


def confirmation_text(c: Confirmation, all_peers: list[Confirmation]) -> str:
    """E.g. "MI confirmed up to 23 Nov 2026; 5 changes not yet confirmed."."""
    who, n = recipient_name(c, all_peers), c.pending
    if c.confirmed_at is not None:
        if not n:
            return _("{who} confirmed up to {date}; everything is confirmed.").format(
                who=who, date=_day(c.confirmed_at))
        return i18n.ngettext("{who} confirmed up to {date}; {n} change not yet confirmed.",
                             "{who} confirmed up to {date}; {n} changes not yet confirmed.", n).format(
            who=who, date=_day(c.confirmed_at), n=n)
    if not n:
        return _("{who} has not confirmed anything yet; no changes are waiting.").format(who=who)
    return i18n.ngettext("{who} has not confirmed anything yet; {n} change not yet confirmed.",
                         "{who} has not confirmed anything yet; {n} changes not yet confirmed.", n).format(
        who=who, n=n)


def overdue_text(c: Confirmation, all_peers: list[Confirmation]) -> str:
    return _("Nothing was confirmed for more than {days} days while changes wait. Check that the exports "
             "reach {who} and are imported there, or save one to a USB stick.").format(
        days=status.CONFIRM_WARN_AFTER.days, who=recipient_name(c, all_peers))


class OutboxPage(QWidget):
    """Signals:
        import_requested(): the person asked to import bundles.
        changed(): outbox items changed (the status bar counts waiting exports).
    """

    import_requested = Signal()
    changed = Signal()

    def __init__(self, ws: Workspace, runner: OpRunner, sender: MailSender, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.runner, self.sender = ws, runner, sender
        self.items: list[outbox.Item] = []
        self.status: SyncStatus | None = None
        self._generation = 0
        redraw_on_switch(self, self.refresh)  # dates and counts in the new language
        self._exporting = False
        self._saving = False
        self._select_after: str | None = None
        self._last_folder = ""
        self.setObjectName("outbox")
        self.setAccessibleName(_("Outbox & sync"))
        info = device.current(ws)
        self.at_mi = info is not None and info.role == "hq"

        heading = _("Outbox & sync")
        title = QLabel(f"<h2>{html.escape(heading)}</h2>")
        if self.at_mi:
            intro = QLabel(_("An export for a site is a file to send to its coordinator yourself (by e-mail or "
                             "on a USB stick). Bundles that the sites send are imported here."))
        else:
            intro = QLabel(_("Exports wait here until they are e-mailed to MI; the app sends them by itself "
                             "when the computer is online. Without a connection, save one to a folder or USB "
                             "stick and hand it over."))
        intro.setWordWrap(True)

        self.recipient = QComboBox(accessibleName=_("Export to"))
        for code, site in SITES.items():
            self.recipient.addItem(f"{_(site.name_en)} ({code})", code)
        recipient_label = QLabel(_("Export &to:"))
        recipient_label.setBuddy(self.recipient)
        for w in (self.recipient, recipient_label):
            w.setVisible(self.at_mi)  # a site always exports to MI
        self.export_button = QPushButton(_("E&xport now"), accessibleName=_("Export now"))
        QShortcut(QKeySequence("Ctrl+E"), self, self.export_now)  # the button keeps Alt+X
        self.export_button.setToolTip(_("Make a bundle of every change not yet confirmed (Ctrl+E)"))
        self.export_button.clicked.connect(self.export_now)
        self.send_button = QPushButton(_("&Send now"), accessibleName=_("Send now"))
        self.send_button.setToolTip(_("Send every waiting export now"))
        self.send_button.clicked.connect(self.send_now)
        self.save_button = QPushButton(_("Save to folder/&USB…"), accessibleName=_("Save to folder or USB stick"))
        self.save_button.setToolTip(_("Copy the selected export to a folder or USB stick"))
        self.save_button.clicked.connect(self.save_to_folder)
        self.retry_button = QPushButton(_("&Retry"), accessibleName=_("Retry"))
        self.retry_button.setToolTip(_("Put the selected export back in the queue, to be sent at once"))
        self.retry_button.clicked.connect(self.retry)
        self.import_button = QPushButton(_("&Import bundle…"), accessibleName=_("Import bundle"))
        self.import_button.setToolTip(_("Import bundles from MI or another site (Ctrl+I)"))
        self.import_button.clicked.connect(self.import_requested)
        buttons = QHBoxLayout()
        for w in (recipient_label, self.recipient, self.export_button, self.send_button, self.save_button,
                  self.retry_button, self.import_button):
            buttons.addWidget(w)
        buttons.addStretch(1)

        self.note = QLabel(accessibleName=_("What the last action did"))
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.confirmations = QLabel(accessibleName=_("Confirmations"))
        self.confirmations.setWordWrap(True)
        self.confirmations.setTextFormat(Qt.TextFormat.RichText)
        self.heading = QLabel(accessibleName=_("Outbox"))

        self.table = QTableWidget(0, len(COLUMNS), accessibleName=_("Outbox"))
        self.table.setHorizontalHeaderLabels([_(h) for h in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        # Every column as wide as its text, but the problem takes what is left (the whole text is
        # in its tooltip), so the file name stays in view without scrolling sideways.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LAST_PROBLEM, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.details = QLabel(accessibleName=_("Selected export"))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        sender.busy_changed.connect(self._update_buttons)
        sender.finished.connect(self._sender_finished)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.confirmations)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        self.note.hide()
        self._update_buttons()

    # --- reading ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the outbox and the confirmations again (on the worker)."""
        self._generation += 1
        generation, ws = self._generation, self.ws
        self.runner.run(lambda: status.sync_status(ws),
                        on_success=lambda s: self._show(generation, s),
                        on_error=lambda e: show_error(self, e))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def _show(self, generation: int, s: SyncStatus) -> None:
        if generation != self._generation:
            return  # a newer read is on its way
        selected = self.current_item()
        self.status, self.items = s, s.items
        lines = []
        for c in s.confirmations:
            lines.append(html.escape(confirmation_text(c, s.confirmations)))
            if c.overdue:
                lines.append(f"<span style='{WARNING_STYLE}'><b>⚠ {html.escape(overdue_text(c, s.confirmations))}"
                             "</b></span>")
        if not lines:
            lines.append(html.escape(_("No site has sent a bundle yet, so none has confirmed anything.")))
        self.confirmations.setText("<br>".join(lines))
        if not s.items and self.at_mi:
            self.heading.setText(_("Nothing waits for e-mail: exports for the sites are files you send yourself."))
        elif not s.items:
            self.heading.setText(_("No exports yet. “Export now” makes one."))
        else:
            self.heading.setText(i18n.ngettext("{n} export in the outbox, {w} waiting.",
                                               "{n} exports in the outbox, {w} waiting.",
                                               len(s.items)).format(n=len(s.items), w=s.waiting))
        self.table.setRowCount(len(s.items))
        for r, item in enumerate(s.items):
            self._fill_row(r, item)
        keep = self._select_after or (selected.id if selected is not None else None)
        self._select_after = None
        if keep is not None:
            self.select(keep)
        self._update_buttons()

    def _fill_row(self, r: int, item: outbox.Item) -> None:
        problem = item.last_error or ""  # already in the current language (outbox._item)
        file_tip = str(item.bundle_path)
        if item.saved_to is not None:
            file_tip += "\n" + _("Copy saved to {path}").format(path=item.saved_to)
        cells: list[tuple[str, str | None]] = [
            (_time(item.created_at), None), (item.recipient, None), (status_words(item), None),
            (str(item.attempts), None), (problem, problem or None), (_time(item.sent_at), None),
            (item.bundle_path.name, file_tip)]
        for c, (text, tip) in enumerate(cells):
            cell = QTableWidgetItem(text)
            if tip:
                cell.setToolTip(tip)
            if c == 0:
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
            if c == 3:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, c, cell)

    def current_item(self) -> outbox.Item | None:
        row = self.table.currentRow()
        if not self.table.selectionModel().hasSelection() or not 0 <= row < len(self.items):
            return None
        return self.items[row]

    def select(self, item_id: str) -> None:
        for r, item in enumerate(self.items):
            if item.id == item_id:
                self.table.selectRow(r)
                return

    def _update_buttons(self, *_args: Any) -> None:
        item = self.current_item()
        self.details.setText(item_details(item) if item is not None else "")
        self.details.setVisible(item is not None)
        self.export_button.setEnabled(not self._exporting)
        self.send_button.setEnabled(not self.sender.busy)
        self.save_button.setEnabled(item is not None and not self._saving)
        self.retry_button.setEnabled(item is not None and item.status in RETRYABLE)

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # --- actions ------------------------------------------------------------------------------------

    def export_now(self) -> None:
        """Export every change the recipient has not confirmed; a site's export goes to the outbox."""
        if self._exporting:
            return
        ws = self.ws
        recipient = self.recipient.currentData() if self.at_mi else None
        self._exporting = True
        self._update_buttons()
        self._say(_("Exporting…"))
        self.runner.run(lambda: actions.export_now(ws, recipient=recipient),
                        on_success=self._exported, on_error=self._export_failed)

    def _exported(self, exported: actions.Exported) -> None:
        self._exporting = False
        self._update_buttons()
        result, item = exported.result, exported.item
        if result.rows:
            made = i18n.ngettext("Exported {n} change to {path}.", "Exported {n} changes to {path}.",
                                 result.rows).format(n=result.rows, path=result.path)
        else:
            made = _("Exported a bundle without new changes (it tells the other side what this install has "
                     "received) to {path}.").format(path=result.path)
        if item is None:
            then = _("It is not in the outbox, as there is no e-mail address to send it to: hand the file "
                     "over yourself.")
        elif item.status == outbox.TOO_LARGE:
            then = _("It is too large for e-mail ({size} MB). Save it to a folder or USB stick with "
                     "“Save to folder/USB…” and hand it over.").format(
                size=f"{outbox.mail_size(result.size) / (1024 * 1024):.1f}")
        else:
            then = _("It waits in the outbox and is sent to {address} at the next chance.").format(
                address=item.recipient)
        left_out = _("Members' phone numbers and e-mails were left out of this bundle.") \
            if result.contacts_left_out else ""
        self._say(" ".join(filter(None, (made, then, left_out))))
        self._select_after = item.id if item is not None else None
        self.refresh()
        self.changed.emit()
        self.sender.check_soon()

    def _export_failed(self, error: BaseException) -> None:
        self._exporting = False
        self._say("")
        self._update_buttons()
        show_error(self, error)

    def send_now(self) -> None:
        """Send every waiting export now, behind a progress dialog with Cancel."""
        if self.sender.busy:
            return
        progress = WorkProgress(_("Sending exports"), _("Sending…"), self)
        started = self.sender.send_now(progress=progress, on_done=lambda r: self._sent(progress, r),
                                       on_error=lambda e: self._send_failed(progress, e))
        if not started:
            progress.finish()
            return
        self._say(_("Sending…"))

    def _sent(self, progress: WorkProgress, results: list[tuple[str, outbox.Outcome]]) -> None:
        stopped = progress.cancelled()
        progress.finish()
        self._say(send_summary(results, stopped=stopped))

    def _send_failed(self, progress: WorkProgress, error: BaseException) -> None:
        progress.finish()
        self._say("")
        show_error(self, error)

    def _sender_finished(self, results: list) -> None:
        self.refresh()
        if results:
            self.changed.emit()

    def save_to_folder(self) -> None:
        """Copy the selected export into a folder the person chooses (a USB stick, say)."""
        item = self.current_item()
        if item is None or self._saving:
            return
        folder = QFileDialog.getExistingDirectory(self, _("Choose a folder or USB stick"), self._last_folder)
        if not folder:
            return
        self._last_folder = folder
        self._saving = True
        self._update_buttons()
        ws, item_id = self.ws, item.id
        self.runner.run(lambda: outbox.save_to_folder(ws, item_id, Path(folder)),
                        on_success=self._saved, on_error=self._save_failed)

    def _saved(self, path: Path) -> None:
        self._saving = False
        self._say(_("Saved a copy to {path}.").format(path=path))
        self.refresh()
        self.changed.emit()

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self._update_buttons()
        show_error(self, error)

    def retry(self) -> None:
        """Put the selected export back in the queue, due at once."""
        item = self.current_item()
        if item is None:
            return
        ws, item_id = self.ws, item.id
        self.runner.run(lambda: outbox.retry(ws, item_id), on_success=self._retried,
                        on_error=lambda e: show_error(self, e))

    def _retried(self, item: outbox.Item) -> None:
        self._say(_("The export to {address} is back in the queue and is sent at the next chance.").format(
            address=item.recipient))
        self.refresh()
        self.changed.emit()
        self.sender.check_soon()


def item_details(item: outbox.Item) -> str:
    """Everything about one export that the table cuts short, one fact a line."""
    lines = [_("File: {path}").format(path=item.bundle_path)]
    if item.saved_to is not None:
        lines.append(_("Copy saved to {path}").format(path=item.saved_to))
    if item.last_error:
        lines.append(_("Last problem: {text}").format(text=item.last_error))
    if item.subject:
        lines.append(_("E-mail subject: {subject}").format(subject=item.subject))
    return "\n".join(lines)


def send_summary(results: list[tuple[str, outbox.Outcome]], *, stopped: bool = False) -> str:
    """What a "Send now" came to, in whole sentences."""
    if not results and not stopped:
        return _("Nothing is waiting to be sent.")
    sent = [o for _i, o in results if o.status == outbox.SENT]
    later = [o for _i, o in results if o.status == outbox.QUEUED]
    failed = [o for _i, o in results if o.status == outbox.FAILED]
    parts = []
    if sent:
        parts.append(i18n.ngettext("{n} export sent.", "{n} exports sent.", len(sent)).format(n=len(sent)))
    if later:
        parts.append(i18n.ngettext("{n} export could not be sent and is tried again later.",
                                   "{n} exports could not be sent and are tried again later.",
                                   len(later)).format(n=len(later)))
    if failed:
        parts.append(i18n.ngettext("{n} export needs you before it can be sent.",
                                   "{n} exports need you before they can be sent.",
                                   len(failed)).format(n=len(failed)))
    errors = [o.error for o in later + failed if o.error is not None]
    if errors:
        parts.append(error_message(errors[0]))
    if stopped:
        parts.append(_("Sending was stopped; what was not sent waits in the outbox."))
    return " ".join(parts)
