"""The synthesis report for MI's evaluation workshop: the five sites side by side.

Per site: associations by sector, business plans by status, activities by status with their
completion and overdue counts, and mean indicator achievement, each as a table (sites as
columns, a total column) and a chart. Counts come from the dashboard's grouped queries plus two
grouped counts here (associations and overdue activities per site); nothing is counted row by row.

Completion is done activities as a share of those not cancelled. Achievement is the dashboard's:
the mean, over activities with a target and a reported value, of actual / target capped at 100%.
An association with two sectors counts once in each sector and once in the total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from sqlalchemy import func, select

from ..domain.enums import ActivityStatus, PlanStatus
from ..domain.sectors import SECTORS
from ..domain.sites import SITES
from ..services import dashboard
from ..services.queries import overdue_activities
from ..services.workspace import Workspace
from ..store.models import ActionPlan, Activity, Association
from .business_plan import WIDTH, BarChart, Cancelled, Progress, Report, ReportPDF, fonts_for
from .fonts import FontSet


@dataclass
class SiteFigures:
    code: str
    associations: int = 0
    by_sector: dict[str, int] = field(default_factory=dict)
    plans: dict[str, int] = field(default_factory=dict)
    activities: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    achievement: float | None = None

    @property
    def completion(self) -> float | None:
        """Done activities as a percentage of those not cancelled (None without any)."""
        counted = sum(self.activities.values()) - self.activities.get(ActivityStatus.CANCELLED.value, 0)
        return self.activities.get(ActivityStatus.DONE.value, 0) / counted * 100 if counted else None


def gather(ws: Workspace, *, today: date | None = None) -> list[SiteFigures]:
    """Return the figures of the five sites, in the sites' order."""
    today = today or date.today()
    summary = dashboard.summary(ws, today=today, overdue_limit=0)
    with ws.read() as s:
        totals = dict(s.execute(select(Association.site_code, func.count())
                                .where(Association.deleted.is_(False))
                                .group_by(Association.site_code)).all())
        late = dict(s.execute(select(Activity.site_code, func.count())
                              .join(ActionPlan, ActionPlan.id == Activity.plan_id)
                              .where(overdue_activities(today), ActionPlan.deleted.is_(False))
                              .group_by(Activity.site_code)).all())
    return [SiteFigures(code, totals.get(code, 0), summary.associations_by_site_sector.get(code, {}),
                        summary.plans_by_site_status.get(code, {}),
                        summary.activities_by_site_status.get(code, {}), late.get(code, 0),
                        summary.achievement_by_site.get(code))
            for code in SITES]


def build(ws: Workspace, *, lang: str, fonts: FontSet | None = None, today: date | None = None,
          progress: Progress | None = None, cancelled: Cancelled | None = None) -> ReportPDF:
    """Build the synthesis report of the five sites in a language."""
    today = today or date.today()
    return render(gather(ws, today=today), lang=lang, fonts=fonts or fonts_for(ws), today=today,
                  progress=progress, cancelled=cancelled)


