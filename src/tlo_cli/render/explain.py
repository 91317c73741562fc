"""How a statement was read: the one-line summary `assess` prints, the footnotes of `rank`,
and the reading map of `tlo explain` (every source row, every stated total by year)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tlo_cli.model import Reading
from tlo_cli.render.tables import Col, Column, TableData

if TYPE_CHECKING:
    from tlo_cli.ledger.statement import Statement

#: Below this share of revenue or expenses from recognised lines, rank footnotes a ledger.
COVERAGE_FLOOR = 0.90

_WORDS = {"other_income": "other income", "other_expenses": "other expenses"}


def year_span(years: Sequence[int]) -> str:
    """FY2006–FY2008 for a run of years; FY2004, FY2006–FY2007 otherwise."""
    runs: list[list[int]] = []
    for fy in sorted(years):
        if runs and fy == runs[-1][-1] + 1:
            runs[-1].append(fy)
        else:
            runs.append([fy])
    return ", ".join(f"FY{r[0]}" if len(r) == 1 else f"FY{r[0]}–FY{r[-1]}" for r in runs)


def _pct(share: float) -> str:
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"


def reading_line(reading: Reading) -> str:
    """One sentence: lines read, lines folded (with their share), what reconciled."""
    parts = [f"read from {reading.lines} line{'s' if reading.lines != 1 else ''}"]
    by_into: dict[str, int] = {}
    for f in reading.folded:
        by_into[f.into] = by_into.get(f.into, 0) + 1
    for into, count in by_into.items():
        side, coverage = (
            ("revenue", reading.coverage_revenue)
            if into == "other_income"
            else ("expenses", reading.coverage_expenses)
        )
        share = "" if coverage is None else f" ({_pct(1.0 - coverage)} of {side})"
        parts.append(f"{count} folded into {_WORDS.get(into, into)}{share}")
    for item in reading.derived:
        parts.append(f"{item} derived from the stated ordinary profit")
    if not reading.stated_totals:
        parts.append("not reconciled: the statement states no totals")
    elif not reading.states_ordinary_profit:
        parts.append("no ordinary profit stated; its totals checked")
    elif reading.reconciled:
        parts.append(
            f"ordinary profit reconciles with the statement in {year_span(reading.reconciled)}"
        )
    if reading.unreconciled:
        years = year_span([u.fiscal_year for u in reading.unreconciled])
        parts.append(f"ordinary profit does not reconcile in {years}")
    return "; ".join(parts) + "."


def needs_footnote(reading: Reading) -> bool:
    """Whether rank marks the ledger: coverage under 90% or years that did not reconcile."""
    low = any(
        c is not None and c < COVERAGE_FLOOR
        for c in (reading.coverage_revenue, reading.coverage_expenses)
    )
    return low or bool(reading.unreconciled)


def rank_footnotes(readings: Mapping[str, Reading]) -> list[str]:
    """One note per ledger that failed a reading check (not those with no stated totals)."""
    notes = []
    for tlo_id, reading in readings.items():
        if needs_footnote(reading):
            notes.append(f"Reading of {tlo_id}: {reading_line(reading)}")
    return notes


@dataclass(frozen=True, slots=True)
class ExplainReport:
    """`tlo explain`: the reading map of every statement in a workbook."""

    statements: Sequence[tuple[str, str, Statement]]  # (file › sheet, id, statement)

    @staticmethod
    def _one(where: str, tlo_id: str, statement: Statement) -> dict[str, Any]:
        return {
            "source": where,
            "id": tlo_id,
            "rows": [r.to_dict() for r in statement.rows],
            "totals": [t.to_dict() for t in statement.totals],
            "skipped_columns": list(statement.skipped_columns),
            "reading": statement.reading.to_dict(),
        }

    def to_dict(self) -> dict[str, Any]:
        docs = [self._one(*s) for s in self.statements]
        if len(docs) == 1:
            return docs[0]
        return {"ledgers": docs}

    def tables(self) -> list[TableData]:
        out: list[TableData] = []
        for where, _tlo_id, statement in self.statements:
            years = sorted({fy for r in statement.rows for fy in r.amounts})
            rows = [
                {
                    "cell": r.cell,
                    "label": r.label,
                    "read_as": r.read_as,
                    "item": r.item,
                    "parent": r.parent,
                    **{str(fy): r.amounts.get(fy) for fy in years},
                }
                for r in statement.rows
            ]
            out.append(
                TableData(
                    f"Reading of {where}",
                    [
                        Column("cell", "cell"),
                        Column("label", "label"),
                        Column("read_as", "read as"),
                        Column("item", "item"),
                        Column("parent", "under"),
                        *(Column(str(fy), f"FY{fy}", Col.YEN) for fy in years),
                    ],
                    rows,
                    [reading_line(statement.reading)]
                    + (
                        [f"Skipped columns: {', '.join(statement.skipped_columns)}."]
                        if statement.skipped_columns
                        else []
                    ),
                )
            )
            out.append(
                TableData(
                    f"Stated totals of {where}",
                    [
                        Column("label", "total"),
                        Column("cell", "cell"),
                        Column("fiscal_year", "FY", Col.YEAR),
                        Column("stated", "stated", Col.YEN),
                        Column("computed", "what it totals", Col.YEN),
                        Column("reconciled", "reconciles"),
                    ],
                    [
                        {**t.to_dict(), "reconciled": "yes" if t.reconciled else "NO"}
                        for t in statement.totals
                    ],
                    [] if statement.totals else ["The statement states no totals."],
                )
            )
        return out
