"""Run by test_kill9.py in its own process: the association editor saving edit after edit, until killed.

Usage: python ui_saver.py DB ASSOCIATION_ID   (prints "ready", then the number of each saved edit)
"""

from __future__ import annotations

import sys
import time

from PySide6.QtWidgets import QApplication

from c4m_desktop.services.workspace import Workspace
from c4m_desktop.ui.main_window import MainWindow


def wait(app: QApplication, done, limit: float = 20.0) -> None:
    end = time.monotonic() + limit
    while not done() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)


def main(db: str, association_id: str) -> None:
    app = QApplication([])
    window = MainWindow(Workspace.open(db, create=False))
    editor = window.open_association(association_id)
    wait(app, lambda: editor.isEnabled() and not window.runner.busy)
    print("ready", flush=True)
    saved = []
    editor.saved.connect(lambda _changes: saved.append(True))
    for n in range(1, 10_000):
        editor.form.fields["notes"].input.setPlainText(f"edit {n}")
        editor.save()
        wait(app, lambda n=n: len(saved) >= n)
        print(n, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
