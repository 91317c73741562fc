"""Merge: members become one wide-area TLO (広域的な機能を持つTLOへの統合).

Line items add up; admin cost × (1 − admin_savings) and personnel × (1 − personnel_savings)
in every historical year (the pro-forma ledger); in the projection the savings phase in
(``phase_in``: the share realised in each projected year, the last value holding after) and
a one-off integration cost falls in the first projected year. Each member keeps its own
licensing trend and its own subsidy schedule, so with every assumption at zero the merged
entity's figures are exactly the sum of its members'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from tlo_cli.model import BALANCE_ITEMS, Form, Ledger, Profile
from tlo_cli.scenarios.amounts import check_amount, check_fraction, check_share
from tlo_cli.scenarios.record import Contribution, StepKind, StepRecord
from tlo_cli.scenarios.state import (
    Entity,
    ItemChange,
    ScenarioError,
    State,
    change_ledger,
    change_outlook,
    ordinary_profit_in,
    revenue_in,
    total_outlook,
)

#: The default one-off integration cost, as a share of the members' combined admin cost.
INTEGRATION_COST_SHARE = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class MergeAssumptions:
    """Defaults (docs/scenarios.md, Merge): admin −30%, personnel −10%, integration cost 50% of
    the members' admin, phase-in ½ then all."""

    admin_savings: float = 0.30
    personnel_savings: float = 0.10
    integration_cost: float | None = None  # yen; None: integration_cost_share × combined admin
    integration_cost_share: float = INTEGRATION_COST_SHARE
    phase_in: tuple[float, ...] = (0.5, 1.0)

    def __post_init__(self) -> None:
        check_fraction("admin_savings", self.admin_savings)
        check_fraction("personnel_savings", self.personnel_savings)
        check_share("integration_cost_share", self.integration_cost_share, high=10.0)
        if self.integration_cost is not None:
            check_amount("integration_cost", self.integration_cost)
        if not self.phase_in:
            raise ScenarioError("phase_in: expected at least one share")
        for share in self.phase_in:
            check_fraction("phase_in", share)

    def change(self) -> ItemChange:
        """admin × (1 − admin_savings), personnel × (1 − personnel_savings)."""
        return ItemChange(
            factors={
                "admin_cost": 1.0 - self.admin_savings,
                "personnel_cost": 1.0 - self.personnel_savings,
            }
        )


def phase_in_shares(phase_in: Sequence[float], horizon: int) -> np.ndarray:
    """φ_k for projected years k = 1 … horizon: phase_in[k−1], the last value holding after."""
    return np.array([phase_in[min(k, len(phase_in) - 1)] for k in range(horizon)], dtype=float)


def integration_cost(
    members: Sequence[Ledger],
    *,
    as_of: int,
    given: float | None,
    share: float = INTEGRATION_COST_SHARE,
) -> float:
    """The one-off cost: ``given`` yen, else share × Σ members' as-of admin cost."""
    if given is not None:
        return float(given)
    return share * sum(led.value("admin_cost", as_of) or 0.0 for led in members)


def add_ledgers(ledgers: Sequence[Ledger], profile: Profile) -> Ledger:
    """One ledger whose every item is the sum of the members' over the years they all cover.

    An item listed by any member is listed (0 for the others), except the balance items (net
    assets, cash), which are listed only when every member lists them.
    """
    years = tuple(sorted(set.intersection(*(set(led.years) for led in ledgers))))
    listed = {item for led in ledgers for item in led.amounts}
    amounts: dict[str, dict[int, float]] = {}
    for item in sorted(listed):
        if item in BALANCE_ITEMS and not all(item in led.amounts for led in ledgers):
            continue
        amounts[item] = {fy: sum(led.value(item, fy) or 0.0 for led in ledgers) for fy in years}
    where = f"merger of {', '.join(led.id for led in ledgers)}"
    source = replace(ledgers[0].source, path=where, sheet=None, cell=None)
    return Ledger(profile, source, years, amounts, ledgers[0].unit)


