"""Build a printed report in a language of the person's choice, preview it, print it, save it.

The report is built on the database worker (it reads the plan, then lays the PDF out) while a
progress bar and a Cancel button show in the dialog; the UI keeps its own language whatever the
report's. The preview is QtPdf's QPdfView over the PDF held in memory; Print… renders each page
with QPdfDocument.render onto the printer the OS print dialog set up; Save as PDF… writes the
same bytes to a file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRect,
    QSize,
    QStandardPaths,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.messages import N_, UserError
from ..i18n import _
from ..reports.output import write_pdf
from ..services.workspace import Workspace
from .ops import OpRunner, show_error

if TYPE_CHECKING:
    from ..reports.business_plan import ReportPDF

KINDS = ("business_plan", "action_plan", "synthesis")
TITLES = {"business_plan": N_("Business plan report"), "action_plan": N_("Progress report"),
          "synthesis": N_("Synthesis report")}
PRINT_DPI = 300  # enough for print; a page image at the printer's own 600+ dpi would be ~140 MB


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI thread; holds the cancel flag."""

    progressed = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self.stop = threading.Event()

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    def cancelled(self) -> bool:
        return self.stop.is_set()


class ReportDialog(QDialog):
    """Choose the report's language, see the report, print or save it.

    Args:
        kind: "business_plan", "action_plan" (a plan's id as ``record_id``) or "synthesis".
        unsaved: the editor that opened it has unsaved changes (the report shows what is saved).

    Signals:
        built(object): a ``ReportPDF`` is ready and shown.
    """

    built = Signal(object)

    def __init__(self, ws: Workspace, runner: OpRunner, *, kind: str, record_id: str | None = None,
                 unsaved: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown report {kind!r}")
        self.ws, self.runner, self.kind, self.record_id = ws, runner, kind, record_id
        self.pdf: ReportPDF | None = None
        self._job: _Progress | None = None
        self._again = False
        self._buffer: QBuffer | None = None
        self.setWindowTitle(_(TITLES[kind]))
        self.setAccessibleName(_(TITLES[kind]))
        self.resize(900, 860)

        self.language = QComboBox(accessibleName=_("Language of the report"))
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.language())))
        self.language.currentIndexChanged.connect(self.rebuild)
        language_label = QLabel(_("Report &language:"))
        language_label.setBuddy(self.language)
        self.status = QLabel(accessibleName=_("Report status"))
        self.bar = QProgressBar(accessibleName=_("Report progress"))
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(220)
        self.cancel_button = QPushButton(_("Cancel"), accessibleName=_("Stop building the report"))
        self.cancel_button.clicked.connect(self.cancel)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName(_("Report preview"))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.setAccessibleName(_("Dialog buttons"))
        self.print_button = self.buttons.addButton(_("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setAccessibleName(_("Print the report"))
        self.print_button.clicked.connect(self.print_report)
        self.save_button = self.buttons.addButton(_("&Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setAccessibleName(_("Save the report as a PDF file"))
        self.save_button.clicked.connect(self.save_pdf)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_report)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save_pdf)

        top = QHBoxLayout()
        top.addWidget(language_label)
        top.addWidget(self.language)
        top.addSpacing(12)
        top.addWidget(self.status, 1)
        top.addWidget(self.bar)
        top.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if unsaved:
            note = QLabel(_("The editor has unsaved changes: the report shows the plan as last saved."))
            note.setWordWrap(True)
            note.setAccessibleName(_("Unsaved changes"))
            layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self._update()
        self.rebuild()

    # --- building -------------------------------------------------------------------------------
    @property
    def report_language(self) -> str:
        return self.language.currentData()

    @property
    def busy(self) -> bool:
        return self._job is not None

    def rebuild(self, *_args: Any) -> None:
        """Build the report in the chosen language (after the build under way, if any)."""
        if self._job is not None:
            self._again = True
            self._job.stop.set()
            return
        job = _Progress()
        job.progressed.connect(self._progressed)
        self._job = job
        self.status.setText(_("Building the report…"))
        self.bar.setRange(0, 0)  # busy until the first progress arrives
        self._update()
        self.runner.run(self._builder(self.report_language, job), on_success=self._built,
                        on_error=self._failed)

    def _builder(self, lang: str, job: _Progress) -> Callable[[], ReportPDF]:
        # ReportLab, HarfBuzz and ICU load on the first report, not when the window starts (0.3 s).
        from ..reports import business_plan, progress, synthesis

        ws, record_id = self.ws, self.record_id
        kw: dict[str, Any] = {"lang": lang, "progress": job.report, "cancelled": job.cancelled}
        if self.kind == "business_plan":
            return lambda: business_plan.build(ws, plan_id=record_id, **kw)
        if self.kind == "action_plan":
            return lambda: progress.build(ws, plan_id=record_id, **kw)
        return lambda: synthesis.build(ws, **kw)

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self._job is not None and not self._job.cancelled():
            self.bar.setRange(0, max(total, 1))
            self.bar.setValue(min(done, total))

    def cancel(self) -> None:
        """Stop the build under way (the preview keeps the last report built)."""
        if self._job is not None:
            self._again = False
            self._job.stop.set()
            self.status.setText(_("Stopping…"))

    def _finish_job(self) -> bool:
        """Forget the finished job; start the next build if one was asked for meanwhile."""
        job, self._job = self._job, None
        if job is not None:
            job.deleteLater()
        if self._again:
            self._again = False
            self.rebuild()
            return True
        return False

    def _built(self, pdf: ReportPDF) -> None:
        if self._finish_job():
            return
        self.pdf = pdf
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.status.setText(i18n.ngettext("{n} page", "{n} pages", pdf.pages).format(n=pdf.pages))
        self._update()
        self.built.emit(pdf)

    def _failed(self, error: BaseException) -> None:
        if self._finish_job():
            return
        from ..reports.business_plan import ReportCancelled

        if isinstance(error, ReportCancelled):
            self.status.setText(_("Stopped."))
        else:
            self.status.setText(_("The report could not be built."))
            show_error(self, error)
        self._update()

    def _update(self) -> None:
        busy = self._job is not None
        self.bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        ready = self.pdf is not None and not busy
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    # --- saving and printing ----------------------------------------------------------------------
    def save_pdf(self) -> Path | None:
        """Ask where to save the report and write it there; return the path written."""
        if self.pdf is None or self.busy:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save report as PDF"), str(Path(folder or Path.home()) / self.pdf.filename),
            _("PDF files (*.pdf)"))
        if not path:
            return None
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".pdf")
        try:
            write_pdf(target, self.pdf.data)
        except UserError as error:
            show_error(self, error)
            return None
        self.status.setText(_("Saved {name}.").format(name=target.name))
        return target

    def print_report(self) -> None:
        """Show the OS print dialog and print the report's pages."""
        if self.pdf is None or self.busy:
            return
        printer = self.make_printer()
        printer.setDocName(self.pdf.title)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = print_document(self.document, printer)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if printed:
            self.status.setText(i18n.ngettext("Sent {n} page to the printer.",
                                              "Sent {n} pages to the printer.", printed).format(n=printed))
        else:
            self.status.setText(_("The printer could not be started."))

    def make_printer(self) -> QPrinter:
        """Return the printer the print dialog sets up (the system's default to start with)."""
        return QPrinter(QPrinter.PrinterMode.HighResolution)

    def done(self, result: int) -> None:
        if self._job is not None:
            self._again = False
            self._job.stop.set()
        super().done(result)


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Render the pages the printer asks for onto it, each fitted to the printable area;
    return how many were printed (0 if the printer would not start)."""
    count = document.pageCount()
    first, last = printer.fromPage(), printer.toPage()
    pages = range(first - 1, min(last, count)) if first > 0 else range(count)
    painter = QPainter()
    if not pages or not painter.begin(printer):
        return 0
    dpi = min(printer.resolution(), PRINT_DPI)
    try:
        for i, page in enumerate(pages):
            if i:
                printer.newPage()
            size = document.pagePointSize(page)
            image = document.render(page, QSize(round(size.width() / 72 * dpi),
                                                round(size.height() / 72 * dpi)))
            area = painter.viewport()
            scale = min(area.width() / image.width(), area.height() / image.height())
            target = QRect(0, 0, round(image.width() * scale), round(image.height() * scale))
            target.moveCenter(area.center())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(pages)




def synthesis_action(window: Any) -> QAction:
    """Return a "Synthesis report…" menu action for the main window (it has .ws and .runner)."""
    action = QAction(_("S&ynthesis report…"), window)

    def open_dialog() -> None:
        dialog = ReportDialog(window.ws, window.runner, kind="synthesis", parent=window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    action.triggered.connect(open_dialog)
    return action
