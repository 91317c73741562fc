"""The risk level of one TLO and the reasons behind it (version 2 rules).

Thresholds are data (:class:`Thresholds`), overridable from the command line; docs/methodology.md
lists them with their sources. Every "deficit" is material: a profit below −1% of that year's
(projected) expenses; a smaller loss is break-even and fires nothing on its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from tlo_cli.metrics.ratios import is_deficit
from tlo_cli.model import ProjectedYear, Reason, RiskLevel, Unit


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every number the figures and risk rules depend on."""

    window: int = 5  # fiscal years of licensing trend, up to as-of
    horizon: int = 3  # projected fiscal years after as-of (at least to the cliff year)
    base_years: int = 3  # bases are means of the last up to this many usable years
    growth_clip: float = 0.30  # licensing growth in the projection is clipped to ±this
    runway_years: float = 3.0  # external TLOs: high risk below this runway
    subsidy_dependence: float = 0.30  # subsidy-cliff rule: dependence above this …
    licensing_decline: float = -0.10  # medium risk below this licensing trend …
    margin_ex_subsidy: float = 0.05  # … while the margin ex subsidy is below this
    materiality: float = 0.01  # a deficit under this share of expenses is break-even
    coverage_high: float = 0.50  # internal TLOs: cost coverage under this is "short"
    coverage_low: float = 1.0  # internal TLOs after the subsidy: medium under this
    young_years: int = 3  # fewer fiscal years after approval: too young to score
    reference_min: int = 5  # TLOs of one age needed for a cohort growth reference


@dataclass(frozen=True, slots=True)
class Situation:
    """What the rules read about one TLO as of a fiscal year (yen; NaN when unknown)."""

    as_of: int
    internal: bool
    expenses: float
    recurring_profit: float  # recurring ordinary profit, with the subsidy
    recurring_profit_ex_subsidy: float
    subsidy_end_fy: int | None
    subsidy_dependence: float
    margin_ex_subsidy: float
    licensing_trend: float
    trend_span: str  # "over FY2004–FY2007, 4 years" or "insufficient history: 2 years"
    runway: float  # external: years (inf without a loss, NaN unknown)
    net_assets_given: bool
    cost_coverage: float
    projection: Sequence[ProjectedYear] = ()
    projection_usable: bool = True  # False judged in the approval year with no usable year
    growth_note: str | None = None
    base_note: str | None = None  # the approval year scaled to twelve months
    extra: tuple[Reason, ...] = field(default=())


def runway_years(net_assets: np.ndarray, profit_ex_subsidy: np.ndarray) -> np.ndarray:
    """Elementwise :func:`ratios.runway_years` (for arrays of entities): net assets / −profit ex
    subsidy when that is negative; +inf without a loss; NaN without net assets; 0 when exhausted."""
    assets = np.asarray(net_assets, dtype=float)
    loss = -np.asarray(profit_ex_subsidy, dtype=float)
    losing = loss > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(losing, np.maximum(assets, 0.0) / np.where(losing, loss, 1.0), np.inf)
    return np.where(losing & ~np.isfinite(assets), np.nan, out)


def cliff_year(as_of: int, subsidy_end_fy: int | None) -> int:
    """The first fiscal year without the subsidy: subsidy_end_fy + 1 while it runs, else the
    first projected year (as_of + 1)."""
    if subsidy_end_fy is not None and subsidy_end_fy >= as_of:
        return subsidy_end_fy + 1
    return as_of + 1


def projection_end(as_of: int, horizon: int, subsidy_end_fy: int | None) -> int:
    """The last projected year: max(as_of + horizon, subsidy_end_fy + 1) while the subsidy
    runs, so the projection always reaches the cliff year; else as_of + horizon."""
    return max(as_of + horizon, cliff_year(as_of, subsidy_end_fy))


def _amount(yen: float, unit: Unit) -> str:
    shown = yen / unit.yen
    return f"{'△' if shown < 0 else ''}{abs(shown):,.0f} {unit.label}"


def _second_condition(s: Situation, t: Thresholds) -> tuple[bool, str]:
    """External: runway under the threshold or unknown; internal: cost coverage under 0.5."""
    if s.internal:
        short = not s.cost_coverage >= t.coverage_high
        shown = "unknown" if s.cost_coverage != s.cost_coverage else f"{s.cost_coverage:.2f}"
        return short, f"cost coverage is {shown} (under {t.coverage_high:g})"
    if s.runway != s.runway:
        return True, "runway is unknown (no net assets given)"
    return s.runway < t.runway_years, f"runway is {s.runway:.1f} years (under {t.runway_years:g})"


