"""Scripts of characters and the font runs of mixed text."""

from __future__ import annotations

import pytest

from c4m_desktop.reports.runs import font_runs
from c4m_desktop.reports.scripts import Script, script_of, script_runs, scripts_in

from .conftest import LANGUAGES, face_covers, load_corpus


@pytest.mark.parametrize(
    ("ch", "script"),
    [("a", Script.LATIN), ("ế", Script.LATIN), ("Đ", Script.LATIN), ("ก", Script.THAI),
     ("ຫ", Script.LAO), ("ស", Script.KHMER), ("៛", Script.KHMER), ("က", Script.MYANMAR),
     ("5", Script.COMMON), (" ", Script.COMMON), ("%", Script.COMMON), ("\u0301", Script.INHERITED),
     ("\u200b", Script.INHERITED), ("Ж", Script.OTHER)],
)
def test_script_of(ch, script):
    assert script_of(ch) is script


def test_script_runs_give_neutrals_to_the_run_before():
    text = "Bagan ပုဂံ 2025 (25%)"
    runs = [(text[r.start:r.end], r.script) for r in script_runs(text)]
    assert runs == [("Bagan ", Script.LATIN), ("ပုဂံ 2025 (25%)", Script.MYANMAR)]
    assert scripts_in(text) == {Script.LATIN, Script.MYANMAR}


def test_mixed_text_takes_digits_from_the_latin_face(fonts):
    text = "Bagan ပုဂံ 2025 (25%)"
    runs = [(text[r.start:r.end], r.face.family) for r in font_runs(text, fonts)]
    assert runs == [("Bagan ", "Noto Sans"), ("ပုဂံ", "Noto Sans Myanmar"),
                    (" 2025 (25%)", "Noto Sans")]


def test_neutrals_stay_with_the_face_before_them_when_it_has_them(fonts):
    text = "กำลัง น้ำ, ສະບາຍດີ"
    runs = [(text[r.start:r.end], r.face.family) for r in font_runs(text, fonts)]
    assert runs == [("กำลัง น้ำ", "Noto Sans Thai"), (", ", "Noto Sans"),
                    ("ສະບາຍດີ", "Noto Sans Lao")]


def test_leading_punctuation_takes_the_face_of_the_script_after_it(fonts):
    text = "(ភូមិពួក)"
    runs = font_runs(text, fonts)
    assert [r.face.family for r in runs] == ["Noto Sans Khmer"]  # it has brackets


def test_bold_runs_use_bold_faces(fonts):
    runs = font_runs("ស្ត្រី 2025", fonts, bold=True)
    assert all(r.face.bold for r in runs)


def test_a_mark_never_leaves_its_base(fonts):
    text = "Hue\u0301 ก\u0301"  # combining acute after Latin and after Thai
    runs = font_runs(text, fonts)
    for run in runs:
        assert text[run.start] not in "\u0301"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_run_font_covers_its_characters(fonts, lang):
    for sentence in load_corpus(lang):
        runs = font_runs(sentence.text, fonts)
        assert runs[0].start == 0 and runs[-1].end == len(sentence.text)
        for run in runs:
            assert not run.missing
            assert face_covers(run.face, sentence.text[run.start:run.end])


def test_a_character_no_font_has_is_reported_not_boxed(fonts):
    text = "OK \U0001F9EA"  # a test tube emoji: no face here has it
    runs = font_runs(text, fonts)
    assert "\U0001F9EA" in runs[-1].missing
