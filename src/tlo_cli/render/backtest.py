"""`tlo backtest`: the replayed verdicts against what followed, as JSON and tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tlo_cli.render.tables import Col, Column, TableData

if TYPE_CHECKING:
    from tlo_cli.ledger.load import Skipped
    from tlo_cli.metrics.backtest import Backtest, Confusion

LEVEL_NAMES = {"high": "high", "at_risk": "at risk (high or medium)"}


def _row(label: str, level: str, c: Confusion) -> dict[str, Any]:
    return {
        "as_of": label,
        "level": LEVEL_NAMES[level],
        "flagged_deficit": c.tp,
        "flagged_no_deficit": c.fp,
        "not_flagged_deficit": c.fn,
        "not_flagged_no_deficit": c.tn,
        "recall": c.recall,
        "precision": c.precision,
        "base_rate": c.base_rate,
    }


CONFUSION_COLUMNS = [
    Column("as_of", "as of"),
    Column("level", "flagged"),
    Column("flagged_deficit", "flagged, deficit", Col.INT),
    Column("flagged_no_deficit", "flagged, none", Col.INT),
    Column("not_flagged_deficit", "missed", Col.INT),
    Column("not_flagged_no_deficit", "clear, none", Col.INT),
    Column("recall", "recall", Col.RATIO),
    Column("precision", "precision", Col.RATIO),
    Column("base_rate", "base rate", Col.RATIO),
]


def headline(b: Backtest) -> str:
    """One sentence: recall and precision per level, and the base rate."""
    hi, ar, cl = b.overall("high"), b.overall("at_risk"), b.cliff()

    def pct(x: float | None) -> str:
        return "—" if x is None else f"{x:.0%}"

    return (
        f"{len(b.cases)} TLO-years replayed ({b.censored} censored): at risk catches "
        f"{pct(ar.recall)} of later deficits at {pct(ar.precision)} precision, high "
        f"{pct(hi.recall)} at {pct(hi.precision)}; base rate {pct(ar.base_rate)}. Deficits in "
        f"the cliff year flagged beforehand: {cl.tp} of {cl.tp + cl.fn} ({pct(cl.recall)})."
    )


@dataclass(frozen=True, slots=True)
class BacktestReport:
    """The confusion tables overall and per as-of year, the misses, and the calibration."""

    backtest: Backtest
    skipped: Sequence[Skipped] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": "JPY",
            **self.backtest.to_dict(),
            "skipped": [s.to_dict() for s in self.skipped],
        }

    def tables(self) -> list[TableData]:
        b = self.backtest
        rows = []
        for level in ("high", "at_risk"):
            rows.append(_row("all", level, b.overall(level)))
        rows.append({**_row("all", "at_risk", b.cliff()), "as_of": "cliff year"})
        for fy in b.as_of_years:
            for level in ("high", "at_risk"):
                rows.append(_row(f"FY{fy}", level, b.by_year(level)[fy]))
        tables = [
            TableData(
                f"Backtest: verdicts replayed FY{b.as_of_years[0]}–FY{b.as_of_years[-1]}"
                if b.as_of_years
                else "Backtest: no as-of year with a later outcome",
                CONFUSION_COLUMNS,
                rows,
                [
                    headline(b),
                    f"Deficit = recurring ordinary profit below −1% of expenses in any of the "
                    f"next {b.horizon} fiscal years or in the cliff year (the first without the "
                    f"subsidy). Each verdict used only the data up to its as-of year.",
                ],
            ),
            TableData(
                "Misses: deficits that followed a low verdict",
                [
                    Column("id", "id"),
                    Column("as_of", "as of", Col.YEAR),
                    Column("deficit_years", "deficit in"),
                    Column("shown", "what the data showed then"),
                ],
                [
                    {
                        **c.to_dict(),
                        "deficit_years": ", ".join(f"FY{fy}" for fy in c.deficit_years),
                    }
                    for c in b.misses()
                ],
            ),
            TableData(
                "False alarms of high: no deficit followed",
                [
                    Column("id", "id"),
                    Column("as_of", "as of", Col.YEAR),
                    Column("reasons", "rules"),
                    Column("shown", "what the data showed then"),
                ],
                [{**c.to_dict(), "reasons": ", ".join(c.reasons)} for c in b.false_alarms("high")],
            ),
        ]
        if b.calibration is not None:
            cal = b.calibration
            tables.append(
                TableData(
                    "Calibration of simulate",
                    [
                        Column("low", "p from", Col.RATIO),
                        Column("high", "p to", Col.RATIO),
                        Column("n", "TLO-years", Col.INT),
                        Column("mean_predicted", "predicted", Col.RATIO),
                        Column("observed", "observed", Col.RATIO),
                    ],
                    cal.to_dict()["bins"],
                    [
                        f"Brier score {cal.brier:.3f} over {cal.pairs} TLO-years"
                        if cal.brier is not None
                        else "No TLO-year to score.",
                        f"90% interval of the deficit count held the observed count in "
                        f"{cal.coverage_90:.0%} of {cal.intervals} as-of × year pairs "
                        f"({cal.paths:,} paths each)."
                        if cal.coverage_90 is not None
                        else "No complete year to check the 90% interval on.",
                    ],
                )
            )
        return tables


def quote(b: Backtest) -> str:
    """The Markdown quoted in README.md and docs/methodology.md (kept in step by a test)."""

    def pct(x: float | None) -> str:
        return "—" if x is None else f"{x:.1%}"

    lines = [
        "| level | flagged, deficit | flagged, none | missed | recall | precision |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, c in (
        ("high", b.overall("high")),
        ("at risk (high or medium)", b.overall("at_risk")),
        ("cliff-year deficits, at risk", b.cliff()),
    ):
        lines.append(
            f"| {label} | {c.tp} | {c.fp} | {c.fn} | {pct(c.recall)} | {pct(c.precision)} |"
        )
    base = b.overall("at_risk").base_rate
    lines += [
        "",
        f"{len(b.cases)} TLO-years replayed, {b.censored} censored; base rate {pct(base)} (the "
        "share of TLO-years followed by a",
        "deficit).",
    ]
    return "\n".join(lines) + "\n"
