"""Internalize: the TLO becomes a unit of its university (大学等の産学官連携本部とTLOの統合).

membership income × keep_membership (member companies that stay); admin cost ×
(1 − admin_savings): that share of the administration moves onto the university's shared
services, which bear ``marginal_cost`` of each yen moved (the rest disappears in services the
university runs anyway); the university's share of royalty distributions stays inside, so the
unit pays out only distribution × (1 − university_share); a one-off transition cost (default
25% of a year's personnel cost) falls in the first projected year; the subsidy follows its
schedule. The university's change in position:

    change = unit net result − distributions received before − absorbed admin costs
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from tlo_cli.model import Form
from tlo_cli.scenarios.amounts import check_amount, check_fraction, check_share
from tlo_cli.scenarios.record import Contribution, StepKind, StepRecord, UniversityYear
from tlo_cli.scenarios.state import (
    Entity,
    ItemChange,
    ScenarioError,
    State,
    change_ledger,
    change_outlook,
    ordinary_profit_in,
)

#: The default one-off transition cost, as a share of a year's personnel cost.
TRANSITION_COST_SHARE = 0.25


@dataclass(frozen=True, slots=True, kw_only=True)
class InternalizeAssumptions:
    """Defaults (docs/scenarios.md, Internalize): half the membership kept, half the admin moved
    to the university (which bears half of it), the university's share of distributions 50%, a
    transition cost of 25% of a year's personnel cost."""

    keep_membership: float = 0.5
    admin_savings: float = 0.5
    university_share: float = 0.5
    marginal_cost: float = 0.5
    transition_cost: float | None = None  # yen; None: transition_cost_share × as-of personnel
    transition_cost_share: float = TRANSITION_COST_SHARE

    def __post_init__(self) -> None:
        check_fraction("keep_membership", self.keep_membership)
        check_fraction("admin_savings", self.admin_savings)
        check_fraction("university_share", self.university_share)
        check_fraction("marginal_cost", self.marginal_cost)
        check_share("transition_cost_share", self.transition_cost_share, high=10.0)
        if self.transition_cost is not None:
            check_amount("transition_cost", self.transition_cost)

    def change(self) -> ItemChange:
        """membership × keep, admin × (1 − admin_savings), distribution × (1 − university_share)."""
        return ItemChange(
            factors={
                "membership_income": self.keep_membership,
                "admin_cost": 1.0 - self.admin_savings,
                "distribution_cost": 1.0 - self.university_share,
            }
        )


def distributions_received(distribution_cost: float, university_share: float) -> float:
    """What the university received from the TLO: distribution_cost × university_share."""
    return distribution_cost * university_share


def absorbed_costs(admin_cost: float, admin_savings: float, marginal_cost: float) -> float:
    """What the university's services bear: admin_cost × admin_savings × marginal_cost.

    Example: admin 30m, half moved, half of that a real cost to the university: 7.5m.
    """
    return admin_cost * admin_savings * marginal_cost


def internalize(
    state: State,
    *,
    tlo: str,
    assumptions: InternalizeAssumptions | None = None,
    step: int = 1,
    name: str | None = None,
) -> tuple[State, StepRecord]:
    """Fold ``tlo`` into its university; returns the new state and what the step did."""
    a = assumptions or InternalizeAssumptions()
    (entity,) = state.resolve([tlo], step=step)
    profile = entity.ledger.profile
    if len(entity.origin) > 1:
        raise ScenarioError(
            f"step {step}: {entity.id} is a merger of {len(entity.origin)} TLOs and has no single "
            "university to be folded into"
        )
    if profile.internal:
        raise ScenarioError(f"step {step}: {entity.id} is already inside a university")
    university = profile.parent_university or (
        profile.universities[0] if profile.universities else f"the university of {entity.id}"
    )
    change = a.change()
    unit_profile = replace(
        profile,
        form=Form.INTERNAL,
        parent_university=university,
        name=f"{profile.name} ({university})",
    )
    as_of = state.as_of
    ledger = change_ledger(
        entity.ledger, change, payout=entity.outlook.payout, profile=unit_profile
    )
    outlook = change_outlook(entity.outlook, change)
    if a.transition_cost is not None:
        one_off = a.transition_cost
    else:
        one_off = a.transition_cost_share * (entity.ledger.value("personnel_cost", as_of) or 0.0)
    extra = np.array(outlook.extra_costs, dtype=float)
    if len(extra):
        extra[0] += one_off
    outlook = replace(outlook, extra_costs=extra)
    share = a.university_share
    admin_now = entity.ledger.value("admin_cost", as_of) or 0.0
    position = [
        UniversityYear(
            as_of,
            True,
            distributions_received(entity.ledger.value("distribution_cost", as_of) or 0.0, share),
            ordinary_profit_in(ledger, as_of),
            absorbed_costs(admin_now, a.admin_savings, a.marginal_cost),
        )
    ]
    base = entity.outlook.bases
    before_dist = entity.outlook.bases.get("distribution_cost", 0.0) + entity.outlook.linked_costs
    absorbed = absorbed_costs(base.get("admin_cost", 0.0), a.admin_savings, a.marginal_cost)
    position += [
        UniversityYear(fy, False, distributions_received(float(d), share), float(op), absorbed)
        for fy, op, d in zip(
            outlook.fiscal_years, outlook.ordinary_profit, before_dist, strict=True
        )
    ]
    unit = Entity(ledger, outlook, entity.origin, (*entity.history, "internalize"))
    record = StepRecord(
        step,
        StepKind.INTERNALIZE,
        name or f"{entity.id} into {university}",
        (entity.id,),
        (entity.id,),
        _echo(a, one_off, as_of),
        university,
        tuple(position),
        (
            Contribution(
                entity.id,
                ordinary_profit_in(entity.ledger, as_of),
                ordinary_profit_in(ledger, as_of),
            ),
        ),
        one_off,
    )
    return state.with_changes([entity], [unit], {}), record


def _echo(a: InternalizeAssumptions, one_off: float, as_of: int) -> dict[str, Any]:
    basis = (
        "given"
        if a.transition_cost is not None
        else f"{a.transition_cost_share:.0%} of the TLO's personnel cost in FY{as_of}"
    )
    return {
        "keep_membership": a.keep_membership,
        "admin_savings": a.admin_savings,
        "university_share": a.university_share,
        "marginal_cost": a.marginal_cost,
        "transition_cost": one_off,
        "transition_cost_basis": basis,
    }
