"""Benchmark databases, made once and kept under bench/.data (ignored by git).

    .venv/bin/python bench/dataset.py [--associations 100000] [--lists-only]

The full set is issue 9's: 100,000 associations, 20,000 business plans with their sections and
financial lines, 10,000 action plans with 100,000 activities and 300,000 progress updates, across
the five sites. ``--lists-only`` makes associations (with sectors, members, IPR) and nothing else,
for the benchmarks that grow the association list to 200,000.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from c4m_desktop.services import demo, device  # noqa: E402
from c4m_desktop.services.workspace import Workspace  # noqa: E402
from c4m_desktop.store.migrate import HEAD  # noqa: E402

DATA = ROOT / "bench" / ".data"
VERSION = 1  # bump when the generator's output changes
TODAY = date(2026, 11, 23)  # fixed, so every run measures the same data
FULL = demo.Shares(business_plan=0.2, action_plan=0.1, activities=(10, 10), updates=(3, 3), future_updates=True)
LISTS = demo.Shares(business_plan=0.0, action_plan=0.0)


def path_for(associations: int, lists_only: bool) -> Path:
    kind = "lists" if lists_only else "full"
    return DATA / f"{kind}-{associations}-v{VERSION}-s{HEAD}.sqlite"


def database(associations: int = 100_000, *, lists_only: bool = False, quiet: bool = False) -> Path:
    """The benchmark database of this size, generated on first use."""
    path = path_for(associations, lists_only)
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in DATA.glob(partial.name + "*"):
        leftover.unlink()
    t = time.perf_counter()
    ws = Workspace.open(partial)
    try:
        device.initialise(ws, site_code="SRP", coordinator="Benchmark", role="hq")
        summary = demo.generate(ws, associations=associations, seed=9, today=TODAY,
                                shares=LISTS if lists_only else FULL)
        ws.db.checkpoint()
    finally:
        ws.close()
    partial.rename(path)
    if not quiet:
        counts = ", ".join(f"{k} {v:,}" for k, v in sorted(summary.counts.items()))
        print(f"made {path.name} in {time.perf_counter() - t:.0f} s: {counts}", file=sys.stderr)
    return path


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--associations", type=int, default=100_000)
    p.add_argument("--lists-only", action="store_true")
    args = p.parse_args()
    print(database(args.associations, lists_only=args.lists_only))


if __name__ == "__main__":
    main()


def bench_main(measure, show, *, sized: bool = False) -> None:
    """The command line every benchmark script shares: --runs, --json, and --associations where it applies."""
    import json

    p = argparse.ArgumentParser()
    if sized:
        p.add_argument("--associations", type=int, default=100_000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    result = measure(database(args.associations), args.runs) if sized else measure(args.runs)
    print(json.dumps(result)) if args.json else show(result)
