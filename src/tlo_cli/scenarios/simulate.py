"""`tlo simulate`: the probability of deficit per TLO and year, before and after a plan.

Each entity starts from its (pro-forma) as-of year and its subsidy schedule; licensing income
follows the one-factor model of :mod:`growth` (a drift μ shrunk toward the sector's recent
value-weighted growth, a common yearly shock, Student-t noise of spread σ; the drift and the
shock's spread drawn per path from their uncertainty), distributions are the payout ratio ×
licensing, other revenue and costs follow random walks whose spreads the cohort's history
estimates (:mod:`spread`; costs drift at ``cost_growth`` and change at the subsidy cliff as the
cohort's did); see :mod:`montecarlo` and docs/scenarios.md, Simulation. A deficit is ordinary
profit below −materiality × expenses, as in the backtest. After a plan, an entity made of one
TLO (alliance, internalization) keeps that TLO's random draws, so that before and after differ
by the change, not by sampling noise; entities the plan left alone get exactly the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from tlo_cli.metrics.assess import NotRanked, Settings
from tlo_cli.model import Ledger
from tlo_cli.scenarios import growth, spread
from tlo_cli.scenarios.inputs import Drift, concat, parameters, path_inputs
from tlo_cli.scenarios.montecarlo import (
    PathStats,
    Shocks,
    quantile_from_histogram,
    simulate_paths,
)
from tlo_cli.scenarios.plan import Plan, apply_plan
from tlo_cli.scenarios.record import StepRecord
from tlo_cli.scenarios.state import (
    Entity,
    ScenarioError,
    initial_state,
)


@dataclass(frozen=True, slots=True)
class SimulatedTlo:
    """One entity: its growth parameters and the distribution of its ordinary profit."""

    id: str
    name: str
    members: tuple[str, ...]
    mu: float
    sigma: float
    p_deficit_any: float
    p_deficit_by_year: tuple[float, ...]
    mean_ordinary_profit_by_year: tuple[float, ...]
    p05_ordinary_profit_by_year: tuple[float, ...]
    p50_ordinary_profit_by_year: tuple[float, ...]
    p95_ordinary_profit_by_year: tuple[float, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            name: list(v) if isinstance(v := getattr(self, name), tuple) else v
            for name in self.__slots__
        }


@dataclass(frozen=True, slots=True)
class SimulatedCohort:
    """Every entity, and the number of them in deficit each year (mean and 90% interval)."""

    tlos: tuple[SimulatedTlo, ...]
    expected_deficit_by_year: tuple[float, ...]
    deficit_p05_by_year: tuple[float, ...]
    deficit_p95_by_year: tuple[float, ...]

    def cohort_dict(self) -> dict[str, Any]:
        return {
            "entities": len(self.tlos),
            "expected_deficit_by_year": list(self.expected_deficit_by_year),
            "deficit_p05_by_year": list(self.deficit_p05_by_year),
            "deficit_p95_by_year": list(self.deficit_p95_by_year),
        }


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """The simulation as run: its settings, the cohort before, and after the plan if any."""

    as_of: int
    paths: int
    years: int
    cost_growth: float
    fiscal_years: tuple[int, ...]
    model: growth.GrowthModel
    before: SimulatedCohort
    after: SimulatedCohort | None
    plan_name: str | None
    steps: tuple[StepRecord, ...]
    not_included: tuple[NotRanked, ...]
    other_model: spread.BlockModel | None = None
    cost_model: spread.BlockModel | None = None
    materiality: float = 0.01  # a deficit is ordinary profit below −materiality × expenses


#: The most paths a simulation runs (about a minute on the sample's 44 TLOs; memory is bounded).
MAX_PATHS = 1_000_000


def _cohort(
    entities: Sequence[Entity],
    stats: PathStats,
    cols: slice,
    drift: Drift,
    group: int,
    counted: np.ndarray,
) -> SimulatedCohort:
    def row(values: np.ndarray, k: int) -> tuple[float, ...]:
        return tuple(float(v) for v in values[:, cols][:, k])

    tlos = tuple(
        SimulatedTlo(
            id=e.id,
            name=e.ledger.profile.name,
            members=e.origin,
            mu=float(drift.mu[k]),
            sigma=float(drift.sigma[k]),
            p_deficit_any=float(stats.p_deficit_any[cols][k]),
            p_deficit_by_year=row(stats.p_deficit, k),
            mean_ordinary_profit_by_year=row(stats.mean, k),
            p05_ordinary_profit_by_year=row(stats.quantiles[0], k),
            p50_ordinary_profit_by_year=row(stats.quantiles[1], k),
            p95_ordinary_profit_by_year=row(stats.quantiles[2], k),
        )
        for k, e in enumerate(entities)
    )
    hist = stats.deficit_histograms[group]
    return SimulatedCohort(
        tlos,
        tuple(float(v) for v in (stats.p_deficit * counted)[:, cols].sum(axis=1)),
        tuple(float(v) for v in quantile_from_histogram(hist, 0.05)),
        tuple(float(v) for v in quantile_from_histogram(hist, 0.95)),
    )


def simulate_cohort(
    ledgers: Sequence[Ledger],
    *,
    rng: np.random.Generator,
    paths: int = 10_000,
    years: int = 5,
    cost_growth: float = 0.0,
    plan: Plan | None = None,
    as_of: int | None = None,
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
    counted: Callable[[str, int], bool] | None = None,
) -> SimulationResult:
    """Simulate every TLO with data for ``as_of`` (and, with ``plan``, the cohort after it).

    At most MAX_PATHS paths; ``progress`` is called with the paths done after each chunk.
    ``counted(id, fiscal_year)`` says whether an entity enters the cohort's number in deficit
    that year (default: every entity); a replay leaves out the TLOs with no outcome to compare.
    """
    if not 1 <= paths <= MAX_PATHS:
        raise ScenarioError(f"paths = {paths}: expected 1 to {MAX_PATHS:,}")
    if not -1.0 < cost_growth <= 10.0:  # also refuses NaN
        raise ScenarioError(f"cost_growth = {cost_growth:g}: expected more than -1, at most 10")
    settings = settings or Settings()
    settings = replace(settings, thresholds=replace(settings.thresholds, horizon=years))
    state, cohort = initial_state(ledgers, as_of=as_of, settings=settings)
    if not state.entities:
        raise ScenarioError(f"no TLO has data for FY{state.as_of}")
    before = list(state.entities)
    drift, model = parameters(before, state, None)
    blocks = spread.estimate(
        [e.ledger for e in before], as_of=state.as_of, window=settings.thresholds.window
    )
    x = path_inputs(before, drift, blocks, list(range(len(before))), 0, state.as_of)
    after: list[Entity] = []
    drift_a = Drift(np.zeros(0), np.zeros(0), np.zeros(0))
    records: tuple[StepRecord, ...] = ()
    if plan is not None:
        applied = apply_plan(state, plan)
        records = tuple(r for r, _ in applied)
        after = list(applied[-1][1].entities)
        column = {e.id: k for k, e in enumerate(before)}
        streams, new = [], len(before)
        for e in after:
            if len(e.origin) == 1:
                streams.append(column[e.origin[0]])
            else:
                streams.append(new)
                new += 1
        drift_a, _ = parameters(after, state, model)
        x = concat(x, path_inputs(after, drift_a, blocks, streams, 1, state.as_of))
    fiscal_years = range(state.as_of + 1, state.as_of + years + 1)
    mask = np.array(
        [[counted is None or counted(e.id, fy) for e in [*before, *after]] for fy in fiscal_years],
        dtype=bool,
    ).reshape(years, len(before) + len(after))
    stats = simulate_paths(
        x,
        counted=None if counted is None else mask,
        paths=paths,
        years=years,
        cost_growth=cost_growth,
        rng=rng,
        shared_streams=len(before),
        nu=model.nu,
        progress=progress,
        shocks=Shocks(
            licensing=float(np.sqrt(model.shock_variance)),
            other=blocks[0].shock_sd,
            costs=blocks[1].shock_sd,
            growth=float(np.sqrt(model.sector_growth_variance)),
            materiality=settings.thresholds.materiality,
            licensing_draws=model.shock_sd_draws if model.shock_dof else None,
            licensing_dof=float(model.shock_dof),
        ),
    )
    n = len(before)
    return SimulationResult(
        as_of=state.as_of,
        paths=paths,
        years=years,
        cost_growth=cost_growth,
        fiscal_years=tuple(range(state.as_of + 1, state.as_of + years + 1)),
        model=model,
        before=_cohort(before, stats, slice(0, n), drift, 0, mask),
        after=_cohort(after, stats, slice(n, None), drift_a, 1, mask) if plan else None,
        plan_name=plan.name if plan else None,
        steps=records,
        not_included=cohort.not_ranked,
        other_model=blocks[0],
        cost_model=blocks[1],
        materiality=settings.thresholds.materiality,
    )
