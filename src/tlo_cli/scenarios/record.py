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

    change = unit_net_result − distributions_received_before: the unit's whole result is now
    the university's, in place of the share of royalty distributions it received from the TLO.
    """

    fiscal_year: int
    pro_forma: bool
    distributions_received_before: float
    unit_net_result: float

    @property
    def change(self) -> float:
        return self.unit_net_result - self.distributions_received_before

    def to_dict(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fiscal_year,
            "pro_forma": self.pro_forma,
            "distributions_received_before": self.distributions_received_before,
            "unit_net_result": self.unit_net_result,
            "change": self.change,
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

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "step": self.number,
            "kind": self.kind.value,
            "name": self.name,
            "members": list(self.members),
            "into": list(self.into),
            "assumptions": dict(self.assumptions),
        }
        if self.kind is StepKind.INTERNALIZE:
            out["university"] = {
                "name": self.university,
                "years": [y.to_dict() for y in self.university_position],
            }
        return out
