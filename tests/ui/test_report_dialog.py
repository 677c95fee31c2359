"""The report dialog: built on the worker in the chosen language, previewed, printed, saved."""

from __future__ import annotations

import subprocess
import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from c4m_desktop import i18n
from c4m_desktop.services import demo, queries
from c4m_desktop.ui import report_dialog
from c4m_desktop.ui.main_window import MainWindow
from c4m_desktop.ui.report_dialog import ReportDialog, print_document, synthesis_action

TODAY = date(2026, 11, 23)


@pytest.fixture
def window(qtbot, ws):
    demo.generate(ws, associations=120, seed=3, today=TODAY)
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.runner.busy)
    return w


def built(qtbot, dialog: ReportDialog):
    """Wait for the build under way and return the ReportPDF."""
    qtbot.waitUntil(lambda: not dialog.busy and dialog.pdf is not None, timeout=20_000)
    assert dialog.document.status() == QPdfDocument.Status.Ready
    return dialog.pdf


def test_plan_report_previews_in_another_language_and_saves(qtbot, window, ws, tmp_path, monkeypatch):
    plan = queries.business_plans(ws, site="SRP")[0]
    editor = window.open_plan(plan["id"])
    qtbot.waitUntil(editor.isEnabled)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = editor.findChild(ReportDialog)
    assert dialog is not None and dialog.report_language == i18n.language() == "en"
    pdf = built(qtbot, dialog)
    assert dialog.document.pageCount() == pdf.pages >= 4
    assert dialog.view.document() is dialog.document
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    assert pdf.filename.endswith("-en.pdf")

    # Khmer report, English UI.
    dialog.language.setCurrentIndex(dialog.language.findData("km"))
    pdf = built(qtbot, dialog)
    assert pdf.filename.endswith("-km.pdf") and i18n.language() == "en"
    assert editor.report_button.text() == "&Report…"

    target = tmp_path / "out" / "plan"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PDF files (*.pdf)"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = target.with_suffix(".pdf")
    assert saved.read_bytes() == pdf.data
    text = subprocess.run(["pdftotext", "-raw", str(saved), "-"], capture_output=True, text=True).stdout
    assert i18n.translator("km").gettext("Plan figures") in text

    # Printing renders every page onto the printer (here a PDF file).
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert print_document(dialog.document, printer) == pdf.pages
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True).stdout
    assert int(info.split("Pages:")[1].split()[0]) == pdf.pages
    dialog.close()
    editor.close()


def test_action_plan_report_and_cancel(qtbot, window, ws):
    plan = queries.action_plans(ws, site="LPB")[0]
    editor = window.open_action_plan(plan["id"])
    qtbot.waitUntil(editor.isEnabled)
    dialog = editor.open_report()
    pdf = built(qtbot, dialog)
    assert pdf.filename.startswith("progress-") and dialog.document.pageCount() == pdf.pages

    # A cancelled build keeps the last preview. The worker is held busy so that the cancel
    # surely comes before the build starts.
    gate = threading.Event()
    window.runner.run(lambda: gate.wait(10))
    dialog.language.setCurrentIndex(dialog.language.findData("lo"))
    dialog.cancel()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.pdf is pdf and dialog.save_button.isEnabled()
    dialog.close()
    editor.close()


def test_synthesis_from_a_menu_action_printed(qtbot, window, monkeypatch, tmp_path):
    action = synthesis_action(window)
    action.trigger()
    dialog = window.findChild(ReportDialog)
    pdf = built(qtbot, dialog)
    assert pdf.filename.startswith("synthesis-") and pdf.pages >= 2
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert dialog.save_pdf() is None  # the person cancelled the file dialog

    # Print…: the OS dialog (patched: accepted, pages 2 to 2) and the printer (here a PDF file).
    printed = tmp_path / "printed.pdf"

    def pdf_printer(_self):
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    class Accepting:
        def __init__(self, printer, parent):
            self.printer = printer

        def setMinMax(self, low, high):
            assert (low, high) == (1, pdf.pages)

        def setOption(self, option, on):
            pass

        def exec(self):
            self.printer.setFromTo(2, 2)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReportDialog, "make_printer", pdf_printer)
    monkeypatch.setattr(report_dialog, "QPrintDialog", Accepting)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True).stdout
    assert int(info.split("Pages:")[1].split()[0]) == 1
    assert dialog.status.text() == "Sent 1 page to the printer."
    dialog.close()
