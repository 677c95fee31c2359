"""Screenshots of every page at 1366x768 on a fresh demo database (offscreen), for a person to look at.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py OUT_DIR [--lang km]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def wait(ms: int) -> None:
    """Run the event loop for a while (QTest.qWait keeps the GIL, starving the worker thread)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("out", type=Path)
    p.add_argument("--lang", default="en")
    args = p.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("C4M_DATA_DIR", tempfile.mkdtemp())
    from PySide6.QtWidgets import QApplication

    from c4m_desktop import i18n
    from c4m_desktop.services.demo import fresh_demo_workspace
    from c4m_desktop.store.paths import demo_db_path
    from c4m_desktop.ui.main_window import PAGES, MainWindow

    app = QApplication(sys.argv[:1])
    i18n.set_language(args.lang)
    ws = fresh_demo_workspace(demo_db_path())
    window = MainWindow(ws)
    window.resize(1366, 768)
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)
    for i, (key, _label) in enumerate(PAGES):
        window.nav.setCurrentRow(i)
        wait(400)  # let the worker deliver the page's first query
        window.grab().save(str(args.out / f"{i + 1:02d}-{key}-{args.lang}.png"))
    window.close()
    ws.close()
    app.quit()


if __name__ == "__main__":
    main()
