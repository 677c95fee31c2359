"""Every benchmark of issue 9 in one run, each figure beside its baseline and target, as a table.

    .venv/bin/python bench/run.py [--runs 5] [--only startup list sync report growth]

The first run makes the benchmark databases under bench/.data (about 6 minutes); later runs reuse
them. Figures are medians of ``--runs`` runs with min–max. Nothing here is part of the test run.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import growth  # noqa: E402
import list_search  # noqa: E402
import report_build  # noqa: E402
import startup  # noqa: E402
import sync_throughput  # noqa: E402
from dataset import database  # noqa: E402

Row = tuple[str, str, str, str, bool]  # what, measured, baseline, target, met


def spread(values: list[float], unit: str = "s", scale: float = 1.0, digits: int = 2) -> str:
    v = [x * scale for x in values]
    return f"{statistics.median(v):.{digits}f} {unit} ({min(v):.{digits}f}–{max(v):.{digits}f})"


def run_startup(runs: int) -> list[Row]:
    r = startup.measure(database(100_000), runs)
    app, bare = statistics.median(r["app_s"]), statistics.median(r["bare_s"])
    rss = statistics.median(r["app_rss_mb"])
    return [("1. cold start to main window shown and idle, 100k database", spread(r["app_s"]),
             f"bare QMainWindow {spread(r['bare_s'])}; ratio {app / bare:.1f}×", "≤ 1.5× bare", app <= 1.5 * bare),
            ("5. peak memory, 100k database open, dashboard shown", f"{rss:.0f} MB RSS "
             f"({min(r['app_rss_mb'])}–{max(r['app_rss_mb'])})", f"bare QMainWindow "
             f"{statistics.median(r['bare_rss_mb']):.0f} MB", "≤ 300 MB", rss <= 300)]


def run_list(runs: int) -> list[Row]:
    r = list_search.measure(database(100_000), runs)
    rows = [("2. association list open, 100k rows", f"{r['open_s'] * 1000:.0f} ms", "", "", True)]
    for name, times in r["keys"].items():
        med = statistics.median(times) * 1000
        rows.append((f"2. search keystroke ({name} term, 10 keys), key to model updated",
                     spread(times, "ms", 1000, 1), "", "≤ 50 ms median", med <= 50))
    rows.append(("2. rows held by the list model after searching", f"{r['rows_held']}", "of 100,000",
                 "O(visible rows)", r["rows_held"] <= 400))
    return rows


def run_sync(runs: int) -> list[Row]:
    r = sync_throughput.measure(runs)
    rate = [r["export_rows"] / s for s in r["export_s"]]
    imp, raw = statistics.median(r["import_s"]), statistics.median(r["raw_s"])
    return [(f"3. export of {r['export_rows']:,} changed rows", f"{statistics.median(rate):,.0f} rows/s "
             f"({min(rate):,.0f}–{max(rate):,.0f})", "", "≥ 50,000 rows/s", statistics.median(rate) >= 50_000),
            (f"3. import + merge of 5 bundles, {r['import_rows']:,} rows", spread(r["import_s"]),
             f"sqlite3 executemany {spread(r['raw_s'])}; ratio {imp / raw:.1f}×", "≤ 3× raw", imp <= 3 * raw)]


def run_report(runs: int) -> list[Row]:
    r = report_build.measure(["km", "th", "en"], 20, runs)
    en = r["en"]
    rows = []
    for lang in ("km", "th"):
        cold = statistics.median(r[lang]["cold_s"])
        rows.append((f"4. business-plan report, {r[lang]['pages']} pages, {lang} (shaping cache emptied)",
                     spread(r[lang]["cold_s"]), f"English, {en['pages']} pages: {spread(en['cold_s'])}",
                     "≤ 1.0 s", cold <= 1.0))
    return rows


def run_growth(runs: int) -> list[Row]:
    r = growth.measure(runs)
    imp = r["import"]
    per_row = [statistics.median(i["s"]) / i["rows"] for i in imp]
    cells = ", ".join(f"{i['rows'] // 1000}k {statistics.median(i['s']):.1f} s" for i in imp)
    linear = max(per_row) <= 1.5 * min(per_row)
    rows = [("6. import time by size", cells, f"s per 1k rows {min(per_row) * 1000:.3f}–{max(per_row) * 1000:.3f}",
             "linear (per-row cost within 1.5×)", linear)]
    for term in r["filter"][0]["s"]:
        meds = [statistics.median(f["s"][term]) for f in r["filter"]]
        cells = ", ".join(f"{f['associations'] // 1000}k {m * 1000:.1f} ms" for f, m in zip(r["filter"], meds,
                                                                                            strict=True))
        rows.append((f"6. list first page, search “{term}”, by size", cells, "", "flat (200k ≤ 2× 10k)",
                     meds[-1] <= 2 * max(meds[0], 0.005)))
    return rows


SUITES = {"startup": run_startup, "list": run_list, "sync": run_sync, "report": run_report, "growth": run_growth}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--only", nargs="+", choices=list(SUITES))
    args = p.parse_args()
    database(100_000)  # made first, so its minutes are not counted anywhere
    rows: list[Row] = []
    started = time.perf_counter()
    for name in args.only or SUITES:
        print(f"running {name}…", file=sys.stderr, flush=True)
        rows += SUITES[name](args.runs)
    print(f"\nMachine: {platform.node()}, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, {len(__import__('os').sched_getaffinity(0))} cores; "
          f"{args.runs} runs each; {time.perf_counter() - started:.0f} s in all.\n")
    print("| benchmark | measured: median (min–max) | baseline (same run) | target | met |")
    print("|---|---|---|---|---|")
    for what, measured, baseline, target, met in rows:
        print(f"| {what} | {measured} | {baseline} | {target} | {'yes' if met else '**no**'} |")


if __name__ == "__main__":
    main()
