"""The figures of one TLO in one fiscal year that version 2 adds, one pure function each.

Amounts are yen (plain floats); a figure whose denominator is 0 or unknown is NaN (reported
as null, never 0). Sources: Abrams, Leung & Stevens (2009) for self-sustainability; the
methodology page lists every formula.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

NAN = float("nan")


def _ratio(numerator: float, denominator: float) -> float:
    if denominator != denominator or denominator == 0 or numerator != numerator:
        return NAN
    return numerator / denominator


def payout_ratio(licensing: Sequence[float], distribution: Sequence[float]) -> float:
    """payout_ratio = Σ distribution_cost / Σ licensing_income over the years given (the last up
    to 3 usable years), clipped to [0, 1]; NaN when licensing income sums to 0 or less.

    The share of licensing income paid on to inventors and universities.
    """
    total = sum(licensing)
    if not total > 0:
        return NAN
    return min(1.0, max(0.0, sum(distribution) / total))


def self_sustainability(
    licensing: float,
    distribution: float,
    personnel: float,
    patent: float,
    admin: float,
    other_expenses: float,
) -> float:
    """self_sustainability = (licensing_income − distribution_cost) / (personnel + patent + admin
    + other expenses) (Abrams, Leung & Stevens 2009: licence income kept after distributions
    against the office's own costs; 1 or more is self-sustaining)."""
    return _ratio(licensing - distribution, personnel + patent + admin + other_expenses)


def cost_coverage(
    revenue: float, subsidy: float, operating_grant: float, one_off: float, expenses: float
) -> float:
    """cost_coverage = (revenue − subsidy − operating_grant_income − one_off_income) / expenses:
    how much of its costs a TLO earns itself (the test for a unit inside a university)."""
    return _ratio(revenue - subsidy - operating_grant - one_off, expenses)


def per_count(amount: float, count: float | None) -> float:
    """amount / count (income per licence, per staff member, patent cost per licence); NaN when
    the count is not given or is 0."""
    if count is None or not count > 0:
        return NAN
    return amount / count


def cash_months(cash: float | None, expenses: float) -> float:
    """cash_months = cash / (expenses / 12): months of costs the cash in hand would pay."""
    if cash is None:
        return NAN
    return _ratio(cash, expenses / 12.0)


def breakeven_licensing_income(
    run_rate_costs: float, other_recurring_revenue: float, payout: float
) -> float:
    """breakeven = max(0, (run-rate costs other than distributions − other recurring revenue)
    / (1 − payout_ratio)); NaN when the payout ratio is 1 (no licensing level breaks even).

    Other recurring revenue excludes licensing, the subsidy and one-off income; an unknown
    payout ratio (no licensing income) counts as 0. This is the licensing income at which the
    projection breaks even without the subsidy, distributions rising with licensing.
    """
    p = 0.0 if payout != payout else payout
    if p >= 1.0:
        return NAN
    return max(0.0, (run_rate_costs - other_recurring_revenue) / (1.0 - p))


def runway_years(net_assets: float | None, recurring_profit_ex_subsidy: float) -> float:
    """runway = net_assets / −recurring_ordinary_profit_ex_subsidy when that is negative.

    +inf with no loss ex subsidy; NaN when net assets are not given (and there is a loss);
    0 when net assets are already exhausted.
    """
    if not recurring_profit_ex_subsidy < 0:
        return math.inf
    if net_assets is None or net_assets != net_assets:
        return NAN
    return max(net_assets, 0.0) / -recurring_profit_ex_subsidy


def is_deficit(profit: float, expenses: float, materiality: float = 0.01) -> bool:
    """A deficit that counts: profit < −materiality × expenses (below 1% is break-even)."""
    return profit < -materiality * max(expenses, 0.0)
