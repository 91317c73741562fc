"""What a scenario buys: the change split into aggregation and synergy.

*Aggregation* is what netting members' results does by itself: the same plan with every
assumption at its null value (no savings, no uplift, membership all kept, no distributions kept
inside, no fees, no one-off or running costs). *Synergy* is the rest: savings, uplift net of
distributions and membership lost, less one-off and running costs. For every figure x of the
cohort summary (in deficit, at risk, total ordinary profit, loss pool):

    aggregation = x(null plan) − x(before)        synergy = x(after) − x(null plan)

so that aggregation + synergy = x(after) − x(before), to the yen. A merger with no savings
changes no total: its whole effect on the number in deficit is aggregation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tlo_cli.scenarios.alliance import AllianceAssumptions
from tlo_cli.scenarios.internalize import InternalizeAssumptions
from tlo_cli.scenarios.merge import MergeAssumptions
from tlo_cli.scenarios.plan import Assumptions, Plan
from tlo_cli.scenarios.record import StepRecord
from tlo_cli.scenarios.view import CohortView, Summary

#: Every assumption at the value under which a step changes nothing but who is netted with whom.
NULL: dict[type, dict[str, Any]] = {
    MergeAssumptions: {"admin_savings": 0.0, "personnel_savings": 0.0, "integration_cost": 0.0},
    InternalizeAssumptions: {
        "keep_membership": 1.0,
        "admin_savings": 0.0,
        "university_share": 0.0,
        "transition_cost": 0.0,
    },
    AllianceAssumptions: {
        "patent_savings": 0.0,
        "admin_savings": 0.0,
        "licensing_uplift": 0.0,
        "fee": 0.0,
        "secretariat_cost": 0.0,
    },
}
FIGURES = ("deficit", "at_risk", "ordinary_profit_total", "loss_pool")


def null_assumptions(a: Assumptions) -> Assumptions:
    """The assumptions with every saving, uplift, fee and cost at its null value."""
    return replace(a, **NULL[type(a)])


def null_plan(plan: Plan) -> Plan:
    """The plan with every step's assumptions null (same members, same order)."""
    return replace(
        plan,
        steps=tuple(replace(s, assumptions=null_assumptions(s.assumptions)) for s in plan.steps),
    )


@dataclass(frozen=True, slots=True)
class YearSplit:
    """One fiscal year: the cohort before, with aggregation only, and after."""

    before: Summary
    aggregated: Summary
    after: Summary

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "fiscal_year": self.before.fiscal_year,
            "pro_forma": self.before.pro_forma,
        }
        for name in FIGURES:
            b, g, a = (getattr(s, name) for s in (self.before, self.aggregated, self.after))
            out[name] = {
                "before": b,
                "aggregated": g,
                "after": a,
                "aggregation": g - b,
                "synergy": a - g,
            }
        return out


@dataclass(frozen=True, slots=True)
class BreakEven:
    """A changed entity: pro-forma ordinary profit with aggregation only and after, and the
    yearly savings at which it breaks even.

    savings_to_break_even = max(0, −aggregated); multiple = savings_to_break_even / synergy
    (how many times the assumed synergy it needs; None when the synergy is not positive).
    """

    id: str
    aggregated: float
    after: float

    @property
    def synergy(self) -> float:
        return self.after - self.aggregated

    @property
    def savings_to_break_even(self) -> float:
        return max(0.0, -self.aggregated)

    @property
    def multiple(self) -> float | None:
        return self.savings_to_break_even / self.synergy if self.synergy > 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ordinary_profit_aggregated": self.aggregated,
            "ordinary_profit_after": self.after,
            "synergy": self.synergy,
            "savings_to_break_even": self.savings_to_break_even,
            "multiple_of_synergy": self.multiple,
        }


@dataclass(frozen=True, slots=True)
class Decomposition:
    """Aggregation versus synergy, year by year; break-even per entity; payback of one-offs."""

    years: tuple[YearSplit, ...]
    break_even: tuple[BreakEven, ...]
    one_off_costs: float

    @property
    def run_rate_synergy(self) -> float:
        """Synergy of the as-of year pro forma (full run-rate, no one-off costs), yen a year."""
        first = self.years[0]
        return first.after.ordinary_profit_total - first.aggregated.ordinary_profit_total

    @property
    def payback_years(self) -> float | None:
        """one-off costs / run-rate synergy; 0 with no one-off cost; None when never paid back."""
        if self.one_off_costs <= 0:
            return 0.0
        return self.one_off_costs / self.run_rate_synergy if self.run_rate_synergy > 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "years": [y.to_dict() for y in self.years],
            "run_rate_synergy": self.run_rate_synergy,
            "one_off_costs": self.one_off_costs,
            "payback_years": self.payback_years,
            "break_even": [b.to_dict() for b in self.break_even],
        }


def decompose(
    before: CohortView,
    aggregated: CohortView,
    after: CohortView,
    *,
    changed: tuple[str, ...],
    records: tuple[StepRecord, ...],
) -> Decomposition:
    """The decomposition of a scenario from its three cohort views."""
    years = tuple(
        YearSplit(b, g, a)
        for b, g, a in zip(before.summaries, aggregated.summaries, after.summaries, strict=True)
    )
    splits = []
    for entity_id in changed:
        a, g = after.find(entity_id), aggregated.find(entity_id)
        if a is None or g is None:
            continue
        splits.append(BreakEven(entity_id, g.profits()[0], a.profits()[0]))
    return Decomposition(years, tuple(splits), float(sum(r.one_off_cost for r in records)))
