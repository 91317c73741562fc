"""Alliance: TLOs stay separate but share work (専門領域や地域ごとの他のTLOとの連携強化).

Modelled on the KUTLO–Niigata TLO alliance of 2008. For every member: patent cost ×
(1 − patent_savings) from shared patent management; admin cost × (1 − admin_savings);
licensing income × (1 + licensing_uplift) from joint marketing; and an alliance fee (yen a
year) added to admin cost. No phase-in and no one-off cost: the changes hold from the start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tlo_cli.scenarios.record import StepKind, StepRecord
from tlo_cli.scenarios.state import (
    Entity,
    ItemChange,
    ScenarioError,
    State,
    assumption_error,
    change_ledger,
    change_outlook,
    check_fraction,
    check_non_negative,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class AllianceAssumptions:
    """Defaults (docs/scenarios.md): patent −10%, admin −5%, licensing +10%, a fee of ¥2 million a year."""

    patent_savings: float = 0.10
    admin_savings: float = 0.05
    licensing_uplift: float = 0.10
    fee: float = 2_000_000.0

    def __post_init__(self) -> None:
        check_fraction("patent_savings", self.patent_savings)
        check_fraction("admin_savings", self.admin_savings)
        if not self.licensing_uplift >= -1.0:
            raise assumption_error("licensing_uplift", self.licensing_uplift, "−1 or more")
        check_non_negative("fee", self.fee)

    def change(self) -> ItemChange:
        """patent × (1 − patent_savings); admin × (1 − admin_savings) + fee; licensing × (1 + uplift)."""
        return ItemChange(
            factors={
                "patent_cost": 1.0 - self.patent_savings,
                "admin_cost": 1.0 - self.admin_savings,
                "licensing_income": 1.0 + self.licensing_uplift,
            },
            additions={"admin_cost": self.fee},
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
    assumptions = assumptions or AllianceAssumptions()
    entities = state.resolve(members, step=step)
    if len(entities) < 2:
        raise ScenarioError(f"step {step}: an alliance needs at least two members")
    for e in entities:
        if "alliance" in e.history:
            raise ScenarioError(f"step {step}: {e.id} is already in an alliance of an earlier step")
    change = assumptions.change()
    allied = [
        Entity(
            change_ledger(e.ledger, change),
            change_outlook(e.outlook, change),
            e.origin,
            (*e.history, "alliance"),
        )
        for e in entities
    ]
    ids = tuple(e.id for e in entities)
    record = StepRecord(
        step,
        StepKind.ALLIANCE,
        name or f"Alliance of {', '.join(ids)}",
        ids,
        ids,
        {
            "patent_savings": assumptions.patent_savings,
            "admin_savings": assumptions.admin_savings,
            "licensing_uplift": assumptions.licensing_uplift,
            "fee": assumptions.fee,
        },
    )
    return _replace_each(state, entities, allied), record


def _replace_each(state: State, old: Sequence[Entity], new: Sequence[Entity]) -> State:
    for before, after in zip(old, new, strict=True):
        state = state.with_changes([before], [after], {})
    return state
