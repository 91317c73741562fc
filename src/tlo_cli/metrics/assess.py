"""Ledgers → one Assessment per TLO as of a fiscal year, ranked by health score.

This is the one place the pure figures are put together; `assess`, `rank`, `report` and the
scenarios all go through :func:`assess_cohort`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from tlo_cli.metrics import profit, risk, trend, vulnerability
from tlo_cli.metrics.panel import Panel, default_as_of
from tlo_cli.metrics.score import Weights, health_score, rank_order
from tlo_cli.model import (
    ITEMS,
    Assessment,
    Ledger,
    ProjectedYear,
    Risk,
    Trend,
    Unit,
    Vulnerability,
    YearFigures,
    finite_or_none,
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds and weights in force."""

    thresholds: risk.Thresholds = field(default_factory=risk.Thresholds)
    weights: Weights = field(default_factory=Weights)
    reason_unit: Unit = Unit.THOUSAND


@dataclass(frozen=True, slots=True)
class NotRanked:
    id: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class CohortAssessment:
    """Assessments of every TLO with data for ``as_of``, best first, and the ones without."""

    as_of: int
    assessments: tuple[Assessment, ...]
    not_ranked: tuple[NotRanked, ...]
    settings: Settings

    def find(self, tlo_id: str) -> Assessment | None:
        wanted = tlo_id.casefold()
        return next((a for a in self.assessments if a.profile.id.casefold() == wanted), None)


@dataclass(frozen=True, slots=True)
class Figures:
    """Every statement figure for every TLO and fiscal year, arrays shaped like the panel."""

    revenue: np.ndarray
    expenses: np.ndarray
    ordinary_profit: np.ndarray
    ordinary_profit_ex_subsidy: np.ndarray
    subsidy_dependence: np.ndarray
    margin: np.ndarray
    margin_ex_subsidy: np.ndarray

    @classmethod
    def of(cls, items: dict[str, np.ndarray]) -> Figures:
        rev = profit.revenue_of(items)
        exp = profit.expenses_of(items)
        op = profit.ordinary_profit(rev, exp)
        opx = profit.ordinary_profit_ex_subsidy(op, items["subsidy_income"])
        return cls(
            revenue=rev,
            expenses=exp,
            ordinary_profit=op,
            ordinary_profit_ex_subsidy=opx,
            subsidy_dependence=profit.subsidy_dependence(items["subsidy_income"], rev),
            margin=profit.margin(op, rev),
            margin_ex_subsidy=profit.margin_ex_subsidy(opx, rev, items["subsidy_income"]),
        )


def _mean_recent(values: np.ndarray, j: int, years: int) -> np.ndarray:
    """Mean of the last ``years`` columns up to j, ignoring years without data."""
    block = values[:, max(0, j - years + 1) : j + 1]
    counts = np.isfinite(block).sum(axis=1)
    total = np.nansum(block, axis=1)
    return np.where(counts > 0, total / np.maximum(counts, 1), np.nan)


def _fy_or_nan(fiscal_year: int | None) -> float:
    return np.nan if fiscal_year is None else float(fiscal_year)


