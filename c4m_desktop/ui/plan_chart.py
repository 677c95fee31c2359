"""A small revenue-against-costs bar chart per plan year (QtCharts)."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter

from ..domain.financials import PlanFigures
from ..domain.money import to_major
from ..i18n import _


class PlanChart(QChartView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(_("Revenue and costs chart"))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(320, 220)
        self.chart().legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.series: QBarSeries | None = None

    def show_figures(self, figures: PlanFigures) -> None:
        """Redraw for new figures (amounts in major units of the plan's currency)."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        revenue, costs = QBarSet(_("Revenue")), QBarSet(_("Costs"))
        top = 0.0
        for y in figures.years:
            r = float(to_major(y.revenue, figures.currency))
            c = float(to_major(y.cost_of_sales + y.operating_expense, figures.currency))
            revenue.append(r)
            costs.append(c)
            top = max(top, r, c)
        self.series = QBarSeries()
        self.series.append(revenue)
        self.series.append(costs)
        chart.addSeries(self.series)
        years = QBarCategoryAxis()
        years.append([str(y.year) for y in figures.years])
        amounts = QValueAxis()
        amounts.setRange(0, top * 1.1 or 1)
        amounts.setLabelFormat("%.0f")
        chart.addAxis(years, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(years)
        self.series.attachAxis(amounts)
        chart.setTitle(_("Revenue and costs ({currency})").format(currency=figures.currency))
