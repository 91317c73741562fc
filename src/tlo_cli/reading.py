"""How a ledger was read: coverage by recognised items, the fiscal years whose stated ordinary
profit reconciled, those that did not, and the lines folded into other income or expenses
(docs/ledger-format.md, "Never silently wrong")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tlo_cli.numbers import finite_or_none


@dataclass(frozen=True, slots=True)
class Unreconciled:
    """A fiscal year whose stated ordinary profit differs from revenue − expenses as read."""

    fiscal_year: int
    stated: float
    computed: float
    lines: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "fiscal_year": self.fiscal_year,
            "stated": self.stated,
            "computed": self.computed,
            "lines": list(self.lines),
        }


@dataclass(frozen=True, slots=True)
class Folded:
    """A line whose label is not accepted, counted into ``into`` by the section it stands in."""

    cell: str
    label: str
    into: str

    def to_dict(self) -> dict[str, object]:
        return {"cell": self.cell, "label": self.label, "into": self.into}


@dataclass(frozen=True, slots=True)
class Reading:
    """How a statement was read: coverage, reconciliation with its stated totals, folds.

    ``coverage`` is the share of revenue and of expenses (absolute yen, all years) that came
    from recognised lines rather than folded or derived ones; None for a side with no amounts.
    ``stated_totals`` is False when the statement states no total to reconcile against.
    """

    coverage_revenue: float | None = None
    coverage_expenses: float | None = None
    reconciled: tuple[int, ...] = ()
    unreconciled: tuple[Unreconciled, ...] = ()
    folded: tuple[Folded, ...] = ()
    derived: tuple[str, ...] = ()
    lines: int = 0
    stated_totals: bool = True
    states_ordinary_profit: bool = False

    @staticmethod
    def merge(readings: Sequence[Reading]) -> Reading:
        """Several sheets' readings as one ledger's: the lowest coverage, every fold and year."""

        def lowest(values: list[float | None]) -> float | None:
            known = [v for v in values if v is not None]
            return min(known) if known else None

        return Reading(
            coverage_revenue=lowest([r.coverage_revenue for r in readings]),
            coverage_expenses=lowest([r.coverage_expenses for r in readings]),
            reconciled=tuple(sorted({fy for r in readings for fy in r.reconciled})),
            unreconciled=tuple(u for r in readings for u in r.unreconciled),
            folded=tuple(f for r in readings for f in r.folded),
            derived=tuple(dict.fromkeys(d for r in readings for d in r.derived)),
            lines=sum(r.lines for r in readings),
            stated_totals=any(r.stated_totals for r in readings),
            states_ordinary_profit=any(r.states_ordinary_profit for r in readings),
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "coverage": {
                "revenue": finite_or_none(self.coverage_revenue),
                "expenses": finite_or_none(self.coverage_expenses),
            },
            "reconciled": list(self.reconciled),
            "unreconciled": [u.to_dict() for u in self.unreconciled],
            "folded": [f.to_dict() for f in self.folded],
            "derived": list(self.derived),
            "lines": self.lines,
            "stated_totals": self.stated_totals,
        }
