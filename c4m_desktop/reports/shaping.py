"""Shape a run of text with HarfBuzz in a registered face, measure it, and draw it into a PDF.

ReportLab 5.1 can shape (``shapeStr``, and ``Paragraph`` with ``shaping=1``), but its canvas
``drawString(shaping=True)`` silently does not unless the ``rlbidi`` package is installed, and
its glyph-by-glyph PDF output took most of the time of a Khmer page. This module calls uharfbuzz
itself, once per distinct run text (cached, independent of the size), and writes the text
operators directly: glyphs go through ReportLab's font subsetting (``TTFont.splitString``;
glyphs a cmap does not reach, such as Khmer subscript forms, get private-use codes there as in
``shapeStr``), positions become ``TJ`` adjustments and ``Ts`` rises. Each run is wrapped in a
``/ActualText`` span so that copying and ``pdftotext`` give the source characters back.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics

# HarfBuzz's default features (kerning, ligatures, the script's required forms) are what we want.
_FEATURES: dict[str, bool] = {}


@dataclass(frozen=True)
class GlyphRun:
    """A shaped run: one character per glyph (its code in the font's cmap, possibly private-use)
    and, per glyph, the TJ adjustments that place it (before and after it, None for none) and
    its vertical offset, all in thousandths of the font size."""

    chars: str
    before: tuple[str | None, ...]
    after: tuple[str | None, ...]
    y_offsets: tuple[float, ...]
    advance: float  # total advance, thousandths of the font size


@lru_cache(maxsize=64)
def _hb_font(font_name: str):
    ttf = pdfmetrics.getFont(font_name)
    ttf.hbFont()  # sets up ttf.hbAddPrivate
    return ttf, hb.Font(ttf.hbFace), 1000 / ttf.face.unitsPerEm


@lru_cache(maxsize=100_000)
def glyph_run(text: str, font_name: str) -> GlyphRun:
    """Shape text in a registered TrueType font (cached)."""
    ttf, font, scale = _hb_font(font_name)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, _FEATURES)
    glyph_to_char = ttf.face.glyphToChar
    char_widths = ttf.face.charWidths
    chars, before, after, ys = [], [], [], []
    advance = 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        gid = info.codepoint
        codes = glyph_to_char.get(gid)
        if codes:
            code = codes[0]
        else:  # no character maps to this glyph: give it a private-use code, as shapeStr does
            code = ttf.hbAddPrivate(font.glyph_to_string(gid), gid, pos.x_advance * scale)
        chars.append(chr(code))
        # The PDF moves the pen by the glyph's width in the font; HarfBuzz wants it moved by
        # x_advance and the glyph shifted by x_offset: TJ numbers make up the difference.
        x_advance, x_offset = pos.x_advance * scale, pos.x_offset * scale
        shift = char_widths.get(code, 0) - x_advance + x_offset
        before.append(_num(-x_offset) if abs(x_offset) > 1e-6 else None)
        after.append(_num(shift) if abs(shift) > 1e-6 else None)
        ys.append(pos.y_offset * scale)
        advance += x_advance
    return GlyphRun("".join(chars), tuple(before), tuple(after), tuple(ys), advance)


def width(text: str, font_name: str, size: float) -> float:
    """Return the advance width of text shaped in a font, in points."""
    return glyph_run(text, font_name).advance * size / 1000 if text else 0.0


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _actual_text(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def draw(canv, x: float, y: float, text: str, font_name: str, size: float) -> float:
    """Draw text shaped in a font with its baseline origin at (x, y); return its width."""
    if not text:
        return 0.0
    run = glyph_run(text, font_name)
    ttf = pdfmetrics.getFont(font_name)
    doc = canv._doc
    escape = canv._escape
    out = [f"/Span <</ActualText {_actual_text(text)}>> BDC BT 1 0 0 1 {_num(x)} {_num(y)} Tm"]
    rise = 0.0
    i = 0
    for subset, codes in ttf.splitString(run.chars, doc):
        out.append(f"{ttf.getSubsetInternalName(subset, doc)} {_num(size)} Tf")
        items: list[str] = []  # the TJ array being built
        pending = bytearray()
        for code in codes:
            glyph_rise = size * run.y_offsets[i] / 1000
            if glyph_rise != rise:  # a raised or lowered mark: close the array, set the rise
                if pending:
                    items.append(f"({escape(bytes(pending))})")
                    pending = bytearray()
                if items:
                    out.append(f"[{' '.join(items)}] TJ")
                    items = []
                out.append(f"{_num(glyph_rise)} Ts")
                rise = glyph_rise
            adjust = run.before[i]
            if adjust is not None:
                if pending:
                    items.append(f"({escape(bytes(pending))})")
                    pending = bytearray()
                items.append(adjust)
            pending.append(code)
            adjust = run.after[i]
            if adjust is not None:
                items.append(f"({escape(bytes(pending))})")
                pending = bytearray()
                items.append(adjust)
            i += 1
        if pending:
            items.append(f"({escape(bytes(pending))})")
        if items:
            out.append(f"[{' '.join(items)}] TJ")
    if rise:
        out.append("0 Ts")
    out.append("ET EMC")
    canv._code.append(" ".join(out))
    return run.advance * size / 1000
