"""Lay script-aware text out in lines: font runs, shaped widths, breaks at word boundaries.

``lay_out`` fills lines greedily with the pieces between two break opportunities
(``linebreak.break_opportunities``), measuring each piece shaped by HarfBuzz in the face of its
run (``runs.font_runs``). A piece wider than a whole line is cut at ``clusters.cluster_boundaries``.
Nothing is added to or dropped from the text: the lines' texts put together are the input, and
spaces at the end of a line, hard line breaks and invisible characters are simply not drawn.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .clusters import cluster_boundaries
from .fonts import Face, FontSet
from .linebreak import HARD_BREAKS, break_opportunities
from .runs import FontRun, font_runs
from .scripts import NOT_DRAWN
from .shaping import width as shaped_width

_NOT_DRAWN_TABLE = {ord(c): None for c in NOT_DRAWN} | {ord("\t"): " "}


@dataclass(frozen=True)
class Run:
    """Part of a line set in one face. ``text`` is the source slice; ``drawn`` what is drawn."""

    start: int
    end: int
    text: str
    drawn: str
    face: Face = field(repr=False)
    width: float

    @property
    def font(self) -> str:
        return self.face.name


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    runs: tuple[Run, ...]
    width: float  # drawn width (trailing spaces excluded)

    def shifted(self, offset: int) -> Line:
        """Return the line with its positions moved by offset (for a split paragraph)."""
        runs = tuple(replace(r, start=r.start + offset, end=r.end + offset) for r in self.runs)
        return replace(self, start=self.start + offset, end=self.end + offset, runs=runs)


class _Measure:
    """Widths of slices of one text, shaped run by run, cached."""

    def __init__(self, text: str, runs: list[FontRun], size: float):
        self.text, self.runs, self.size = text, runs, size
        self.starts = [r.start for r in runs]

    def pieces(self, a: int, b: int):
        """Yield (run, start, end) for the parts of [a, b) in each font run."""
        i = bisect_right(self.starts, a) - 1
        while a < b and i < len(self.runs):
            run = self.runs[i]
            end = min(b, run.end)
            if end > a:
                yield run, a, end
            a = max(a, end)
            i += 1

    def drawn(self, run: FontRun, a: int, b: int) -> str:
        piece = self.text[a:b].translate(_NOT_DRAWN_TABLE)
        if run.missing:
            piece = "".join(c for c in piece if c not in run.missing)
        return piece

    def width(self, a: int, b: int) -> float:
        run = self.runs[bisect_right(self.starts, a) - 1]
        if b <= run.end:  # the usual case: one font
            return shaped_width(self.drawn(run, a, b), run.face.name, self.size)
        return sum(shaped_width(self.drawn(r, s, e), r.face.name, self.size)
                   for r, s, e in self.pieces(a, b))


def _trim(text: str, a: int, b: int) -> int:
    """Return the end of [a, b) without trailing white space and hard breaks."""
    while b > a and (text[b - 1].isspace() or text[b - 1] in NOT_DRAWN):
        b -= 1
    return b


def _hard_lines(text: str) -> list[tuple[int, int]]:
    """Split text after each hard line break."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in HARD_BREAKS:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def segments(text: str, locale: str = "en") -> list[tuple[int, int]]:
    """Return the unbreakable pieces of text (each ends at a break opportunity)."""
    result: list[tuple[int, int]] = []
    for a, b in _hard_lines(text):
        content_end = b - 1 if b > a and text[b - 1] in HARD_BREAKS else b
        pieces = [a] + [a + p for p in break_opportunities(text[a:content_end], locale)]
        if content_end < b:  # the hard break itself ends the last piece of its line
            if len(pieces) > 1:
                pieces[-1] = b
            else:
                pieces.append(b)
        result.extend(zip(pieces, pieces[1:], strict=False))
    return result


def widest_piece(text: str, fonts: FontSet, *, size: float, bold: bool = False,
                 locale: str = "en") -> float:
    """Return the width of the widest piece of text that no line break may cut."""
    if not text:
        return 0.0
    measure = _Measure(text, font_runs(text, fonts, bold=bold), size)
    return max(measure.width(a, _trim(text, a, b)) for a, b in segments(text, locale))


def lay_out(text: str, fonts: FontSet, *, size: float, widths: Callable[[int], float],
            bold: bool = False, locale: str = "en") -> list[Line]:
    """Break text into lines; ``widths(n)`` is the width available to line n (0-based)."""
    if not text:
        return []
    runs = font_runs(text, fonts, bold=bold)
    measure = _Measure(text, runs, size)
    cuts: list[int] = []  # where each line after the first starts
    line_start, used = 0, 0.0
    for a, b in segments(text, locale):
        trimmed = _trim(text, a, b)
        need = measure.width(a, trimmed)
        if a > line_start and used + need > widths(len(cuts)):
            cuts.append(a)
            line_start, used = a, 0.0
        if a == line_start and need > widths(len(cuts)):
            # Wider than a whole line: cut at cluster boundaries, as much per line as fits.
            bounds = [a + p for p in cluster_boundaries(text[a:trimmed])]
            pos = a
            while measure.width(pos, trimmed) > widths(len(cuts)):
                k = bisect_right(bounds, pos)
                best = bounds[k] if k < len(bounds) else trimmed  # at least one cluster a line
                lo, hi = k, len(bounds) - 1
                while lo <= hi:
                    mid = (lo + hi) // 2
                    if measure.width(pos, bounds[mid]) <= widths(len(cuts)):
                        best, lo = bounds[mid], mid + 1
                    else:
                        hi = mid - 1
                if best >= trimmed:
                    break
                cuts.append(best)
                pos = line_start = best
            used = measure.width(line_start, b)
        else:
            used += measure.width(a, b)
        if b < len(text) and text[b - 1] in HARD_BREAKS:
            cuts.append(b)
            line_start, used = b, 0.0
    return _lines(text, measure, [0, *cuts, len(text)])


def _lines(text: str, measure: _Measure, edges: list[int]) -> list[Line]:
    lines = []
    for start, end in zip(edges, edges[1:], strict=False):
        if end <= start:
            continue
        visible_end = _trim(text, start, end)
        runs = []
        for run, a, b in measure.pieces(start, end):
            drawn = measure.drawn(run, a, min(b, visible_end)) if a < visible_end else ""
            width = shaped_width(drawn, run.face.name, measure.size)
            runs.append(Run(a, b, text[a:b], drawn, run.face, width))
        lines.append(Line(start, end, text[start:end], tuple(runs), sum(r.width for r in runs)))
    return lines