def render(sites: list[SiteFigures], *, lang: str, fonts: FontSet | None = None,
           today: date | None = None, progress: Progress | None = None,
           cancelled: Cancelled | None = None) -> ReportPDF:
    """Lay the five sites' figures out as a PDF."""
    r = Report(lang, fonts=fonts, today=today)
    s = r.styles
    title = r.gettext("Synthesis report")
    r.header = ("Creative4Mekong · Mekong Institute", title)
    names = [r.gettext(SITES[f.code].name_en) for f in sites]
    story: list[Flowable] = [
        r.para(title, s.title),
        r.para(r.gettext("The five sites side by side"), s.subtitle),
        r.para(r.tr.date(r.today, "long"), s.muted),
        Spacer(1, 4 * mm),
    ]

    # Associations by sector.
    sectors = [code for code in SECTORS if any(f.by_sector.get(code) for f in sites)]
    rows = [(r.gettext(SECTORS[c]), [f.by_sector.get(c, 0) for f in sites], False) for c in sectors]
    rows.append((r.gettext("Associations"), [f.associations for f in sites], True))
    story += r.heading(r.gettext("Associations by site and sector"), key="associations")
    story.append(_table(r, names, rows))
    story.append(_chart(r, r.gettext("Associations by site and sector"), names,
                        [(r.gettext(SECTORS[c]), [f.by_sector.get(c, 0) for f in sites]) for c in sectors],
                        stacked=True))

    # Business plans by status.
    statuses = [k.value for k in PlanStatus]
    plan_rows = [(r.label(PlanStatus(k)), [f.plans.get(k, 0) for f in sites], False) for k in statuses]
    plan_rows.append((r.gettext("Total"), [sum(f.plans.values()) for f in sites], True))
    story += r.heading(r.gettext("Business plans by status"), key="plans")
    story.append(_table(r, names, plan_rows))
    story.append(_chart(r, r.gettext("Business plans by status"), names,
                        [(r.label(PlanStatus(k)), [f.plans.get(k, 0) for f in sites]) for k in statuses],
                        stacked=True))

    # Activities: status, completion, overdue.
    act_rows = [(r.label(ActivityStatus(k.value)), [f.activities.get(k.value, 0) for f in sites], False)
                for k in ActivityStatus]
    act_rows.append((r.gettext("Total"), [sum(f.activities.values()) for f in sites], True))
    act_rows.append((r.gettext("Overdue activities"), [f.overdue for f in sites], True))
    completion = [f.completion for f in sites]
    story += r.heading(r.gettext("Activities by status"), key="activities")
    story.append(_table(r, names, act_rows,
                        percent_rows=[(r.gettext("Activity completion (%)"), completion)]))
    story.append(r.para(r.gettext("Completion: activities done as a share of those not cancelled."),
                        s.note))
    story.append(_chart(r, r.gettext("Activity completion (%)"), names,
                        [(r.gettext("Done"), [c or 0 for c in completion])], maximum=100.0,
                        number=lambda v: r.tr.percent(v, decimals=0)))
    story.append(_chart(r, r.gettext("Overdue activities"), names,
                        [(r.gettext("Overdue activities"), [f.overdue for f in sites])]))

    # Indicator achievement.
    achieved = [f.achievement for f in sites]
    story += r.heading(r.gettext("Indicator achievement (percentage of target reached)"),
                       key="achievement")
    story.append(_table(r, names, [], percent_rows=[(r.gettext("Indicator achievement"), achieved)],
                        total=False))
    story.append(r.para(r.gettext(
        "Mean over activities with a target and a reported value; each capped at 100%."), s.note))
    story.append(_chart(r, r.gettext("Indicator achievement"), names,
                        [(r.gettext("Achieved"), [a or 0 for a in achieved])], maximum=100.0,
                        number=lambda v: r.tr.percent(v, decimals=0)))

    filename = f"synthesis-{r.today.isoformat()}-{lang}.pdf"
    return r.build(story, title=title, filename=filename, progress=progress, cancelled=cancelled)


def _table(r: Report, names: list[str], rows: list[tuple[str, list[int], bool]], *,
           percent_rows: Sequence[tuple[str, list[float | None]]] = (), total: bool = True):
    s = r.styles
    label_width, total_width = 36 * mm, 14 * mm
    site_width = (WIDTH - label_width - total_width) / len(names)  # "พระนครศรีอยุธยา" fits
    head = [r.cell("", s.cell_bold)] + [r.cell(n, s.cell_right_bold) for n in names]
    if total:
        head.append(r.cell(r.gettext("Total"), s.cell_right_bold))
    body = [head]
    values: list[int] | list[float | None]  # a row's counts, then a row's percentages
    for text, values, bold in rows:
        style = s.cell_right_bold if bold else s.cell_right
        cells = [r.cell(r.tr.number(v), style) for v in values]
        if total:
            cells.append(r.cell(r.tr.number(sum(values)), s.cell_right_bold))
        body.append([r.cell(text, s.cell_bold if bold else s.cell)] + cells)
    for text, values in percent_rows:
        cells = [r.cell("" if v is None else r.tr.percent(v), s.cell_right_bold) for v in values]
        body.append([r.cell(text, s.cell_bold)] + cells + ([r.cell("")] if total else []))
    widths = [label_width] + [site_width] * len(names) + ([total_width] if total else [])
    return r.table(body, widths, extra=[("LEFTPADDING", (1, 0), (-1, -1), 3),
                                        ("RIGHTPADDING", (1, 0), (-1, -1), 3)])


def _chart(r: Report, title: str, names: list[str], series, *, stacked: bool = False,
           maximum: float | None = None, number=None) -> Flowable:
    """A chart of the five sites: counts unless a number format (percentages) is given."""
    chart = BarChart(r, title=title, categories=names, series=series, stacked=stacked,
                     maximum=maximum, number=number or (lambda v: r.tr.number(v, decimals=0)),
                     plot_height=42 * mm, integer=number is None)
    return KeepTogether([Spacer(1, 3 * mm), chart, Spacer(1, 2 * mm)])

