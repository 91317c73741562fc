"""The simulation's other random items: other revenue and costs, and the cost cut at the cliff.

For an item block X — other revenue (membership + contract + other income + operating grant) or
costs (personnel + patent + admin + other expenses; distributions follow licensing) — of TLO i
the yearly log-change d_it = ln(X_it / X_i,t−1) (both positive, both after the approval year)
is modelled as d_it = δ + F_t + σ W_it, with F_t ~ Normal(0, σ_F²) common to the sector that
year and W_it ~ Normal(0, 1). Estimated, pooled over the TLOs, from the history up to as-of:

- m_t = mean of d_it over the n_t TLOs with a change in year t;
- σ² = Σ_t Σ_i (d_it − m_t)² / Σ_t (n_t − 1) over the years with n_t ≥ 2, at least 0.03²;
- σ_F² = max(0, var(m_t) − mean(σ² / n_t)) over at least 3 years of means (else 0).

For costs the years right after a subsidy ends (the cliff: a subsidy the year before, none that
year) are left out of σ and σ_F and give the cohort's cost change at the cliff:

- κ = mean over the cliff events of (d_it − m̄_t), m̄_t the mean change of the other TLOs that
  year (0 when none), with at least 2 events (else κ = 0: nothing seen, nothing assumed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tlo_cli.model import Ledger
from tlo_cli.scenarios.growth import MIN_MEANS, growths

SPREAD_FLOOR = 0.03  # σ of a block's yearly log-change is at least this
MIN_CLIFFS = 2  # cliff events needed before the cohort's cost change there is used

#: Recurring revenue besides licensing and the subsidy; costs the simulation draws.
OTHER_ITEMS: tuple[str, ...] = (
    "membership_income",
    "contract_income",
    "other_income",
    "operating_grant_income",
)
COST_ITEMS: tuple[str, ...] = ("personnel_cost", "patent_cost", "admin_cost", "other_expenses")


@dataclass(frozen=True, slots=True)
class BlockModel:
    """What the cohort says about one block's yearly log-change (see the module's formulas)."""

    sigma: float  # σ
    shock_sd: float  # σ_F
    changes: int  # number of d_it used
    cliff: float = 0.0  # κ (costs only)
    cliff_events: int = 0

    def to_dict(self) -> dict[str, object]:
        return {n: getattr(self, n) for n in self.__slots__}


def history(ledger: Ledger, items: tuple[str, ...], *, first: int, last: int) -> np.ndarray:
    """Σ items in fiscal years first … last, NaN where the year is absent or not after the
    approval year (a partial first year)."""
    approved = ledger.profile.approved_fy
    return np.array(
        [
            np.nan
            if fy not in ledger.years or (approved is not None and fy <= approved)
            else sum(ledger.value(i, fy) or 0.0 for i in items)
            for fy in range(first, last + 1)
        ],
        dtype=float,
    )


def cliff_years(subsidy: np.ndarray) -> np.ndarray:
    """Per row and year pair (t − 1, t): True when a subsidy was received in t − 1 (> 0) and
    none in t (0 or absent). Shaped like :func:`growths` of the same rows."""
    s = np.nan_to_num(np.atleast_2d(np.asarray(subsidy, dtype=float)), nan=0.0)
    return (s[:, :-1] > 0) & (s[:, 1:] <= 0)


def _year_means(d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    has = ~np.isnan(d)
    n_t = has.sum(axis=0)
    total = np.where(has, d, 0.0).sum(axis=0)
    return np.where(n_t > 0, total / np.maximum(n_t, 1), np.nan), n_t


def estimate_block(values: np.ndarray, *, exclude: np.ndarray | None = None) -> BlockModel:
    """σ and σ_F of a block from its histories (rows: TLOs, columns: years), leaving out the
    year pairs marked in ``exclude`` (shaped like the changes)."""
    d = growths(values)
    if exclude is not None:
        d = np.where(exclude, np.nan, d)
    m_t, n_t = _year_means(d)
    several = n_t >= 2
    dof = float((n_t[several] - 1).sum())
    squares = np.nansum((d - m_t[None, :])[:, several] ** 2)
    sigma2 = max(SPREAD_FLOOR**2, float(squares) / dof if dof > 0 else 0.0)
    years = n_t > 0
    shock = 0.0
    if years.sum() >= MIN_MEANS:
        noise = float(np.mean(sigma2 / n_t[years]))
        shock = max(0.0, float(np.var(m_t[years], ddof=1)) - noise)
    return BlockModel(float(np.sqrt(sigma2)), float(np.sqrt(shock)), int(n_t.sum()))


def cliff_change(values: np.ndarray, cliffs: np.ndarray) -> tuple[float, int]:
    """κ and the number of cliff events: the mean of d_it − m̄_t over the cliff pairs, m̄_t the
    mean of the year's other changes (0 when none); κ = 0 with fewer than MIN_CLIFFS events."""
    d = growths(values)
    events = cliffs & ~np.isnan(d)
    count = int(events.sum())
    if count < MIN_CLIFFS:
        return 0.0, count
    others, _ = _year_means(np.where(cliffs, np.nan, d))
    reference = np.broadcast_to(np.nan_to_num(others, nan=0.0)[None, :], d.shape)
    return float(np.mean(d[events] - reference[events])), count


def estimate(ledgers: list[Ledger], *, as_of: int, window: int) -> tuple[BlockModel, BlockModel]:
    """Other revenue's and costs' models from the ledgers' years up to as-of: σ and σ_F over
    the trend window, κ over the whole history (cliffs are rare)."""
    start = min((led.years[0] for led in ledgers), default=as_of)
    first = min(start, as_of - window + 1)

    def rows(items: tuple[str, ...]) -> np.ndarray:
        return np.array(
            [history(led, items, first=first, last=as_of) for led in ledgers], dtype=float
        ).reshape(len(ledgers), as_of - first + 1)

    other, costs = rows(OTHER_ITEMS), rows(COST_ITEMS)
    subsidy = np.array(
        [
            [led.value("subsidy_income", fy) or 0.0 for fy in range(first, as_of + 1)]
            for led in ledgers
        ],
        dtype=float,
    ).reshape(costs.shape)
    cliffs = cliff_years(subsidy)
    recent = slice(max(0, costs.shape[1] - window), None)
    kappa, events = cliff_change(costs, cliffs)
    cost_model = estimate_block(costs[:, recent], exclude=cliffs[:, recent])
    return (
        estimate_block(other[:, recent]),
        BlockModel(cost_model.sigma, cost_model.shock_sd, cost_model.changes, kappa, events),
    )
