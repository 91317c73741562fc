"""Sensitivity: the result after the plan with one assumption at 0, ½×, 1×, 1½× and 2× its value.

Each assumption is scaled in every step that has it, the others held at their values; shares
are capped at 1 (a saving of 130% is not a saving) and a licensing uplift at +1000%. An amount
left at its default (an integration, transition or secretariat cost computed from the members'
figures) is scaled through its share. The after result is read straight from the plan's final
state, without re-assessing risk: the cohort's total ordinary profit in the as-of year pro
forma, summed over the projected years, and the number in deficit pro forma.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tlo_cli.scenarios.alliance import AllianceAssumptions
from tlo_cli.scenarios.amounts import MAX_AMOUNT, MAX_UPLIFT
from tlo_cli.scenarios.internalize import InternalizeAssumptions
from tlo_cli.scenarios.merge import MergeAssumptions
from tlo_cli.scenarios.plan import Assumptions, Plan, apply_plan
from tlo_cli.scenarios.state import State, ordinary_profit_in

MULTIPLIERS: tuple[float, ...] = (0.0, 0.5, 1.0, 1.5, 2.0)
#: The assumptions scaled, per kind (marginal_cost is left out: it changes no TLO's figures,
#: only the university's position).
SCALED: dict[type, tuple[str, ...]] = {
    MergeAssumptions: ("admin_savings", "personnel_savings", "integration_cost"),
    InternalizeAssumptions: (
        "keep_membership",
        "admin_savings",
        "university_share",
        "transition_cost",
    ),
    AllianceAssumptions: (
        "patent_savings",
        "admin_savings",
        "licensing_uplift",
        "fee",
        "secretariat_cost",
    ),
}
#: Amounts whose default is a share of the members' figures: the field holding that share.
DEFAULT_SHARE = {
    "integration_cost": "integration_cost_share",
    "transition_cost": "transition_cost_share",
    "secretariat_cost": "secretariat_cost_share",
}
AMOUNTS = ("integration_cost", "transition_cost", "fee", "secretariat_cost")


def scaled(a: Assumptions, name: str, multiplier: float) -> Assumptions:
    """``a`` with assumption ``name`` × multiplier (capped as the module says)."""
    value = getattr(a, name)
    if value is None:
        share = DEFAULT_SHARE[name]
        return replace(a, **{share: getattr(a, share) * multiplier})
    if name in AMOUNTS:
        return replace(a, **{name: min(MAX_AMOUNT, value * multiplier)})
    if name == "licensing_uplift":
        return replace(a, **{name: max(-1.0, min(MAX_UPLIFT, value * multiplier))})
    return replace(a, **{name: min(1.0, value * multiplier)})


@dataclass(frozen=True, slots=True)
class Outcome:
    """The cohort after the plan with one assumption scaled."""

    multiplier: float
    ordinary_profit_pro_forma: float
    ordinary_profit_projected: float
    deficit: int

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    """One assumption (of one kind of step) at each multiplier."""

    kind: str
    assumption: str
    outcomes: tuple[Outcome, ...]

    @property
    def swing(self) -> float:
        """Range of the projected total over the multipliers: the bar of a tornado chart."""
        values = [o.ordinary_profit_projected for o in self.outcomes]
        return max(values) - min(values)

    def change(self, multiplier: float) -> float | None:
        """Projected total at ``multiplier`` less the total at 1× (None without both)."""
        by = {o.multiplier: o.ordinary_profit_projected for o in self.outcomes}
        if multiplier not in by or 1.0 not in by:
            return None
        return by[multiplier] - by[1.0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "assumption": self.assumption,
            "outcomes": [o.to_dict() for o in self.outcomes],
            "change_at_0": self.change(0.0),
            "change_at_2": self.change(2.0),
        }


def outcome(state: State, multiplier: float) -> Outcome:
    """Totals of a state: Σ pro-forma ordinary profit, Σ over projected years, number < 0."""
    pro_forma = [ordinary_profit_in(e.ledger, state.as_of) for e in state.entities]
    projected = sum(float(e.outlook.ordinary_profit.sum()) for e in state.entities)
    return Outcome(multiplier, float(sum(pro_forma)), projected, sum(p < 0 for p in pro_forma))


def sensitivity(state: State, plan: Plan) -> tuple[SensitivityRow, ...]:
    """Every scaled assumption of the plan's kinds at each multiplier, widest swing first."""
    rows = []
    kinds = list(dict.fromkeys(type(s.assumptions) for s in plan.steps))
    for cls in kinds:
        kind = next(s.kind.value for s in plan.steps if type(s.assumptions) is cls)
        for name in SCALED[cls]:
            outcomes = []
            for m in MULTIPLIERS:
                steps = tuple(
                    replace(s, assumptions=scaled(s.assumptions, name, m))
                    if type(s.assumptions) is cls
                    else s
                    for s in plan.steps
                )
                final = apply_plan(state, replace(plan, steps=steps))[-1][1]
                outcomes.append(outcome(final, m))
            rows.append(SensitivityRow(kind, name, tuple(outcomes)))
    return tuple(sorted(rows, key=lambda r: -r.swing))
