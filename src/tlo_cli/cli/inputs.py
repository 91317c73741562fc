"""Commands about inputs and method: validate, methodology."""

from __future__ import annotations

from tlo_cli.cli.options import (
    DeclineOpt,
    DependenceOpt,
    FormatOpt,
    HorizonOpt,
    MarginOpt,
    OutputOpt,
    Paths,
    RunwayOpt,
    StrictOpt,
    UnitOpt,
    WeightsOpt,
    WindowOpt,
)
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


def methodology(
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    window: WindowOpt = 5,
    horizon: HorizonOpt = 3,
    runway_threshold: RunwayOpt = 3.0,
    dependence_threshold: DependenceOpt = 0.30,
    decline_threshold: DeclineOpt = -0.10,
    margin_threshold: MarginOpt = 0.05,
    weights: WeightsOpt = None,
) -> int:
    """Every formula, threshold and default assumption in force (after these options), with its source."""
    from tlo_cli.cli.common import make_settings
    from tlo_cli.cli.output import emit
    from tlo_cli.methodology import methodology as build

    settings = make_settings(
        window=window,
        horizon=horizon,
        runway=runway_threshold,
        dependence=dependence_threshold,
        decline=decline_threshold,
        margin=margin_threshold,
        weights=weights,
    )
    emit(build(settings), fmt=fmt, output=output)
    return 0
