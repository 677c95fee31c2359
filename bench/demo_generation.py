"""Demo generation speed: `c4m demo --records N` on a fresh database (target: 100k in < 60 s).

    .venv/bin/python bench/demo_generation.py [--records 100000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--records", type=int, default=100_000)
    args = p.parse_args()
    c4m = os.path.join(os.path.dirname(sys.executable), "c4m")
    db = os.path.join(tempfile.mkdtemp(), "bench.sqlite")
    subprocess.run([c4m, "--db", db, "init", "--site", "SRP", "--coordinator", "Bench"], check=True,
                   capture_output=True)
    t = time.perf_counter()
    out = subprocess.run([c4m, "--db", db, "demo", "--records", str(args.records)], check=True,
                         capture_output=True, text=True).stdout
    elapsed = time.perf_counter() - t
    print(out.splitlines()[0])
    print(f"demo --records {args.records}: {elapsed:.1f} s wall, "
          f"{os.path.getsize(db) / 1e6:.0f} MB database")


if __name__ == "__main__":
    main()
