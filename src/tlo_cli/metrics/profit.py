"""Statement figures: revenue, expenses, ordinary profit (経常利益) and the ratios built on them.

Every function is elementwise: it takes numbers or numpy arrays of yen and returns the same
shape. A ratio whose denominator is 0 (or unknown) is NaN, reported as null — never 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import numpy as np

from tlo_cli.model import DERIVED_ITEMS, EXPENSE_ITEMS, REVENUE_ITEMS

Num = TypeVar("Num", float, np.ndarray)


def safe_ratio(numerator: Num, denominator: Num) -> Num:
    """numerator / denominator; NaN where the denominator is 0 or NaN."""
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    ok = np.isfinite(den) & (den != 0)
    np.divide(num, den, out=out, where=ok)
    return out if out.ndim else float(out)  # type: ignore[return-value]


def revenue(
    licensing_income: Num,
    membership_income: Num,
    contract_income: Num,
    subsidy_income: Num,
    other_income: Num,
    operating_grant_income: Num | float = 0.0,
    one_off_income: Num | float = 0.0,
) -> Num:
    """revenue = licensing + membership + contract + subsidy + other_income
    + operating_grant_income + one_off_income (so that a stated ordinary profit reconciles)."""
    return (
        licensing_income
        + membership_income
        + contract_income
        + subsidy_income
        + other_income
        + operating_grant_income
        + one_off_income
    )


def expenses(
    personnel_cost: Num,
    patent_cost: Num,
    distribution_cost: Num,
    admin_cost: Num,
    other_expenses: Num,
) -> Num:
    """expenses = personnel + patent + distribution + admin + other_expenses."""
    return personnel_cost + patent_cost + distribution_cost + admin_cost + other_expenses


def revenue_of(items: Mapping[str, Num]) -> Num:
    """revenue() of a mapping of canonical items, plus a derived unitemized_revenue line."""
    typed = revenue(*(items[name] for name in REVENUE_ITEMS if name not in DERIVED_ITEMS))
    return typed + items["unitemized_revenue"] if "unitemized_revenue" in items else typed


def expenses_of(items: Mapping[str, Num]) -> Num:
    """expenses() of a mapping of canonical items, plus a derived unitemized_expenses line."""
    typed = expenses(*(items[name] for name in EXPENSE_ITEMS if name not in DERIVED_ITEMS))
    return typed + items["unitemized_expenses"] if "unitemized_expenses" in items else typed


def ordinary_profit(revenue: Num, expenses: Num) -> Num:
    """ordinary_profit (経常利益; 当期経常増減額 for a foundation) = revenue − expenses."""
    return revenue - expenses


def ordinary_profit_ex_subsidy(ordinary_profit: Num, subsidy_income: Num) -> Num:
    """ordinary_profit_ex_subsidy = ordinary_profit − subsidy_income: the result without the METI subsidy."""
    return ordinary_profit - subsidy_income


def subsidy_dependence(subsidy_income: Num, revenue: Num) -> Num:
    """subsidy_dependence = subsidy_income / revenue (lower is better); NaN when revenue is 0."""
    return safe_ratio(subsidy_income, revenue)


def margin(ordinary_profit: Num, revenue: Num) -> Num:
    """margin = ordinary_profit / revenue (higher is better); NaN when revenue is 0."""
    return safe_ratio(ordinary_profit, revenue)


def margin_ex_subsidy(ordinary_profit_ex_subsidy: Num, revenue: Num, subsidy_income: Num) -> Num:
    """margin_ex_subsidy = ordinary_profit_ex_subsidy / (revenue − subsidy_income).

    The margin the TLO would earn on its own income without the subsidy (higher is better);
    NaN when it has no income besides the subsidy.
    """
    return safe_ratio(ordinary_profit_ex_subsidy, revenue - subsidy_income)


def recurring_ordinary_profit(ordinary_profit: Num, one_off_income: Num) -> Num:
    """recurring_ordinary_profit = ordinary_profit − one_off_income (a share sale does not recur)."""
    return ordinary_profit - one_off_income


def recurring_ordinary_profit_ex_subsidy(
    ordinary_profit: Num, one_off_income: Num, subsidy_income: Num
) -> Num:
    """recurring_ordinary_profit_ex_subsidy = ordinary_profit − one_off_income − subsidy_income.

    The figure the risk rules, runway, break-even and the score read.
    """
    return ordinary_profit - one_off_income - subsidy_income
