"""Small PDFs per language at narrow widths, checked with poppler and against the chosen lines."""

from __future__ import annotations

import re

import pytest
import regex
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from c4m_desktop.reports.clusters import cluster_boundaries
from c4m_desktop.reports.embedding import document_options, table_font
from c4m_desktop.reports.linebreak import break_opportunities
from c4m_desktop.reports.paragraph import ScriptParagraph, text_style
from c4m_desktop.reports.shaping import glyph_run

from .conftest import HARD, LANGUAGES, face_covers, load_corpus, poppler

COMPLEX = ("km", "th", "lo", "my")


def paragraphs(lang: str) -> list[str]:
    sentences = [s.text for s in load_corpus(lang)]
    return [*sentences, " ".join(sentences)]  # the last one long enough to split across pages


def build(path, fonts, lang, frame_width, *, bold=False):
    style = text_style(fonts, size=10, bold=bold, space_after=4)
    left = 15 * mm
    doc = SimpleDocTemplate(str(path), pagesize=A5, leftMargin=left,
                            rightMargin=A5[0] - left - frame_width, topMargin=15 * mm,
                            bottomMargin=15 * mm, **document_options(fonts))
    texts = paragraphs(lang)
    doc.build([ScriptParagraph(t, style, lang=lang) for t in texts])
    return texts


def assert_embedded(path):
    rows = poppler("pdffonts", str(path)).splitlines()[2:]
    assert rows, "no fonts in the PDF"
    for row in rows:
        columns = row.split()
        # name, type (one or two words), encoding, emb, sub, uni, object id, generation.
        assert columns[-5] == "yes", f"not embedded: {row}"
        assert "Helvetica" not in columns[0]


def check_lines(lang, texts, parts):
    """The drawn lines hold the text, each run's font covers it, breaks fall between clusters."""
    source = "".join(texts)
    assert "".join(line.text for part in parts for line in part.lines) == source
    starts, offset = [], 0
    for part in parts:
        for line in part.lines:
            starts.append(offset)
            offset += len(line.text)
            for run in line.runs:
                assert face_covers(run.face, run.text), (run.text, run.face.family)
    allowed_graphemes, allowed_clusters, allowed_words = set(), set(), set()
    position = 0
    for text in texts:
        allowed_graphemes |= {position} | {position + m.end() for m in regex.finditer(r"\X", text)}
        allowed_clusters |= {position + b for b in cluster_boundaries(text)}
        allowed_words |= {position} | {position + b for b in break_opportunities(text, lang)}
        position += len(text)
    assert set(starts) <= allowed_graphemes
    assert set(starts) <= allowed_clusters
    return set(starts), allowed_words


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width_mm", [30, 55])
def test_pdf_per_language(tmp_path, fonts, drawn, lang, width_mm):
    path = tmp_path / f"{lang}-{width_mm}.pdf"
    texts = build(path, fonts, lang, width_mm * mm)
    starts, words = check_lines(lang, texts, drawn)
    if lang in COMPLEX:
        # Every corpus word fits 30 mm: lines break between words only (ICU's boundaries).
        assert starts <= words
        assert max(len(part.lines) for part in drawn) > 3  # the long paragraph did wrap
    assert_embedded(path)
    extracted = re.sub(r"\s+", "", poppler("pdftotext", "-enc", "UTF-8", str(path), "-"))
    for string in HARD[lang]:
        assert re.sub(r"\s+", "", string) in extracted, string


@pytest.mark.parametrize("lang", COMPLEX)
def test_bold_pdf(tmp_path, fonts, drawn, lang):
    path = tmp_path / f"{lang}-bold.pdf"
    texts = build(path, fonts, lang, 40 * mm, bold=True)
    check_lines(lang, texts, drawn)
    assert all(run.face.bold for part in drawn for line in part.lines for run in line.runs)
    assert_embedded(path)


def test_paragraphs_split_across_pages_lose_nothing(tmp_path, fonts, drawn):
    text = " ".join(s.text for s in load_corpus("km")) * 6
    style = text_style(fonts)
    doc = SimpleDocTemplate(str(tmp_path / "long.pdf"), pagesize=(60 * mm, 50 * mm),
                            leftMargin=5 * mm, rightMargin=5 * mm, topMargin=5 * mm,
                            bottomMargin=5 * mm, **document_options(fonts))
    doc.build([ScriptParagraph(text, style, lang="km")])
    assert len(drawn) > 3  # several pages
    assert "".join(line.text for part in drawn for line in part.lines) == text
    assert int(poppler("pdfinfo", str(tmp_path / "long.pdf")).split("Pages:")[1].split()[0]) == len(drawn)


def test_table_cells(tmp_path, fonts, drawn):
    style = text_style(fonts, size=9)
    head = text_style(fonts, "head", size=9, bold=True)
    texts = [(lang, s.text) for lang in LANGUAGES for s in load_corpus(lang)[:3]]
    texts.append(("km", " ".join(s.text for s in load_corpus("km")) * 3))  # taller than a page
    rows = [[ScriptParagraph(lang, head), ScriptParagraph(text, style, lang=lang)]
            for lang, text in texts]
    table = Table(rows, colWidths=[14 * mm, 40 * mm], splitInRow=1)
    table.setStyle(TableStyle([*table_font(style), ("GRID", (0, 0), (-1, -1), 0.3, "grey"),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    path = tmp_path / "table.pdf"
    SimpleDocTemplate(str(path), pagesize=A5, **document_options(fonts)).build([table])
    assert_embedded(path)
    cells = [part for part in drawn if part.text not in LANGUAGES]
    assert len(cells) > len(rows)  # splitInRow cut the long cell at the page end
    assert "".join(line.text for part in cells for line in part.lines) == "".join(
        text for _lang, text in texts)
    assert all(line.width <= 40 * mm for part in cells for line in part.lines)


def test_hard_strings_render_with_shaping(fonts):
    """Shaping changes what is drawn for the scripts that need it (subscripts, medials, marks)."""
    for lang in ("km", "my", "th"):
        for string in HARD[lang]:
            face = fonts.face(fonts_script(lang))
            assert glyph_run(string, face.name).chars != string, (lang, string)


def fonts_script(lang):
    from c4m_desktop.reports.scripts import Script

    return {"km": Script.KHMER, "my": Script.MYANMAR, "th": Script.THAI, "lo": Script.LAO}[lang]
