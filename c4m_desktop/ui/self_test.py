"""`c4m-desktop --self-test`: the core checks, then Qt's: platform, plugins, the real main window.

A frozen build that misses a Qt plugin starts fine on the developer's machine and fails on the
coordinator's; these checks look for exactly what the app loads at run time.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QGuiApplication, QIcon, QImageReader
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import self_test
from ..self_test import Degraded, Runner

IMAGE_FORMATS = ("png", "jpeg")  # evidence photos are shown with Qt's image plugins
WINDOW_IDLE_SECONDS = 30.0
FLOW_NAME = "Self-test Silk Weavers"


def _platform() -> str:
    return f"Qt {qVersion()} (PySide6 {pyside_version}), platform plugin “{QGuiApplication.platformName()}”"


def _image_formats() -> str:
    have = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = [f for f in IMAGE_FORMATS if f not in have]
    if missing:
        raise RuntimeError(f"Qt image plugins missing: {', '.join(missing)}")
    return ", ".join(sorted(have))


def _icon() -> str:
    from .main import ICON

    icon = QIcon(str(ICON))
    if icon.isNull():
        raise RuntimeError(f"the window icon {ICON.name} is missing")
    return f"{ICON.name}, {icon.availableSizes()[0].width()} px"


def _network() -> str:
    if not QNetworkInformation.loadDefaultBackend():
        raise Degraded("no network-information plugin: the app cannot tell when it is online "
                       "and sends the outbox only when asked")
    return f"network information from “{QNetworkInformation.instance().backendName()}”"


def _main_window(ws: Any) -> str:
    from .main_window import MainWindow

    window = MainWindow(ws)
    window.show()
    try:
        _wait_idle(window)
        shown = window.associations.model.rowCount()
    finally:
        _close(window)
    if shown == 0:
        raise RuntimeError("the main window's association list stayed empty")
    return f"shown with {shown} associations, first loads done"


def _wait_idle(window: Any) -> None:
    deadline = time.monotonic() + WINDOW_IDLE_SECONDS
    while window.runner.busy and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    if window.runner.busy:
        raise RuntimeError(f"the window's work did not finish in {WINDOW_IDLE_SECONDS:.0f} s")


def _close(window: Any) -> None:
    window.close()
    window.deleteLater()
    QCoreApplication.processEvents()


def _first_run_flow(folder: Path) -> str:
    """A new user's first minutes through the real dialogs: first run, a new association, an export."""
    from ..services import device, queries
    from ..services.workspace import Workspace
    from ..sync import bundle
    from .first_run import FirstRunDialog
    from .main_window import MainWindow

    ws = Workspace.open(folder / "first-run.sqlite")
    try:
        dialog = FirstRunDialog(ws)
        dialog.site.setCurrentIndex(dialog.site.findData("SRP"))
        dialog.coordinator.setText("Self-test")
        dialog.mi_email.setText("c4m@example.org")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        if device.current(ws) is None:
            raise RuntimeError("the first-run dialog did not set the install up")
        window = MainWindow(ws)
        window.show()
        try:
            _wait_idle(window)
            editor = window.open_association(None)
            editor.form.fields["name_en"].input.insert(FLOW_NAME)
            editor.save()
            _wait_idle(window)
            if not any(a["name_en"] == FLOW_NAME for a in queries.associations(ws)):
                raise RuntimeError("the new association was not saved")
            window.outbox.export_now()
            _wait_idle(window)
        finally:
            _close(window)
        exported = sorted((folder / "outbox").glob("*.c4m"))  # the outbox folder beside the database
        if not exported:
            raise RuntimeError("Export now wrote no bundle")
        names = {r.get("name_en") for r in bundle.read(exported[-1]).rows.get("association", [])}
        if FLOW_NAME not in names:
            raise RuntimeError("the export does not hold the new association")
        return f"first-run dialog, new association saved, Export now wrote {exported[-1].name}"
    finally:
        ws.close()


def qt_checks(runner: Runner, ws: Any, folder: Path) -> None:
    runner.step("qt", _platform)
    runner.step("image formats", _image_formats)
    runner.step("icon", _icon)
    runner.step("network status", _network)
    runner.step("main window", lambda: _main_window(ws))
    runner.step("first run flow", lambda: _first_run_flow(folder))


def _console() -> bool:
    """Whether the report can be printed: the windowed Windows program has no stdout of its own, but
    started from a Command Prompt it can write to that one (double-clicked, it shows a box instead)."""
    if sys.stdout is not None:
        return True
    if sys.platform == "win32":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
            return True
    return False


def run(report: Path | None = None) -> int:
    """Run every check and report: into ``report`` when given (for scripts and CI), else on the console,
    else (a double-clicked Windows program) in a box."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    if report is None and _console():
        outcome = self_test.run_printed(extra=qt_checks)
    else:
        outcome = self_test.run(extra=qt_checks)
    if report is not None:
        report.write_text(outcome.text() + "\n", encoding="utf-8")
    elif sys.stdout is None:
        box = QMessageBox(QMessageBox.Icon.Information if outcome.passed else QMessageBox.Icon.Critical,
                          "c4m-desktop self-test", outcome.verdict)
        box.setDetailedText(outcome.text())
        box.exec()
    del app
    return 0 if outcome.passed else 1
