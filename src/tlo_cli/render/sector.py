"""`tlo sector`: the sector by fiscal year and the subsidy-cliff calendar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tlo_cli.render.tables import Col, Column, TableData

if TYPE_CHECKING:
    from tlo_cli.ledger.load import Skipped
    from tlo_cli.metrics.sector import Sector


@dataclass(frozen=True, slots=True)
class SectorReport:
    """`tlo sector`: the sector by fiscal year."""

    sector: Sector
    skipped: Sequence[Skipped] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {**self.sector.to_dict(), "skipped": [s.to_dict() for s in self.skipped]}

    def tables(self) -> list[TableData]:
        peaks = self.sector.to_dict()["peaks"]
        return [
            TableData(
                "TLO sector by fiscal year",
                [
                    Column("fiscal_year", "FY", Col.YEAR),
                    Column("tlos", "TLOs", Col.INT),
                    Column("external", "external", Col.INT),
                    Column("deficit_external", "external in deficit", Col.INT),
                    Column("licensing_income", "licensing income", Col.YEN),
                    Column("licenses_executed", "transfers", Col.INT),
                    Column("subsidy_income", "subsidy", Col.YEN),
                    Column("ordinary_profit", "ordinary profit", Col.YEN),
                    Column("licensing_top5_share", "top 5", Col.RATIO),
                ],
                [y.to_dict() for y in self.sector.years],
                [
                    f"Licensing income peaks in FY{peaks['licensing_income_fy']}; "
                    f"transfers (licenses executed) peak in FY{peaks['licenses_executed_fy']}.",
                    "External = not inside a university; deficit = ordinary profit (経常利益) below zero; "
                    "top 5 = share of licensing income earned by the five TLOs earning most.",
                ],
            ),
            *self.calendar(),
        ]

    def calendar(self) -> list[TableData]:
        """The subsidy-cliff calendar, when any TLO's subsidy end is known."""
        if not self.sector.cliffs:
            return []
        return [
            TableData(
                "Subsidy-cliff calendar",
                [
                    Column("fiscal_year", "last subsidy FY", Col.YEAR),
                    Column("count", "TLOs", Col.INT),
                    Column("ids", "ids"),
                    Column("subsidy_lost", "subsidy lost", Col.YEN),
                    Column("projected_deficit", "projected deficit"),
                    Column("observed_deficit", "seen in deficit"),
                ],
                [
                    {
                        **c.to_dict(),
                        "ids": ", ".join(c.tlos),
                        "projected_deficit": f"{c.projected_deficit} of {c.projected}",
                        "observed_deficit": (
                            f"{c.observed_deficit} of {c.observed}" if c.observed else None
                        ),
                    }
                    for c in self.sector.cliffs
                ],
                [
                    "Each TLO is judged as of its last year with data up to its subsidy end; the "
                    "projection reaches the cliff year (the first without the subsidy). 'Seen in "
                    "deficit': recurring ordinary profit below −1% of expenses in the cliff year, "
                    "where the ledger has it.",
                ],
            )
        ]
