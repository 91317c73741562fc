"""`tlo explain LEDGER`: the reading map of a statement, row by row and total by total."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tlo_cli.cli.options import FormatOpt, OutputOpt, StrictOpt, UnitOpt
from tlo_cli.render.tables import Format


def explain(
    ledger: Annotated[
        Path,
        typer.Argument(help="A ledger workbook (or a combined workbook).", show_default=False),
    ],
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    unit: UnitOpt = None,
    strict: StrictOpt = False,
) -> int:
    """How each source row was read (item, section, total, parent, below the line, folded,
    ignored) and each stated total against what it totals, by fiscal year.

    Check the reading here before trusting a verdict. Problems are listed on stderr; exit 1
    when the ledger has errors (the map is printed all the same).
    """
    from tlo_cli.cli.output import diagnostic, emit
    from tlo_cli.errors import InputError, usage
    from tlo_cli.ledger.book import Sink, read_file
    from tlo_cli.render.explain import ExplainReport

    if not ledger.is_file():
        raise usage(f"{ledger}: no such file", "give the path of one workbook")
    sink: Sink = []
    report = read_file(ledger, unit=unit, strict=strict, sink=sink)
    if not sink:
        raise InputError(report.errors[0]) if report.errors else usage(f"{ledger}: no statement")
    for issue in report.issues:
        diagnostic(f"{'error' if issue.is_error else 'warning'}: {issue}")
    statements = [(str(where), tlo_id, statement) for where, tlo_id, statement in sink]
    shown = sink[0][2].unit  # amounts shown in the sheet's own unit
    emit(ExplainReport(statements), fmt=fmt, output=output, inputs=[ledger], unit=shown)
    return 0 if report.ok else 1
