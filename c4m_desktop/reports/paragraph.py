"""A platypus Flowable for plain report text in any of our scripts, and the styles it reads.

``ScriptParagraph`` lays its text out with ``layout.lay_out`` (per-run fonts, HarfBuzz shaping,
breaks at word boundaries) and draws it run by run, so Khmer subscripts, Myanmar medials and Thai
and Lao mark stacks come out right and nothing is drawn as a box. It wraps, splits across frames
and pages, and sits in table cells like a ReportLab ``Paragraph``; ``lines`` tells which lines it
chose. Text is plain (no markup); ``shaping.draw`` draws each run.
"""

from __future__ import annotations

from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

from .fonts import FontSet
from .layout import Line, Run, lay_out, widest_piece
from .scripts import Script, scripts_in
from .shaping import draw as draw_shaped

# Smallest line height, in font sizes, for text in these scripts: stacked marks above and
# subscripts below need more room than the fonts' own metrics promise (Noto Sans Khmer declares
# the Latin metrics of Noto Sans).
LINE_HEIGHT = {Script.KHMER: 1.6, Script.MYANMAR: 1.8, Script.LAO: 1.5, Script.THAI: 1.45}

__all__ = ["ScriptParagraph", "text_style", "draw_text", "text_width", "TA_LEFT", "TA_CENTER",
           "TA_RIGHT", "TA_JUSTIFY"]


def text_style(fonts: FontSet, name: str = "body", *, size: float = 10, bold: bool = False,
               leading: float | None = None, alignment: int = TA_LEFT, color=black,
               space_before: float = 0, space_after: float = 0,
               parent: ParagraphStyle | None = None, **more) -> ParagraphStyle:
    """Return a paragraph style for script-aware text: shaping on, the Latin face of ``fonts``
    as its font (so plain ReportLab paragraphs and table cells embed it too) and ``fonts``
    attached for ``ScriptParagraph``."""
    settings = dict(
        fontName=fonts.latin(bold).name, fontSize=size,
        leading=leading if leading is not None else size * 1.25, alignment=alignment,
        textColor=color, spaceBefore=space_before, spaceAfter=space_after, shaping=1, fonts=fonts,
    )
    return ParagraphStyle(name, parent=parent, **(settings | more))


def _fonts_of(style: ParagraphStyle, fonts: FontSet | None) -> FontSet:
    found = fonts or getattr(style, "fonts", None)
    if found is None:
        raise ValueError(f"style {style.name!r} has no fonts: make it with text_style()")
    return found