def assess_risk(
    s: Situation, t: Thresholds, unit: Unit = Unit.THOUSAND
) -> tuple[RiskLevel, list[Reason]]:
    """The level (the highest rule that fires) and every rule that fired, for one TLO.

    high (a): recurring ordinary profit is a deficit in the as-of year and the TLO is short
    (external: runway under the threshold or unknown; internal: cost coverage under 0.5);
    high (b): the projection shows a deficit in the cliff year, and the TLO is short.
    medium: subsidy-cliff (subsidy running, dependence over the threshold and a loss ex subsidy,
    whatever the end year); projected-deficit (any projected year, no high rule fired);
    licensing-decline (trend under −10% with margin ex subsidy under 5%); low-coverage (internal,
    after the subsidy, cost coverage under 1). Information (raises nothing): no-net-assets,
    insufficient-history.
    """
    reasons: list[Reason] = list(s.extra)
    high = medium = False
    short, short_text = _second_condition(s, t)
    if is_deficit(s.recurring_profit, s.expenses, t.materiality) and short:
        high = True
        reasons.append(
            Reason(
                "deficit",
                f"Recurring ordinary profit is {_amount(s.recurring_profit, unit)} in FY{s.as_of} "
                f"and {short_text}.",
            )
        )
    cliff = cliff_year(s.as_of, s.subsidy_end_fy)
    at_cliff = next((p for p in s.projection if p.fiscal_year == cliff), None)
    if (
        s.projection_usable
        and at_cliff is not None
        and is_deficit(at_cliff.ordinary_profit, at_cliff.expenses, t.materiality)
        and short
    ):
        high = True
        if s.subsidy_end_fy is None:
            ended = "with no subsidy (approval year unknown)"
        elif s.subsidy_end_fy < s.as_of:
            ended = f"with the subsidy over since FY{s.subsidy_end_fy}"
        else:
            ended = f"the first year after the subsidy ends in FY{s.subsidy_end_fy}"
        reasons.append(
            Reason(
                "post-subsidy-deficit",
                f"Ordinary profit is projected at {_amount(at_cliff.ordinary_profit, unit)} in "
                f"FY{cliff}, {ended} ({s.trend_span}), and {short_text}.",
            )
        )
    running = s.subsidy_end_fy is not None and s.as_of <= s.subsidy_end_fy
    if (
        running
        and s.subsidy_dependence > t.subsidy_dependence
        and is_deficit(s.recurring_profit_ex_subsidy, s.expenses, t.materiality)
    ):
        medium = True
        reasons.append(
            Reason(
                "subsidy-cliff",
                f"The subsidy is {s.subsidy_dependence:.0%} of revenue in FY{s.as_of} (over "
                f"{t.subsidy_dependence:.0%}) and ends in FY{s.subsidy_end_fy}; without it the "
                f"TLO loses {_amount(-s.recurring_profit_ex_subsidy, unit)} a year.",
            )
        )
    deficits = [p for p in s.projection if is_deficit(p.ordinary_profit, p.expenses, t.materiality)]
    if s.projection_usable and deficits and not high:
        medium = True
        first = deficits[0]
        reasons.append(
            Reason(
                "projected-deficit",
                f"A deficit of {_amount(first.ordinary_profit, unit)} is projected in "
                f"FY{first.fiscal_year} ({s.trend_span}).",
            )
        )
    if s.licensing_trend < t.licensing_decline and s.margin_ex_subsidy < t.margin_ex_subsidy:
        medium = True
        reasons.append(
            Reason(
                "licensing-decline",
                f"Licensing income is falling {s.licensing_trend:.0%} a year ({s.trend_span}; "
                f"below {t.licensing_decline:.0%}) while the margin ex subsidy is "
                f"{s.margin_ex_subsidy:.0%} in FY{s.as_of} (below {t.margin_ex_subsidy:.0%}).",
            )
        )
    over = s.subsidy_end_fy is None or s.as_of > s.subsidy_end_fy
    if s.internal and over and not s.cost_coverage >= t.coverage_low:
        medium = True
        shown = "unknown" if s.cost_coverage != s.cost_coverage else f"{s.cost_coverage:.2f}"
        reasons.append(
            Reason(
                "low-coverage",
                f"Cost coverage is {shown} in FY{s.as_of} after the subsidy (under "
                f"{t.coverage_low:g}): the university pays the difference.",
            )
        )
    if not s.internal and not s.net_assets_given:
        reasons.append(
            Reason("no-net-assets", "No net assets given: runway is unknown and counts as short.")
        )
    if not s.projection_usable:
        reasons.append(
            Reason(
                "insufficient-history",
                "Judged in its approval year (insufficient history: 0 usable years): no rule "
                "reads the projection.",
            )
        )
    else:
        if s.base_note:
            reasons.append(Reason("partial-year", s.base_note))
        if s.growth_note:
            reasons.append(Reason("growth-reference", s.growth_note))
    level = RiskLevel.HIGH if high else RiskLevel.MEDIUM if medium else RiskLevel.LOW
    return level, reasons


def finite(value: float) -> float:
    """NaN for infinities (for ratios shown as null)."""
    return value if math.isfinite(value) else float("nan")
