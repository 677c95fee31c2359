"""The action-plan progress report: where every activity stands, on a timeline, against its targets.

A plan header (site, association, owner, scope, status, period, objective), the activities with
their owner, dates, status and % complete (overdue ones marked in words and colour), a Gantt
drawing of the timeline with today's line, the indicators with baseline, target, actual value
and achievement, and each activity's latest narrative, challenges and next steps.

Achievement is the actual value as a percentage of the target, as on the dashboard and in the
synthesis (not capped here: 120% is shown as such; averages cap it at 100%).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ..domain.enums import ActionPlanScope, ActionPlanStatus, ActivityStatus
from ..domain.messages import N_
from ..domain.sites import SITES
from ..services import action_plans, associations
from ..services.action_plans import ActivityRow
from ..services.workspace import Workspace
from .business_plan import (
    LATE,
    LATE_BG,
    MUTED,
    RULE,
    WIDTH,
    Cancelled,
    Progress,
    Report,
    ReportPDF,
    fit_text,
    fonts_for,
    paragraphs,
    slug,
)
from .fonts import FontSet
from .paragraph import TA_CENTER, draw_text, text_width

BAR = HexColor("#9dc3e6")
DONE = HexColor("#1f4e79")
BAND = HexColor("#f5f7fa")
GRID = HexColor("#dde2e8")


@dataclass(frozen=True)
class ActivityData:
    row: ActivityRow
    latest: Any | None  # the newest progress update, if any


@dataclass(frozen=True)
class ProgressData:
    plan: Any
    association: Any | None
    activities: list[ActivityData]


def gather(ws: Workspace, *, plan_id: str) -> ProgressData:
    """Read an action plan, its association and each activity with its latest update."""
    detail = action_plans.detail(ws, plan_id=plan_id)
    assoc = None
    if detail.record.association_id:
        assoc = associations.get(ws, row_id=detail.record.association_id).record
    acts = []
    for row in detail.activities:
        updates = action_plans.progress(ws, activity_id=row.record.id)
        acts.append(ActivityData(row, updates[0] if updates else None))
    return ProgressData(detail.record, assoc, acts)


def build(ws: Workspace, *, plan_id: str, lang: str, fonts: FontSet | None = None,
          today: date | None = None, progress: Progress | None = None,
          cancelled: Cancelled | None = None) -> ReportPDF:
    """Build the progress report of an action plan in a language."""
    return render(gather(ws, plan_id=plan_id), lang=lang, fonts=fonts or fonts_for(ws), today=today,
                  progress=progress, cancelled=cancelled)


def achievement(target: float | None, actual: float | None) -> float | None:
    """Return the actual value as a percentage of the target (None when either is unknown)."""
    if not target or actual is None:
        return None
    return actual / target * 100


def render(data: ProgressData, *, lang: str, fonts: FontSet | None = None,
           today: date | None = None, progress: Progress | None = None,
           cancelled: Cancelled | None = None) -> ReportPDF:
    """Lay an action plan's progress out as a PDF."""
    r = Report(lang, fonts=fonts, today=today)
    plan, s = data.plan, r.styles
    site = SITES[plan.site_code]
    r.header = (plan.title, r.site_name(site))
    late = [a for a in data.activities if a.row.overdue(r.today)]

    story: list[Flowable] = [
        r.para("Creative4Mekong · Mekong Institute", s.brand),
        r.para(r.gettext("Progress report"), s.title),
        r.para(plan.title, s.subtitle),
        Spacer(1, 3 * mm),
        r.facts(_plan_facts(r, data)),
        Spacer(1, 3 * mm),
        r.para(r.tr.render("{n} activities, {late} overdue", n=len(data.activities), late=len(late)),
               s.h2),
    ]
    story += r.heading(r.gettext("Activities"), key="activities")
    story += _activities(r, data)
    story += r.heading(r.gettext("Timeline"), key="timeline")
    story.append(_gantt(r, data))
    story += r.heading(r.gettext("Indicator achievement"), key="indicators")
    story.append(_indicators(r, data))
    story += r.heading(r.gettext("Latest progress"), key="latest")
    story += _narratives(r, data)

    title = r.tr.render("Progress report: {title}", title=plan.title)
    filename = f"progress-{slug(plan.title, plan.id[:8])}-{lang}.pdf"
    return r.build(story, title=title, filename=filename, progress=progress, cancelled=cancelled)


