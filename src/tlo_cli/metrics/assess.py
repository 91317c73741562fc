"""Ledgers → one Assessment per TLO as of a fiscal year, ranked by health score.

This is the one place the pure figures are put together; `assess`, `rank`, `report` and the
scenarios all go through :func:`assess_cohort`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from tlo_cli.metrics import profit, risk, trend
from tlo_cli.metrics.judge import judge
from tlo_cli.metrics.panel import Panel, default_as_of
from tlo_cli.metrics.projection import age_growth
from tlo_cli.metrics.records import ledger_span, vulnerabilities, years_of
from tlo_cli.metrics.score import (
    COMPONENTS,
    RUNWAY_CAP_YEARS,
    Weights,
    peer_scores,
    rank_order,
)
from tlo_cli.model import (
    ITEMS,
    Assessment,
    Ledger,
    Risk,
    ScoreComponent,
    Trend,
    Unit,
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
    """Every statement figure for every TLO and fiscal year, arrays shaped like the panel.

    Margins and subsidy dependence divide by recurring revenue (revenue − one_off_income).
    """

    revenue: np.ndarray
    expenses: np.ndarray
    ordinary_profit: np.ndarray
    ordinary_profit_ex_subsidy: np.ndarray
    subsidy_dependence: np.ndarray
    margin: np.ndarray
    margin_ex_subsidy: np.ndarray
    recurring_ordinary_profit: np.ndarray

    @classmethod
    def of(cls, items: dict[str, np.ndarray]) -> Figures:
        rev = profit.revenue_of(items)
        exp = profit.expenses_of(items)
        op = profit.ordinary_profit(rev, exp)
        opx = profit.ordinary_profit_ex_subsidy(op, items["subsidy_income"])
        one_off = items["one_off_income"]
        rec = profit.recurring_ordinary_profit(op, one_off)
        recx = profit.recurring_ordinary_profit_ex_subsidy(op, one_off, items["subsidy_income"])
        return cls(
            revenue=rev,
            expenses=exp,
            ordinary_profit=op,
            ordinary_profit_ex_subsidy=opx,
            subsidy_dependence=profit.subsidy_dependence(items["subsidy_income"], rev - one_off),
            margin=profit.margin(rec, rev - one_off),
            margin_ex_subsidy=profit.margin_ex_subsidy(
                recx, rev - one_off, items["subsidy_income"]
            ),
            recurring_ordinary_profit=rec,
        )


def _fy_or_nan(fiscal_year: int | None) -> float:
    return np.nan if fiscal_year is None else float(fiscal_year)


def trend_span(years: Sequence[int], points: int, minimum: int = trend.MIN_POINTS) -> str:
    """The span a growth rate rests on: "over FY2004–FY2007, 4 years", or why there is none."""
    if points < minimum:
        return f"insufficient history: {points} year{'s' if points != 1 else ''}"
    return f"over FY{years[0]}–FY{years[-1]}, {len(years)} years"


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
            f"no data for FY{as_of} (its ledger covers {ledger_span(led.years)})",
        )
        for led, ok in zip(ledgers, ranked, strict=True)
        if not ok
    )
    if j is None or not ranked.any():
        return CohortAssessment(as_of, (), not_ranked, settings)
    idx = [int(i) for i in np.flatnonzero(ranked)]
    items = {name: panel.items[name][idx] for name in ITEMS}
    fig = Figures.of(items)
    approved = np.array([_fy_or_nan(ledgers[i].profile.approved_fy) for i in idx])
    fys = panel.years.astype(float)
    after = np.where(np.isnan(approved)[:, None], True, fys[None, :] > approved[:, None])
    usable = panel.present[idx] & after & (fys[None, :] <= as_of)
    cols = np.flatnonzero((panel.years > as_of - t.window) & (panel.years <= as_of))
    window_years = panel.years[cols]
    licensing = np.where(usable[:, cols], items["licensing_income"][:, cols], np.nan)
    cagr = trend.licensing_cagr(licensing, window_years)
    growth = trend.licensing_trend(licensing, window_years)
    slope = trend.licensing_slope(licensing, window_years)
    peak = trend.peak_fiscal_year(licensing, window_years)
    drawdown = trend.drawdown_from_peak(licensing, licensing[:, -1])
    points = trend.positive_points(licensing)
    reference = age_growth(
        panel.items["licensing_income"],
        panel.present,
        panel.years,
        [led.profile.approved_fy for led in ledgers],
        as_of,
    )
    # Plain Python lists from here on: building records from numpy scalars is slow.
    lists = {name: items[name].tolist() for name in ITEMS}
    figs = {name: getattr(fig, name).tolist() for name in Figures.__slots__}
    col = {int(fy): c for c, fy in enumerate(panel.years.tolist())}
    fy_list = [int(fy) for fy in panel.years.tolist()]
    usable_l = usable.tolist()
    cagr_l, growth_l, slope_l = cagr.tolist(), growth.tolist(), slope.tolist()
    peak_l, drawdown_l, points_l = peak.tolist(), drawdown.tolist(), points.tolist()
    window_l = [int(fy) for fy in window_years.tolist()]
    judged = []
    for k, i in enumerate(idx):
        row = {name: lists[name][k] for name in ITEMS}
        frow = {name: figs[name][k] for name in figs}
        used = [fy for c, fy in zip(cols.tolist(), window_l, strict=True) if usable_l[k][c]]
        span = trend_span(used, points_l[k])
        usable_cols = [c for c in range(j + 1) if usable_l[k][c]]
        judged.append(
            (
                judge(
                    ledger=ledgers[i],
                    as_of=as_of,
                    j=j,
                    fys=fy_list,
                    usable_cols=usable_cols,
                    row=row,
                    fig=frow,
                    trend=growth_l[k],
                    trend_span=span,
                    reference=reference,
                    t=t,
                    unit=settings.reason_unit,
                ),
                (used[0], used[-1]) if used else (as_of, as_of),
                span,
            )
        )
    internal = np.array([ledgers[i].profile.internal is True for i in idx])
    approved_l = [ledgers[i].profile.approved_fy for i in idx]
    too_young = np.array([fy is not None and as_of - fy < t.young_years for fy in approved_l])
    peers = peer_scores(
        components={
            "margin_ex_subsidy": fig.margin_ex_subsidy[:, j],
            "self_sustainability": np.array(
                [jd.figures["self_sustainability"] for jd, *_ in judged]
            ),
            "licensing_trend": growth,
        },
        runway=np.array([jd.runway for jd, *_ in judged]),
        cost_coverage=np.array([jd.figures["cost_coverage"] for jd, *_ in judged]),
        internal=internal,
        scoreable=~too_young,
        weights=settings.weights,
    )
    weights = dict(zip(COMPONENTS, settings.weights.normalised(), strict=True))
    components_l = {
        "margin_ex_subsidy": fig.margin_ex_subsidy[:, j].tolist(),
        "self_sustainability": [jd.figures["self_sustainability"] for jd, *_ in judged],
        "licensing_trend": growth_l,
    }
    score_l = peers.score.tolist()
    pct_l = {name: peers.percentile[name].tolist() for name in COMPONENTS}
    miss_l = {name: peers.missing[name].tolist() for name in COMPONENTS}
    has_assets = np.array([panel.has_item["net_assets"][i] for i in idx])
    vulnerable = vulnerabilities(items, fig, j, has_assets)
    records: list[Assessment] = []
    for k, i in enumerate(idx):
        ledger = ledgers[i]
        jd, window, span = judged[k]
        group = "internal" if internal[k] else "external"
        coverage_value = (
            jd.figures["cost_coverage"] if internal[k] else min(jd.runway, RUNWAY_CAP_YEARS)
        )
        components = (
            tuple(
                ScoreComponent(
                    name,
                    coverage_value if name == "coverage" else components_l[name][k],
                    pct_l[name][k],
                    weights[name],
                    bool(miss_l[name][k]),
                )
                for name in COMPONENTS
            )
            if not too_young[k]
            else ()
        )
        records.append(
            Assessment(
                profile=ledger.profile,
                as_of=as_of,
                current=years_of(ledger, col, k, lists, figs, as_of, only=as_of)[0],
                history=partial(years_of, ledger, col, k, lists, figs, as_of),
                trend=Trend(
                    window,
                    finite_or_none(cagr_l[k]),
                    finite_or_none(slope_l[k]),
                    None if peak_l[k] != peak_l[k] else int(peak_l[k]),
                    finite_or_none(drawdown_l[k]),
                    finite_or_none(growth_l[k]),
                    int(points_l[k]),
                    span,
                ),
                risk=Risk(
                    jd.level,
                    jd.reasons,
                    finite_or_none(jd.runway),
                    jd.runway_note,
                    finite_or_none(jd.figures["breakeven_licensing_income"]),
                    jd.projection,
                    jd.cliff_fy,
                    t.horizon,
                ),
                score=None if too_young[k] else finite_or_none(score_l[k]),
                vulnerability=vulnerable[k],
                warnings=ledger.warnings,
                figures={name: finite_or_none(v) for name, v in jd.figures.items()},
                usable_years=jd.usable_years,
                group=group,
                too_young=bool(too_young[k]),
                score_components=components,
                situation=jd.situation,
            )
        )
    order = rank_order(
        [a.profile.id for a in records],
        peers.score,
        fig.ordinary_profit[:, j],
        [a.group for a in records],
    )
    return CohortAssessment(as_of, tuple(records[k] for k in order), not_ranked, settings)
