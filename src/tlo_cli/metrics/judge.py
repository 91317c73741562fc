"""One TLO as of a fiscal year: its version 2 figures, projection and verdict.

:func:`judge` reads plain lists (one TLO's row of every item and figure over the panel's
fiscal years) and puts together the pure figures of :mod:`ratios`, :mod:`projection` and the
rules of :mod:`risk`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tlo_cli.metrics import ratios
from tlo_cli.metrics.projection import AgeGrowth, Bases, ordinal, project
from tlo_cli.metrics.risk import Situation, Thresholds, assess_risk, cliff_year, projection_end
from tlo_cli.model import Ledger, ProjectedYear, Reason, RiskLevel, Unit

OTHER_RECURRING = ("membership_income", "contract_income", "other_income", "operating_grant_income")
RUN_RATE = ("personnel_cost", "patent_cost", "admin_cost", "other_expenses")


@dataclass(frozen=True, slots=True)
class Judgement:
    """Everything :func:`judge` works out for one TLO."""

    figures: dict[str, float]
    usable_years: int
    projection: tuple[ProjectedYear, ...]
    level: RiskLevel
    reasons: tuple[Reason, ...]
    runway: float
    runway_note: str | None
    cliff_fy: int
    situation: Situation


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def partial_year_scale(ledger: Ledger, as_of: int, usable: int) -> tuple[float, str | None]:
    """Judged in its approval year with no usable year, a TLO's bases are that year scaled to
    twelve months: scale = 12 / months since approval (approval month to March), when the
    approval date is known; else 1 and no note (no projection-based rule then fires)."""
    p = ledger.profile
    months = p.months_in_approval_year
    if usable or p.approved_fy != as_of or months is None:
        return 1.0, None
    return 12.0 / months, (
        f"Judged in its approval year FY{as_of}: the projection's bases are its {months} "
        f"month{'s' if months != 1 else ''} since approval scaled to twelve (× {12 / months:.2f})."
    )


def young_span(growth: Sequence[float]) -> str:
    """How a young TLO's licensing is projected, for the reasons' sentences."""
    if any(g != 0 for g in growth):
        return "licensing grown as the cohort's TLOs of the same age grew"
    return "licensing held flat: too few TLOs of the same age to compare with"


def growth_path(
    *,
    usable: int,
    trend: float,
    age: int | None,
    years: int,
    reference: AgeGrowth,
    t: Thresholds,
) -> tuple[list[float], str | None]:
    """Licensing growth for each projected year and the sentence naming where it came from.

    With 3 or more usable years: the licensing trend clipped to ±growth_clip (0 when null).
    With fewer: each projected year's median growth of the cohort's TLOs at that age (at least
    ``reference_min`` of them), else 0.
    """
    if usable >= t.young_years or age is None:
        g = 0.0 if trend != trend else max(-t.growth_clip, min(t.growth_clip, trend))
        return [g], None
    rates = []
    for k in range(1, years + 1):
        rate = reference.rate(age + k, t.reference_min)
        rates.append(0.0 if rate is None else rate)
    first = age + 1
    rate = reference.rate(first, t.reference_min)
    if rate is None:
        note = (
            f"Fewer than {t.young_years} usable years and fewer than {t.reference_min} TLOs in "
            f"their {ordinal(first)} year to compare with: licensing is projected flat."
        )
    else:
        note = (
            f"Fewer than {t.young_years} usable years: licensing grows as the cohort's TLOs of "
            f"the same age did (growth of {reference.count[first]} TLOs in their "
            f"{ordinal(first)} year: {rate:+.0%})."
        )
    return rates, note


def judge(
    *,
    ledger: Ledger,
    as_of: int,
    j: int,
    fys: Sequence[int],
    usable_cols: Sequence[int],
    row: dict[str, list[float]],
    fig: dict[str, list[float]],
    trend: float,
    trend_span: str,
    reference: AgeGrowth,
    t: Thresholds,
    unit: Unit,
) -> Judgement:
    """The figures, projection and verdict of one TLO as of ``fys[j]``."""
    p = ledger.profile
    internal = p.internal is True
    base = list(usable_cols[-t.base_years :]) or [j]
    lic, dist = row["licensing_income"], row["distribution_cost"]
    payout = ratios.payout_ratio([lic[c] for c in base], [dist[c] for c in base])
    other = _mean([sum(row[i][c] for i in OTHER_RECURRING) for c in base])
    run_rate = sum(row[i][j] for i in RUN_RATE)
    expenses, revenue = fig["expenses"][j], fig["revenue"][j]
    subsidy, one_off = row["subsidy_income"][j], row["one_off_income"][j]
    rec = fig["recurring_ordinary_profit"][j]
    rec_x = rec - subsidy
    given = {item: item in ledger.amounts for item in ("net_assets", "cash", "staff")}
    given["licenses_executed"] = "licenses_executed" in ledger.amounts
    runway = (
        float("nan")
        if internal
        else ratios.runway_years(row["net_assets"][j] if given["net_assets"] else None, rec_x)
    )
    note = (
        "not applicable (inside a university)"
        if internal
        else "no loss ex subsidy"
        if runway == float("inf")
        else "no net assets given"
        if runway != runway
        else None
    )
    coverage = ratios.cost_coverage(
        revenue, subsidy, row["operating_grant_income"][j], one_off, expenses
    )
    licenses = row["licenses_executed"][j] if given["licenses_executed"] else None
    figures = {
        "recurring_ordinary_profit": rec,
        "recurring_ordinary_profit_ex_subsidy": rec_x,
        "payout_ratio": payout,
        "self_sustainability": ratios.self_sustainability(
            lic[j], dist[j], *(row[i][j] for i in RUN_RATE)
        ),
        "cost_coverage": coverage,
        "income_per_license": ratios.per_count(lic[j], licenses),
        "income_per_staff": ratios.per_count(lic[j], row["staff"][j] if given["staff"] else None),
        "patent_cost_per_license": ratios.per_count(row["patent_cost"][j], licenses),
        "cash_months": ratios.cash_months(row["cash"][j] if given["cash"] else None, expenses),
        "breakeven_licensing_income": ratios.breakeven_licensing_income(run_rate, other, payout),
    }
    end = projection_end(as_of, t.horizon, p.subsidy_end_fy)
    usable = len(usable_cols)
    scale, base_note = partial_year_scale(ledger, as_of, usable)
    age = None if p.approved_fy is None else as_of - p.approved_fy
    growth, growth_note = growth_path(
        usable=usable, trend=trend, age=age, years=end - as_of, reference=reference, t=t
    )
    projected = project(
        as_of=as_of,
        end_fy=end,
        bases=Bases(
            scale * _mean([lic[c] for c in base]),
            scale * other,
            scale * run_rate,
            payout,
            scale * subsidy,
            float(getattr(p, "continuing_subsidy", None) or 0.0),
        ),
        growth=growth,
        subsidy_end_fy=p.subsidy_end_fy,
    )
    situation = Situation(
        as_of=as_of,
        internal=internal,
        expenses=expenses,
        recurring_profit=rec,
        recurring_profit_ex_subsidy=rec_x,
        subsidy_end_fy=p.subsidy_end_fy,
        subsidy_dependence=_nan_to_zero(fig["subsidy_dependence"][j]),
        margin_ex_subsidy=_nan_to_zero(fig["margin_ex_subsidy"][j]),
        licensing_trend=trend,
        trend_span=trend_span if growth_note is None else young_span(growth),
        runway=runway,
        net_assets_given=given["net_assets"],
        cost_coverage=coverage,
        projection=projected,
        projection_usable=usable > 0 or base_note is not None,
        growth_note=growth_note,
        base_note=base_note,
    )
    level, reasons = assess_risk(situation, t, unit)
    if continuing := getattr(p, "continuing_subsidy", None):
        reasons.append(
            Reason(
                "continuing-subsidy",
                f"Assumed: a public subsidy of {continuing / unit.yen:,.0f} {unit.label} a year "
                "continues after the subsidy window (the profile's continuing_subsidy).",
            )
        )
    return Judgement(
        figures,
        usable,
        projected,
        level,
        tuple(reasons),
        runway,
        note,
        cliff_year(as_of, p.subsidy_end_fy),
        situation,
    )


def _nan_to_zero(value: float) -> float:
    return 0.0 if value != value else value
