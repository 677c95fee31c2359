"""Association list: open it, then type a search key by key, on a large database (offscreen).

    .venv/bin/python bench/list_search.py [--associations 100000] [--runs 5] [--json]

Each keystroke is timed from the key press to the list model holding the new first page,
with the search applied at once (the page's own typing pause, SEARCH_DELAY_MS, is left out:
it is a choice, not a cost). Also prints how many rows the model holds (memory follows the rows
shown, not the table) and SQLite's plan for the search query.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dataset import bench_main  # noqa: E402

# Ten keystrokes each: a word many names share, and a rare one that matches few rows.
TERMS = {"common": "silk weavi", "rare": "lacquer 12"}


def _wait(app, done, timeout=30.0) -> None:
    end = time.perf_counter() + timeout
    while not done():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError("the list did not load")
        time.sleep(0.0005)


def measure(db: Path, runs: int) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from c4m_desktop.services.workspace import Workspace
    from c4m_desktop.ui.association_list import AssociationListPage
    from c4m_desktop.ui.ops import OpRunner

    app = QApplication.instance() or QApplication(["bench"])
    ws = Workspace.open(db, create=False)
    runner = OpRunner()
    loaded = []
    t = time.perf_counter()
    page = AssociationListPage(ws, runner)
    page.model.loaded.connect(lambda: loaded.append(time.perf_counter()))
    page.resize(1200, 800)
    page.show()
    _wait(app, lambda: loaded)
    opened = loaded[-1] - t
    page._debounce.timeout.disconnect()  # the bench applies each key itself, at once
    out: dict = {"open_s": opened, "keys": {}, "rows_held": 0}
    for name, term in TERMS.items():
        per_key: list[float] = []
        for _ in range(runs):
            page.search.clear()
            page.apply_filters()
            _wait(app, lambda: not runner.busy)
            for ch in term:
                before = len(loaded)
                t = time.perf_counter()
                QTest.keyClick(page.search, ch if ch != " " else Qt.Key.Key_Space)
                page.apply_filters()
                _wait(app, lambda b=before: len(loaded) > b)
                per_key.append(loaded[-1] - t)
        out["keys"][name] = per_key
        out["rows_held"] = max(out["rows_held"], page.model.rowCount())
    with ws.read() as s:
        plan = s.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM association WHERE deleted = 0 AND rowid IN "
            "(SELECT rowid FROM association_search WHERE association_search MATCH ?) "
            "ORDER BY site_code, name_en, id LIMIT 200", ('"silk weavi"',)).fetchall()
    out["plan"] = [row[-1] for row in plan]
    runner.shutdown()  # the worker thread ends before Qt is torn down at exit
    ws.close()
    return out


def show(result: dict) -> None:
    print(f"open: {result['open_s'] * 1000:.0f} ms; rows held by the model: {result['rows_held']}")
    for name, times in result["keys"].items():
        ms = [x * 1000 for x in times]
        print(f"{name:7s} keystroke median {statistics.median(ms):.1f} ms (min {min(ms):.1f}, max {max(ms):.1f}) "
              f"over {len(ms)} keys")
    print("plan:", "; ".join(result["plan"]))


if __name__ == "__main__":
    bench_main(measure, show, sized=True)
