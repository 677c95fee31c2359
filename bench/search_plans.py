"""The two plans for a searched first page, side by side, at each size of the growth series.

    .venv/bin/python bench/search_plans.py

"match first" (the app's plan): the trigram index gives the matching rowids, those rows are read
and sorted, the first 200 kept. "order walk": the list's order index (site, name, id) is walked
and each row is kept if its rowid is in the set of matches. Prints the best of five, in ms, with
the number of matches. Uses the growth series' databases (run growth.py or run.py first).
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dataset import database  # noqa: E402
from growth import SIZES  # noqa: E402

TERMS = ('"silk weavi"', '"lacquer"', '"lacquer 12"')
PAGE = ("SELECT id, site_code, name_en FROM association WHERE deleted = 0 AND {rowid} IN "
        "(SELECT rowid FROM association_search WHERE association_search MATCH ?) "
        "ORDER BY site_code, name_en, id LIMIT 200")
PLANS = {"match first": PAGE.format(rowid="rowid"), "order walk": PAGE.format(rowid="+rowid")}


def best_ms(conn: sqlite3.Connection, sql: str, term: str, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        conn.execute(sql, (term,)).fetchall()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    print("| associations | term | matches | " + " | ".join(PLANS) + " |")
    print("|---|---|---|" + "---|" * len(PLANS))
    for size in SIZES:
        conn = sqlite3.connect(database(size, lists_only=True, quiet=True))
        for term in TERMS:
            matches = conn.execute("SELECT count(*) FROM association_search WHERE association_search MATCH ?",
                                   (term,)).fetchone()[0]
            cells = " | ".join(f"{best_ms(conn, sql, term):.1f} ms" for sql in PLANS.values())
            print(f"| {size:,} | {term} | {matches:,} | {cells} |")
        conn.close()


if __name__ == "__main__":
    main()
