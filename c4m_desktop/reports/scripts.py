"""Which writing system each character of report text belongs to (DESIGN.md §5).

Reports carry Latin (English, Vietnamese), Thai, Khmer, Lao and Myanmar text, often mixed in one
paragraph ("Bagan ပုဂံ 2025"). Each script needs its own font, so text is classified character by
character here; digits, spaces and punctuation are ``COMMON`` and combining marks ``INHERITED``:
they take the font of their neighbours (see ``runs.py``), never a script of their own.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import regex


class Script(Enum):
    LATIN = "Latin"
    THAI = "Thai"
    KHMER = "Khmer"
    LAO = "Lao"
    MYANMAR = "Myanmar"
    COMMON = "Common"
    INHERITED = "Inherited"
    OTHER = "Other"  # letters of scripts we carry no font for (Greek, Cyrillic, Han...)

    @property
    def strong(self) -> bool:
        """True for the scripts that have a font of their own."""
        return self in WRITTEN


WRITTEN = (Script.LATIN, Script.THAI, Script.KHMER, Script.LAO, Script.MYANMAR)
COMPLEX = (Script.THAI, Script.KHMER, Script.LAO, Script.MYANMAR)  # written without spaces

# Script name as shown to people: English and the script's own name.
LABELS = {
    Script.LATIN: "Latin",
    Script.THAI: "Thai (ไทย)",
    Script.KHMER: "Khmer (ខ្មែរ)",
    Script.LAO: "Lao (ລາວ)",
    Script.MYANMAR: "Myanmar (မြန်မာ)",
}

BLOCKS = (
    (0x0E00, 0x0E7F, Script.THAI),
    (0x0E80, 0x0EFF, Script.LAO),
    (0x1000, 0x109F, Script.MYANMAR),
    (0x1780, 0x17FF, Script.KHMER),
    (0x19E0, 0x19FF, Script.KHMER),  # Khmer symbols (lunar dates)
    (0xA9E0, 0xA9FF, Script.MYANMAR),  # Myanmar Extended-B
    (0xAA60, 0xAA7F, Script.MYANMAR),  # Myanmar Extended-A
)

# Characters that draw nothing and that fonts often leave out of their cmap; they never decide a
# font and are not drawn (a U+200B left in drawn text shows as a gap in ReportLab).
IGNORABLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff") | frozenset(
    chr(c) for c in range(0xFE00, 0xFE10)
) | frozenset("\t\n\r\u2028\u2029")  # controls: line breaks are not drawn, a tab as a space
# Joiners steer shaping, so they stay in the text given to HarfBuzz; the rest is dropped.
NOT_DRAWN = IGNORABLE - {"\u200c", "\u200d"}


_LATIN = regex.compile(r"\p{Latin}")


@lru_cache(maxsize=4096)
def script_of(ch: str) -> Script:
    """Return the script of one character."""
    code = ord(ch)
    for low, high, script in BLOCKS:
        if low <= code <= high:
            return script
    if ch in IGNORABLE:
        return Script.INHERITED
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Mc"):
        return Script.INHERITED
    if _LATIN.match(ch):
        return Script.LATIN
    return Script.OTHER if category[0] == "L" else Script.COMMON


@dataclass(frozen=True)
class ScriptRun:
    start: int
    end: int
    script: Script


def script_runs(text: str) -> list[ScriptRun]:
    """Split text into runs of one script; common and inherited characters join the run before
    them (the run after them at the start of the text)."""
    runs: list[ScriptRun] = []
    current: Script | None = None
    start = 0
    for i, ch in enumerate(text):
        script = script_of(ch)
        if not script.strong:
            continue
        if current is None:
            current = script
        elif script is not current:
            runs.append(ScriptRun(start, i, current))
            # Neutrals between two runs stay with the run before them.
            start, current = i, script
    runs.append(ScriptRun(start, len(text), current or Script.COMMON))
    return [r for r in runs if r.end > r.start] if text else []


def scripts_in(text: str) -> set[Script]:
    """Return the strong scripts that occur in text."""
    return {s for s in map(script_of, set(text)) if s.strong}
