"""The subsidy-cliff calendar: per fiscal year, the TLOs whose subsidy ends, what they lose, and
how many are projected (and, where the data goes on, were seen) in deficit the year after."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tlo_cli.metrics.ratios import is_deficit
from tlo_cli.model import PL_ITEMS, Ledger


@dataclass(frozen=True, slots=True)
class CliffYear:
    """TLOs whose last subsidised fiscal year is ``fiscal_year``."""

    fiscal_year: int
    tlos: tuple[str, ...]
    subsidy_lost: float  # their subsidy income in that year (the latest before it when missing)
    projected: int  # TLOs with a projection to the cliff year
    projected_deficit: int  # of those, projected in deficit in the cliff year
    observed: int  # TLOs with data for the cliff year
    observed_deficit: int  # of those, in deficit (recurring, beyond 1% of expenses)

    def to_dict(self) -> dict[str, Any]:
        return {
            "fiscal_year": self.fiscal_year,
            "cliff_fy": self.fiscal_year + 1,
            "tlos": list(self.tlos),
            "count": len(self.tlos),
            "subsidy_lost": self.subsidy_lost,
            "projected": self.projected,
            "projected_deficit": self.projected_deficit,
            "observed": self.observed,
            "observed_deficit": self.observed_deficit,
        }


def _subsidy_before(ledger: Ledger, end: int) -> float:
    """Subsidy income in the last subsidised year, or the latest year before it with data."""
    years = [fy for fy in ledger.years if fy <= end]
    return 0.0 if not years else ledger.value("subsidy_income", years[-1]) or 0.0


def recurring_deficit(ledger: Ledger, fiscal_year: int, materiality: float = 0.01) -> bool:
    """Recurring ordinary profit below −materiality × expenses in one ledger year."""
    from tlo_cli.metrics import profit

    items = {name: ledger.value(name, fiscal_year) or 0.0 for name in PL_ITEMS}
    revenue, expenses = profit.revenue_of(items), profit.expenses_of(items)
    return is_deficit(revenue - expenses - items["one_off_income"], expenses, materiality)


def cliff_calendar(ledgers: Sequence[Ledger]) -> tuple[CliffYear, ...]:
    """Each TLO with a known subsidy end is judged as of its last year with data up to the end
    (the projection reaches the cliff year, end + 1); the deficit seen in the cliff year is
    counted where the ledger has it."""
    from tlo_cli.metrics.assess import assess_cohort

    by_end: dict[int, list[Ledger]] = {}
    for led in ledgers:
        end = led.profile.subsidy_end_fy
        if end is not None:
            by_end.setdefault(end, []).append(led)
    judged_as_of: dict[int, list[str]] = {}
    for end, group in by_end.items():
        for led in group:
            years = [fy for fy in led.years if fy <= end]
            if years:
                judged_as_of.setdefault(years[-1], []).append(led.id)
    projected: dict[str, bool] = {}
    for as_of, ids in judged_as_of.items():
        result = assess_cohort(ledgers, as_of=as_of)
        for tlo_id in ids:
            a = result.find(tlo_id)
            if a is None or a.risk.cliff_fy is None:
                continue
            year = next((p for p in a.risk.projection if p.fiscal_year == a.risk.cliff_fy), None)
            if year is not None and (a.situation is None or a.situation.projection_usable):
                projected[tlo_id] = is_deficit(year.ordinary_profit, year.expenses)
    out = []
    for end in sorted(by_end):
        group = sorted(by_end[end], key=lambda led: led.id)
        seen = [led for led in group if end + 1 in led.years]
        out.append(
            CliffYear(
                end,
                tuple(led.id for led in group),
                float(sum(_subsidy_before(led, end) for led in group)),
                sum(led.id in projected for led in group),
                sum(projected.get(led.id, False) for led in group),
                len(seen),
                sum(recurring_deficit(led, end + 1) for led in seen),
            )
        )
    return tuple(out)
