"""Start-up time: process start to the main window shown and idle (its first lists loaded), offscreen,
on the benchmark database, against a bare PySide6 script that shows an empty QMainWindow.

    .venv/bin/python bench/startup.py [--associations 100000] [--runs 5] [--json]

Whole-process wall time, interpreter start included, for both. Also prints the peak resident
memory of the app process once the dashboard is shown (ru_maxrss of the child).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dataset import bench_main  # noqa: E402

# Starts the app on the database in argv[1] and quits once the window is shown and its worker idle.
START_TO_IDLE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["c4m-desktop"])
from c4m_desktop.ui.main import run_gui

def idle():
    windows = [w for w in app.topLevelWidgets() if w.isVisible() and hasattr(w, "runner")]
    if windows and not windows[0].runner.busy:
        app.quit()
    else:
        QTimer.singleShot(2, idle)

QTimer.singleShot(0, idle)  # runs once the event loop starts, i.e. the window is shown
code = run_gui(["--db", sys.argv[1]])
"""
APP = START_TO_IDLE + "sys.exit(code)\n"
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["bare"])
w = QMainWindow(); w.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def timed(code: str, *args: str) -> tuple[float, int]:
    """Wall seconds and the child's peak RSS in MB."""
    # Bytecode caches on, as in an installed app (this machine sets PYTHONDONTWRITEBYTECODE, which would make
    # every start compile every module from source); the warm-up runs write them.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"QT_QPA_PLATFORM": "offscreen"}
    t = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"start-up script failed ({status})")
    return elapsed, usage.ru_maxrss // 1024


def measure(db: Path, runs: int) -> dict:
    timed(BARE)  # warm the file cache for both, so run 1 is not an outlier
    timed(APP, str(db))
    bare = [timed(BARE) for _ in range(runs)]
    app = [timed(APP, str(db)) for _ in range(runs)]
    return {"bare_s": [b[0] for b in bare], "app_s": [a[0] for a in app], "app_rss_mb": [a[1] for a in app],
            "bare_rss_mb": [b[1] for b in bare]}


def show(r: dict) -> None:
    for name, key in (("bare QMainWindow", "bare_s"), ("c4m-desktop", "app_s")):
        runs = r[key]
        print(f"{name:18s} median {statistics.median(runs):.3f} s  (min {min(runs):.3f}, max {max(runs):.3f})")
    print(f"ratio {statistics.median(r['app_s']) / statistics.median(r['bare_s']):.1f}x; "
          f"app peak RSS median {statistics.median(r['app_rss_mb'])} MB")


if __name__ == "__main__":
    bench_main(measure, show, sized=True)
