"""Runway, break-even, the projection and the risk level with its reasons.

Thresholds are data (:class:`Thresholds`), overridable from the command line; the methodology
page lists them with their sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tlo_cli.model import Reason, RiskLevel, Unit


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every number the figures and risk rules depend on."""

    window: int = 5  # fiscal years of licensing trend, up to as-of
    horizon: int = 3  # projected fiscal years after as-of
    base_years: int = 3  # the projection starts from the mean of this many years
    growth_clip: float = 0.30  # licensing growth in the projection is clipped to ±this
    runway_years: float = 3.0  # high risk below this runway
    subsidy_dependence: float = 0.30  # medium risk above this when the subsidy ends soon
    licensing_decline: float = -0.10  # medium risk below this licensing CAGR …
    margin_ex_subsidy: float = 0.05  # … while the margin ex subsidy is below this


def runway_years(net_assets: np.ndarray, ordinary_profit_ex_subsidy: np.ndarray) -> np.ndarray:
    """runway = net_assets / −ordinary_profit_ex_subsidy when that is negative.

    +inf when there is no loss ex subsidy; NaN when net assets are not given; 0 when net assets
    are already exhausted (≤ 0).
    """
    assets = np.asarray(net_assets, dtype=float)
    loss = -np.asarray(ordinary_profit_ex_subsidy, dtype=float)
    out = np.full(np.broadcast(assets, loss).shape, np.inf)
    losing = loss > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(losing, np.maximum(assets, 0.0) / np.where(losing, loss, 1.0), out)
    return np.where(losing & ~np.isfinite(assets), np.nan, out)


def breakeven_licensing_income(
    licensing_income: np.ndarray, ordinary_profit_ex_subsidy: np.ndarray
) -> np.ndarray:
    """The licensing income at which ordinary_profit_ex_subsidy is 0, other items held.

    breakeven = max(0, licensing_income − ordinary_profit_ex_subsidy).
    """
    return np.maximum(
        0.0, np.asarray(licensing_income, dtype=float) - np.asarray(ordinary_profit_ex_subsidy)
    )


@dataclass(frozen=True, slots=True)
class Projection:
    """Projected figures, arrays shaped (TLOs, horizon)."""

    fiscal_years: np.ndarray
    licensing_income: np.ndarray
    other_revenue: np.ndarray
    subsidy_income: np.ndarray
    expenses: np.ndarray

    @property
    def revenue(self) -> np.ndarray:
        return self.licensing_income + self.other_revenue + self.subsidy_income

    @property
    def ordinary_profit(self) -> np.ndarray:
        return self.revenue - self.expenses

    @property
    def ordinary_profit_ex_subsidy(self) -> np.ndarray:
        return self.ordinary_profit - self.subsidy_income


def project(
    *,
    as_of: int,
    horizon: int,
    licensing_base: np.ndarray,
    growth: np.ndarray,
    other_revenue_base: np.ndarray,
    expenses_base: np.ndarray,
    subsidy_as_of: np.ndarray,
    subsidy_end_fy: np.ndarray,
    growth_clip: float = 0.30,
) -> Projection:
    """The projection for fiscal years as_of+1 … as_of+horizon.

    licensing_k = licensing_base × (1 + g)^k with g = growth clipped to ±growth_clip (0 when
    unknown); other revenue and expenses stay at their bases (means of recent years);
    subsidy_k = subsidy_as_of while fy ≤ subsidy_end_fy, else 0 (0 when the end is unknown).
    """
    fys = np.arange(as_of + 1, as_of + horizon + 1)
    k = np.arange(1, horizon + 1, dtype=float)
    g = np.clip(np.nan_to_num(np.asarray(growth, dtype=float), nan=0.0), -growth_clip, growth_clip)
    licensing = np.asarray(licensing_base, dtype=float)[:, None] * (1.0 + g[:, None]) ** k[None, :]
    shape = licensing.shape
    end = np.asarray(subsidy_end_fy, dtype=float)[:, None]
    running = np.where(np.isfinite(end), fys[None, :] <= end, False)
    subsidy = np.where(running, np.asarray(subsidy_as_of, dtype=float)[:, None], 0.0)
    other = np.broadcast_to(np.asarray(other_revenue_base, dtype=float)[:, None], shape).copy()
    costs = np.broadcast_to(np.asarray(expenses_base, dtype=float)[:, None], shape).copy()
    return Projection(fys, licensing, other, subsidy, costs)