def assess_cohort(
    ledgers: Sequence[Ledger], *, as_of: int | None = None, settings: Settings | None = None
) -> CohortAssessment:
    """Assess every TLO as of ``as_of`` (default: the year most TLOs have data for)."""
    settings = settings or Settings()
    t = settings.thresholds
    if not ledgers:
        return CohortAssessment(as_of or 0, (), (), settings)
    panel = Panel.from_ledgers(ledgers)
    as_of = default_as_of(panel) if as_of is None else as_of
    j = panel.column(as_of)
    ranked = panel.present[:, j] if j is not None else np.zeros(len(ledgers), dtype=bool)
    not_ranked = tuple(
        NotRanked(
            led.id,
            f"no data for FY{as_of} (its ledger covers {_span(led.years)})",
        )
        for led, ok in zip(ledgers, ranked, strict=True)
        if not ok
    )
    if j is None or not ranked.any():
        return CohortAssessment(as_of, (), not_ranked, settings)
    idx = [int(i) for i in np.flatnonzero(ranked)]
    items = {name: panel.items[name][idx] for name in ITEMS}
    fig = Figures.of(items)

    window_years, licensing = panel.window("licensing_income", as_of, t.window)
    licensing = licensing[idx]
    cagr = trend.licensing_cagr(licensing, window_years)
    slope = trend.licensing_slope(licensing, window_years)
    peak = trend.peak_fiscal_year(licensing, window_years)
    drawdown = trend.drawdown_from_peak(licensing, items["licensing_income"][:, j])

    other_revenue = items["membership_income"] + items["contract_income"] + items["other_income"]
    sub_end = np.array([_fy_or_nan(ledgers[i].profile.subsidy_end_fy) for i in idx], dtype=float)
    projection = risk.project(
        as_of=as_of,
        horizon=t.horizon,
        licensing_base=_mean_recent(items["licensing_income"], j, t.base_years),
        growth=cagr,
        other_revenue_base=_mean_recent(other_revenue, j, t.base_years),
        expenses_base=_mean_recent(fig.expenses, j, t.base_years),
        subsidy_as_of=items["subsidy_income"][:, j],
        subsidy_end_fy=sub_end,
        growth_clip=t.growth_clip,
    )
    net_assets = np.where(
        [panel.has_item["net_assets"][i] for i in idx], items["net_assets"][:, j], np.nan
    )
    runway = risk.runway_years(net_assets, fig.ordinary_profit_ex_subsidy[:, j])
    breakeven = risk.breakeven_licensing_income(
        items["licensing_income"][:, j], fig.ordinary_profit_ex_subsidy[:, j]
    )
    score = health_score(
        margin_ex_subsidy=fig.margin_ex_subsidy[:, j],
        subsidy_dependence=fig.subsidy_dependence[:, j],
        licensing_cagr=cagr,
        runway=runway,
        weights=settings.weights,
    )
    ratios = {
        "equity_ratio": vulnerability.equity_ratio(net_assets, fig.revenue[:, j]),
        "revenue_concentration": vulnerability.revenue_concentration(
            {name: items[name][:, j] for name in ITEMS}
        ),
        "admin_share": vulnerability.admin_share(items["admin_cost"][:, j], fig.expenses[:, j]),
        "margin": fig.margin[:, j],
    }
    flags = vulnerability.vulnerable_flags(ratios)

    # Plain Python lists from here on: building records from numpy scalars is slow.
    lists = {name: items[name].tolist() for name in ITEMS}
    figs = {name: getattr(fig, name).tolist() for name in Figures.__slots__}
    col = {int(fy): c for c, fy in enumerate(panel.years.tolist())}
    runway_l, cagr_l, slope_l = runway.tolist(), cagr.tolist(), slope.tolist()
    peak_l, drawdown_l, breakeven_l = peak.tolist(), drawdown.tolist(), breakeven.tolist()
    ratios_l = {name: values.tolist() for name, values in ratios.items()}
    flags_l = {name: values.tolist() for name, values in flags.items()}
    proj_years = [int(fy) for fy in projection.fiscal_years]
    proj = {
        name: getattr(projection, name).tolist()
        for name in (
            "licensing_income",
            "subsidy_income",
            "revenue",
            "expenses",
            "ordinary_profit",
            "ordinary_profit_ex_subsidy",
        )
    }
    window = (int(window_years[0]), int(window_years[-1]))
    records: list[Assessment] = []
    for k, i in enumerate(idx):
        ledger = ledgers[i]
        run = runway_l[k]
        level, reasons = risk.assess_risk(
            as_of=as_of,
            ordinary_profit=figs["ordinary_profit"][k][j],
            projected_years=proj_years,
            projected_profit=proj["ordinary_profit"][k],
            subsidy_end_fy=ledger.profile.subsidy_end_fy,
            runway=run,
            subsidy_dependence=_zero_if_nan(figs["subsidy_dependence"][k][j]),
            licensing_cagr=_zero_if_nan(cagr_l[k]),
            margin_ex_subsidy=_zero_if_nan(figs["margin_ex_subsidy"][k][j]),
            thresholds=t,
            unit=settings.reason_unit,
        )
        note = (
            "no loss ex subsidy" if run == np.inf else "no net assets given" if run != run else None
        )
        projected = tuple(
            ProjectedYear(fy, *(proj[name][k][h] for name in proj))
            for h, fy in enumerate(proj_years)
        )
        records.append(
            Assessment(
                profile=ledger.profile,
                as_of=as_of,
                current=_years(ledger, col, k, lists, figs, as_of, only=as_of)[0],
                history=partial(_years, ledger, col, k, lists, figs, as_of),
                trend=Trend(
                    window,
                    finite_or_none(cagr_l[k]),
                    finite_or_none(slope_l[k]),
                    None if peak_l[k] != peak_l[k] else int(peak_l[k]),
                    finite_or_none(drawdown_l[k]),
                ),
                risk=Risk(
                    level,
                    tuple(reasons),
                    finite_or_none(run),
                    note,
                    finite_or_none(breakeven_l[k]),
                    projected,
                ),
                score=float(score[k]),
                vulnerability=Vulnerability(
                    equity_ratio=finite_or_none(ratios_l["equity_ratio"][k]),
                    revenue_concentration=finite_or_none(ratios_l["revenue_concentration"][k]),
                    admin_share=finite_or_none(ratios_l["admin_share"][k]),
                    margin=finite_or_none(ratios_l["margin"][k]),
                    flags=tuple(name for name in ratios if flags_l[name][k]),
                ),
                warnings=ledger.warnings,
            )
        )
    order = rank_order([a.profile.id for a in records], score, fig.ordinary_profit[:, j])
    return CohortAssessment(as_of, tuple(records[k] for k in order), not_ranked, settings)


def _span(years: Sequence[int]) -> str:
    return f"FY{years[0]} only" if years[0] == years[-1] else f"FY{years[0]}–FY{years[-1]}"


def _zero_if_nan(value: float) -> float:
    return 0.0 if value != value else value


def _years(
    ledger: Ledger,
    col: dict[int, int],
    k: int,
    items: dict[str, list[list[float]]],
    figs: dict[str, list[list[float]]],
    as_of: int,
    *,
    only: int | None = None,
) -> tuple[YearFigures, ...]:
    listed = [(name, items[name][k]) for name in ITEMS if name in ledger.amounts]
    rev, exp = figs["revenue"][k], figs["expenses"][k]
    op, opx = figs["ordinary_profit"][k], figs["ordinary_profit_ex_subsidy"][k]
    dep, mar, marx = figs["subsidy_dependence"][k], figs["margin"][k], figs["margin_ex_subsidy"][k]
    out = []
    for fy in ledger.years if only is None else (only,):
        if fy > as_of:
            break
        j = col[fy]
        out.append(
            YearFigures(
                fy,
                {name: row[j] for name, row in listed},
                rev[j],
                exp[j],
                op[j],
                opx[j],
                None if dep[j] != dep[j] else dep[j],  # NaN (undefined ratio) → None
                None if mar[j] != mar[j] else mar[j],
                None if marx[j] != marx[j] else marx[j],
            )
        )
    return tuple(out)
