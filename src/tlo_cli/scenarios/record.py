"""What one scenario step did: its members, what they became, and the assumptions in force."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class StepKind(StrEnum):
    """The three policy options of MEXT's 2009 review of approved TLOs."""

    MERGE = "merge"  # 広域的な機能を持つTLOへの統合
    INTERNALIZE = "internalize"  # 大学等の産学官連携本部とTLOの統合
    ALLIANCE = "alliance"  # 専門領域や地域ごとの他のTLOとの連携強化


@dataclass(frozen=True, slots=True)
class UniversityYear:
    """Internalize: the university's position in one fiscal year.

    change = unit_net_result − distributions_received_before − absorbed_costs: the unit's whole
    result is now the university's, in place of the share of royalty distributions it received
    from the TLO, and the university's shared services bear the admin moved onto them.
    """

    fiscal_year: int
    pro_forma: bool
    distributions_received_before: float
    unit_net_result: float
    absorbed_costs: float = 0.0

    @property
    def change(self) -> float:
        return self.unit_net_result - self.distributions_received_before - self.absorbed_costs

    def to_dict(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fiscal_year,
            "pro_forma": self.pro_forma,
            "distributions_received_before": self.distributions_received_before,
            "unit_net_result": self.unit_net_result,
            "absorbed_costs": self.absorbed_costs,
            "change": self.change,
        }


@dataclass(frozen=True, slots=True)
class Contribution:
    """One member of a step: its as-of ordinary profit before, and pro forma with the step's
    changes applied to its own ledger (its share of the savings, costs and fees)."""

    id: str
    ordinary_profit_before: float
    ordinary_profit_after: float

    @property
    def loss_brought(self) -> float:
        """min(0, ordinary profit before): what it adds to the loss pool."""
        return min(0.0, self.ordinary_profit_before)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ordinary_profit_before": self.ordinary_profit_before,
            "ordinary_profit_after": self.ordinary_profit_after,
            "change": self.ordinary_profit_after - self.ordinary_profit_before,
            "loss_brought": self.loss_brought,
        }


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One step carried out: ``members`` (ids before) became ``into`` (ids after)."""

    number: int
    kind: StepKind
    name: str
    members: tuple[str, ...]
    into: tuple[str, ...]
    assumptions: Mapping[str, Any]
    university: str | None = None
    university_position: tuple[UniversityYear, ...] = field(default=())
    contributions: tuple[Contribution, ...] = field(default=())
    one_off_cost: float = 0.0  # yen, in the first projected year
    hub: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "step": self.number,
            "kind": self.kind.value,
            "name": self.name,
            "members": list(self.members),
            "into": list(self.into),
            "assumptions": dict(self.assumptions),
            "one_off_cost": self.one_off_cost,
            "contributions": [c.to_dict() for c in self.contributions],
        }
        if self.hub is not None:
            out["hub"] = self.hub
        if self.kind is StepKind.INTERNALIZE:
            out["university"] = {
                "name": self.university,
                "years": [y.to_dict() for y in self.university_position],
            }
        return out
