"""Business-plan figures derived from financial lines; never stored.

Per year: revenue, cost of sales, gross margin, operating expenses, net result (gross margin
less operating expenses), investment, funding, net cash flow (net result - investment +
funding) and cumulative cash. The break-even year is the first year whose net result is zero
or better (revenue covers all running costs); see DESIGN-NOTES.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .enums import FinancialKind


@dataclass(frozen=True)
class YearFigures:
    year: int
    revenue: int
    cost_of_sales: int
    operating_expense: int
    investment: int
    funding: int

    @property
    def gross_margin(self) -> int:
        return self.revenue - self.cost_of_sales

    @property
    def gross_margin_pct(self) -> float | None:
        """Gross margin as a share of revenue (None without revenue); for display only."""
        return self.gross_margin / self.revenue * 100 if self.revenue else None

    @property
    def net_result(self) -> int:
        return self.gross_margin - self.operating_expense

    @property
    def net_cash_flow(self) -> int:
        return self.net_result - self.investment + self.funding


@dataclass(frozen=True)
class PlanFigures:
    currency: str
    years: tuple[YearFigures, ...]
    cumulative_cash: tuple[int, ...]
    break_even_year: int | None

    @property
    def totals(self) -> YearFigures:
        """Return the sums over every year of the horizon (``year`` is 0)."""
        return YearFigures(0, *(sum(getattr(y, f) for y in self.years) for f in
                                ("revenue", "cost_of_sales", "operating_expense", "investment", "funding")))


def compute(lines: Iterable[tuple[str, int, int]], *, start_year: int, horizon: int,
            currency: str) -> PlanFigures:
    """Sum (kind, year, amount in minor units) lines over the plan's years.

    Lines outside the horizon are ignored, so shortening a plan never miscounts.
    """
    sums = {(k.value, y): 0 for k in FinancialKind for y in range(start_year, start_year + horizon)}
    for kind, year, amount in lines:
        if (kind, year) in sums:
            sums[(kind, year)] += amount
    years = tuple(
        YearFigures(y, *(sums[(k.value, y)] for k in (
            FinancialKind.REVENUE, FinancialKind.COST_OF_SALES, FinancialKind.OPERATING_EXPENSE,
            FinancialKind.INVESTMENT, FinancialKind.FUNDING)))
        for y in range(start_year, start_year + horizon)
    )
    cumulative, running = [], 0
    for y in years:
        running += y.net_cash_flow
        cumulative.append(running)
    break_even = next((y.year for y in years if y.revenue and y.net_result >= 0), None)
    return PlanFigures(currency, years, tuple(cumulative), break_even)
