"""Split text into runs that are each set in one font whose cmap covers every character of the run.

A grapheme cluster is never split between fonts (a mark stays with its base). Letters of a
script take that script's face. Digits, spaces and punctuation take the face of the text before
them if it has them, else the face of the script that follows, else the Latin face, else any face
found so far or a symbol font; the Noto script fonts hold no digits, so "ပုဂံ 2025" sets the digits
in the Latin face. A character no face has is left in the run but not drawn (``FontRun.missing``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import regex

from .clusters import grapheme_boundaries
from .fonts import Face, FontSet
from .scripts import BLOCKS, Script

log = logging.getLogger(__name__)

# Text falls into items: a letter of one of our scripts with the letters of the same script and
# the marks after it, or a stretch of everything else (digits, spaces, punctuation, symbols,
# letters of other scripts, with their marks). Checking coverage item by item keeps this fast.
_INVISIBLE = "\u200b-\u200d\u2060\ufeff"


def _item_pattern() -> regex.Pattern:
    blocks: dict[Script, str] = {}
    for low, high, script in BLOCKS:
        blocks[script] = blocks.get(script, "") + f"\\u{low:04X}-\\u{high:04X}"
    parts = [f"(?P<{s.name}>[{cls}][{cls}\\p{{M}}{_INVISIBLE}]*)" for s, cls in blocks.items()]
    parts.append(f"(?P<LATIN>\\p{{Latin}}[\\p{{Latin}}\\p{{M}}{_INVISIBLE}]*)")
    parts.append(f"(?P<COMMON>[^{''.join(blocks.values())}\\p{{Latin}}]+)")
    return regex.compile("|".join(parts))


_ITEMS = _item_pattern()


@dataclass(frozen=True)
class FontRun:
    start: int
    end: int
    face: Face
    missing: frozenset[str] = frozenset()  # characters no face has (not drawn)


def _choose(chunk: str, choices: list[Face], fonts: FontSet, bold: bool) -> Face | None:
    for face in choices:
        if face.covers(chunk):
            return face
    extra = [f for f in fonts.found() if f.bold == bold] + fonts.symbols()
    return next((f for f in extra if f.covers(chunk)), None)


def font_runs(text: str, fonts: FontSet, *, bold: bool = False) -> list[FontRun]:
    """Return the font runs of text, in order, covering it exactly."""
    items = [(m.start(), m.end(), Script[m.lastgroup]) for m in _ITEMS.finditer(text)]
    runs: list[FontRun] = []
    previous: Face | None = None

    def add(a: int, b: int, face: Face, missing: frozenset[str] = frozenset()) -> None:
        last = runs[-1] if runs else None
        if last is not None and last.face is face and last.end == a:
            runs[-1] = FontRun(last.start, b, face, last.missing | missing)
        else:
            runs.append(FontRun(a, b, face, missing))

    for i, (a, b, script) in enumerate(items):
        if script.strong:
            choices = [fonts.face(script, bold)]
        else:
            choices = [previous] if previous else []
            if i + 1 < len(items):  # the item after a neutral one is a letter of some script
                choices.append(fonts.face(items[i + 1][2], bold))
            choices.append(fonts.latin(bold))
        chunk = text[a:b]
        face = choices[0] if choices[0].covers(chunk) else _choose(chunk, choices, fonts, bold)
        if face is not None:
            add(a, b, face)
            previous = face
            continue
        # No face has all of it: choose per grapheme cluster.
        bounds = grapheme_boundaries(chunk)
        for start, end in zip(bounds, bounds[1:], strict=False):
            cluster = chunk[start:end]
            face = _choose(cluster, choices, fonts, bold)
            missing: frozenset[str] = frozenset()
            if face is None:
                face = choices[0]
                missing = frozenset(c for c in cluster if not face.covers(c))
                log.warning("no font has %s: left out of the PDF",
                            ", ".join(f"U+{ord(c):04X}" for c in sorted(missing)))
            add(a + start, a + end, face, missing)
            previous = face
    return runs
