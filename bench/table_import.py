"""Import 50,000 associations from a Kobo-style XLSX: read + check (plan), then write (apply).

Prints the time of each step, rows per second and the peak memory, and the re-import (every row
unchanged). Run: .venv/bin/python bench/table_import.py [ROWS]
"""

from __future__ import annotations

import hashlib
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from kobo_files import GOOD, write_kobo_xlsx  # noqa: E402

from c4m_desktop.services import device, sheets, table_import  # noqa: E402
from c4m_desktop.services.workspace import Workspace  # noqa: E402


def rows(n: int) -> list[tuple]:
    out = []
    for i in range(n):
        base = GOOD[i % len(GOOD)]
        word = hashlib.sha1(str(i).encode()).hexdigest()[:8]
        out.append((base[0], f"Ban {word} {base[1]}", f"{base[2]} {i}", *base[3:10], f"bench-{i}"))
    return out


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    took = time.perf_counter() - start
    print(f"{label}: {took:.1f} s")
    return result, took


def main() -> None:
    if sys.argv[1:2] == ["--write"]:  # the file is made in another process: its memory is not the app's
        write_kobo_xlsx(Path(sys.argv[3]), rows(int(sys.argv[2])), members=[])
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    folder = Path(tempfile.mkdtemp())
    path = folder / "big.xlsx"
    timed(f"write {n} rows as XLSX (openpyxl, another process)",
          lambda: subprocess.run([sys.executable, __file__, "--write", str(n), str(path)], check=True))
    ws = Workspace.open(folder / "c4m.sqlite")
    device.initialise(ws, site_code="SRP", coordinator="Bench")
    sheet = sheets.open_sheet(path)
    plan, t_plan = timed("plan (read, check, find duplicates)",
                         lambda: table_import.plan(ws, sheet, kind="associations", file_name=path.name))
    result, t_apply = timed("apply (one transaction)", lambda: table_import.apply(ws, plan))
    print(f"  {result}; {n / (t_plan + t_apply):.0f} rows/s end to end")
    again, t_again = timed("re-import: plan", lambda: table_import.plan(ws, sheets.open_sheet(path),
                                                                       kind="associations", file_name=path.name))
    print(f"  {again.counts()}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    ws.close()


if __name__ == "__main__":
    main()