def _plan_facts(r: Report, data: ProgressData) -> list[tuple[str, str]]:
    plan = data.plan
    site = SITES[plan.site_code]
    period = "–".join(r.tr.date(d) for d in (plan.period_start, plan.period_end) if d)
    facts = [(r.gettext("Site"), f"{r.site_name(site)}, {r.gettext(site.country_en)}")]
    if data.association is not None:
        names = dict.fromkeys(n for n in (data.association.name_en, data.association.name_local) if n)
        facts.append((r.gettext("Association"), "\n".join(names)))
    facts += [
        (r.gettext("Owner"), plan.owner),
        (r.gettext("Scope"), r.label(ActionPlanScope(plan.scope))),
        (r.gettext("Status"), r.label(ActionPlanStatus(plan.status))),
        (r.gettext("Period"), period),
    ]
    if plan.objective:
        facts.append((r.gettext("Objective"), plan.objective))
    facts.append((r.gettext("Date"), r.tr.date(r.today, "long")))
    return facts


def _activities(r: Report, data: ProgressData) -> list[Flowable]:
    s = r.styles
    if not data.activities:
        return [r.para(r.gettext("None recorded."), s.muted)]
    head = [r.cell(h, s.cell_bold) for h in (
        "#", r.gettext("Activity"), r.gettext("Responsible"), r.gettext("Start"), r.gettext("Due"),
        r.gettext("Status"))] + [r.cell(r.gettext("Done (%)"), s.cell_right_bold)]
    rows: list[list[Any]] = [head]
    extra = []
    for n, a in enumerate(data.activities, 1):
        rec = a.row.record
        status: list[Flowable] = [r.cell(r.label(ActivityStatus(rec.status)))]
        if a.row.overdue(r.today):
            status.append(r.cell(r.gettext("Overdue"), s.cell_late))
            extra.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), LATE_BG))
        rows.append([
            r.cell(str(n), s.cell_muted), r.cell(rec.title), r.cell(rec.responsible or ""),
            r.cell(r.tr.date(rec.start_date) if rec.start_date else ""),
            r.cell(r.tr.date(rec.due_date) if rec.due_date else ""), status,
            r.cell("" if a.row.percent is None else r.tr.percent(a.row.percent), s.cell_right),
        ])
    widths = [8 * mm, 56 * mm, 30 * mm, 20 * mm, 20 * mm, 24 * mm, 16 * mm]
    note = r.tr.render("Overdue: due before {date} and neither done nor cancelled.",
                       date=r.tr.date(r.today))
    return [r.table(rows, widths, extra=extra), r.para(note, s.note)]


def _gantt(r: Report, data: ProgressData) -> Flowable:
    rows = []
    for a in data.activities:
        rec = a.row.record
        start, due = rec.start_date or rec.due_date, rec.due_date or rec.start_date
        if start is None:
            continue
        rows.append(GanttRow(rec.title, start, max(start, due), a.row.percent, a.row.overdue(r.today)))
    if not rows:
        return r.para(r.gettext("None recorded."), r.styles.muted)
    plan = data.plan
    dates = [d for row in rows for d in (row.start, row.due)]
    dates += [d for d in (plan.period_start, plan.period_end, r.today) if d]
    first = min(dates).replace(day=1)
    last = max(dates)
    last = last.replace(day=calendar.monthrange(last.year, last.month)[1]) + timedelta(days=1)
    return Gantt(r, rows, first=first, last=last)


@dataclass(frozen=True)
class GanttRow:
    title: str
    start: date
    due: date
    percent: float | None
    overdue: bool


