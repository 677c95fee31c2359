"""Start-up time: process start to the main window shown, on an existing database (offscreen).

    .venv/bin/python bench/startup.py [--db PATH] [--runs 5]

Prints the median and min-max of whole-process wall time for the app and for a bare PySide6
script that shows an empty QMainWindow, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

APP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["c4m-desktop"])
from c4m_desktop.ui.main import run_gui
QTimer.singleShot(0, app.quit)  # runs once the event loop starts, i.e. the window is shown
sys.exit(run_gui(["--db", sys.argv[1]]))
"""
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["bare"])
w = QMainWindow(); w.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def timed(code: str, *args: str) -> float:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args()
    db = args.db
    if db is None:
        db = os.path.join(tempfile.mkdtemp(), "c4m.sqlite")
        c4m = os.path.join(os.path.dirname(sys.executable), "c4m")
        subprocess.run([c4m, "--db", db, "init", "--site", "SRP", "--coordinator", "Bench"], check=True)
        subprocess.run([c4m, "--db", db, "demo", "--records", "2000"], check=True, capture_output=True)
    for name, code, extra in (("bare QMainWindow", BARE, ()), ("c4m-desktop", APP, (db,))):
        runs = [timed(code, *extra) for _ in range(args.runs)]
        print(f"{name:18s} median {statistics.median(runs):.3f} s  (min {min(runs):.3f}, max {max(runs):.3f})")


if __name__ == "__main__":
    main()
