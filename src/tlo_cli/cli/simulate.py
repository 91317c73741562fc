"""`tlo simulate`: Monte Carlo of licensing income and costs, before and after a plan."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from tlo_cli.cli.options import (
    AsOfOpt,
    BomOpt,
    ColumnsOpt,
    DisplayUnitOpt,
    FormatOpt,
    LangOpt,
    OutputOpt,
    Paths,
    StrictOpt,
    UnitOpt,
    WindowOpt,
)
from tlo_cli.model import Unit
from tlo_cli.render.tables import Format

#: Show a progress bar (on a terminal) from this many path-entity-years on.
PROGRESS_FROM = 5_000_000


@contextmanager
def progress_bar(total: int, *, show: bool) -> Iterator[Callable[[int], None] | None]:
    """A rich progress bar on stderr counting paths, or nothing when ``show`` is false."""
    if not show:
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    from tlo_cli.cli.output import stderr_console

    with Progress(
        "simulating",
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=stderr_console(),
        transient=True,
    ) as bar:
        task = bar.add_task("paths", total=total)
        yield lambda done: bar.update(task, completed=done)


def simulate(
    ledgers: Paths,
    paths: Annotated[
        int, typer.Option("--paths", min=1, help="Number of simulated paths.")
    ] = 10_000,
    years: Annotated[
        int, typer.Option("--years", min=1, max=30, help="Fiscal years simulated after as-of.")
    ] = 5,
    seed: Annotated[
        int,
        typer.Option("--seed", min=0, help="Seed of the random numbers (same seed, same output)."),
    ] = 0,
    cost_growth: Annotated[
        float,
        typer.Option(
            "--cost-growth", min=-0.5, max=1.0, help="Yearly growth of costs (noise σ 0.03 on top)."
        ),
    ] = 0.0,
    scenario: Annotated[
        Path | None,
        typer.Option(
            "--scenario",
            help="A TOML plan: simulate the cohort before and after it.",
            metavar="FILE.toml",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    window: WindowOpt = 5,
    fmt: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    lang: LangOpt = None,
    columns: ColumnsOpt = None,
    bom: BomOpt = False,
    unit: UnitOpt = None,
    display_unit: DisplayUnitOpt = Unit.THOUSAND,
    strict: StrictOpt = False,
) -> int:
    """Monte Carlo of licensing income and costs: probability of deficit per TLO and year, percentiles of ordinary profit, the cohort's expected number in deficit."""
    import numpy as np

    from tlo_cli.cli.common import check_as_of, load_inputs, make_settings
    from tlo_cli.cli.output import emit
    from tlo_cli.cli.plans import read_plan
    from tlo_cli.errors import usage
    from tlo_cli.render.scenario import SimulationReport
    from tlo_cli.scenarios.simulate import simulate_cohort
    from tlo_cli.scenarios.state import ScenarioError

    check_as_of(as_of)
    plan = read_plan(scenario) if scenario is not None else None
    cohort, files = load_inputs(ledgers, unit=unit, strict=strict)
    settings = make_settings(window=window, horizon=years, display_unit=display_unit)
    size = paths * years * len(cohort.ledgers) * (2 if plan else 1)
    show = sys.stderr.isatty() and size >= PROGRESS_FROM
    try:
        with progress_bar(paths, show=show) as progress:
            result = simulate_cohort(
                cohort.ledgers,
                rng=np.random.default_rng(seed),
                paths=paths,
                years=years,
                cost_growth=cost_growth,
                plan=plan,
                as_of=as_of,
                settings=settings,
                progress=progress,
            )
    except ScenarioError as exc:
        raise usage(f"{scenario}: {exc}" if scenario else str(exc)) from None
    inputs = [*files, scenario] if scenario else files
    emit(SimulationReport(result, seed), fmt=fmt, output=output, inputs=inputs, unit=display_unit)
    return 1 if cohort.skipped else 0
