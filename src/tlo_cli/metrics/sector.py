"""The whole sector by fiscal year: totals, counts of external TLOs and of those in deficit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tlo_cli.metrics.assess import Figures
from tlo_cli.metrics.cliffs import CliffYear, cliff_calendar
from tlo_cli.metrics.panel import Panel
from tlo_cli.model import Ledger


@dataclass(frozen=True, slots=True)
class SectorYear:
    fiscal_year: int
    tlos: int
    external: int
    internal: int
    deficit: int
    deficit_external: int
    licensing_income: float
    licenses_executed: float | None
    subsidy_income: float
    revenue: float
    expenses: float
    ordinary_profit: float
    licensing_top5_share: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True)
class Sector:
    years: tuple[SectorYear, ...]
    cliffs: tuple[CliffYear, ...] = ()

    def peak(self, field: str) -> int | None:
        """The fiscal year of the highest total of ``field`` (the earliest on a tie)."""
        best: tuple[float, int] | None = None
        for year in self.years:
            value = getattr(year, field)
            if value is not None and (best is None or value > best[0]):
                best = (value, year.fiscal_year)
        return None if best is None else best[1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": "JPY",
            "years": [y.to_dict() for y in self.years],
            "peaks": {
                "licensing_income_fy": self.peak("licensing_income"),
                "licenses_executed_fy": self.peak("licenses_executed"),
            },
            "cliff_calendar": [c.to_dict() for c in self.cliffs],
        }


def top_share(licensing: np.ndarray, top: int = 5) -> float | None:
    """Licensing concentration: the share of the year's licensing income earned by the ``top``
    TLOs with the most (Σ top 5 / Σ all); None when the total is not positive."""
    values = np.sort(np.maximum(np.nan_to_num(np.asarray(licensing, dtype=float)), 0.0))[::-1]
    total = float(values.sum())
    return float(values[:top].sum()) / total if total > 0 else None


def sector_by_year(ledgers: Sequence[Ledger]) -> Sector:
    """Totals over every TLO with data in each fiscal year.

    external = TLOs whose form is known and not internal; deficit = ordinary profit < 0;
    licenses_executed sums the TLOs that report it (null when none does).
    """
    if not ledgers:
        return Sector(())
    panel = Panel.from_ledgers(ledgers)
    fig = Figures.of(panel.items)
    internal = np.array([led.profile.internal is True for led in ledgers])
    external = np.array([led.profile.internal is False for led in ledgers])
    reports_transfers = panel.has_item["licenses_executed"]
    deficit = panel.present & (fig.ordinary_profit < 0)
    years = []
    for j, fy in enumerate(panel.years):
        here = panel.present[:, j]
        transfers = here & reports_transfers
        years.append(
            SectorYear(
                fiscal_year=int(fy),
                tlos=int(here.sum()),
                external=int((here & external).sum()),
                internal=int((here & internal).sum()),
                deficit=int(deficit[:, j].sum()),
                deficit_external=int((deficit[:, j] & external).sum()),
                licensing_income=float(np.nansum(panel.items["licensing_income"][here, j])),
                licenses_executed=(
                    float(np.nansum(panel.items["licenses_executed"][transfers, j]))
                    if transfers.any()
                    else None
                ),
                subsidy_income=float(np.nansum(panel.items["subsidy_income"][here, j])),
                revenue=float(np.nansum(fig.revenue[here, j])),
                expenses=float(np.nansum(fig.expenses[here, j])),
                ordinary_profit=float(np.nansum(fig.ordinary_profit[here, j])),
                licensing_top5_share=top_share(panel.items["licensing_income"][here, j]),
            )
        )
    return Sector(tuple(years), cliff_calendar(ledgers))