class ScriptParagraph(Flowable):
    """Plain text laid out with per-script fonts, shaping and word-boundary line breaks.

    Args:
        text: the text (``\\n`` starts a new line).
        style: a ParagraphStyle from ``text_style`` (font size, leading, alignment, colour,
            indents, space before/after, bold when its fontName is bold).
        fonts: the FontSet to use, if the style carries none.
        lang: the language of the text, a hint for ICU's line breaker.

    Justified text (TA_JUSTIFY) is set flush left: Thai, Lao, Khmer and Myanmar lines have no
    spaces to stretch.
    """

    def __init__(self, text: str, style: ParagraphStyle, *, fonts: FontSet | None = None,
                 lang: str | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self.fonts = _fonts_of(style, fonts)
        self.lang = lang or "en"
        self.bold = self.fonts.is_bold(style.fontName)
        self._continued = False  # the second part of a split: no first-line indent, no space before
        self._split_off = False  # the first part of a split: no space after
        self._laid_out: tuple[float, list[Line]] | None = None
        self._metrics: tuple[float, float, float] | None = None

    def __repr__(self) -> str:
        head = self.text[:30] + ("…" if len(self.text) > 30 else "")
        return f"<ScriptParagraph {head!r}>"

    # --- layout -------------------------------------------------------------------------------

    @property
    def size(self) -> float:
        return self.style.fontSize

    def _line_widths(self, width: float):
        inner = width - self.style.leftIndent - self.style.rightIndent
        first = inner - (0 if self._continued else self.style.firstLineIndent)
        return lambda n: first if n == 0 else inner

    def lay_out(self, width: float) -> list[Line]:
        """Return the lines of the text at a given width (cached for the last width)."""
        if self._laid_out is None or abs(self._laid_out[0] - width) > 1e-6:
            lines = lay_out(self.text, self.fonts, size=self.size, widths=self._line_widths(width),
                            bold=self.bold, locale=self.lang)
            self._laid_out = (width, lines)
            self._metrics = None
        return self._laid_out[1]

    @property
    def lines(self) -> list[Line]:
        """The lines chosen by the last wrap (text and runs with their fonts)."""
        if self._laid_out is None:
            raise RuntimeError("wrap() the paragraph first")
        return self._laid_out[1]

    def _vertical(self) -> tuple[float, float, float]:
        """Return (line height, ascent, descent) in points for the faces the text uses."""
        if self._metrics is None:
            faces = {r.face for line in self.lines for r in line.runs} or {
                self.fonts.latin(self.bold)}
            ascent = max(f.ascent for f in faces) * self.size / 1000
            descent = min(f.descent for f in faces) * self.size / 1000
            factor = max((LINE_HEIGHT.get(s, 0) for s in scripts_in(self.text)), default=0)
            leading = max(self.style.leading, ascent - descent, factor * self.size)
            self._metrics = (leading, ascent, descent)
        return self._metrics

    @property
    def leading(self) -> float:
        """Distance between baselines: the style's leading, more if the fonts need it."""
        return self._vertical()[0]

    def wrap(self, availWidth, availHeight):
        lines = self.lay_out(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.leading
        return self.width, self.height

    def minWidth(self):
        """Width of the widest piece that cannot be broken (for tables sizing columns)."""
        widest = widest_piece(self.text, self.fonts, size=self.size, bold=self.bold,
                              locale=self.lang)
        indent = self.style.leftIndent + self.style.rightIndent
        return widest + indent + (0 if self._continued else max(self.style.firstLineIndent, 0))

    def split(self, availWidth, availHeight):
        lines = self.lay_out(availWidth)
        fit = int((availHeight + 1e-6) // self.leading) if lines else 0
        if fit >= len(lines):
            return [self]
        if not getattr(self.style, "allowWidows", 1) and len(lines) - fit == 1:
            fit -= 1
        if fit <= 0 or (fit == 1 and not getattr(self.style, "allowOrphans", 0)):
            return []
        cut = lines[fit].start
        return [self._part(0, cut, lines[:fit], availWidth),
                self._part(cut, len(self.text), [ln.shifted(-cut) for ln in lines[fit:]],
                           availWidth)]

    def _part(self, start: int, end: int, lines: list[Line], width: float) -> ScriptParagraph:
        part = ScriptParagraph(self.text[start:end], self.style, fonts=self.fonts, lang=self.lang)
        part._continued = self._continued or start > 0
        part._split_off = self._split_off or end < len(self.text)
        part._laid_out = (width, lines)
        part._metrics = self._vertical()  # the same line height on every page
        return part

    def getSpaceBefore(self):
        return 0 if self._continued else self.style.spaceBefore

    def getSpaceAfter(self):
        return 0 if self._split_off else self.style.spaceAfter

    # --- drawing ------------------------------------------------------------------------------

    def draw(self):
        canv = self.canv
        style = self.style
        line_height, ascent, descent = self._vertical()
        half = (line_height - (ascent - descent)) / 2
        widths = self._line_widths(self.width)
        canv.saveState()
        canv.setFillColor(style.textColor)
        for n, line in enumerate(self.lines):
            baseline = self.height - n * line_height - half - ascent
            # widths(n) is narrower than the text block by the first-line indent on line 0.
            x = self.width - style.rightIndent - widths(n)
            room = widths(n) - line.width
            if style.alignment == TA_CENTER:
                x += room / 2
            elif style.alignment == TA_RIGHT:
                x += room
            self._draw_line(canv, x, baseline, line.runs)
        canv.restoreState()

    def _draw_line(self, canv: Canvas, x: float, y: float, runs: tuple[Run, ...]) -> None:
        for run in runs:
            x += draw_shaped(canv, x, y, run.drawn, run.face.name, self.size)


def text_width(text: str, style: ParagraphStyle, *, fonts: FontSet | None = None) -> float:
    """Return the width of one line of text set in a style (no wrapping)."""
    fonts = _fonts_of(style, fonts)
    bold = fonts.is_bold(style.fontName)
    lines = lay_out(text, fonts, size=style.fontSize, bold=bold, widths=lambda n: float("inf"))
    return sum(line.width for line in lines)


def draw_text(canv: Canvas, x: float, y: float, text: str, style: ParagraphStyle, *,
              fonts: FontSet | None = None, align: int = TA_LEFT) -> float:
    """Draw one line of text with its baseline at y (headers, footers, chart labels); x is the
    left edge, the centre or the right edge by ``align``. Return the width drawn."""
    fonts = _fonts_of(style, fonts)
    bold = fonts.is_bold(style.fontName)
    lines = lay_out(text, fonts, size=style.fontSize, bold=bold, widths=lambda n: float("inf"))
    runs = [r for line in lines for r in line.runs]
    width = sum(r.width for r in runs)
    x -= width / 2 if align == TA_CENTER else width if align == TA_RIGHT else 0
    canv.saveState()
    canv.setFillColor(style.textColor)
    for run in runs:
        x += draw_shaped(canv, x, y, run.drawn, run.face.name, style.fontSize)
    canv.restoreState()
    return width

