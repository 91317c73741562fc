"""What the Monte Carlo starts from: each entity's drift, spreads, levels and cliff change.

The licensing parameters come from :mod:`growth` over the trend window, the other revenue and
cost spreads and the cost change at the cliff from :mod:`spread`; the levels are the entity's
(pro-forma) as-of year (see :mod:`simulate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tlo_cli.model import Ledger
from tlo_cli.scenarios import growth, spread
from tlo_cli.scenarios.montecarlo import PathInputs
from tlo_cli.scenarios.state import Entity, State


def licensing_history(ledger: Ledger, *, as_of: int, window: int) -> np.ndarray:
    """Licensing income in fiscal years as_of − window + 1 … as_of, NaN where absent and in the
    approval year and before (a partial first year would pass for explosive growth)."""
    approved = ledger.profile.approved_fy
    return np.array(
        [
            np.nan
            if approved is not None and fy <= approved
            else ledger.value("licensing_income", fy)
            for fy in range(as_of - window + 1, as_of + 1)
        ],
        dtype=float,
    )


@dataclass(frozen=True, slots=True, eq=False)
class Drift:
    """Per entity: μ, σ and v (the standard deviation of μ) of licensing log-growth."""

    mu: np.ndarray
    sigma: np.ndarray
    mu_sd: np.ndarray


def parameters(
    entities: Sequence[Entity], state: State, model: growth.GrowthModel | None
) -> tuple[Drift, growth.GrowthModel]:
    """The entities' licensing parameters, with the cohort's ``model`` (estimated when None)."""
    t = state.settings.thresholds
    history = np.array(
        [licensing_history(e.ledger, as_of=state.as_of, window=t.window) for e in entities]
    ).reshape(len(entities), t.window)
    model = model or growth.estimate(history)
    mu, sigma = growth.parameters(history, model, clip=t.growth_clip)
    return Drift(mu, sigma, growth.drift_sd(history, model)), model


def cliff_matrix(entities: Sequence[Entity], as_of: int, kappa: float) -> np.ndarray:
    """κ in each entity's first projected year without subsidy after a year with, else 0."""
    out = np.zeros((len(entities), len(entities[0].outlook.subsidy) if entities else 0))
    for k, e in enumerate(entities):
        before = np.concatenate(
            [[e.ledger.value("subsidy_income", as_of) or 0.0], e.outlook.subsidy[:-1]]
        )
        ends = np.flatnonzero((before > 0) & (e.outlook.subsidy <= 0))
        if len(ends):
            out[k, ends[0]] = kappa
    return out


def path_inputs(
    entities: Sequence[Entity],
    drift: Drift,
    blocks: tuple[spread.BlockModel, spread.BlockModel],
    streams: list[int],
    group: int,
    as_of: int,
) -> PathInputs:
    """Each entity's starting point: its (pro-forma) as-of year, the level a random walk goes
    on from; distributions leave the cost block (they follow licensing at the payout ratio)."""

    def at(e: Entity, items: Sequence[str]) -> float:
        return sum(e.ledger.value(i, as_of) or 0.0 for i in items)

    o = [e.outlook for e in entities]
    other, costs = blocks
    n = len(entities)
    return PathInputs(
        licensing_base=np.array([at(e, ["licensing_income"]) for e in entities]),
        mu=drift.mu,
        sigma=drift.sigma,
        payout=np.array([x.payout for x in o]),
        other_revenue=np.array([at(e, spread.OTHER_ITEMS) for e in entities]),
        expenses_base=np.array([at(e, spread.COST_ITEMS) for e in entities]),
        subsidy=np.array([x.subsidy for x in o]).reshape(len(o), -1),
        extra_costs=np.array([x.extra_costs for x in o]).reshape(len(o), -1),
        stream=np.array(streams, dtype=np.int64),
        group=np.full(len(o), group, dtype=np.int64),
        mu_sd=drift.mu_sd,
        other_sigma=np.full(n, other.sigma),
        cost_sigma=np.full(n, costs.sigma),
        cliff=cliff_matrix(entities, as_of, costs.cliff),
    )


def concat(a: PathInputs, b: PathInputs) -> PathInputs:
    """Both entities' inputs, a's rows first."""
    return PathInputs(
        **{
            name: np.concatenate([getattr(a, name), getattr(b, name)])
            for name in PathInputs.__slots__
            if getattr(a, name) is not None
        }
    )
