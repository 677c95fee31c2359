"""Import bundles: choose or drop .c4m files, see what each holds, then apply them.

Every file is checked on the database worker as soon as it is added (``importer.preview``): a
refused file shows the reason in the person's language and cannot be applied. "Import" applies
the accepted files one after the other (``importer.import_bundle``), each all or nothing, behind
a progress dialog whose Cancel stops the file under way without writing any of it.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from babel.dates import format_date
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.messages import N_, UserError
from ..domain.sites import SITES
from ..i18n import _
from ..services import backups
from ..services.workspace import Workspace
from ..sync import importer
from ..sync.importer import ImportCancelled, ImportResult, Preview
from .mail_sender import WorkProgress
from .ops import OpRunner, error_message

log = logging.getLogger(__name__)

BUNDLE_SUFFIX = ".c4m"
TABLE_NAMES = {
    "association": N_("Associations"), "association_sector": N_("Association sectors"),
    "member": N_("Members"), "ipr_asset": N_("IPR assets"), "business_plan": N_("Business plans"),
    "business_plan_section": N_("Business plan sections"), "financial_line": N_("Financial lines"),
    "action_plan": N_("Action plans"), "activity": N_("Activities"), "progress_update": N_("Progress updates"),
    "attachment": N_("Evidence files"), "conflict": N_("Conflict records"),
}
KEY_STATES = {
    "known": N_("Known device"),
    "new": N_("First bundle from this device: its key will be trusted"),
    "registered": N_("Registered by MI"),
}
CHECKING, READY, REFUSED, IMPORTED, CANCELLED = "checking", "ready", "refused", "imported", "cancelled"
STATE_NAMES = {
    CHECKING: N_("Checking…"), READY: N_("Ready to import"), REFUSED: N_("Refused"),
    IMPORTED: N_("Imported"), CANCELLED: N_("Cancelled, nothing written"),
}
MARKS = {CHECKING: "…", READY: "○", REFUSED: "✗", IMPORTED: "✓", CANCELLED: "○"}


@dataclass
class BundleFile:
    """One chosen file and what became of it."""

    path: Path
    state: str = CHECKING
    preview: Preview | None = None
    reason: str | None = None  # why it was refused or cancelled, translated
    result: ImportResult | None = None


def is_bundle_name(path: Path) -> bool:
    return path.suffix.lower() == BUNDLE_SUFFIX


def local_files(mime) -> list[Path]:
    """The local files a drag carries."""
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


def source_text(p: Preview) -> str:
    if p.source_role == "hq":
        return _("MI (Mekong Institute)")
    site = SITES.get(p.source_site)
    return f"{_(site.name_en)} ({site.code})" if site else p.source_site


def _when(text: str) -> str:
    try:
        return i18n.format_datetime(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return text


def _day(text: str | None) -> str:
    try:
        return format_date(date.fromisoformat(text or ""), "medium", locale=i18n.language())
    except ValueError:
        return text or ""


def period_text(p: Preview) -> str:
    start, end = p.period.get("from"), p.period.get("to")
    if not start:
        return _("No changes (only a receipt)")
    if start == end:
        return _day(start)
    return _("{start} to {end}").format(start=_day(start), end=_day(end))


def result_text(f: BundleFile) -> str:
    """One or two sentences on what became of a file that was applied, cancelled or refused."""
    name = f.path.name
    if f.state == IMPORTED and f.result is not None:
        applied, conflicts = f.result.applied, f.result.conflicts
        if not applied and not conflicts:
            return _("{name}: nothing new; everything in it was here already.").format(name=name)
        text = i18n.ngettext("{name}: {n} record applied.", "{name}: {n} records applied.",
                             applied).format(name=name, n=applied)
        if conflicts:
            text += " " + i18n.ngettext("{n} conflict to review on the Conflicts page.",
                                        "{n} conflicts to review on the Conflicts page.", conflicts).format(n=conflicts)
        return text
    if f.state == CANCELLED:
        return _("{name}: the import was cancelled; nothing of this file was written.").format(name=name)
    if f.state == REFUSED:
        return _("{name} was refused: {reason}").format(name=name, reason=f.reason or "")
    return ""


class ImportDialog(QDialog):
    """Signals:
        imported(object): the list of ``ImportResult`` of an import run that applied at least one file.
        show_conflicts(): the person asked to see the Conflicts page.
    """

    imported = Signal(object)
    show_conflicts = Signal()

    def __init__(self, ws: Workspace, runner: OpRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.runner = ws, runner
        self.bundles: list[BundleFile] = []
        self._jobs = 0
        self._closed = False
        self._importing = False
        self._progress: WorkProgress | None = None
        self._backup_warning: BaseException | None = None
        self._queue: list[BundleFile] = []
        self._run_files: list[BundleFile] = []
        self.setWindowTitle(_("Import bundles"))
        self.setAccessibleName(_("Import bundles"))
        self.setAcceptDrops(True)
        self.resize(820, 520)

        intro = QLabel(_("Choose the bundle files (.c4m) that MI or another site sent you, or drop them here. "
                         "Each file is checked before anything is written, and is imported whole or not at all."))
        intro.setWordWrap(True)
        self.files = QListWidget(accessibleName=_("Bundle files"))
        self.files.currentRowChanged.connect(self._show_details)
        add = QPushButton(_("&Add files…"), accessibleName=_("Add bundle files"))
        add.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(_("&Remove"), accessibleName=_("Remove the selected file"))
        self.remove_button.clicked.connect(self.remove_current)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.files, self.remove_current)
        self.details = QLabel(accessibleName=_("What the bundle holds"))
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        scroll = QScrollArea(accessibleName=_("Bundle details"))
        scroll.setWidget(self.details)
        scroll.setWidgetResizable(True)
        self.summary = QLabel(accessibleName=_("Import result"))
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.setAccessibleName(_("Dialog buttons"))
        self.apply_button = self.buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.apply_button.setAccessibleName(_("Import the accepted files"))
        self.apply_button.clicked.connect(self.apply)
        self.conflicts_button = self.buttons.addButton(_("Show &conflicts"), QDialogButtonBox.ButtonRole.ActionRole)
        self.conflicts_button.setAccessibleName(_("Show conflicts"))
        self.conflicts_button.clicked.connect(self._go_to_conflicts)
        self.conflicts_button.hide()
        self.buttons.rejected.connect(self.reject)

        side = QVBoxLayout()
        side.addWidget(self.files, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_button)
        side.addLayout(row)
        body = QHBoxLayout()
        body.addLayout(side, 2)
        body.addWidget(scroll, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._update()

    # --- files ------------------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, _("Choose bundle files"), "", _("C4M bundles (*.c4m);;All files (*)"))
        self.add_files(Path(p) for p in paths)

    def add_files(self, paths: Iterable[Path]) -> None:
        """Add files (a file already listed is not added twice) and check each on the worker."""
        known = {b.path for b in self.bundles}
        for path in paths:
            path = path.resolve()
            if path in known or not path.is_file():
                continue
            known.add(path)
            bundle = BundleFile(path)
            self.bundles.append(bundle)
            self.files.addItem(QListWidgetItem())
            self._refresh_item(bundle)
            self._check(bundle)
        if self.files.currentRow() < 0 and self.bundles:
            self.files.setCurrentRow(0)
        self._update()

    def remove_current(self) -> None:
        row = self.files.currentRow()
        if self._importing or row < 0:
            return
        self.bundles.pop(row)
        self.files.takeItem(row)
        self._update()

    def _check(self, bundle: BundleFile) -> None:
        ws, path = self.ws, bundle.path
        self._run(lambda: importer.preview(ws, path),
                  lambda p: self._checked(bundle, p), lambda e: self._refused(bundle, e))

    def _checked(self, bundle: BundleFile, preview: Preview) -> None:
        bundle.state, bundle.preview = READY, preview
        self._refresh_item(bundle)

    def _refused(self, bundle: BundleFile, error: BaseException) -> None:
        if not isinstance(error, UserError):
            log.error("checking %s failed", bundle.path, exc_info=error)
        bundle.state, bundle.reason = REFUSED, error_message(error)
        self._refresh_item(bundle)

    # --- applying ---------------------------------------------------------------------------------

    def importable(self) -> list[BundleFile]:
        return [b for b in self.bundles if b.state in (READY, CANCELLED)]

    def apply(self) -> None:
        """Import every accepted file, one after the other, behind a progress dialog with Cancel."""
        todo = self.importable()
        if not todo or self._importing or self._jobs:
            return
        self._importing = True
        self._queue, self._run_files = list(todo), list(todo)
        self._progress = WorkProgress(_("Importing bundles"), _("Importing…"), self)
        self.summary.clear()
        self._update()
        ws = self.ws
        self._backup_warning = None
        self._run(lambda: backups.before(ws, "before-import"), self._backed_up, self._backed_up)

    def _backed_up(self, missing) -> None:
        """A copy first; a backup folder that is not there is said at the end, it does not stop the import."""
        self._backup_warning = missing if isinstance(missing, BaseException) else None
        self._import_next()

    @property
    def progress(self) -> WorkProgress | None:
        """The progress of the import under way, if any."""
        return self._progress

    def _import_next(self) -> None:
        if not self._queue:
            self._import_finished()
            return
        bundle = self._queue.pop(0)
        n, total = len(self._run_files) - len(self._queue), len(self._run_files)
        progress = self._progress
        assert progress is not None
        progress.set_label(_("Importing {name} ({i} of {n})…").format(name=bundle.path.name, i=n, n=total))
        ws, path = self.ws, bundle.path
        self._run(lambda: importer.import_bundle(ws, path, progress=progress.report),
                  lambda r: self._applied(bundle, r), lambda e: self._not_applied(bundle, e))

    def _applied(self, bundle: BundleFile, result: ImportResult) -> None:
        bundle.state, bundle.result, bundle.reason = IMPORTED, result, None
        self._refresh_item(bundle)
        self._import_next()

    def _not_applied(self, bundle: BundleFile, error: BaseException) -> None:
        if isinstance(error, ImportCancelled):
            bundle.state, bundle.reason = CANCELLED, error_message(error)
            self._refresh_item(bundle)
            self._queue = []  # the files after it are not started; they stay ready
        else:
            if not isinstance(error, UserError):
                log.error("importing %s failed", bundle.path, exc_info=error)
            bundle.state, bundle.reason = REFUSED, error_message(error)
            self._refresh_item(bundle)
        self._import_next()

    def _import_finished(self) -> None:
        if self._progress is not None:
            self._progress.finish()
            self._progress = None
        self._importing = False
        ran = [b for b in self._run_files if b.state != READY]
        lines = [result_text(b) for b in ran]
        if self._backup_warning is not None:
            lines.append(error_message(self._backup_warning))
        self.summary.setText("\n".join(lines))
        results = [b.result for b in ran if b.state == IMPORTED and b.result is not None]
        self.conflicts_button.setVisible(any(r.conflicts for r in results))
        self._run_files = []
        self._show_details(self.files.currentRow())
        self._update()
        if results:
            self.imported.emit(results)

    def _go_to_conflicts(self) -> None:
        self.show_conflicts.emit()
        self.accept()

    # --- showing ----------------------------------------------------------------------------------

    def _refresh_item(self, bundle: BundleFile) -> None:
        if bundle not in self.bundles:
            return  # removed while it was being checked
        row = self.bundles.index(bundle)
        item = self.files.item(row)
        item.setText(f"{MARKS[bundle.state]} {bundle.path.name}\n    {_(STATE_NAMES[bundle.state])}")
        item.setToolTip(str(bundle.path))
        if row == self.files.currentRow():
            self._show_details(row)

    def _show_details(self, row: int) -> None:
        if not 0 <= row < len(self.bundles):
            self.details.setText(_("No file chosen yet."))
            return
        self.details.setText(details_html(self.bundles[row]))

    def _update(self) -> None:
        busy = self._importing or self._jobs > 0
        self.apply_button.setEnabled(not busy and bool(self.importable()))
        self.apply_button.setDefault(self.apply_button.isEnabled())
        self.remove_button.setEnabled(not self._importing and self.files.currentRow() >= 0)
        if not self.bundles:
            self._show_details(-1)

    def _run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
        """Run on the worker; drop the answer if the dialog was closed meanwhile."""
        self._jobs += 1

        def answer(callback: Callable[[Any], None], value: Any) -> None:
            self._jobs -= 1
            if self._closed:
                if not self._jobs:
                    self.deleteLater()
                return
            callback(value)
            self._update()

        self.runner.run(fn, on_success=lambda r: answer(on_success, r), on_error=lambda e: answer(on_error, e))

    @property
    def busy(self) -> bool:
        return self._importing or self._jobs > 0

    def done(self, result: int) -> None:
        if self._importing:
            return  # the progress dialog's Cancel stops an import; closing would hide it
        super().done(result)
        self._closed = True
        if not self._jobs:
            self.deleteLater()

    # --- drag and drop ----------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if local_files(event.mimeData()) and not self._importing:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = local_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)


def details_html(bundle: BundleFile) -> str:
    """What the dialog says about one file: its origin, contents and key, or why it is refused."""
    e = html.escape
    head = f"<p><b>{e(bundle.path.name)}</b><br>{e(str(bundle.path.parent))}</p>"
    if bundle.state == CHECKING:
        checking = _("Checking the file…")
        return head + f"<p>{e(checking)}</p>"
    if bundle.state == REFUSED:
        refused = _("This file is refused; it cannot be imported.")
        return head + (f"<p style='color:#b00020'><b>{e(refused)}</b>"
                       f"<br>{e(bundle.reason or '')}</p>")
    p = bundle.preview
    if p is None:
        return head
    rows = [
        (_("From"), source_text(p)),
        (_("Coordinator"), p.coordinator or "—"),
        (_("Device"), p.source_device),
        (_("Made"), _when(p.created_at)),
        (_("Changes dated"), period_text(p)),
        (_("Encrypted"), _("Yes, for this install") if p.sealed else _("No")),
        (_("Signature"), _("Valid")),
        (_("Made with"), _("c4m-desktop {version}").format(version=p.app_version) if p.app_version
         else _("an older version of c4m-desktop")),
        (_("Device key"), _("Trusted from this bundle on") if bundle.state == IMPORTED and p.key_state == "new"
         else _(KEY_STATES.get(p.key_state, p.key_state))),
    ]
    table = "".join(f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in rows)
    order = {name: i for i, name in enumerate(TABLE_NAMES)}
    counts = "".join(f"<tr><td>{e(_(TABLE_NAMES.get(name, name)))}</td><td align='right'>{n}</td></tr>"
                     for name, n in sorted(p.counts.items(), key=lambda kv: order.get(kv[0], len(order))))
    total = sum(p.counts.values())
    out = head
    done = result_text(bundle)
    if done:
        out += f"<p><b>{e(done)}</b></p>"
    out += f"<table cellspacing='0' cellpadding='3'>{table}</table>"
    records = i18n.ngettext("{n} record", "{n} records", total).format(n=total)
    out += f"<p><b>{e(records)}</b></p>"
    if counts:
        out += f"<table cellspacing='0' cellpadding='2'>{counts}</table>"
    if p.zawgyi_suspects:
        n = len(p.zawgyi_suspects)
        suspects = i18n.ngettext(
            "{n} record has Burmese text that looks like Zawgyi. It is imported as it is; open it to "
            "convert the text to Unicode.",
            "{n} records have Burmese text that looks like Zawgyi. They are imported as they are; open "
            "them to convert the text to Unicode.", n).format(n=n)
        out += f"<p style='color:#8a5300'>{e(suspects)}</p>"
    return out