def merged_profile(ledgers: Sequence[Ledger], *, new_id: str, name: str, as_of: int) -> Profile:
    """The merged TLO: the form of the largest member by as-of revenue (kabushiki when that is
    internal or unknown), the region the members share (else none), the earliest approval, and a
    subsidy window running to the last member's end (each member's subsidy is kept by schedule)."""
    largest = max(ledgers, key=lambda led: revenue_in(led, as_of)).profile
    form = largest.form if largest.form not in (None, Form.INTERNAL) else Form.KABUSHIKI
    regions = {led.profile.region for led in ledgers}
    approvals = [led.profile.approved_fy for led in ledgers if led.profile.approved_fy]
    ends = [led.profile.subsidy_end_fy for led in ledgers if led.profile.subsidy_end_fy]
    approved = min(approvals) if approvals else None
    universities = tuple(dict.fromkeys(u for led in ledgers for u in led.profile.universities))
    return Profile(
        id=new_id,
        name=name,
        form=form,
        region=regions.pop() if len(regions) == 1 else None,
        prefecture=largest.prefecture,
        approved_fy=approved,
        subsidy_years=max(ends) - approved + 1 if approved is not None and ends else 5,
        universities=universities,
    )


def merge(
    state: State,
    *,
    members: Sequence[str],
    assumptions: MergeAssumptions | None = None,
    step: int = 1,
    name: str | None = None,
    new_id: str | None = None,
) -> tuple[State, StepRecord]:
    """Merge ``members`` into one entity; returns the new state and what the step did."""
    assumptions = assumptions or MergeAssumptions()
    entities = state.resolve(members, step=step)
    if len(entities) < 2:
        raise ScenarioError(f"step {step}: a merger needs at least two members")
    for e in entities:
        if "internalize" in e.history:
            raise ScenarioError(
                f"step {step}: {e.id} was folded into its university in an earlier step and "
                "cannot join a merger"
            )
    ids = tuple(e.id for e in entities)
    new_id = new_id or "+".join(ids)
    name = name or f"Merger of {', '.join(ids)}"
    change = assumptions.change()
    profile = merged_profile(
        [e.ledger for e in entities], new_id=new_id, name=name, as_of=state.as_of
    )
    changed = [change_ledger(e.ledger, change, payout=e.outlook.payout) for e in entities]
    ledger = add_ledgers(changed, profile)
    before = total_outlook([e.outlook for e in entities])
    full = total_outlook([change_outlook(e.outlook, change) for e in entities])
    savings = before.run_rate_expenses - full.run_rate_expenses
    one_off = integration_cost(
        [e.ledger for e in entities],
        as_of=state.as_of,
        given=assumptions.integration_cost,
        share=assumptions.integration_cost_share,
    )
    shares = phase_in_shares(assumptions.phase_in, state.horizon)
    extra = full.extra_costs + (1.0 - shares) * savings
    extra[0] += one_off
    merged = Entity(
        ledger,
        replace(full, extra_costs=extra),
        tuple(o for e in entities for o in e.origin),
        (*(h for e in entities for h in e.history), "merge"),
    )
    gone = {i.casefold(): f"was merged into {new_id} in step {step}" for i in ids}
    gone.pop(new_id.casefold(), None)
    record = StepRecord(
        step,
        StepKind.MERGE,
        name,
        ids,
        (new_id,),
        _echo(assumptions, one_off, state.as_of),
        contributions=tuple(
            Contribution(
                e.id,
                ordinary_profit_in(e.ledger, state.as_of),
                ordinary_profit_in(c, state.as_of),
            )
            for e, c in zip(entities, changed, strict=True)
        ),
        one_off_cost=one_off,
    )
    return state.with_changes(entities, [merged], gone), record


def _echo(assumptions: MergeAssumptions, one_off: float, as_of: int) -> dict[str, Any]:
    basis = (
        "given"
        if assumptions.integration_cost is not None
        else f"{assumptions.integration_cost_share:.0%} of the members' combined admin cost "
        f"in FY{as_of}"
    )
    return {
        "admin_savings": assumptions.admin_savings,
        "personnel_savings": assumptions.personnel_savings,
        "integration_cost": one_off,
        "integration_cost_basis": basis,
        "phase_in": list(assumptions.phase_in),
    }
