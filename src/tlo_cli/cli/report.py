"""`tlo report`: the Excel workbook analysts open and forward."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tlo_cli.cli.options import (
    AsOfOpt,
    DeclineOpt,
    DependenceOpt,
    DisplayUnitOpt,
    HorizonOpt,
    LangOpt,
    MarginOpt,
    Paths,
    RunwayOpt,
    StrictOpt,
    UnitOpt,
    WeightsOpt,
    WindowOpt,
)
from tlo_cli.model import Unit


def report(
    paths: Paths,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.xlsx",
            help="The .xlsx file to write (atomically; never over an input).",
            show_default=False,
        ),
    ],
    as_of: AsOfOpt = None,
    scenario: Annotated[
        Path | None,
        typer.Option(
            "--scenario",
            metavar="FILE.toml",
            help="A scenario plan (TOML); adds a Scenario sheet.",
            show_default=False,
        ),
    ] = None,
    simulate: Annotated[
        bool,
        typer.Option(
            "--simulate",
            help="Add a Simulation sheet: `tlo simulate` with 10,000 paths, seed 0 (and the "
            "--scenario plan, if any).",
        ),
    ] = False,
    weights: WeightsOpt = None,
    external_only: Annotated[
        bool, typer.Option("--external-only", help="Rank only TLOs outside universities.")
    ] = False,
    lang: LangOpt = None,
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
    """An Excel workbook: the ranking, the sector by year with charts, a sheet per at-risk TLO (worst first), and the scenario."""
    from tlo_cli.atomic import write_atomic
    from tlo_cli.cli.common import (
        assess_ranked,
        check_as_of,
        load_inputs,
        make_settings,
        parse_weights,
    )
    from tlo_cli.cli.output import PRESENTATION, check_output, diagnostic
    from tlo_cli.errors import usage
    from tlo_cli.render.report import Report

    check_as_of(as_of)
    parse_weights(weights)  # a bad --weights fails before any reading
    if output.suffix.lower() != ".xlsx":
        raise usage(f"{output}: the report is an Excel workbook", "name it with .xlsx")
    cohort, files = load_inputs(paths, unit=unit, strict=strict)
    check_output(output, [*files, *([scenario] if scenario else [])])
    from tlo_cli.metrics.sector import sector_by_year

    settings = make_settings(
        window=window,
        horizon=horizon,
        runway=runway_threshold,
        dependence=dependence_threshold,
        decline=decline_threshold,
        margin=margin_threshold,
        weights=weights,
        display_unit=display_unit,
    )
    ledgers, result = assess_ranked(
        cohort.ledgers, as_of=as_of, settings=settings, external_only=external_only
    )
    scenario_tables = []
    plan = None
    if scenario is not None:
        from tlo_cli.cli.plans import read_plan
        from tlo_cli.render.scenario import ScenarioReport
        from tlo_cli.scenarios.result import run_scenario
        from tlo_cli.scenarios.state import ScenarioError

        plan = read_plan(scenario)
        try:
            outcome = run_scenario(cohort.ledgers, plan, as_of=result.as_of, settings=settings)
        except ScenarioError as exc:
            raise usage(f"{scenario}: {exc}") from None
        scenario_tables = list(ScenarioReport(outcome, display_unit).tables())
    simulation_tables = []
    if simulate:
        simulation_tables = _simulation_tables(cohort.ledgers, plan, result.as_of, settings)
    from tlo_cli.render.report_backtest import backtest_tables

    backtest = backtest_tables(ledgers, settings)
    built = Report(
        result,
        sector_by_year(cohort.ledgers),
        cohort.skipped,
        scenario_tables,
        backtest,
        simulation_tables,
        lang=PRESENTATION.language,
    )
    write_atomic(output, lambda temp: built.write_xlsx(temp, display_unit))
    diagnostic(
        f"wrote {output}: {len(result.assessments)} TLOs ranked, {len(built.at_risk)} at-risk sheets"
    )
    return 1 if cohort.skipped else 0


SIMULATION_PATHS = 10_000


def _simulation_tables(ledgers: Any, plan: Any, as_of: int, settings: Any) -> list[Any]:
    """The tables of `tlo simulate` (SIMULATION_PATHS paths, seed 0) for the report's sheet."""
    import numpy as np

    from tlo_cli.errors import usage
    from tlo_cli.render.simulation import SimulationReport
    from tlo_cli.scenarios.simulate import simulate_cohort
    from tlo_cli.scenarios.state import ScenarioError

    try:
        result = simulate_cohort(
            ledgers,
            rng=np.random.default_rng(0),
            paths=SIMULATION_PATHS,
            years=settings.thresholds.horizon,
            plan=plan,
            as_of=as_of,
            settings=settings,
        )
    except ScenarioError as exc:
        raise usage(str(exc)) from None
    return list(SimulationReport(result, 0).tables())
