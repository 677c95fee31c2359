"""Where a line may be cut without tearing a written unit apart: grapheme clusters, tailored.

Unicode's extended grapheme clusters (the ``regex`` package's ``\\X``) keep a base with its
marks, but they still separate pieces that a reader sees as one unit and that must never start a
line: Thai/Lao following vowels (ส|า), leading vowels from their consonant (แ|ผ), Myanmar visarga
and tall AA (န်|း, ပ|ါ), and a Myanmar consonant killed by asat from the syllable it closes
(ကျွ|န်ု). ``cluster_boundaries`` removes those boundaries, so its result is the last resort for
breaking a word wider than the line, and the check applied to every break a layout chooses.
"""

from __future__ import annotations

import unicodedata

import regex

_CLUSTER = regex.compile(r"\X")

# Thai and Lao vowels written after the consonant but encoded as letters, not marks (sara a, aa,
# am, lakkhangyao, mai yamok; Lao a, aa, am, ko la).
_FOLLOWING = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e46\u0eb0\u0eb2\u0eb3\u0ec6")
# Signs that close a word or sentence and must not open a line (Thai paiyannoi and fongman, Myanmar
# little and big section, Khmer khan and bariyoosan).
_CLOSING = frozenset("\u0e2f\u0e5a\u0e5b\u104a\u104b\u17d4\u17d5")
# Thai and Lao vowels written before the consonant they belong to.
_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
# Khmer coeng and Myanmar virama put the next consonant below this one.
_STACKERS = frozenset("\u17d2\u1039")
_JOINERS = frozenset("\u200c\u200d")
_MY_ASAT = "\u103a"
_MY_DOT_BELOW = "\u1037"


def _myanmar_killed(text: str, i: int) -> bool:
    """True if text[i] is a Myanmar consonant closed by asat (it ends the syllable before it)."""
    if not 0x1000 <= ord(text[i]) <= 0x1021:
        return False
    j = i + 1
    if j < len(text) and text[j] == _MY_DOT_BELOW:
        j += 1
    return j < len(text) and text[j] == _MY_ASAT


def may_break(text: str, i: int) -> bool:
    """May a line end between text[i-1] and text[i], as far as the characters around it tell?

    Checks the tailoring above and the grapheme rules a line breaker could get wrong (a mark or
    a joiner never starts a line, nothing follows a zero width joiner); the full grapheme rules
    are ``grapheme_boundaries``.
    """
    before, after = text[i - 1], text[i]
    if unicodedata.category(after)[0] == "M" or after in _JOINERS or before == "\u200d":
        return False
    if after in _FOLLOWING or after in _CLOSING or before in _LEADING or before in _STACKERS:
        return False
    return not _myanmar_killed(text, i)


def grapheme_boundaries(text: str) -> list[int]:
    """Return the extended grapheme cluster boundaries of text, 0 and len(text) included."""
    bounds = [0]
    bounds.extend(m.end() for m in _CLUSTER.finditer(text))
    return bounds


def cluster_boundaries(text: str) -> list[int]:
    """Return the boundaries where a line may be cut as a last resort, 0 and len(text) included."""
    bounds = grapheme_boundaries(text)
    return [b for b in bounds if b in (0, len(text)) or may_break(text, b)]
