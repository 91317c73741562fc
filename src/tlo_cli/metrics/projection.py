"""The projection of one TLO after as-of, and the cohort's growth by age for young TLOs.

Bases: costs other than distributions at the as-of year's run-rate; licensing income the mean
of the last up to 3 usable years, grown each year; distributions the payout ratio × projected
licensing; other recurring revenue the mean of the last up to 3 usable years; one-off income 0;
the subsidy by its schedule. The projection runs to max(as_of + horizon, subsidy_end_fy + 1)
while the subsidy runs, so it always reaches the cliff year.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tlo_cli.model import ProjectedYear


@dataclass(frozen=True, slots=True)
class Bases:
    """Where the projection starts (yen a year)."""

    licensing: float
    other_revenue: float  # recurring revenue besides licensing and the subsidy
    run_rate_costs: float  # expenses other than distributions, as-of year
    payout: float  # payout ratio (NaN counts as 0)
    subsidy: float  # the as-of year's subsidy, paid while the schedule runs
    continuing: float = 0.0  # a public subsidy the profile says continues after the window


def project(
    *, as_of: int, end_fy: int, bases: Bases, growth: Sequence[float], subsidy_end_fy: int | None
) -> tuple[ProjectedYear, ...]:
    """Projected years as_of+1 … end_fy.

    licensing_k = licensing base × Π_{i ≤ k} (1 + g_i) (g_i = growth[i−1]; the last rate holds
    beyond the list); distribution_k = payout × licensing_k; expenses_k = run-rate costs +
    distribution_k; subsidy_k = base subsidy while fy ≤ subsidy_end_fy, else the continuing
    subsidy the profile gives (0 by default); ordinary profit_k = licensing_k + other revenue
    + subsidy_k − expenses_k.
    """
    payout = 0.0 if bases.payout != bases.payout else bases.payout
    out = []
    level = bases.licensing
    for k, fy in enumerate(range(as_of + 1, end_fy + 1)):
        g = growth[min(k, len(growth) - 1)] if growth else 0.0
        level *= 1.0 + g
        distribution = payout * level
        running = subsidy_end_fy is not None and fy <= subsidy_end_fy
        subsidy = bases.subsidy if running else bases.continuing
        revenue = level + bases.other_revenue + subsidy
        expenses = bases.run_rate_costs + distribution
        profit = revenue - expenses
        out.append(
            ProjectedYear(
                fiscal_year=fy,
                licensing_income=level,
                subsidy_income=subsidy,
                revenue=revenue,
                expenses=expenses,
                ordinary_profit=profit,
                ordinary_profit_ex_subsidy=profit - subsidy,
                distribution_cost=distribution,
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class AgeGrowth:
    """Median yearly licensing growth of the cohort's TLOs at each age (years since approval)."""

    median: dict[int, float]
    count: dict[int, int]

    def rate(self, age: int, minimum: int) -> float | None:
        """The median at ``age`` when at least ``minimum`` TLOs of that age exist, else None."""
        return self.median[age] if self.count.get(age, 0) >= minimum else None


def age_growth(
    licensing: np.ndarray,
    present: np.ndarray,
    years: np.ndarray,
    approved: Sequence[int | None],
    as_of: int,
) -> AgeGrowth:
    """growth at age a = median over TLOs of licensing_fy / licensing_(fy−1) − 1, where
    fy − approved_fy = a, both years usable (after the approval year, up to as-of) and both
    values positive. Arrays are TLO × fiscal year, ``years`` the columns' fiscal years."""
    by_age: dict[int, list[float]] = {}
    fys = [int(fy) for fy in years.tolist()]
    values = licensing.tolist()
    here = present.tolist()
    for i, approved_fy in enumerate(approved):
        if approved_fy is None:
            continue
        row, ok = values[i], here[i]
        for c in range(1, len(fys)):
            fy = fys[c]
            if fy > as_of or fys[c - 1] != fy - 1 or fy - 1 <= approved_fy:
                continue
            if ok[c] and ok[c - 1] and row[c] > 0 and row[c - 1] > 0:
                by_age.setdefault(fy - approved_fy, []).append(row[c] / row[c - 1] - 1.0)
    return AgeGrowth(
        {age: statistics.median(v) for age, v in by_age.items()},
        {age: len(v) for age, v in by_age.items()},
    )


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th …"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
