"""The Monte Carlo engine: paths of ordinary profit, vectorised, in chunks of bounded size.

For simulated entity i and projected year k = 1 … Y on one path:
    licensing_k = base_i × exp(Σ_{j≤k} (μ_i + F_j + σ_i c T_ij)),  F ~ N(0, σ_f²), T ~ t_ν,
                                                                   c = √((ν − 2)/ν)
    costs_k     = expenses_i × exp(Σ_{j≤k} (ln(1 + g) + 0.03 W_j)),   W ~ N(0, 1)
    ordinary_profit_k = (1 − p_i) licensing_k + other revenue_i + subsidy_ik − costs_k − extra_ik
with F the sector's common shock (one draw per year and path, shared by every entity), p the
payout ratio (distributions proportional to licensing; expenses exclude them), g the cost
growth, other revenue held at its base and the subsidy by schedule. Paths are
computed in single precision (a few yen on amounts of hundreds of millions), sums in double.

Paths are drawn chunk by chunk (a few million numbers at a time), so memory does not grow
with the number of paths: probabilities and means are exact counts and sums; the yearly number
of entities in deficit is kept as an exact histogram; the 5th/50th/95th percentiles of each
entity's profit are the path-weighted mean of each chunk's percentiles (exact when the paths fit
in one chunk; otherwise off by O(1/chunk), far below the Monte Carlo error).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

COST_SIGMA = 0.03  # noise on the yearly growth of costs (docs/scenarios.md)
CHUNK_NUMBERS = 2_000_000  # random numbers per draw per chunk (≈16 MB)
QUANTILES = (0.05, 0.50, 0.95)


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class PathInputs:
    """One row per simulated entity; ``stream`` picks its column of random draws, ``group``
    the cohort it is counted in (0 before, 1 after)."""

    licensing_base: np.ndarray
    mu: np.ndarray
    sigma: np.ndarray
    payout: np.ndarray
    other_revenue: np.ndarray
    expenses_base: np.ndarray
    subsidy: np.ndarray  # (entities, years)
    extra_costs: np.ndarray  # (entities, years)
    stream: np.ndarray
    group: np.ndarray


@dataclass(frozen=True, slots=True, eq=False)
class PathStats:
    """Per entity and year: P(deficit), mean and percentiles; per entity P(any deficit);
    per group the histogram of the number in deficit (years, entities in group + 1)."""

    p_deficit: np.ndarray  # (years, entities)
    p_deficit_any: np.ndarray  # (entities,)
    mean: np.ndarray  # (years, entities)
    quantiles: np.ndarray  # (3, years, entities)
    deficit_histograms: tuple[np.ndarray, ...]


def chunk_sizes(paths: int, per_path: int, budget: int = CHUNK_NUMBERS) -> list[int]:
    """Paths per chunk: as equal as possible, each at most budget / per_path (at least 1)."""
    most = max(1, budget // max(1, per_path))
    chunks = -(-paths // most)
    base, extra = divmod(paths, chunks)
    return [base + (1 if c < extra else 0) for c in range(chunks)]


def quantile_from_histogram(histogram: np.ndarray, q: float) -> np.ndarray:
    """The q-quantile of integers 0, 1, … counted in each row of ``histogram``, interpolated
    linearly between order statistics as numpy.quantile does: position h = (N − 1) q."""
    hist = np.atleast_2d(histogram)
    cum = np.cumsum(hist, axis=1)
    h = (cum[:, -1] - 1) * q
    lo, hi = np.floor(h), np.ceil(h)
    v_lo = (cum <= lo[:, None]).sum(axis=1)
    v_hi = (cum <= hi[:, None]).sum(axis=1)
    return v_lo + (h - lo) * (v_hi - v_lo)


def _noise(rng: np.random.Generator, shape: tuple[int, ...], nu: float) -> np.ndarray:
    """Student-t draws scaled to unit variance, √((ν − 2)/ν) T_ν (standard normal when ν is
    infinite), in single precision."""
    if not np.isfinite(nu):
        return rng.standard_normal(shape, dtype=np.float32)
    return (rng.standard_t(nu, shape) * np.sqrt((nu - 2.0) / nu)).astype(np.float32)


def _draws(
    streams: tuple[np.random.Generator, np.random.Generator],
    m: int,
    years: int,
    shared: int,
    extra: int,
    nu: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The common shocks (years, m), licensing and cost draws (years, shared + extra, m): the
    shocks and the shared columns always come from the first stream in the same order, so the
    cohort before a scenario is drawn identically whether or not a scenario is simulated."""
    first, second = streams
    f = first.standard_normal((years, m), dtype=np.float32)
    z = [_noise(first, (years, shared, m), nu)]
    w = [first.standard_normal((years, shared, m), dtype=np.float32)]
    if extra:
        z.append(_noise(second, (years, extra, m), nu))
        w.append(second.standard_normal((years, extra, m), dtype=np.float32))
    if not extra:
        return f, z[0], w[0]
    return f, np.concatenate(z, axis=1), np.concatenate(w, axis=1)


