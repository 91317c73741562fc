"""`tlo export`: the tidy table of every value read, for pandas, R or a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tlo_cli.cli.options import BomOpt, Paths, StrictOpt, UnitOpt


def export(
    paths: Paths,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="panel.csv or panel.xlsx (atomically; never over an input). Without it, CSV "
            "on stdout.",
            show_default=False,
        ),
    ] = None,
    unit: UnitOpt = None,
    strict: StrictOpt = False,
    bom: BomOpt = False,
) -> int:
    """The tidy table of every value read: tlo, fiscal_year, item, value (yen; counts as counts), path, sheet, cell."""
    from tlo_cli.api import TIDY_COLUMNS, tidy_rows
    from tlo_cli.atomic import write_atomic, write_text_atomic
    from tlo_cli.cli.common import load_inputs
    from tlo_cli.cli.output import PRESENTATION, check_output, diagnostic, write_stdout
    from tlo_cli.errors import usage
    from tlo_cli.render.export import panel_csv, write_panel_xlsx

    if output is not None and output.suffix.lower() not in (".csv", ".xlsx"):
        raise usage(f"{output}: the panel is written as .csv or .xlsx", "name it panel.csv")
    cohort, files = load_inputs(paths, unit=unit, strict=strict)
    rows = tidy_rows(cohort.ledgers)
    if output is None:
        write_stdout(("\ufeff" if PRESENTATION.bom else "") + panel_csv(TIDY_COLUMNS, rows))
    else:
        check_output(output, files)
        if output.suffix.lower() == ".csv":
            write_text_atomic(output, panel_csv(TIDY_COLUMNS, rows), bom=PRESENTATION.bom)
        else:
            write_atomic(output, lambda temp: write_panel_xlsx(temp, TIDY_COLUMNS, rows))
        diagnostic(f"wrote {output}: {len(rows)} values of {len(cohort.ledgers)} TLOs")
    return 1 if cohort.skipped else 0
