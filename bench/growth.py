"""How cost grows: bundle import + merge at about 10k, 50k, 100k and 200k rows (should be linear), and the
association list's first page with a search at 10k, 50k, 100k and 200k associations (should be flat).

    .venv/bin/python bench/growth.py [--runs 5] [--json]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dataset import bench_main, database  # noqa: E402
from sync_throughput import _site_db, import_run  # noqa: E402

from c4m_desktop.services import queries  # noqa: E402
from c4m_desktop.services.workspace import Workspace  # noqa: E402
from c4m_desktop.sync import exporter  # noqa: E402

SIZES = (10_000, 50_000, 100_000, 200_000)
ROWS_PER_ASSOCIATION = 4.1  # the association, ~1.4 sectors, ~1.5 members, ~0.2 IPR assets
SEARCHES = ("silk weavi", "lacquer", "")


def import_growth(runs: int) -> list[dict]:
    out = []
    for rows in SIZES:
        src = _site_db(f"grow{rows}", "SRP", round(rows / ROWS_PER_ASSOCIATION), 50)
        with tempfile.TemporaryDirectory() as tmp:
            ws = Workspace.open(src, create=False)
            try:
                made = exporter.export(ws, full=True, to_dir=Path(tmp), contacts=True)
            finally:
                ws.close()
            times = [import_run([made.path]) for _ in range(runs)]
        out.append({"rows": made.rows, "s": times})
    return out


def filter_growth(runs: int) -> list[dict]:
    out = []
    for n in SIZES:
        ws = Workspace.open(database(n, lists_only=True), create=False)
        try:
            per_term = {}
            for term in SEARCHES:
                queries.associations(ws, search=term or None, limit=200)  # warm the page cache
                times = []
                for _ in range(runs):
                    t = time.perf_counter()
                    queries.associations(ws, search=term or None, limit=200)
                    times.append(time.perf_counter() - t)
                per_term[term or "(none)"] = times
        finally:
            ws.close()
        out.append({"associations": n, "s": per_term})
    return out


def measure(runs: int) -> dict:
    return {"import": import_growth(runs), "filter": filter_growth(runs)}


def show(r: dict) -> None:
    for item in r["import"]:
        med = statistics.median(item["s"])
        print(f"import {item['rows']:>7,} rows: {med:6.2f} s  ({item['rows'] / med:,.0f} rows/s)")
    for item in r["filter"]:
        cells = "  ".join(f"{term}: {statistics.median(t) * 1000:.1f} ms" for term, t in item["s"].items())
        print(f"list of {item['associations']:>7,}: {cells}")


if __name__ == "__main__":
    bench_main(measure, show)
