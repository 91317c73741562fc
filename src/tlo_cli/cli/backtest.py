"""`tlo backtest`: every as-of year replayed against what followed."""

from __future__ import annotations

from typing import Annotated

import typer

from tlo_cli.cli.options import (
    DeclineOpt,
    DependenceOpt,
    DisplayUnitOpt,
    FormatOpt,
    HorizonOpt,
    MarginOpt,
    OutputOpt,
    Paths,
    RunwayOpt,
    StrictOpt,
    UnitOpt,
    WindowOpt,
)
from tlo_cli.model import Unit
from tlo_cli.render.tables import Format


def backtest(
    paths: Paths,
    simulate: Annotated[
        bool,
        typer.Option(
            "--simulate",
            help="Add the calibration of simulate: predicted probability of deficit against "
            "what followed, Brier score, coverage of the 90% interval.",
        ),
    ] = False,
    sim_paths: Annotated[
        int, typer.Option("--paths", min=100, help="Simulated paths per as-of year (--simulate).")
    ] = 2_000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of --simulate.")] = 0,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    unit: UnitOpt = None,
    display_unit: DisplayUnitOpt = Unit.THOUSAND,
    strict: StrictOpt = False,
    window: WindowOpt = 5,
    horizon: HorizonOpt = 3,
    runway_threshold: RunwayOpt = 3.0,
    dependence_threshold: DependenceOpt = 0.30,
    decline_threshold: DeclineOpt = -0.10,
    margin_threshold: MarginOpt = 0.05,
) -> int:
    """Replay the verdict at every past as-of year against what followed: recall, precision and base rate per level, the misses, and with --simulate the calibration of simulate.

    Example: tlo backtest data/sample --simulate
    """
    from tlo_cli.cli.common import load_inputs, make_settings
    from tlo_cli.cli.output import emit
    from tlo_cli.metrics.backtest import replay, simulate_calibration
    from tlo_cli.render.backtest import BacktestReport

    cohort, files = load_inputs(paths, unit=unit, strict=strict)
    settings = make_settings(
        window=window,
        horizon=horizon,
        runway=runway_threshold,
        dependence=dependence_threshold,
        decline=decline_threshold,
        margin=margin_threshold,
        display_unit=display_unit,
    )
    result = replay(cohort.ledgers, settings)
    if simulate:
        result = simulate_calibration(cohort.ledgers, result, paths=sim_paths, seed=seed)
    emit(
        BacktestReport(result, cohort.skipped),
        fmt=fmt,
        output=output,
        inputs=files,
        unit=display_unit,
    )
    return 1 if cohort.skipped else 0
