"""`c4m-desktop --self-test`: the core checks, then Qt's: platform, plugins, the real main window.

A frozen build that misses a Qt plugin starts fine on the developer's machine and fails on the
coordinator's; these checks look for exactly what the app loads at run time.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QGuiApplication, QImageReader
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import self_test
from ..self_test import Degraded, Runner

IMAGE_FORMATS = ("png", "jpeg")  # evidence photos are shown with Qt's image plugins
WINDOW_IDLE_SECONDS = 30.0


def _platform() -> str:
    return f"Qt {qVersion()} (PySide6 {pyside_version}), platform plugin “{QGuiApplication.platformName()}”"


def _image_formats() -> str:
    have = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = [f for f in IMAGE_FORMATS if f not in have]
    if missing:
        raise RuntimeError(f"Qt image plugins missing: {', '.join(missing)}")
    return ", ".join(sorted(have))


def _network() -> str:
    if not QNetworkInformation.loadDefaultBackend():
        raise Degraded("no network-information plugin: the app cannot tell when it is online "
                       "and sends the outbox only when asked")
    return f"network information from “{QNetworkInformation.instance().backendName()}”"


def _main_window(ws: Any) -> str:
    from .main_window import MainWindow

    window = MainWindow(ws)
    window.show()
    deadline = time.monotonic() + WINDOW_IDLE_SECONDS
    while window.runner.busy and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    busy = window.runner.busy
    shown = window.associations.model.rowCount()
    window.close()
    window.deleteLater()
    QCoreApplication.processEvents()
    if busy:
        raise RuntimeError(f"the main window's first loads did not finish in {WINDOW_IDLE_SECONDS:.0f} s")
    if shown == 0:
        raise RuntimeError("the main window's association list stayed empty")
    return f"shown with {shown} associations, first loads done"


def qt_checks(runner: Runner, ws: Any) -> None:
    runner.step("qt", _platform)
    runner.step("image formats", _image_formats)
    runner.step("network status", _network)
    runner.step("main window", lambda: _main_window(ws))


def run() -> int:
    """Run every check and report; print where there is a console, else show the report in a box."""
    app = QApplication.instance() or QApplication([sys.argv[0]])
    console = sys.stdout is not None  # a windowed Windows build has none
    if console:
        print(self_test.header(), flush=True)
    outcome = self_test.run(extra=qt_checks, log=self_test.print_check if console else None)
    if console:
        print(outcome.verdict, flush=True)
    else:
        box = QMessageBox(QMessageBox.Icon.Information if outcome.passed else QMessageBox.Icon.Critical,
                          "c4m-desktop self-test", outcome.verdict)
        box.setDetailedText(outcome.text())
        box.exec()
    del app
    return 0 if outcome.passed else 1

