"""Dashboard: charts a coordinator would rather look at than read, redrawn when data changes."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.enums import ActivityStatus, PlanStatus, label
from ..domain.sectors import SECTORS
from ..domain.sites import SITES
from ..i18n import _
from ..services import dashboard
from ..services.workspace import Workspace
from .language import redraw_on_switch
from .ops import OpRunner


def _stacked(title: str, data: dict[str, dict[str, int]], keys: dict[str, str]) -> QChart:
    """A stacked bar per site; keys maps a series key to its English label."""
    chart = QChart()
    chart.setTitle(title)
    series = QStackedBarSeries()
    for key, text in keys.items():
        bar = QBarSet(_(text))
        for site in SITES:
            bar.append(data.get(site, {}).get(key, 0))
        series.append(bar)
    chart.addSeries(series)
    _axes(chart, series, max((sum(v.values()) for v in data.values()), default=0))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return chart


def _axes(chart: QChart, series, top: float) -> None:
    sites = QBarCategoryAxis()
    sites.append(list(SITES))
    sites.setTruncateLabels(False)  # "HUE", not "H…", when a legend in a long language narrows the plot
    values = QValueAxis()
    values.setRange(0, max(1.0, top * 1.1))
    values.setLabelFormat("%.0f")
    values.applyNiceNumbers()  # whole, round ticks
    chart.addAxis(sites, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(sites)
    series.attachAxis(values)


class DashboardPage(QWidget):
    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(parent)
        self.ws, self.runner = ws, runner
        self.setObjectName("dashboard")
        self.setAccessibleName(_("Dashboard"))
        self.views = {name: QChartView() for name in ("associations", "activities", "plans", "achievement")}
        names = {"associations": _("Associations by site and sector"), "activities": _("Activities by status"),
                 "plans": _("Business plans by status"), "achievement": _("Indicator achievement")}
        grid = QGridLayout()
        for i, (name, view) in enumerate(self.views.items()):
            view.setAccessibleName(names[name])
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(230)
            grid.addWidget(view, i // 2, i % 2)
        self.overdue = QTableWidget(0, 4, accessibleName=_("Overdue activities"))
        self.overdue.setHorizontalHeaderLabels([_("Site"), _("Activity"), _("Due"), _("Action plan")])
        self.overdue.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.overdue.horizontalHeader().setStretchLastSection(True)
        self.overdue_title = QLabel(accessibleName=_("Overdue activities heading"))
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 3)
        layout.addWidget(self.overdue_title)
        layout.addWidget(self.overdue, 1)
        self.data: dashboard.Dashboard | None = None
        redraw_on_switch(self, lambda: self.data is not None and self.show_data(self.data))

    def refresh(self) -> None:
        ws = self.ws
        self.runner.run(lambda: dashboard.current(ws), on_success=self.show_data)

    def show_data(self, d: dashboard.Dashboard) -> None:
        self.data = d
        self.views["associations"].setChart(_stacked(_("Associations by site and sector"),
                                                     d.associations_by_site_sector, SECTORS))
        self.views["activities"].setChart(_stacked(_("Activities by status"), d.activities_by_site_status,
                                                   {k.value: label(k) for k in ActivityStatus}))
        self.views["plans"].setChart(_stacked(_("Business plans by status"), d.plans_by_site_status,
                                              {k.value: label(k) for k in PlanStatus}))
        chart = QChart()
        chart.setTitle(_("Indicator achievement (percentage of target reached)"))
        series = QStackedBarSeries()
        bar = QBarSet(_("Achieved"))
        for site in SITES:
            bar.append(d.achievement_by_site.get(site, 0.0))
        series.append(bar)
        chart.addSeries(series)
        _axes(chart, series, 100 / 1.1)
        chart.legend().hide()
        self.views["achievement"].setChart(chart)
        self.overdue_title.setText(_("Overdue activities: {n}").format(n=len(d.overdue)))
        self.overdue.setRowCount(len(d.overdue))
        for r, o in enumerate(d.overdue):
            for c, text in enumerate((o["site_code"], o["title"], o["due_date"].isoformat(), o["plan"])):
                self.overdue.setItem(r, c, QTableWidgetItem(text))
        self.overdue.resizeColumnsToContents()
