"""Time a 20-page business-plan report built end to end (database read, layout, PDF bytes).

    .venv/bin/python bench/report_build.py [--pages 20] [--langs km en ...] [--out DIR]

Makes a demo database, gives one plan per language long sections in that language's script
(the corpus sentences of tests/reports/corpus/; English repeats the demo's section texts) until
its report has about ``--pages`` pages, then times ``business_plan.build`` as the CLI and the UI
call it: the first build of the process (fonts found and registered, nothing cached), the
median of three builds with HarfBuzz's shaping cache emptied before each (new text, as after an
edit), and the median of three with the cache warm (the same report again, e.g. another
language's preview and back). The target is under 1 s on the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from c4m_desktop.domain.enums import SectionKey  # noqa: E402
from c4m_desktop.reports import business_plan  # noqa: E402
from c4m_desktop.reports.shaping import glyph_run  # noqa: E402
from c4m_desktop.services import business_plans, demo, device, queries  # noqa: E402
from c4m_desktop.services.demo import SECTION_TEXT  # noqa: E402
from c4m_desktop.services.workspace import Workspace  # noqa: E402

CORPUS = ROOT / "tests" / "reports" / "corpus"
SITE_OF = {"en": "HUE", "th": "AYU", "km": "SRP", "vi": "HUE", "lo": "LPB", "my": "BGN"}
TODAY = date(2026, 11, 23)


def sentences(lang: str) -> list[str]:
    if lang == "en":
        fill = {"name": "The Phuoc Tich Pottery Group", "product": "glazed pottery", "place": "Phuoc Tich",
                "site": "Hue", "kind": "Artisan group", "members": 42, "women": 30, "contact": "Lan"}
        return [text.format(**fill) for text in SECTION_TEXT.values()]
    lines = (CORPUS / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [line.replace("|", "") for line in lines if line and not line.startswith("#")]


def fill_plan(ws: Workspace, plan_id: str, lang: str, per_section: int) -> None:
    """Give every section ``per_section`` sentences, in paragraphs of six."""
    pick = random.Random(lang).choice
    pool = sentences(lang)
    sep = "" if lang in ("th", "lo") else " "  # Thai and Lao put no space after a sentence
    for key in SectionKey:
        said = [pick(pool) for _ in range(per_section)]
        body = "\n\n".join(sep.join(said[i:i + 6]) for i in range(0, len(said), 6))
        business_plans.set_section(ws, plan_id=plan_id, key=key.value, body=body)


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def measure(langs: list[str], pages: int = 20, runs: int = 5, out: Path | None = None) -> dict:
    """Per language: pages, first build, builds with the shaping cache emptied, builds with it warm (s)."""
    folder = Path(tempfile.mkdtemp(prefix="c4m-bench-"))
    ws = Workspace.open(folder / "bench.sqlite")
    device.initialise(ws, site_code="SRP", coordinator="Bench")
    demo.generate(ws, associations=120, seed=3, today=TODAY)
    result = {}
    for lang in langs:
        plan_id = queries.business_plans(ws, site=SITE_OF[lang])[0]["id"]

        def build(plan_id: str = plan_id, lang: str = lang):
            return business_plan.build(ws, plan_id=plan_id, lang=lang, today=TODAY)

        # Find how much text makes about ``pages`` pages (not timed).
        per_section = 12
        for _ in range(8):
            fill_plan(ws, plan_id, lang, per_section)
            made = build().pages
            if abs(made - pages) <= 1:
                break
            per_section = max(6, round(per_section * (pages - 3) / max(1, made - 3)))
        glyph_run.cache_clear()
        first, pdf = timed(build)
        cold, warm = [], []
        for _ in range(runs):
            glyph_run.cache_clear()
            cold.append(timed(build)[0])
        for _ in range(runs):
            warm.append(timed(build)[0])
        result[lang] = {"pages": pdf.pages, "first_s": first, "cold_s": cold, "warm_s": warm}
        if out:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{lang}.pdf").write_bytes(pdf.data)
    ws.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--langs", nargs="+", default=list(SITE_OF))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, help="also write each report to DIR/<lang>.pdf")
    args = parser.parse_args()
    print(f"{'lang':5} {'pages':>5} {'first s':>8} {'cold cache s':>13} {'warm cache s':>13} {'ms/page':>8}")
    for lang, r in measure(args.langs, args.pages, args.runs, args.out).items():
        cold_s = statistics.median(r["cold_s"])
        print(f"{lang:5} {r['pages']:5d} {r['first_s']:8.2f} {cold_s:13.2f} {statistics.median(r['warm_s']):13.2f}"
              f" {cold_s * 1000 / r['pages']:8.1f}")


if __name__ == "__main__":
    main()
