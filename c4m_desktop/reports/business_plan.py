"""The business-plan report, and the report frame the progress and synthesis reports share.

A business plan prints as: a cover (association, site, plan title, period, status, date), the
contents with page numbers, every section in order (an empty one says so), the plan's figures per
year with the break-even year and a revenue/cost chart, its financial lines, the association's IPR
assets and a signature block. Every page after the cover has a running header (association and
site) and a footer "page X of Y" in the report's language.

The report's language is chosen on its own (``i18n.translator``): labels, dates, numbers and money
follow it, whatever the UI shows. Everything is built in one pass: "of Y" and the contents' page
numbers are PDF form objects placed where they belong and filled in when the last page is done
(``ReportCanvas``), so a 20-page plan costs one layout, not two.

Shared with ``progress.py`` and ``synthesis.py``: ``Report`` (language, fonts, styles, tables,
building), ``Heading``, ``Contents``, ``BarChart``, ``fit_text`` and ``ReportPDF``.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..domain.enums import FinancialKind, IPRStatus, IPRType, PlanStatus, SectionKey, label
from ..domain.financials import PlanFigures
from ..domain.ipr_offices import OFFICES
from ..domain.messages import N_
from ..domain.money import to_major
from ..domain.sites import SITES, Site
from ..i18n import Translator, translator
from ..services import associations, business_plans, records, settings
from ..services.workspace import Workspace
from .clusters import cluster_boundaries
from .embedding import document_options, table_font
from .fonts import FontSet
from .paragraph import (
    TA_CENTER,
    TA_RIGHT,
    ScriptParagraph,
    draw_text,
    text_style,
    text_width,
)

PAGE = A4
MARGIN = 18 * mm
TOP = 22 * mm  # room for the running header
BOTTOM = 18 * mm  # room for the footer
WIDTH = PAGE[0] - 2 * MARGIN
KEEP_UNDER_HEADING = 25 * mm  # room a heading wants below it on its page

ACCENT = HexColor("#1f4e79")
MUTED = HexColor("#5f6670")
RULE = HexColor("#b0b7c3")
HEAD_BG = HexColor("#e8eef5")
ZEBRA = HexColor("#f5f7fa")
LATE = HexColor("#c62828")
LATE_BG = HexColor("#fde2e1")
PALETTE = tuple(HexColor(c) for c in ("#1f4e79", "#e07b39", "#5b9bd5", "#70ad47", "#c62828", "#8e6bbf",
                                       "#9e9e9e", "#26a69a", "#f2c14e", "#a0522d"))

Progress = Callable[[int, int], Any]
Cancelled = Callable[[], bool]


class ReportCancelled(Exception):
    """The person stopped the build; nothing was written."""


@dataclass(frozen=True)
class ReportPDF:
    """A built report: the PDF, its page count and a file name to offer."""

    data: bytes
    pages: int
    title: str
    filename: str


@cache
def default_fonts(folder: str | None = None) -> FontSet:
    """The fonts of this machine, found once per process and folder (DESIGN §5 order)."""
    return FontSet(Path(folder) if folder else None)


def fonts_for(ws: Workspace) -> FontSet:
    """The fonts for this install's reports: its fonts folder setting first, then the usual places."""
    return default_fonts(settings.get(ws, settings.FONTS_DIR) or None)


def slug(text: str, fallback: str) -> str:
    """Return an ASCII file-name piece for text ("Tha Chang Knife Group" → "tha-chang-knife-group")."""
    spaced = re.sub(r"[^\w]+", "-", text)  # dashes and spaces of any kind part words
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:60].strip("-") or fallback


def fit_text(text: str, style: ParagraphStyle, width: float) -> str:
    """Return text, or its longest start that fits width with "…" added (cut between clusters)."""
    if width <= 0 or not text or text_width(text, style) <= width:
        return text
    bounds = [b for b in cluster_boundaries(text) if 0 < b < len(text)]
    best, lo, hi = "…", 0, len(bounds) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        candidate = text[:bounds[mid]].rstrip() + "…"
        if text_width(candidate, style) <= width:
            best, lo = candidate, mid + 1
        else:
            hi = mid - 1
    return best


