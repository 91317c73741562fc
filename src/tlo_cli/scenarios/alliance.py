"""Alliance: TLOs stay separate but share work (専門領域や地域ごとの他のTLOとの連携強化).

Modelled on the KUTLO–Niigata TLO alliance of 2008. For every member: patent cost ×
(1 − patent_savings) from shared patent management; admin cost × (1 − admin_savings);
licensing income × (1 + licensing_uplift) from joint marketing, with distributions rising at the
member's payout ratio. A hub member runs the secretariat: every other member pays it the
alliance fee (yen a year, added to its admin cost), the fees are the hub's membership income, and
the hub bears the secretariat cost (default: the sum of the fees). Fees are zero-sum across the
cohort; only the secretariat is a cost. No phase-in and no one-off cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tlo_cli.scenarios.amounts import MAX_UPLIFT, check_amount, check_fraction, check_share
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
)


@dataclass(frozen=True, slots=True, kw_only=True)
class AllianceAssumptions:
    """Defaults (docs/scenarios.md, Alliance): patent −10%, admin −5%, licensing +10%, a fee of
    ¥2 million a year per member paid to the hub, a secretariat costing the sum of the fees."""

    patent_savings: float = 0.10
    admin_savings: float = 0.05
    licensing_uplift: float = 0.10
    fee: float = 2_000_000.0
    hub: str | None = None  # None: the member with the largest as-of revenue
    secretariat_cost: float | None = None  # yen a year; None: secretariat_cost_share × fees
    secretariat_cost_share: float = 1.0

    def __post_init__(self) -> None:
        check_fraction("patent_savings", self.patent_savings)
        check_fraction("admin_savings", self.admin_savings)
        check_share("licensing_uplift", self.licensing_uplift, low=-1.0, high=MAX_UPLIFT)
        check_amount("fee", self.fee)
        check_share("secretariat_cost_share", self.secretariat_cost_share, high=10.0)
        if self.secretariat_cost is not None:
            check_amount("secretariat_cost", self.secretariat_cost)

    def change(self, *, fee: float = 0.0, income: float = 0.0) -> ItemChange:
        """patent × (1 − patent_savings); admin × (1 − admin_savings) + fee; licensing ×
        (1 + uplift); membership + income (the hub's fees received)."""
        return ItemChange(
            factors={
                "patent_cost": 1.0 - self.patent_savings,
                "admin_cost": 1.0 - self.admin_savings,
                "licensing_income": 1.0 + self.licensing_uplift,
            },
            additions={"admin_cost": fee, "membership_income": income},
        )


def alliance(
    state: State,
    *,
    members: Sequence[str],
    assumptions: AllianceAssumptions | None = None,
    step: int = 1,
    name: str | None = None,
) -> tuple[State, StepRecord]:
    """Ally ``members``; each stays a separate entity. Returns the new state and the step."""
    a = assumptions or AllianceAssumptions()
    entities = state.resolve(members, step=step)
    if len(entities) < 2:
        raise ScenarioError(f"step {step}: an alliance needs at least two members")
    for e in entities:
        if "alliance" in e.history:
            raise ScenarioError(f"step {step}: {e.id} is already in an alliance of an earlier step")
    hub = _hub(entities, a.hub, state.as_of, step)
    fees = a.fee * (len(entities) - 1)
    secretariat = (
        a.secretariat_cost if a.secretariat_cost is not None else (a.secretariat_cost_share * fees)
    )
    allied = []
    for e in entities:
        is_hub = e is hub
        change = a.change(fee=secretariat if is_hub else a.fee, income=fees if is_hub else 0.0)
        allied.append(
            Entity(
                change_ledger(e.ledger, change, payout=e.outlook.payout),
                change_outlook(e.outlook, change),
                e.origin,
                (*e.history, "alliance"),
            )
        )
    ids = tuple(e.id for e in entities)
    record = StepRecord(
        step,
        StepKind.ALLIANCE,
        name or f"Alliance of {', '.join(ids)}",
        ids,
        ids,
        _echo(a, hub.id, secretariat),
        contributions=tuple(
            Contribution(
                e.id,
                ordinary_profit_in(e.ledger, state.as_of),
                ordinary_profit_in(x.ledger, state.as_of),
            )
            for e, x in zip(entities, allied, strict=True)
        ),
        hub=hub.id,
    )
    return _replace_each(state, entities, allied), record


def _hub(entities: Sequence[Entity], wanted: str | None, as_of: int, step: int) -> Entity:
    """The member named ``wanted``, else the one with the largest as-of revenue."""
    if wanted is None:
        return max(entities, key=lambda e: revenue_in(e.ledger, as_of))
    found = [e for e in entities if e.id.casefold() == wanted.strip().casefold()]
    if not found:
        ids = ", ".join(e.id for e in entities)
        raise ScenarioError(f"step {step}: hub {wanted!r} is not a member (members: {ids})")
    return found[0]


def _echo(a: AllianceAssumptions, hub: str, secretariat: float) -> dict[str, Any]:
    basis = (
        "given"
        if a.secretariat_cost is not None
        else f"{a.secretariat_cost_share:g} × the fees the hub receives"
    )
    return {
        "patent_savings": a.patent_savings,
        "admin_savings": a.admin_savings,
        "licensing_uplift": a.licensing_uplift,
        "fee": a.fee,
        "hub": hub,
        "secretariat_cost": secretariat,
        "secretariat_cost_basis": basis,
    }


def _replace_each(state: State, old: Sequence[Entity], new: Sequence[Entity]) -> State:
    for before, after in zip(old, new, strict=True):
        state = state.with_changes([before], [after], {})
    return state
