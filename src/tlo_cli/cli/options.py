"""Options shared by several commands (typer annotations only; nothing heavy is imported)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tlo_cli.model import Unit
from tlo_cli.render.lang import Lang
from tlo_cli.render.tables import Format

Paths = Annotated[
    list[Path],
    typer.Argument(
        help="Ledger workbooks, directories of them, or combined workbooks.",
        metavar="PATH...",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table, json, csv or markdown.",
        metavar="table|json|csv|markdown",
        case_sensitive=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the result to FILE (format from its extension: .json .csv .md .txt .xlsx), "
        "atomically; never over an input. With .csv, every table: FILE.csv, FILE.<table>.csv.",
        show_default=False,
    ),
]
UnitOpt = Annotated[
    Unit | None,
    typer.Option(
        "--unit",
        metavar="yen|thousand|million",
        help="Unit of ledgers that state none (default: thousand yen, with a warning).",
        case_sensitive=False,
        show_default=False,
    ),
]
DisplayUnitOpt = Annotated[
    Unit,
    typer.Option(
        "--display-unit",
        metavar="yen|thousand|million",
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
        metavar="FY",
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
    typer.Option(
        "--window",
        min=2,
        max=30,
        metavar="N",
        help="Fiscal years of licensing trend up to as-of.",
    ),
]
HorizonOpt = Annotated[
    int,
    typer.Option(
        "--horizon", min=1, max=30, metavar="N", help="Fiscal years projected after as-of."
    ),
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
        metavar="YEARS",
        callback=finite_float,
        help="High risk when runway (years) of a TLO outside a university is below this.",
    ),
]
DependenceOpt = Annotated[
    float,
    typer.Option(
        "--dependence-threshold",
        metavar="FLOAT",
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
        metavar="FLOAT",
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
        metavar="FLOAT",
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


def _remember_lang(value: Lang | None) -> Lang | None:
    from tlo_cli.cli.output import PRESENTATION

    if value is not None:
        PRESENTATION.lang = Lang(value)
    return value


def _remember_columns(value: str | None) -> str | None:
    from tlo_cli.cli.output import PRESENTATION

    if value is not None:
        PRESENTATION.columns = tuple(k.strip() for k in value.split(",") if k.strip())
    return value


def _remember_years(value: int | None) -> int | None:
    from tlo_cli.cli.output import PRESENTATION

    if value is not None:
        PRESENTATION.years = value
    return value


def _remember_bom(value: bool) -> bool:
    from tlo_cli.cli.output import PRESENTATION

    PRESENTATION.bom = PRESENTATION.bom or value
    return value


LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        metavar="ja|en",
        help="Language of line items and column headers in tables, Markdown and Excel "
        "(default: ja when LC_ALL, LC_MESSAGES or LANG is Japanese, else en). JSON keys and "
        "CSV headers stay canonical.",
        callback=_remember_lang,
        case_sensitive=False,
        show_default=False,
    ),
]
ColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="KEY,KEY,...",
        help="Console table: show these columns, in this order (keys as in the CSV headers).",
        callback=_remember_columns,
        show_default=False,
    ),
]
BomOpt = Annotated[
    bool,
    typer.Option(
        "--bom",
        help="Start CSV output with a UTF-8 byte-order mark (for Excel on Japanese Windows).",
        callback=_remember_bom,
    ),
]
YearsOpt = Annotated[
    int | None,
    typer.Option(
        "--years",
        min=1,
        metavar="N",
        help="Show the latest N fiscal years of the statement (default: as many as fit, "
        "at least two).",
        callback=_remember_years,
        show_default=False,
    ),
]
