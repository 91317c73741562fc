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
        metavar="PATH...",
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