def _amount(yen: float, unit: Unit) -> str:
    shown = yen / unit.yen
    text = f"{abs(shown):,.0f}"
    return f"{'△' if shown < 0 else ''}{text} {unit.label}"


def assess_risk(
    *,
    as_of: int,
    ordinary_profit: float,
    projected_years: Sequence[int] | np.ndarray,
    projected_profit: Sequence[float] | np.ndarray,
    subsidy_end_fy: int | None,
    runway: float,
    subsidy_dependence: float,
    licensing_cagr: float,
    margin_ex_subsidy: float,
    thresholds: Thresholds,
    unit: Unit = Unit.THOUSAND,
) -> tuple[RiskLevel, list[Reason]]:
    """The risk level (the highest rule that fires) and every rule that fired, for one TLO."""
    t = thresholds
    reasons: list[Reason] = []
    level = RiskLevel.LOW
    unknown = runway != runway  # NaN: no net assets given
    short_runway = unknown or runway < t.runway_years
    runway_text = (
        "runway is unknown (no net assets given)"
        if unknown
        else f"runway is {runway:.1f} years (under {t.runway_years:g})"
    )
    after = [
        k for k, fy in enumerate(projected_years) if subsidy_end_fy is None or fy > subsidy_end_fy
    ]
    first_after = after[0] if after else None
    if short_runway and ordinary_profit < 0:
        level = RiskLevel.HIGH
        reasons.append(
            Reason(
                "deficit",
                f"Ordinary profit is {_amount(ordinary_profit, unit)} in FY{as_of} and {runway_text}.",
            )
        )
    if short_runway and first_after is not None and projected_profit[first_after] < 0:
        level = RiskLevel.HIGH
        fy = int(projected_years[first_after])
        if subsidy_end_fy is None:
            ended = "with no subsidy (approval year unknown)"
        elif subsidy_end_fy <= as_of:
            ended = f"with the subsidy over since FY{subsidy_end_fy}"
        else:
            ended = f"after the subsidy ends in FY{subsidy_end_fy}"

        reasons.append(
            Reason(
                "post-subsidy-deficit",
                f"Ordinary profit is projected at {_amount(float(projected_profit[first_after]), unit)} "
                f"in FY{fy}, {ended}, and {runway_text}.",
            )
        )
    deficits = [k for k, p in enumerate(projected_profit) if p < 0]
    if deficits and (not short_runway or level is not RiskLevel.HIGH):
        fy = int(projected_years[deficits[0]])
        cover = (
            "with no loss ex subsidy" if runway == float("inf") else f"runway {runway:.1f} years"
        )
        reasons.append(
            Reason(
                "projected-deficit",
                f"A deficit of {_amount(float(projected_profit[deficits[0]]), unit)} is projected in "
                f"FY{fy} ({cover}).",
            )
        )
    horizon_end = as_of + len(projected_years)
    if (
        subsidy_end_fy is not None
        and subsidy_dependence > t.subsidy_dependence
        and as_of <= subsidy_end_fy < horizon_end
    ):
        reasons.append(
            Reason(
                "subsidy-cliff",
                f"The subsidy is {subsidy_dependence:.0%} of revenue in FY{as_of} (over "
                f"{t.subsidy_dependence:.0%}) and ends in FY{subsidy_end_fy}.",
            )
        )
    if licensing_cagr < t.licensing_decline and margin_ex_subsidy < t.margin_ex_subsidy:
        reasons.append(
            Reason(
                "licensing-decline",
                f"Licensing income is falling {licensing_cagr:.0%} a year (below "
                f"{t.licensing_decline:.0%}) while the margin ex subsidy is {margin_ex_subsidy:.0%} "
                f"(below {t.margin_ex_subsidy:.0%}).",
            )
        )
    if level is RiskLevel.LOW and reasons:
        level = RiskLevel.MEDIUM
    return level, reasons