def _months(first: date, last: date) -> list[date]:
    months, m = [], first
    while m < last:
        months.append(m)
        m = date(m.year + (m.month == 12), m.month % 12 + 1, 1)
    return months


class Gantt(Flowable):
    """The timeline: one bar per activity from start to due date, its done part filled in,
    overdue bars outlined in red, month and year scales, and a line at today. Splits between
    rows across pages, repeating the scales."""

    ROW = 16.0
    LABEL = 52 * mm

    def __init__(self, report: Report, rows: list[GanttRow], *, first: date, last: date,
                 legend: bool = True):
        super().__init__()
        self.report, self.rows, self.first, self.last, self.legend = report, rows, first, last, legend
        self.head = 2 * 11.0 + 4
        self.foot = 26.0 if legend else 4.0  # today's label, then the legend

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.head + self.ROW * len(self.rows) + self.foot
        return self.width, self.height

    def split(self, availWidth, availHeight):
        if self.head + self.ROW * len(self.rows) + self.foot <= availHeight:
            return [self]
        fit = int((availHeight - self.head - 4) // self.ROW)  # the first part has no legend
        if fit < 2 or fit >= len(self.rows):
            return []
        return [Gantt(self.report, self.rows[:fit], first=self.first, last=self.last, legend=False),
                Gantt(self.report, self.rows[fit:], first=self.first, last=self.last)]

    def x_of(self, day: date) -> float:
        span = max(1, (self.last - self.first).days)
        return self.LABEL + (self.width - self.LABEL) * (day - self.first).days / span

    def draw(self):
        canv, r = self.canv, self.report
        small = r.styles.chart
        top = self.height - self.head
        bottom = self.foot
        months = _months(self.first, self.last)
        labels = [r.tr.date(m, "LLL") for m in months]
        slot = (self.width - self.LABEL) / max(1, len(months))
        widest = max(text_width(t, small) for t in labels)
        every = next(n for n in (1, 2, 3, 4, 6, 12) if slot * n >= widest + 3 or n == 12)
        canv.saveState()
        # Zebra bands and the scale lines.
        for i in range(len(self.rows)):
            if i % 2:
                canv.setFillColor(BAND)
                canv.rect(0, top - (i + 1) * self.ROW, self.width, self.ROW, stroke=0, fill=1)
        canv.setLineWidth(0.4)
        for i, m in enumerate(months):
            x = self.x_of(m)
            canv.setStrokeColor(RULE if m.month == 1 or i == 0 else GRID)
            canv.line(x, bottom, x, top + (11 if m.month == 1 or i == 0 else 0))
            if i % every == 0:
                canv.setFillColor(MUTED)
                draw_text(canv, x + slot * every / 2, top + 3, labels[i], small, align=TA_CENTER)
            year = str(m.year)
            if (m.month == 1 or i == 0) and x + 2 + text_width(year, r.styles.cell_bold) <= self.width:
                draw_text(canv, x + 2, top + 14, year, r.styles.cell_bold)
        canv.setStrokeColor(RULE)
        canv.line(self.x_of(self.last), bottom, self.x_of(self.last), top)
        canv.line(0, top, self.width, top)
        canv.line(0, bottom, self.width, bottom)
        # One bar per activity.
        for i, row in enumerate(self.rows):
            y = top - (i + 1) * self.ROW
            style = r.styles.cell_late if row.overdue else r.styles.cell
            draw_text(canv, 2, y + self.ROW * 0.32, fit_text(row.title, style, self.LABEL - 6), style)
            x0, x1 = self.x_of(row.start), self.x_of(row.due + timedelta(days=1))
            bar_y, bar_h = y + self.ROW * 0.22, self.ROW * 0.56
            canv.setFillColor(BAR)
            canv.setStrokeColor(LATE)
            canv.setLineWidth(1.2)
            canv.rect(x0, bar_y, max(x1 - x0, 1.5), bar_h, stroke=1 if row.overdue else 0, fill=1)
            if row.percent:
                canv.setFillColor(DONE)
                done = max(x1 - x0, 1.5) * min(row.percent, 100) / 100
                canv.rect(x0, bar_y, done, bar_h, stroke=0, fill=1)
        # Today's line.
        today = r.today
        if self.first <= today < self.last:
            x = self.x_of(today)
            canv.setStrokeColor(LATE)
            canv.setLineWidth(0.9)
            canv.setDash(3, 2)
            canv.line(x, bottom, x, top)
            canv.setDash()
            if self.legend:
                canv.setFillColor(LATE)
                draw_text(canv, x, bottom - 10, r.gettext("today"), r.styles.chart, align=TA_CENTER)
        canv.restoreState()
        if self.legend:
            self._draw_legend()

    def _draw_legend(self):
        canv, r = self.canv, self.report
        style = r.styles.chart
        x, y = self.LABEL, 1.5
        items = ((r.gettext("Planned"), BAR, None), (r.gettext("Done"), DONE, None),
                 (r.gettext("Overdue"), BAR, LATE))
        for text, fill, stroke in items:
            canv.saveState()
            canv.setFillColor(fill)
            if stroke is not None:
                canv.setStrokeColor(stroke)
                canv.setLineWidth(1.2)
            canv.rect(x, y, 12, 6, stroke=1 if stroke is not None else 0, fill=1)
            canv.restoreState()
            x += 16 + draw_text(canv, x + 16, y + 0.5, text, style) + 12


def _indicators(r: Report, data: ProgressData) -> Flowable:
    s = r.styles
    head = [r.cell(r.gettext("Indicator"), s.cell_bold), r.cell(r.gettext("Unit"), s.cell_bold)]
    head += [r.cell(r.gettext(h), s.cell_right_bold) for h in (
        N_("Baseline"), N_("Target"), N_("Actual value"), N_("Achieved"))]
    rows: list[list[Any]] = [head]
    for a in data.activities:
        rec = a.row.record
        if not rec.indicator and rec.target is None:
            continue
        actual = a.latest.actual_value if a.latest is not None else None
        reached = achievement(rec.target, actual)
        number = r.tr.number
        rows.append([
            [r.cell(rec.indicator or rec.title), r.cell(rec.title, s.cell_muted)] if rec.indicator
            else r.cell(rec.title),
            r.cell(rec.unit or ""),
            r.cell("" if rec.baseline is None else number(rec.baseline), s.cell_right),
            r.cell("" if rec.target is None else number(rec.target), s.cell_right),
            r.cell("" if actual is None else number(actual), s.cell_right),
            r.cell("" if reached is None else r.tr.percent(reached), s.cell_right_bold),
        ])
    if len(rows) == 1:
        return r.para(r.gettext("None recorded."), s.muted)
    widths = [66 * mm, 24 * mm, 21 * mm, 21 * mm, 21 * mm, WIDTH - 153 * mm]
    return r.table(rows, widths)


def _narratives(r: Report, data: ProgressData) -> list[Flowable]:
    s = r.styles
    out: list[Flowable] = []
    for n, a in enumerate(data.activities, 1):
        u = a.latest
        if u is None:
            continue
        facts = [
            (r.gettext("Date"), r.tr.date(u.report_date)),
            (r.gettext("Reported by"), u.reported_by),
            (r.gettext("Status"), r.label(ActivityStatus(u.status))),
        ]
        if u.percent_complete is not None:
            facts.append((r.gettext("Percent complete"), r.tr.percent(u.percent_complete)))
        for label, text in ((N_("What was done"), u.narrative), (N_("Challenges"), u.challenges),
                            (N_("Next steps"), u.next_steps)):
            if paragraphs(text):
                facts.append((r.gettext(label), "\n".join(paragraphs(text))))
        out += r.heading(f"{n}. {a.row.record.title}", key=f"latest-{n}", level=1)
        out.append(r.facts(facts, label_width=40 * mm))
    return out or [r.para(r.gettext("None recorded."), s.muted)]
