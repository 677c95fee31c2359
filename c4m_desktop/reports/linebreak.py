"""Where a line of report text may end: ICU's line breaker, with dictionaries for Thai, Lao, Khmer
and Myanmar (DESIGN-NOTES.md, "Reports: script-aware text").

ReportLab only breaks at spaces, and these four scripts put none between words. ICU (through the
``icu4py`` wheels, which bundle ICU itself on Windows, macOS and Linux) finds word boundaries with
its dictionaries. Every position it gives is checked with ``clusters.may_break``, so a line never
ends inside a grapheme cluster or before a sign that cannot start a line. Without ICU
(a build that lacks it) lines end after spaces and between clusters of those scripts: syllables
rather than words, but never a torn cluster.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .clusters import cluster_boundaries, may_break
from .scripts import COMPLEX, script_of

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from icu4py.breakers import LineBreaker as _LineBreaker

LineBreaker: type[_LineBreaker] | None  # None without ICU
try:
    from icu4py.breakers import LineBreaker
except ImportError:  # pragma: no cover - the wheels exist for every platform we ship to
    LineBreaker = None
    log.warning("icu4py is missing: Thai, Lao, Khmer and Myanmar lines break between syllables")

HARD_BREAKS = "\n\u2028\u2029"


def icu_available() -> bool:
    return LineBreaker is not None


def _code_points(text: str, utf16_offsets: Iterable[int]) -> list[int]:
    """Turn ICU's UTF-16 offsets into Python string indexes."""
    if not text or max(text) < "\U00010000":
        return list(utf16_offsets)
    index, position = {}, 0
    for i, ch in enumerate(text):
        index[position] = i
        position += 2 if ord(ch) > 0xFFFF else 1
    index[position] = len(text)
    return [index[o] for o in utf16_offsets]


def icu_breaks(text: str, locale: str = "en") -> list[int]:
    """Return ICU's line break opportunities in text (0 < p <= len(text))."""
    if LineBreaker is None:
        raise RuntimeError("icu4py is not installed")
    return _code_points(text, (end for _start, end in LineBreaker(text, locale).segments()))


def fallback_breaks(text: str) -> list[int]:
    """Return break opportunities without ICU: after spaces, and between the clusters of text in
    a script written without spaces."""
    bounds = cluster_boundaries(text)
    result = []
    for p in bounds[1:-1]:
        before, after = text[p - 1], text[p]
        if (before.isspace() and not after.isspace()) or (
            script_of(before) in COMPLEX and script_of(after) in COMPLEX
        ):
            result.append(p)
    result.append(len(text))
    return result


def break_opportunities(text: str, locale: str = "en") -> list[int]:
    """Return the positions p where a line may end before text[p], len(text) last.

    Text must not contain hard line breaks (split those off first, see ``HARD_BREAKS``).
    """
    if not text:
        return []
    if LineBreaker is None:
        return fallback_breaks(text)
    end = len(text)
    return [p for p in icu_breaks(text, locale) if p == end or may_break(text, p)]
