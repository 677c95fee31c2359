"""Lines chosen by the layout: nothing lost, nothing too wide, breaks where words end."""

from __future__ import annotations

import pytest

from c4m_desktop.reports.clusters import cluster_boundaries
from c4m_desktop.reports.layout import lay_out, segments
from c4m_desktop.reports.linebreak import break_opportunities

from .conftest import LANGUAGES, face_covers, load_corpus

SIZE = 10


def lines_at(text, fonts, width, lang="en", bold=False):
    return lay_out(text, fonts, size=SIZE, widths=lambda n: width, bold=bold, locale=lang)


def starts(lines):
    return [line.start for line in lines[1:]]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [40, 70, 120])
def test_lines_keep_the_text_break_safely_and_fit(fonts, lang, width):
    for sentence in load_corpus(lang):
        text = sentence.text
        lines = lines_at(text, fonts, width, lang)
        assert "".join(line.text for line in lines) == text
        for line in lines:
            assert "".join(run.text for run in line.runs) == line.text
            for run in line.runs:
                assert face_covers(run.face, run.text)
        assert set(starts(lines)) <= set(cluster_boundaries(text))
        widest_word = max(lines_at(text[a:b].rstrip(), fonts, 1e9)[0].width
                          for a, b in segments(text, lang))
        if widest_word <= width:  # every word fits a line: lines end between words only
            assert set(starts(lines)) <= set(break_opportunities(text, lang))
            assert all(line.width <= width + 0.01 for line in lines)


def test_a_word_wider_than_the_line_is_cut_between_clusters(fonts):
    text = "ខេត្តសៀមរាប"  # one word for ICU
    lines = lines_at(text, fonts, 25)
    assert len(lines) > 1
    assert "".join(line.text for line in lines) == text
    assert set(starts(lines)) <= set(cluster_boundaries(text))
    assert all(line.width <= 25 for line in lines if len(line.text) > 2)


def test_zero_width_space_breaks_without_a_gap(fonts):
    plain = lines_at("សួស្តីស្ត្រី", fonts, 1e9)[0]
    hinted = lines_at("សួស្តី\u200bស្ត្រី", fonts, 1e9)[0]
    assert hinted.width == pytest.approx(plain.width)
    assert all("\u200b" not in run.drawn for run in hinted.runs)
    narrow = lines_at("សួស្តី\u200bស្ត្រី", fonts, plain.width * 0.7)
    assert [line.text for line in narrow] == ["សួស្តី\u200b", "ស្ត្រី"]


def test_trailing_spaces_are_kept_in_the_text_but_not_drawn(fonts):
    lines = lines_at("Thừa Thiên Huế", fonts, 40)
    assert lines[0].text.endswith(" ")
    assert not lines[0].runs[-1].drawn.endswith(" ")


def test_hard_line_breaks(fonts):
    text = "ຫຼວງພະບາງ\nBagan ပုဂံ\n\nHuế"
    lines = lines_at(text, fonts, 500)
    assert [line.text for line in lines] == ["ຫຼວງພະບາງ\n", "Bagan ပုဂံ\n", "\n", "Huế"]
    assert all("\n" not in run.drawn for line in lines for run in line.runs)


def test_bold_is_wider_and_set_in_bold_faces(fonts):
    regular = lines_at("กำลังน้ำ Huế", fonts, 1e9)[0]
    bold = lines_at("กำลังน้ำ Huế", fonts, 1e9, bold=True)[0]
    assert bold.width > regular.width
    assert all(run.face.bold for run in bold.runs)


def test_empty_text_has_no_lines(fonts):
    assert lines_at("", fonts, 100) == []
