"""Sync throughput: export of ~100,000 changed rows, and import + merge of five ~20,000-row bundles into
an MI database, against plain sqlite3 ``executemany`` of the same rows into the same schema.

    .venv/bin/python bench/sync_throughput.py [--runs 5] [--json]

The site databases (one of ~100k rows, five of ~20k rows from different devices) are made once
under bench/.data. Each run exports or imports into a fresh copy, so every run does the same work.
The baseline uses the app's own connection settings (WAL, synchronous=NORMAL), one transaction per
bundle, and stores each row's values as the bundle carries them: it is the SQLite floor for these rows.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dataset import DATA, TODAY, VERSION, bench_main  # noqa: E402

from c4m_desktop.services import demo, device  # noqa: E402
from c4m_desktop.services.workspace import Workspace  # noqa: E402
from c4m_desktop.store.migrate import HEAD  # noqa: E402
from c4m_desktop.sync import bundle, exporter, importer  # noqa: E402
from c4m_desktop.sync.rows import TABLE_ORDER  # noqa: E402

SITES = ("SRP", "AYU", "HUE", "LPB", "BGN")


def _site_db(name: str, site: str, associations: int, seed: int) -> Path:
    path = DATA / f"site-{name}-{associations}-v{VERSION}-s{HEAD}.sqlite"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    ws = Workspace.open(partial)
    try:
        device.initialise(ws, site_code=site, coordinator=f"Bench {site}", mi_email="c4m@mekonginstitute.org")
        demo.generate(ws, associations=associations, seed=seed, today=TODAY,
                      shares=demo.Shares(business_plan=0.0, action_plan=0.0))
        ws.db.checkpoint()
    finally:
        ws.close()
    partial.rename(path)
    return path


def _copy(src: Path, folder: Path) -> Workspace:
    dst = folder / src.name
    shutil.copyfile(src, dst)
    return Workspace.open(dst, create=False)


def export_run(src: Path) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        ws = _copy(src, Path(tmp))
        try:
            t = time.perf_counter()
            made = exporter.export(ws, full=True, to_dir=Path(tmp) / "out", contacts=True)
            return time.perf_counter() - t, made.rows
        finally:
            ws.close()


def bundles(folder: Path) -> list[Path]:
    out = []
    for i, site in enumerate(SITES):
        ws = _copy(_site_db(f"b{i}", site, 5_000, 100 + i), folder)
        try:
            out.append(exporter.export(ws, full=True, to_dir=folder / "out", contacts=True).path)
        finally:
            ws.close()
    return out


def import_run(paths: list[Path]) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        mi = Workspace.open(Path(tmp) / "mi.sqlite")
        try:
            device.initialise(mi, site_code="SRP", coordinator="MI desk", role="hq")
            t = time.perf_counter()
            for path in paths:
                importer.import_bundle(mi, path)
            return time.perf_counter() - t
        finally:
            mi.close()


def raw_run(paths: list[Path]) -> float:
    """The same rows with plain sqlite3 executemany into an empty database of the same schema."""
    loaded = [bundle.read(p).rows for p in paths]  # reading and parsing are not part of the floor
    with tempfile.TemporaryDirectory() as tmp:
        schema = Workspace.open(Path(tmp) / "raw.sqlite")
        device.initialise(schema, site_code="SRP", coordinator="MI desk", role="hq")
        schema.close()
        con = sqlite3.connect(Path(tmp) / "raw.sqlite", isolation_level=None)
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute("PRAGMA foreign_keys = ON")
        t = time.perf_counter()
        for rows in loaded:
            con.execute("BEGIN")
            for name in TABLE_ORDER:
                table_rows = rows.get(name)
                if not table_rows:
                    continue
                columns = list(table_rows[0])
                sql = (f"INSERT INTO {name} ({', '.join(columns)}, change_seq) "
                       f"VALUES ({', '.join('?' for _ in columns)}, 1)")
                con.executemany(sql, [tuple(r[c] for c in columns) for r in table_rows])
            con.execute("COMMIT")
        elapsed = time.perf_counter() - t
        con.close()
        return elapsed


def measure(runs: int) -> dict:
    big = _site_db("export", "SRP", 25_000, 7)
    export_times, rows = [], 0
    for _ in range(runs):
        seconds, rows = export_run(big)
        export_times.append(seconds)
    with tempfile.TemporaryDirectory() as tmp:
        paths = bundles(Path(tmp))
        bundle_rows = sum(sum(len(v) for v in bundle.read(p).rows.values()) for p in paths)
        imports = [import_run(paths) for _ in range(runs)]
        raws = [raw_run(paths) for _ in range(runs)]
    return {"export_rows": rows, "export_s": export_times, "import_rows": bundle_rows,
            "import_s": imports, "raw_s": raws}


def show(r: dict) -> None:
    ex = statistics.median(r["export_s"])
    print(f"export {r['export_rows']:,} rows: median {ex:.2f} s = {r['export_rows'] / ex:,.0f} rows/s "
          f"(min {min(r['export_s']):.2f}, max {max(r['export_s']):.2f})")
    im, raw = statistics.median(r["import_s"]), statistics.median(r["raw_s"])
    print(f"import + merge of 5 bundles, {r['import_rows']:,} rows: median {im:.2f} s "
          f"(min {min(r['import_s']):.2f}, max {max(r['import_s']):.2f}); raw executemany {raw:.2f} s; "
          f"ratio {im / raw:.1f}x")


if __name__ == "__main__":
    bench_main(measure, show)