def _cumulate(values: np.ndarray) -> np.ndarray:
    """Running sums over the first axis (years), in place."""
    for k in range(1, values.shape[0]):
        values[k] += values[k - 1]
    return values


def ordinary_profit_paths(
    x: PathInputs,
    z: np.ndarray,
    w: np.ndarray,
    *,
    cost_growth: float,
    shocks: np.ndarray | None = None,
) -> np.ndarray:
    """Ordinary profit (years, entities, paths) from draws z (licensing) and w (costs), each
    shaped (years, streams, paths), and the common shocks (years, paths) already scaled."""
    same = z.shape[1] == len(x.stream) and bool((x.stream == np.arange(len(x.stream))).all())
    if not same:
        z, w = z[:, x.stream, :], w[:, x.stream, :]
    z *= x.sigma[:, None]
    z += x.mu[:, None]
    if shocks is not None:
        z += shocks[:, None, :]
    licensing = _cumulate(z)
    np.exp(licensing, out=licensing)
    licensing *= (x.licensing_base * (1.0 - x.payout))[:, None]
    w *= COST_SIGMA
    w += np.log1p(cost_growth)
    costs = _cumulate(w)
    np.exp(costs, out=costs)
    costs *= x.expenses_base[:, None]
    licensing -= costs
    licensing += (x.other_revenue[:, None] + x.subsidy - x.extra_costs).T[:, :, None]
    return licensing


def chunk_quantiles(op: np.ndarray, qs: tuple[float, ...] = QUANTILES) -> np.ndarray:
    """numpy.quantile(op, qs, axis=-1) (linear interpolation), by one in-place partition."""
    m = op.shape[-1]
    positions = [(m - 1) * q for q in qs]
    kth = sorted(
        {int(np.floor(h)) for h in positions}
        | {min(m - 1, int(np.floor(h)) + 1) for h in positions}
    )
    op.partition(kth, axis=-1)
    out = []
    for h in positions:
        lo = int(np.floor(h))
        hi = min(m - 1, lo + 1)
        out.append(op[..., lo] + (h - lo) * (op[..., hi] - op[..., lo]))
    return np.array(out)


def simulate_paths(
    x: PathInputs,
    *,
    paths: int,
    years: int,
    cost_growth: float,
    rng: np.random.Generator,
    shared_streams: int,
    shock_sd: float = 0.0,
    nu: float = float("inf"),
    progress: Callable[[int], None] | None = None,
) -> PathStats:
    """Run ``paths`` paths of every entity in ``x`` and gather the statistics; ``shock_sd`` is
    σ_f of the common yearly shock, ``nu`` the degrees of freedom of the noise (inf: normal)."""
    n = len(x.mu)
    extra_streams = max(0, int(x.stream.max()) + 1 - shared_streams) if n else 0
    first, second = rng.spawn(2)
    groups = [np.flatnonzero(x.group == g) for g in range(int(x.group.max()) + 1 if n else 0)]
    deficits = np.zeros((years, n))
    any_deficit = np.zeros(n)
    totals = np.zeros((years, n))
    quantiles = np.zeros((len(QUANTILES), years, n))
    hists = [np.zeros((years, len(g) + 1), dtype=np.int64) for g in groups]
    done = 0
    for m in chunk_sizes(paths, years * max(1, shared_streams)):
        f, z, w = _draws((first, second), m, years, shared_streams, extra_streams, nu)
        f *= shock_sd
        op = ordinary_profit_paths(x, z, w, cost_growth=cost_growth, shocks=f)
        below = op < 0
        deficits += below.sum(axis=2)
        any_deficit += below.any(axis=0).sum(axis=1)
        totals += op.sum(axis=2, dtype=np.float64)
        for hist, members in zip(hists, groups, strict=True):
            count = below[:, members, :].sum(axis=1)  # (years, m)
            width = len(members) + 1
            flat = (count + np.arange(years)[:, None] * width).ravel()
            hist += np.bincount(flat, minlength=years * width).reshape(years, width)
        quantiles += m * chunk_quantiles(op)
        done += m
        if progress is not None:
            progress(done)
    return PathStats(
        deficits / paths, any_deficit / paths, totals / paths, quantiles / paths, tuple(hists)
    )
