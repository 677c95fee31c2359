"""Break opportunities against the corpus reference (ICU) and the cluster rules."""

from __future__ import annotations

import pytest
import regex

from c4m_desktop.reports.clusters import cluster_boundaries, grapheme_boundaries
from c4m_desktop.reports.linebreak import (
    break_opportunities,
    fallback_breaks,
    icu_available,
    icu_breaks,
)

from .conftest import LANGUAGES, load_corpus

ALL = [s for lang in LANGUAGES for s in load_corpus(lang)]


def test_the_corpus_holds_the_hard_strings():
    from .conftest import HARD

    texts = {lang: [s.text for s in load_corpus(lang)] for lang in LANGUAGES}
    for lang, hard in HARD.items():
        for string in hard:
            assert any(string in t for t in texts[lang]), (lang, string)


@pytest.mark.skipif(not icu_available(), reason="icu4py missing")
@pytest.mark.parametrize("sentence", ALL, ids=lambda s: f"{s.lang}:{s.text[:12]}")
def test_breaks_equal_the_reference(sentence):
    assert tuple(break_opportunities(sentence.text, sentence.lang)) == sentence.breaks
    # ICU itself offered no break that the cluster rules had to take away.
    assert tuple(icu_breaks(sentence.text, sentence.lang)) == sentence.breaks


@pytest.mark.parametrize("sentence", ALL, ids=lambda s: f"{s.lang}:{s.text[:12]}")
def test_breaks_never_fall_inside_a_cluster(sentence):
    text = sentence.text
    graphemes = {m.end() for m in regex.finditer(r"\X", text)}
    safe = set(cluster_boundaries(text))
    for breaks in (break_opportunities(text, sentence.lang), fallback_breaks(text)):
        assert set(breaks) <= graphemes
        assert set(breaks) <= safe


@pytest.mark.parametrize("sentence", ALL, ids=lambda s: f"{s.lang}:{s.text[:12]}")
def test_the_fallback_finds_every_reference_break(sentence):
    """Without ICU lines still break wherever ICU would (and more often, between syllables)."""
    assert set(sentence.breaks) <= set(fallback_breaks(sentence.text))


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("สา", 1),  # Thai sara aa follows its consonant
        ("แผน", 1),  # a leading vowel stays with its consonant
        ("กำ", 1),  # sara am
        ("ကျွန်ုပ်", 3),  # Myanmar consonant killed by asat closes the syllable before it
        ("ကျွန်ုပ်", 6),
        ("ကန်း", 3),  # visarga
        ("ပါ", 1),  # tall aa
        ("ဉ့်", 1),
        ("ស្ត្រី", 2),  # Khmer coeng: the subscript belongs to the consonant above
        ("សៀមរាប។", 6),  # khan ends a sentence and cannot open a line
        ("ຫຼວງ", 1),
        ("ກາ", 1),  # Lao aa
        ("ເມືອງ", 1),
    ],
)
def test_cluster_rules_glue(text, glued):
    assert glued not in cluster_boundaries(text)


def test_cluster_boundaries_keep_graphemes_whole():
    text = "Thừa Thiên Huế ສະບາຍດີ"
    assert set(cluster_boundaries(text)) <= set(grapheme_boundaries(text))


def test_utf16_offsets_are_mapped_back():
    text = "𝐀 ສະມາຄົມ ຊ່າງ"  # a character outside the BMP before Lao
    breaks = break_opportunities(text, "lo")
    assert breaks[-1] == len(text)
    assert all(0 < p <= len(text) for p in breaks)
    assert 2 in breaks  # after "𝐀 "
