"""Fixtures for script-aware report text: the fonts of this machine, the corpus, poppler."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from c4m_desktop.reports.fonts import Face, FontSet

CORPUS = Path(__file__).parent / "corpus"
LANGUAGES = ("km", "th", "lo", "my", "vi", "mixed")

# The strings issue 5 names as hard, each with the language of its corpus file.
HARD = {
    "km": ["សួស្តី", "ស្ត្រី"],
    "my": ["ဉ့်", "ကျွန်ုပ်"],
    "lo": ["ຫຼວງພະບາງ"],
    "th": ["กำลังน้ำ"],
    "vi": ["Thừa Thiên Huế"],
    "mixed": ["Bagan ပုဂံ 2025 (25%)"],
}


@dataclass(frozen=True)
class Sentence:
    lang: str
    text: str
    breaks: tuple[int, ...]  # positions of '|' in the reference, and len(text)


def load_corpus(lang: str) -> list[Sentence]:
    sentences = []
    for raw in (CORPUS / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
        if not raw or raw.startswith("#"):
            continue
        parts = raw.split("|")
        positions, total = [], 0
        for part in parts:
            total += len(part)
            positions.append(total)
        sentences.append(Sentence(lang, "".join(parts), tuple(positions)))
    return sentences


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    """The fonts of this machine (scripts/bootstrap installs fonts-noto-core)."""
    return FontSet()


@cache
def cmap_of(path: Path, index: int) -> frozenset[int]:
    """Read a font's cmap afresh, independently of what ReportLab registered."""
    return frozenset(TTFontFile(str(path), subfontIndex=index).charToGlyph)


def face_covers(face: Face, text: str) -> bool:
    from c4m_desktop.reports.scripts import IGNORABLE

    cmap = cmap_of(face.path, face.index)
    return all(ord(c) in cmap or c in IGNORABLE for c in text)


def poppler(tool: str, *args: str) -> str:
    """Run a poppler-utils tool and return its standard output."""
    assert shutil.which(tool), f"{tool} missing: scripts/bootstrap installs poppler-utils"
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def drawn(monkeypatch):
    """Every ScriptParagraph (or part of a split one) as it is drawn, in order."""
    from c4m_desktop.reports.paragraph import ScriptParagraph

    parts: list[ScriptParagraph] = []
    original = ScriptParagraph.draw

    def draw(self):
        parts.append(self)
        original(self)

    monkeypatch.setattr(ScriptParagraph, "draw", draw)
    return parts
