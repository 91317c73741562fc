"""Internalize: the TLO becomes a unit of its university (大学等の産学官連携本部とTLOの統合).

membership income × keep_membership (member companies that stay); admin cost ×
(1 − admin_savings) (shared university services); the university's share of royalty
distributions stays inside, so the unit pays out only distribution × (1 − university_share);
the subsidy follows its schedule. The unit's net result becomes the university's, in place of
the distributions it used to receive: change = unit net result − distribution × university_share.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tlo_cli.model import Form
from tlo_cli.scenarios.record import StepKind, StepRecord, UniversityYear
from tlo_cli.scenarios.state import (
    Entity,
    ItemChange,
    ScenarioError,
    State,
    change_ledger,
    change_outlook,
    check_fraction,
    ordinary_profit_in,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class InternalizeAssumptions:
    """Defaults (docs/scenarios.md): half the membership kept, admin −50%, the university's share 50%."""

    keep_membership: float = 0.5
    admin_savings: float = 0.5
    university_share: float = 0.5

    def __post_init__(self) -> None:
        check_fraction("keep_membership", self.keep_membership)
        check_fraction("admin_savings", self.admin_savings)
        check_fraction("university_share", self.university_share)

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


def internalize(
    state: State,
    *,
    tlo: str,
    assumptions: InternalizeAssumptions | None = None,
    step: int = 1,
    name: str | None = None,
) -> tuple[State, StepRecord]:
    """Fold ``tlo`` into its university; returns the new state and what the step did."""
    assumptions = assumptions or InternalizeAssumptions()
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
    change = assumptions.change()
    unit_profile = replace(
        profile,
        form=Form.INTERNAL,
        parent_university=university,
        name=f"{profile.name} ({university})",
    )
    ledger = change_ledger(entity.ledger, change, profile=unit_profile)
    outlook = change_outlook(entity.outlook, change)
    share = assumptions.university_share
    as_of = state.as_of
    position = [
        UniversityYear(
            as_of,
            True,
            distributions_received(entity.ledger.value("distribution_cost", as_of) or 0.0, share),
            ordinary_profit_in(ledger, as_of),
        )
    ]
    base = entity.outlook.bases.get("distribution_cost", 0.0)
    position += [
        UniversityYear(fy, False, distributions_received(base, share), float(op))
        for fy, op in zip(outlook.fiscal_years, outlook.ordinary_profit, strict=True)
    ]
    unit = Entity(ledger, outlook, entity.origin, (*entity.history, "internalize"))
    record = StepRecord(
        step,
        StepKind.INTERNALIZE,
        name or f"{entity.id} into {university}",
        (entity.id,),
        (entity.id,),
        {
            "keep_membership": assumptions.keep_membership,
            "admin_savings": assumptions.admin_savings,
            "university_share": share,
        },
        university,
        tuple(position),
    )
    return state.with_changes([entity], [unit], {}), record