def paragraphs(text: str | None) -> list[str]:
    """Split typed text into paragraphs at blank lines (single line breaks stay)."""
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


# --- styles -----------------------------------------------------------------------------------

class Styles:
    """The text styles of a report, all with the FontSet attached."""

    def __init__(self, fonts: FontSet):
        s = partial(text_style, fonts)
        self.brand = s("brand", size=10, color=MUTED, space_after=4)
        self.title = s("title", size=26, bold=True, color=ACCENT, leading=32, space_after=10)
        self.subtitle = s("subtitle", size=15, leading=20, space_after=6)
        self.h1 = s("h1", size=14, bold=True, color=ACCENT, leading=18, space_before=12, space_after=6)
        self.h2 = s("h2", size=11, bold=True, leading=14, space_before=8, space_after=4)
        self.body = s("body", size=10, leading=13.5, space_after=5)
        self.muted = s("muted", size=10, leading=13.5, color=MUTED, space_after=5)
        self.note = s("note", size=8.5, color=MUTED, space_before=2, space_after=4)
        self.cell = s("cell", size=8.5)
        self.cell_bold = s("cell_bold", size=8.5, bold=True)
        self.cell_right = s("cell_right", size=8.5, alignment=TA_RIGHT)
        self.cell_right_bold = s("cell_right_bold", size=8.5, bold=True, alignment=TA_RIGHT)
        self.cell_muted = s("cell_muted", size=8.5, color=MUTED)
        self.cell_late = s("cell_late", size=8.5, bold=True, color=LATE)
        self.chart = s("chart", size=7.5)
        self.chart_title = s("chart_title", size=9.5, bold=True)
        self.chart_label = s("chart_label", size=7.5, alignment=TA_CENTER, leading=9)
        self.running = s("running", size=8, color=MUTED)
        self.contents = s("contents", size=10.5)


# --- the canvas: numbers known only at the end --------------------------------------------------

def _footer_form(page: int) -> str:
    return f"c4mFooter{page}"


def _contents_form(key: str) -> str:
    return f"c4mContents{key}"


class ReportCanvas(Canvas):
    """A canvas that fills in "page X of Y" and the contents' page numbers once the last page is
    done: pages place PDF forms by name, defined here just before the file is written."""

    def __init__(self, *args: Any, report: Report, **kw: Any):
        super().__init__(*args, **kw)
        self.report = report
        self.pages = 0
        self.footer_pages: list[int] = []
        self.anchors: dict[str, int] = {}  # heading key -> page it is on
        self.contents_keys: list[str] = []

    def showPage(self):
        self.pages += 1
        super().showPage()

    def save(self):
        if self._code:
            self.showPage()
        report, style = self.report, self.report.styles.running
        page: int | None  # a footer's page, then an anchor's (None if it was not drawn)
        for page in self.footer_pages:
            self.beginForm(_footer_form(page), -WIDTH / 2, -10, WIDTH / 2, 20)
            text = report.tr.render("Page {page} of {pages}", page=report.tr.number(page),
                                    pages=report.tr.number(self.pages))
            draw_text(self, 0, 0, text, style, align=TA_CENTER)
            self.endForm()
        for key in self.contents_keys:
            self.beginForm(_contents_form(key), -40, -10, 2, 20)
            page = self.anchors.get(key)
            draw_text(self, 0, 0, report.tr.number(page) if page else "", report.styles.contents,
                      align=TA_RIGHT)
            self.endForm()
        super().save()


