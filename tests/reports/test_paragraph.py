"""ScriptParagraph as a Flowable: height, splitting, table sizing; one-line drawing for headers."""

from __future__ import annotations

import pytest
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from c4m_desktop.reports import linebreak
from c4m_desktop.reports.clusters import cluster_boundaries
from c4m_desktop.reports.embedding import document_options
from c4m_desktop.reports.paragraph import ScriptParagraph, draw_text, text_style, text_width

from .conftest import load_corpus, poppler

KHMER = " ".join(s.text for s in load_corpus("km"))


def test_tall_scripts_get_more_room_between_lines(fonts):
    style = text_style(fonts, size=10, leading=12)
    latin = ScriptParagraph("Thừa Thiên Huế", style)
    myanmar = ScriptParagraph("ကျွန်ုပ်တို့သည်", style)
    latin.wrap(200, 100)
    myanmar.wrap(200, 100)
    assert latin.leading >= 12
    assert myanmar.leading >= 18 > latin.leading


def test_split_hands_on_the_rest_of_the_text(fonts):
    style = text_style(fonts, space_before=5, space_after=7)
    paragraph = ScriptParagraph(KHMER, style, lang="km")
    _, height = paragraph.wrap(150, 1000)
    lines = len(paragraph.lines)
    first, second = paragraph.split(150, height / 2)
    assert first.text + second.text == KHMER
    assert len(first.lines) + len(second.lines) == lines
    assert first.getSpaceBefore() == 5 and first.getSpaceAfter() == 0
    assert second.getSpaceBefore() == 0 and second.getSpaceAfter() == 7
    assert second.wrap(150, 1000)[1] == pytest.approx(len(second.lines) * second.leading)
    assert len(first.text) in cluster_boundaries(KHMER)


def test_split_keeps_a_lone_first_line_off_the_page(fonts):
    paragraph = ScriptParagraph(KHMER, text_style(fonts), lang="km")
    paragraph.wrap(150, 1000)
    assert paragraph.split(150, paragraph.leading * 1.5) == []  # allowOrphans is 0
    assert paragraph.split(150, paragraph.leading * 0.5) == []
    assert len(paragraph.split(150, paragraph.leading * 2.5)) == 2
    assert paragraph.split(150, 10_000) == [paragraph]


def test_min_width_is_the_widest_word(fonts):
    paragraph = ScriptParagraph("ຫຼວງພະບາງເປັນເມືອງມໍລະດົກໂລກ", text_style(fonts), lang="lo")
    widest = paragraph.minWidth()
    words = ["ຫຼວງພະບາງ", "ເປັນ", "ເມືອງ", "ມໍລະດົກ", "ໂລກ"]  # ICU's words (corpus)
    assert widest == pytest.approx(max(text_width(w, paragraph.style) for w in words))
    assert widest < text_width(paragraph.text, paragraph.style)


def test_a_style_without_fonts_is_refused():
    with pytest.raises(ValueError, match="text_style"):
        ScriptParagraph("Huế", ParagraphStyle("plain"))


def test_without_icu_lines_still_break_between_clusters(fonts, monkeypatch):
    monkeypatch.setattr(linebreak, "LineBreaker", None)
    paragraph = ScriptParagraph(KHMER, text_style(fonts), lang="km")
    paragraph.wrap(120, 1000)
    assert "".join(line.text for line in paragraph.lines) == KHMER
    assert {line.start for line in paragraph.lines} <= set(cluster_boundaries(KHMER))
    assert all(line.width <= 120 for line in paragraph.lines)


def test_draw_text_for_headers_and_footers(tmp_path, fonts):
    style = text_style(fonts, size=9)
    path = tmp_path / "footer.pdf"
    canvas = Canvas(str(path), **document_options(fonts))
    text = "ទំព័រ 3 នៃ 20 · Bagan ပုဂံ"
    width = draw_text(canvas, 300, 40, text, style, align=TA_CENTER)
    assert width == pytest.approx(text_width(text, style))
    assert draw_text(canvas, 550, 40, "กำลังน้ำ", style, align=TA_RIGHT) > 0
    canvas.save()
    extracted = poppler("pdftotext", "-enc", "UTF-8", str(path), "-")
    assert "ទំព័រ 3 នៃ 20" in extracted and "ပုဂံ" in extracted and "กำลังน้ำ" in extracted
