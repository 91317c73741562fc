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

#: Show progress (a bar on a terminal, lines otherwise) from this many path-entity-years on.
PROGRESS_FROM = 5_000_000
#: The most paths (scenarios.simulate.MAX_PATHS; repeated here so that help needs no numpy).
MAX_PATHS = 1_000_000
#: Without a terminal, a progress line at most every this many seconds.
LINE_EVERY = 5.0


def progress_lines(total: int) -> Callable[[int], None]:
    """A callback writing `tlo: simulating: 40% (400,000 of 1,000,000 paths)` lines to stderr,
    at most one every LINE_EVERY seconds and one at the end."""
    import time

    last = [time.monotonic()]

    def report(done: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < LINE_EVERY:
            return
        last[0] = now
        sys.stderr.write(f"tlo: simulating: {done / total:.0%} ({done:,} of {total:,} paths)\n")
        sys.stderr.flush()

    return report


@contextmanager
def progress_bar(
    total: int, *, show: bool, terminal: bool = True
) -> Iterator[Callable[[int], None] | None]:
    """Progress on stderr counting paths: a rich bar on a terminal, plain lines otherwise (a
    log file, CI), or nothing when ``show`` is false."""
    if not show:
        yield None
        return
    if not terminal:
        yield progress_lines(total)
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
        int,
        typer.Option(
            "--paths",
            min=1,
            max=MAX_PATHS,
            help=f"Number of simulated paths (at most {MAX_PATHS:,}; about a minute on 44 TLOs).",
        ),
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
            "--cost-growth",
            min=-0.5,
            max=1.0,
            help="Yearly growth of costs (noise estimated from the cohort on top).",
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
    from tlo_cli.render.simulation import SimulationReport
    from tlo_cli.scenarios.simulate import simulate_cohort
    from tlo_cli.scenarios.state import ScenarioError

    check_as_of(as_of)
    plan = read_plan(scenario) if scenario is not None else None
    cohort, files = load_inputs(ledgers, unit=unit, strict=strict)
    settings = make_settings(window=window, horizon=years, display_unit=display_unit)
    size = paths * years * len(cohort.ledgers) * (2 if plan else 1)
    terminal = sys.stderr.isatty()
    try:
        with progress_bar(paths, show=size >= PROGRESS_FROM, terminal=terminal) as progress:
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
