"""Commands about inputs: validate."""

from __future__ import annotations

from tlo_cli.cli.options import FormatOpt, OutputOpt, Paths, StrictOpt, UnitOpt
from tlo_cli.render.tables import Format


def validate(
    paths: Paths,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    unit: UnitOpt = None,
    strict: StrictOpt = False,
) -> int:
    """Check every ledger and list every problem with its file, sheet and cell; changes nothing.

    Exit code 1 when any error is found (warnings alone exit 0).
    """
    from tlo_cli.cli.output import emit
    from tlo_cli.ledger.load import expand_paths
    from tlo_cli.ledger.validate import validate_paths

    files = expand_paths(paths)
    result = validate_paths(files, unit=unit, strict=strict)
    emit(result, fmt=fmt, output=output, inputs=files)
    return 0 if result.ok else 1