class Heading(ScriptParagraph):
    """A heading that is never split, marks its page for the contents and the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, *, lang: str, key: str | None = None,
                 level: int = 0):
        super().__init__(text, style, lang=lang)
        self.key, self.level = key, level

    def split(self, availWidth, availHeight):
        return []  # to the next frame, whole

    def draw(self):
        canv = self.canv
        if self.key:
            canv.bookmarkHorizontal(self.key, 0, self.height + 4)
            canv.addOutlineEntry(self.text, self.key, self.level)
            if isinstance(canv, ReportCanvas):
                canv.anchors[self.key] = canv.getPageNumber()
        super().draw()


class Contents(Flowable):
    """The table of contents: entry titles with dotted leaders, page numbers filled in at the end,
    each line a link to its heading."""

    def __init__(self, report: Report, entries: Sequence[tuple[str, str]]):
        super().__init__()
        self.report, self.entries = report, list(entries)
        style = report.styles.contents
        self.row = style.fontSize * 2.1

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.row * len(self.entries)
        return self.width, self.height

    def draw(self):
        canv, style = self.canv, self.report.styles.contents
        number_room = 30
        for i, (key, text) in enumerate(self.entries):
            y = self.height - (i + 1) * self.row + self.row * 0.35
            shown = fit_text(text, style, self.width - number_room - 20)
            used = draw_text(canv, 0, y, shown, style)
            canv.saveState()
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.6)
            canv.setDash(0.6, 2.4)
            if self.width - number_room - used > 12:
                canv.line(used + 4, y + 1, self.width - number_room, y + 1)
            canv.restoreState()
            canv.saveState()
            canv.translate(self.width, y)
            canv.doForm(_contents_form(key))
            canv.restoreState()
            canv.linkRect("", key, (0, y - 3, self.width, y + self.row - 5), relative=1, thickness=0)
            if isinstance(canv, ReportCanvas):
                canv.contents_keys.append(key)


# --- charts -----------------------------------------------------------------------------------

def nice_scale(top: float, steps: int = 5, *, integer: bool = False) -> tuple[float, float]:
    """Return (axis maximum, step) with round numbers covering top; whole steps for counts."""
    if top <= 0:
        return (1.0, 1.0) if integer else (1.0, 0.2)
    raw = top / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integer:
        step = max(1.0, float(math.ceil(step)))
    return math.ceil(top / step - 1e-9) * step, step


class BarChart(Flowable):
    """A bar chart (grouped or stacked) drawn with reportlab.graphics, with its title, category
    labels and legend set as script-aware text (graphics strings are not shaped): numbers on the
    value axis are in the Latin face, formatted for the report's locale."""

    def __init__(self, report: Report, *, title: str, categories: Sequence[str],
                 series: Sequence[tuple[str, Sequence[float]]], stacked: bool = False,
                 number: Callable[[float], str] | None = None, plot_height: float = 48 * mm,
                 maximum: float | None = None, integer: bool = False):
        super().__init__()
        self.report, self.title, self.categories = report, title, list(categories)
        self.integer = integer
        self.series = [(name, [float(v or 0) for v in values]) for name, values in series]
        self.stacked, self.plot_height, self.maximum = stacked, plot_height, maximum
        self.number = number or (lambda v: report.tr.number(v))

    def _top(self) -> float:
        if self.maximum is not None:
            return self.maximum
        if not self.series:
            return 0.0
        if self.stacked:
            return max((sum(vals) for vals in zip(*(v for _n, v in self.series), strict=True)), default=0)
        return max((max(v, default=0) for _n, v in self.series), default=0)

    def _labels(self, width: float) -> list[ScriptParagraph]:
        slot = width / max(1, len(self.categories))
        labels = [ScriptParagraph(c, self.report.styles.chart_label, lang=self.report.lang)
                  for c in self.categories]
        for p in labels:
            p.wrap(slot - 2, 100)
        return labels

    def _legend_rows(self, width: float) -> list[list[tuple[str, Color, float]]]:
        style = self.report.styles.chart
        rows: list[list[tuple[str, Color, float]]] = [[]]
        used = 0.0
        for i, (name, _values) in enumerate(self.series):
            text = fit_text(name, style, width - 14)
            need = 14 + text_width(text, style) + 12
            if rows[-1] and used + need > width:
                rows.append([])
                used = 0.0
            rows[-1].append((text, PALETTE[i % len(PALETTE)], used))
            used += need
        return rows if rows[0] else []

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self._max, self._step = nice_scale(self._top(), integer=self.integer)
        ticks = [self._step * i for i in range(int(round(self._max / self._step)) + 1)]
        font = self.report.fonts.latin().name
        self._left = max(stringWidth(self.number(t), font, 7) for t in ticks) + 8
        plot_width = self.width - self._left - 4
        self._cat_labels = self._labels(plot_width)
        self._label_height = max((p.height for p in self._cat_labels), default=0) + 4
        self._legend = self._legend_rows(self.width - self._left)
        self._legend_row = self.report.styles.chart.fontSize * 2
        self._title_height = self.report.styles.chart_title.fontSize * 2.2
        self.height = (self._title_height + self.plot_height + 6 + self._label_height
                       + len(self._legend) * self._legend_row + 4)
        return self.width, self.height

    def draw(self):
        canv, report = self.canv, self.report
        font = report.fonts.latin().name
        plot_width = self.width - self._left - 4
        plot_bottom = len(self._legend) * self._legend_row + 4 + self._label_height + 6
        # Title above the plot.
        draw_text(canv, 0, self.height - report.styles.chart_title.fontSize * 1.2,
                  fit_text(self.title, report.styles.chart_title, self.width),
                  report.styles.chart_title)
        drawing = Drawing(self.width, self.plot_height + plot_bottom)
        drawing.initialFontName = font  # the graphics default is Helvetica, which we never embed
        chart = VerticalBarChart()
        chart.x, chart.y = self._left, plot_bottom
        chart.width, chart.height = plot_width, self.plot_height
        chart.data = [tuple(values) for _name, values in self.series] or [(0,) * len(self.categories)]
        chart.categoryAxis.categoryNames = [""] * len(self.categories)
        chart.categoryAxis.labels.fontName = font
        chart.categoryAxis.strokeColor = RULE
        if self.stacked:
            chart.categoryAxis.style = "stacked"
        chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, self._max
        chart.valueAxis.valueStep = self._step
        chart.valueAxis.labels.fontName = font
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.labelTextFormat = self.number
        chart.valueAxis.strokeColor = RULE
        chart.valueAxis.visibleGrid = 1
        chart.valueAxis.gridStrokeColor = HexColor("#e3e6ea")
        chart.valueAxis.gridStrokeWidth = 0.4
        groups = max(1, len(self.series))
        chart.groupSpacing = 8 if self.stacked or groups == 1 else 10
        chart.barSpacing = 1
        for i in range(len(self.series)):
            chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
            chart.bars[i].strokeColor = None
        drawing.add(chart)
        renderPDF.draw(drawing, canv, 0, 0)
        # Category labels under their slots.
        slot = plot_width / max(1, len(self.categories))
        for i, p in enumerate(self._cat_labels):
            p.drawOn(canv, self._left + i * slot + 1, plot_bottom - 4 - p.height)
        # Legend rows under the labels.
        style = report.styles.chart
        for r, row in enumerate(self._legend):
            y = (len(self._legend) - r - 1) * self._legend_row + 4
            for text, colour, x in row:
                canv.setFillColor(colour)
                canv.rect(self._left + x, y, 9, 7, stroke=0, fill=1)
                canv.setFillColor(HexColor("#000000"))
                draw_text(canv, self._left + x + 13, y + 0.5, text, style)


