"""Speed of script-aware report text, and a sample PDF of every language to look at.

    .venv/bin/python bench/report_text.py [--pages 20] [--png DIR]

For each language, builds an A4 document of about ``--pages`` pages of body text (the corpus
sentences of tests/reports/corpus/, shuffled into paragraphs) with ScriptParagraph, and prints
milliseconds per page: the first build of the process (fonts registered, nothing cached) and the
median of three later builds with the shaping cache emptied before each; then, for scale,
ReportLab's own Paragraph on the Vietnamese text (one font, no shaping). With ``--png DIR`` it
also writes DIR/sample.pdf (the hard strings, narrow columns, a table, bold) and its pages as
100 dpi PNGs, and DIR/<lang>.pdf for each timed document.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from c4m_desktop.reports.embedding import document_options, table_font  # noqa: E402
from c4m_desktop.reports.fonts import FontSet  # noqa: E402
from c4m_desktop.reports.paragraph import ScriptParagraph, text_style  # noqa: E402
from c4m_desktop.reports.shaping import glyph_run  # noqa: E402

CORPUS = ROOT / "tests" / "reports" / "corpus"
LANGS = ("km", "th", "lo", "my", "vi", "mixed")
HARD = ["សួស្តី ស្ត្រី", "ဉ့် ကျွန်ုပ်", "ຫຼວງພະບາງ", "กำลังน้ำ", "Thừa Thiên Huế",
        "Bagan ပုဂံ 2025 (25%)"]


def sentences(lang: str) -> list[str]:
    lines = (CORPUS / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [line.replace("|", "") for line in lines if line and not line.startswith("#")]


def body_text(lang: str, pages: int) -> list[str]:
    """Paragraphs of about 60 sentences a page, drawn at random from the corpus."""
    pick = random.Random(lang).choice
    pool = sentences(lang)
    sep = "" if lang in ("th", "lo") else " "  # Thai and Lao put no space after a sentence
    return [sep.join(pick(pool) for _ in range(6)) for _ in range(pages * 10)]


def build(paragraphs: list[str], lang: str, fonts: FontSet, out) -> int:
    style = text_style(fonts, size=10, space_after=4)
    doc = SimpleDocTemplate(out, pagesize=A4, **document_options(fonts))
    doc.build([ScriptParagraph(p, style, lang=lang) for p in paragraphs])
    return doc.page


def sample(fonts: FontSet, path: Path) -> None:
    """A document with the hard strings large, narrow columns, bold and a table."""
    big = text_style(fonts, "big", size=20, space_after=6)
    body = text_style(fonts, size=10, space_after=4)
    bold = text_style(fonts, "bold", size=11, bold=True, space_before=6)
    story = [ScriptParagraph(h, big) for h in HARD]
    for lang in LANGS:
        story.append(ScriptParagraph(lang, bold))
        story += [ScriptParagraph(s, body, lang=lang) for s in sentences(lang)]
    story.append(PageBreak())
    rows = [[ScriptParagraph(s, body, lang=lang), ScriptParagraph(s, bold, lang=lang)]
            for lang in LANGS for s in sentences(lang)[2:4]]
    table = Table(rows, colWidths=[45 * mm, 35 * mm], splitInRow=1)
    table.setStyle(TableStyle([*table_font(body), ("GRID", (0, 0), (-1, -1), 0.3, "grey"),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(table)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=100 * mm,
                            **document_options(fonts))
    doc.build(story)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--png", type=Path)
    args = parser.parse_args()
    start = time.perf_counter()
    fonts = FontSet()
    fonts.require()
    print(f"fonts found and registered: {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"{'lang':6} {'pages':>5} {'first ms/page':>14} {'later ms/page':>14}")
    for lang in LANGS:
        paragraphs = body_text(lang, args.pages)
        glyph_run.cache_clear()
        start = time.perf_counter()
        pages = build(paragraphs, lang, fonts, io.BytesIO())
        first = (time.perf_counter() - start) * 1000 / pages
        later = []
        for _ in range(3):
            glyph_run.cache_clear()
            start = time.perf_counter()
            build(paragraphs, lang, fonts, io.BytesIO())
            later.append((time.perf_counter() - start) * 1000 / pages)
        print(f"{lang:6} {pages:5d} {first:14.1f} {statistics.median(later):14.1f}")
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            build(paragraphs, lang, fonts, str(args.png / f"{lang}.pdf"))
    # For scale: ReportLab's own Paragraph (no shaping, one font) on the Vietnamese text.
    paragraphs = body_text("vi", args.pages)
    style = text_style(fonts, size=10, space_after=4, shaping=0)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        doc = SimpleDocTemplate(io.BytesIO(), pagesize=A4, **document_options(fonts))
        doc.build([Paragraph(p, style) for p in paragraphs])
        times.append((time.perf_counter() - start) * 1000 / doc.page)
    print(f"{'vi':6} {doc.page:5d} {'ReportLab Paragraph':>14} {statistics.median(times):9.1f}")
    if args.png:
        pdf = args.png / "sample.pdf"
        sample(fonts, pdf)
        subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(args.png / "sample")],
                       check=True)
        print(f"sample: {pdf} and {args.png}/sample-*.png")


if __name__ == "__main__":
    main()
