"""Options shared by several commands (typer annotations only; nothing heavy is imported)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tlo_cli.model import Unit
from tlo_cli.render.tables import Format

Paths = Annotated[
    list[Path],
    typer.Argument(
        help="Ledger workbooks, directories of them, or combined workbooks.",
        metavar="PATH",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the result to FILE (format from its extension: .json .csv .md .txt .xlsx), "
        "atomically; never over an input.",
        show_default=False,
    ),
]
UnitOpt = Annotated[
    Unit | None,
    typer.Option(
        "--unit",
        help="Unit of ledgers that state none (default: thousand yen, with a warning).",
        case_sensitive=False,
        show_default=False,
    ),
]
DisplayUnitOpt = Annotated[
    Unit,
    typer.Option(
        "--display-unit",
        help="Unit amounts are shown in (JSON is always in yen).",
        case_sensitive=False,
    ),
]
StrictOpt = Annotated[
    bool,
    typer.Option(
        "--strict", help="Treat total and ordinary-profit cross-check differences as errors."
    ),
]
AsOfOpt = Annotated[
    int | None,
    typer.Option(
        "--as-of",
        help="Fiscal year judged (default: one TLO's latest year; for a cohort, the year most TLOs have).",
        show_default=False,
    ),
]
FailOnOpt = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        help="Exit 1 when any TLO in the result is at-risk (medium or high) or in deficit.",
        metavar="at-risk|deficit",
        show_default=False,
    ),
]
WindowOpt = Annotated[
    int,
    typer.Option("--window", min=2, max=30, help="Fiscal years of licensing trend up to as-of."),
]
HorizonOpt = Annotated[
    int, typer.Option("--horizon", min=1, max=30, help="Fiscal years projected after as-of.")
]


def finite_float(value: float) -> float:
    """A threshold must be a finite number (nan and inf are refused as a usage error)."""
    if value != value or value in (float("inf"), float("-inf")):
        raise typer.BadParameter(f"{value}: expected a finite number")
    return value


RunwayOpt = Annotated[
    float,
    typer.Option(
        "--runway-threshold",
        min=0,
        callback=finite_float,
        help="High risk when runway (years) of a TLO outside a university is below this.",
    ),
]
DependenceOpt = Annotated[
    float,
    typer.Option(
        "--dependence-threshold",
        min=0,
        max=1,
        callback=finite_float,
        help="Medium risk (subsidy cliff) when subsidy/revenue exceeds this with a loss ex subsidy.",
    ),
]
DeclineOpt = Annotated[
    float,
    typer.Option(
        "--decline-threshold",
        min=-1,
        max=0,
        callback=finite_float,
        help="Medium risk when the licensing trend is below this while the margin ex subsidy is low.",
    ),
]
MarginOpt = Annotated[
    float,
    typer.Option(
        "--margin-threshold",
        min=-1,
        max=1,
        callback=finite_float,
        help="The 'low' margin ex subsidy for the decline rule.",
    ),
]
WeightsOpt = Annotated[
    str | None,
    typer.Option(
        "--weights",
        help="Score weights: four numbers (margin, sustainability, trend, coverage) or name=value pairs.",
        metavar="0.35,0.25,0.2,0.2",
        show_default=False,
    ),
]