# --- the report frame -------------------------------------------------------------------------

class Report:
    """One report being built: its language, fonts, styles, and helpers to make its flowables.

    Args:
        lang: the report's language (independent of the UI's).
        fonts: the FontSet to set text in (the machine's fonts by default).
        today: the date the report is made on.
    """

    def __init__(self, lang: str, *, fonts: FontSet | None = None, today: date | None = None):
        self.tr: Translator = translator(lang)
        self.lang = lang
        self.fonts = fonts or default_fonts()
        self.today = today or date.today()
        self.styles = Styles(self.fonts)
        self.header: tuple[str, str] = ("", "")

    def gettext(self, message: str) -> str:
        return self.tr.gettext(message)

    def label(self, member) -> str:
        """Return the translated label of an enum member."""
        return self.tr.gettext(label(member))

    def site_name(self, site: Site) -> str:
        """The site's name in the report language, with the local name when it differs."""
        name = self.tr.gettext(site.name_en)
        return name if site.name_local == name else f"{name} ({site.name_local})"

    # --- flowables ---
    def para(self, text: str, style: ParagraphStyle | None = None) -> ScriptParagraph:
        return ScriptParagraph(text, style or self.styles.body, lang=self.lang)

    def heading(self, text: str, *, key: str | None = None, level: int = 0) -> list[Flowable]:
        """Return a heading, preceded by a page break when less than a few lines' room is left
        under it (better than keepWithNext, which moves a whole long table or section along)."""
        style = self.styles.h1 if level == 0 else self.styles.h2
        return [CondPageBreak(KEEP_UNDER_HEADING + 2 * style.leading),
                Heading(text, style, lang=self.lang, key=key, level=level)]

    def cell(self, text: Any, style: ParagraphStyle | None = None) -> ScriptParagraph:
        return ScriptParagraph("" if text is None else str(text), style or self.styles.cell,
                               lang=self.lang)

    def table(self, rows: list[list[Any]], widths: Sequence[float], *, head_rows: int = 1,
              zebra: bool = True, extra: Sequence[tuple] = ()) -> Table:
        """Return a table of cells (ScriptParagraphs), header rows repeated on each page."""
        t = Table(rows, colWidths=list(widths), repeatRows=head_rows, splitInRow=1, hAlign="LEFT")
        commands = [
            *table_font(self.styles.cell),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, head_rows), (-1, -1), 0.25, RULE),
        ]
        if head_rows:
            commands += [("BACKGROUND", (0, 0), (-1, head_rows - 1), HEAD_BG),
                         ("LINEBELOW", (0, head_rows - 1), (-1, head_rows - 1), 0.8, ACCENT)]
        if zebra and len(rows) > head_rows:
            commands.append(("ROWBACKGROUNDS", (0, head_rows), (-1, -1), [white, ZEBRA]))
        t.setStyle(TableStyle(commands + list(extra)))
        return t

    def facts(self, pairs: Sequence[tuple[str, str]], *, label_width: float = 45 * mm) -> Table:
        """Return a two-column table of labelled facts (no header)."""
        rows = [[self.cell(k, self.styles.cell_bold), self.cell(v)] for k, v in pairs]
        return self.table(rows, [label_width, WIDTH - label_width], head_rows=0, zebra=False,
                          extra=[("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE)])

    # --- pages ---
    def _running(self, canv: Canvas, doc: BaseDocTemplate, *, header: bool) -> None:
        style = self.styles.running
        width = PAGE[0] - 2 * MARGIN
        if header:
            left, right = self.header
            y = PAGE[1] - TOP + 9 * mm
            right_text = fit_text(right, style, width * 0.4)
            right_width = text_width(right_text, style) if right_text else 0
            draw_text(canv, MARGIN, y, fit_text(left, style, width - right_width - 12), style)
            if right_text:
                draw_text(canv, PAGE[0] - MARGIN, y, right_text, style, align=TA_RIGHT)
            canv.saveState()
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.5)
            canv.line(MARGIN, y - 4, PAGE[0] - MARGIN, y - 4)
            canv.restoreState()
        page = canv.getPageNumber()
        canv.saveState()
        canv.translate(PAGE[0] / 2, BOTTOM - 9 * mm)
        canv.doForm(_footer_form(page))
        canv.restoreState()
        if isinstance(canv, ReportCanvas):
            canv.footer_pages.append(page)

    def build(self, story: list[Flowable], *, title: str, filename: str, cover: bool = False,
              progress: Progress | None = None, cancelled: Cancelled | None = None) -> ReportPDF:
        """Lay the story out on A4 pages and return the PDF.

        With ``cover`` the first page has no running header (the story switches to the "body"
        template itself). ``progress(done, total)`` hears of each flowable placed;
        ``cancelled()`` returning True stops the build with ReportCancelled.
        """
        out = io.BytesIO()
        frame = Frame(MARGIN, BOTTOM, PAGE[0] - 2 * MARGIN, PAGE[1] - TOP - BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate("body", [frame], onPage=partial(self._running, header=True))]
        if cover:
            templates.insert(0, PageTemplate("cover", [frame],
                                             onPage=partial(self._running, header=False)))
        doc = BaseDocTemplate(out, pagesize=PAGE, pageTemplates=templates, title=title,
                              author="Creative4Mekong", creator="c4m-desktop", lang=self.lang,
                              **document_options(self.fonts))
        total = [1]

        def on_progress(kind: str, value: int) -> None:
            if kind == "SIZE_EST":
                total[0] = max(1, value)
            elif kind == "PROGRESS":
                if cancelled and cancelled():
                    raise ReportCancelled()
                if progress:
                    progress(value, total[0])

        doc.setProgressCallBack(on_progress)
        holder: dict[str, ReportCanvas] = {}

        def make_canvas(*args: Any, **kw: Any) -> ReportCanvas:
            holder["canvas"] = ReportCanvas(*args, report=self, **kw)
            return holder["canvas"]

        doc.build(story, canvasmaker=make_canvas)
        return ReportPDF(out.getvalue(), holder["canvas"].pages, title, filename)


# --- the business plan ----------------------------------------------------------------------

FIGURE_ROWS = (
    ("revenue", N_("Revenue"), False), ("cost_of_sales", N_("Cost of sales"), False),
    ("gross_margin", N_("Gross margin"), True), ("operating_expense", N_("Operating expenses"), False),
    ("net_result", N_("Net result"), True), ("investment", N_("Investment"), False),
    ("funding", N_("Funding"), False), ("net_cash_flow", N_("Net cash flow"), False),
)


@dataclass(frozen=True)
class BusinessPlanData:
    """What the business-plan report shows, read in one go."""

    plan: Any
    association: Any
    sectors: tuple[str, ...]
    sections: dict[str, str]
    lines: list[Any]
    figures: PlanFigures
    ipr_assets: list[Any]


def gather(ws: Workspace, *, plan_id: str) -> BusinessPlanData:
    """Read a plan, its association, sections, lines, figures and IPR assets."""
    detail = business_plans.detail(ws, plan_id=plan_id)
    assoc = associations.get(ws, row_id=detail.record.association_id)
    ipr = records.children(ws, kind="ipr_asset", fk="association_id",
                           parent_id=detail.record.association_id)
    ipr.sort(key=lambda a: (a.ipr_type, a.title))
    return BusinessPlanData(detail.record, assoc.record, assoc.sectors, detail.sections,
                            detail.lines, business_plans.figures(ws, plan_id=plan_id), ipr)


def association_name(report: Report, assoc: Any, site: Site) -> str:
    """The name to print in running headers: the local name in the site's own language."""
    if report.lang == site.language and assoc.name_local:
        return assoc.name_local
    return assoc.name_en or assoc.name_local or ""


def build(ws: Workspace, *, plan_id: str, lang: str, fonts: FontSet | None = None,
          today: date | None = None, progress: Progress | None = None,
          cancelled: Cancelled | None = None) -> ReportPDF:
    """Build the business-plan report of a plan in a language."""
    data = gather(ws, plan_id=plan_id)
    return render(data, lang=lang, fonts=fonts or fonts_for(ws), today=today, progress=progress,
                  cancelled=cancelled)


def render(data: BusinessPlanData, *, lang: str, fonts: FontSet | None = None,
           today: date | None = None, progress: Progress | None = None,
           cancelled: Cancelled | None = None) -> ReportPDF:
    """Lay a business plan's data out as a PDF."""
    r = Report(lang, fonts=fonts, today=today)
    plan, assoc, figures = data.plan, data.association, data.figures
    site = SITES[plan.site_code]
    r.header = (association_name(r, assoc, site), r.site_name(site))
    story: list[Flowable] = [*_cover(r, data, site), NextPageTemplate("body"), PageBreak()]

    numbered = [(f"section-{key.value}", r.label(key)) for key in SectionKey]
    numbered += [("figures", r.gettext("Plan figures")), ("ipr", r.gettext("IPR assets")),
                 ("signatures", r.gettext("Signatures"))]
    entries = [(key, f"{n}. {text}") for n, (key, text) in enumerate(numbered, 1)]
    story += [*r.heading(r.gettext("Contents"), key="contents"), Contents(r, entries), PageBreak()]

    titles = dict(entries)
    for key in SectionKey:
        story += r.heading(titles[f"section-{key.value}"], key=f"section-{key.value}")
        body = paragraphs(data.sections.get(key.value))
        story += [r.para(p) for p in body] or [r.para(r.gettext("Not written yet."), r.styles.muted)]

    story.append(CondPageBreak(120 * mm))  # the figures and their chart start high on a page
    story += r.heading(titles["figures"], key="figures")
    story += _figures(r, figures)
    story += r.heading(r.gettext("Financial lines"), level=1)
    story.append(_lines_table(r, data.lines, figures))
    story += r.heading(titles["ipr"], key="ipr")
    story.append(_ipr_table(r, data.ipr_assets))
    story.append(Spacer(1, 6 * mm))
    story += _signatures(r, titles["signatures"])

    title = r.tr.render("Business plan: {title}", title=plan.title)
    filename = f"business-plan-{slug(assoc.name_en or plan.title, plan.id[:8])}-{lang}.pdf"
    return r.build(story, title=title, filename=filename, cover=True, progress=progress,
                   cancelled=cancelled)


def _cover(r: Report, data: BusinessPlanData, site: Site) -> list[Flowable]:
    plan, assoc, s = data.plan, data.association, r.styles
    last_year = plan.start_year + plan.horizon_years - 1
    names = [n for n in dict.fromkeys((assoc.name_en, assoc.name_local)) if n]
    facts = [
        (r.gettext("Association"), "\n".join(names)),
        (r.gettext("Site"), f"{r.site_name(site)}, {r.gettext(site.country_en)}"),
        (r.gettext("Period"), f"{plan.start_year}–{last_year}"),
        (r.gettext("Status"), r.label(PlanStatus(plan.status))),
        (r.gettext("Currency"), plan.currency),
        (r.gettext("Date"), r.tr.date(r.today, "long")),
    ]
    return [
        Spacer(1, 30 * mm),
        r.para("Creative4Mekong · Mekong Institute", s.brand),
        r.para(r.gettext("Business plan"), s.title),
        r.para(plan.title, s.subtitle),
        r.para("\n".join(names), s.subtitle),
        Spacer(1, 14 * mm),
        r.facts(facts),
    ]


def _money_cell(r: Report, minor: int | None, currency: str, *, bold: bool = False):
    style = r.styles.cell_right_bold if bold else r.styles.cell_right
    return r.cell("" if minor is None else r.tr.money(minor, currency), style)


def _value_widths(count: int, label_width: float) -> list[float]:
    return [label_width] + [(WIDTH - label_width) / count] * count


def _figures(r: Report, f: PlanFigures) -> list[Flowable]:
    s = r.styles
    years = list(f.years)
    head = [r.cell("", s.cell_bold)] + [r.cell(str(y.year), s.cell_right_bold) for y in years]
    head.append(r.cell(r.gettext("Total"), s.cell_right_bold))
    rows = [head]
    totals = f.totals
    for key, text, bold in FIGURE_ROWS:
        rows.append([r.cell(r.gettext(text), s.cell_bold if bold else s.cell)]
                    + [_money_cell(r, getattr(y, key), f.currency, bold=bold) for y in [*years, totals]])
    rows.append([r.cell(r.gettext("Cumulative cash"), s.cell_bold)]
                + [_money_cell(r, c, f.currency, bold=True) for c in f.cumulative_cash]
                + [r.cell("")])
    table = r.table(rows, _value_widths(len(years) + 1, 44 * mm))
    break_even = (r.tr.render("Break-even year: {year}", year=f.break_even_year) if f.break_even_year
                  else r.gettext("Break-even year: not within the plan"))
    chart = BarChart(
        r, title=r.tr.render("Revenue and costs ({currency})", currency=f.currency),
        categories=[str(y.year) for y in years],
        series=[(r.gettext("Revenue"), [float(to_major(y.revenue, f.currency)) for y in years]),
                (r.gettext("Costs"), [float(to_major(y.cost_of_sales + y.operating_expense, f.currency))
                                      for y in years])],
        number=lambda v: r.tr.number(v, decimals=0))
    return [table, Spacer(1, 3 * mm), r.para(break_even, s.h2), Spacer(1, 2 * mm),
            KeepTogether([chart]), Spacer(1, 4 * mm)]


def _lines_table(r: Report, lines: list[Any], f: PlanFigures) -> Flowable:
    s = r.styles
    years = [y.year for y in f.years]
    if not lines:
        return r.para(r.gettext("None recorded."), s.muted)
    kinds = [k.value for k in FinancialKind]
    grouped: dict[tuple[str, str], dict[int, int]] = {}
    for line in sorted(lines, key=lambda x: (kinds.index(x.kind) if x.kind in kinds else 99, x.label)):
        grouped.setdefault((line.kind, line.label), {}).setdefault(line.year, 0)
        grouped[(line.kind, line.label)][line.year] += line.amount_minor
    head = [r.cell(r.gettext("Line"), s.cell_bold)] + [r.cell(str(y), s.cell_right_bold) for y in years]
    head.append(r.cell(r.gettext("Total"), s.cell_right_bold))
    rows = [head]
    current_kind = None
    kind_rows = []
    for (kind, text), amounts in grouped.items():
        if kind != current_kind:
            current_kind = kind
            kind_rows.append(len(rows))
            rows.append([r.cell(r.label(FinancialKind(kind)), s.cell_bold)] + [r.cell("")] * (len(years) + 1))
        rows.append([r.cell(text)] + [_money_cell(r, amounts.get(y), f.currency) for y in years]
                    + [_money_cell(r, sum(amounts.values()), f.currency)])
    extra: list[tuple[Any, ...]] = [("SPAN", (0, k), (-1, k)) for k in kind_rows]
    extra += [("BACKGROUND", (0, k), (-1, k), HEAD_BG) for k in kind_rows]
    return r.table(rows, _value_widths(len(years) + 1, 44 * mm), zebra=False, extra=extra)


def _ipr_table(r: Report, assets: list[Any]) -> Flowable:
    s = r.styles
    if not assets:
        return r.para(r.gettext("None recorded."), s.muted)
    head = [r.cell(r.gettext(h), s.cell_bold) for h in (
        N_("Type of right"), N_("Title"), N_("Status"), N_("Office"), N_("Application number"),
        N_("Filing date"), N_("Registration date"))]
    rows = [head]
    for a in assets:
        office = OFFICES.get(a.office or "")
        rows.append([
            r.cell(r.label(IPRType(a.ipr_type))), r.cell(a.title), r.cell(r.label(IPRStatus(a.status))),
            r.cell(r.gettext(office.name) if office else (a.office or "")),
            r.cell(a.application_no or ""),
            r.cell(r.tr.date(a.filing_date) if a.filing_date else ""),
            r.cell(r.tr.date(a.registration_date) if a.registration_date else ""),
        ])
    widths = [26 * mm, 36 * mm, 20 * mm, 38 * mm, 20 * mm, 17 * mm, 17 * mm]
    return r.table(rows, widths)


def _signatures(r: Report, title: str) -> list[Flowable]:
    """Three signature boxes: the association, the site coordinator and MI, each with a line for
    the name, the signature and the date (a blank column between boxes keeps the lines apart)."""
    s = r.styles
    roles = [r.gettext("Association"), r.gettext("Site coordinator"), r.gettext("MI headquarters")]
    gap, label_width = 6 * mm, 24 * mm
    box = (WIDTH - label_width - 2 * gap) / 3
    rows: list[list[Any]] = [[r.cell("")]]
    for i, role in enumerate(roles):
        rows[0] += ([r.cell("")] if i else []) + [r.cell(role, s.cell_bold)]
    for what in (N_("Name"), N_("Signature"), N_("Date")):
        rows.append([r.cell(r.gettext(what), s.cell_muted)] + [Spacer(1, 11 * mm) for _ in range(5)])
    boxes = (1, 3, 5)
    extra = [("LINEBELOW", (0, 0), (-1, -1), 0, white), ("VALIGN", (0, 1), (-1, -1), "BOTTOM")]
    extra += [("LINEBELOW", (c, 1), (c, -1), 0.6, HexColor("#000000")) for c in boxes]
    extra += [("BACKGROUND", (c, 0), (c, 0), HEAD_BG) for c in boxes]
    extra += [("LINEBELOW", (c, 0), (c, 0), 0.8, ACCENT) for c in boxes]
    table = r.table(rows, [label_width, box, gap, box, gap, box], head_rows=0, zebra=False,
                    extra=extra)
    return [KeepTogether([*r.heading(title, key="signatures"),
                          r.para(r.gettext("We agree to carry out this business plan."), s.body),
                          Spacer(1, 2 * mm), table])]
