"""The Monte Carlo engine: paths of ordinary profit, vectorised, in chunks of bounded size.

For simulated entity i and projected year k = 1 … Y on one path:
    μ̃_i         = μ_i + s_g G + v_i U_i,                 G, U ~ N(0, 1) once per path
    licensing_k = base_i × exp(Σ_{j≤k} (μ̃_i + F_j + σ_i c T_ij)),  F ~ N(0, σ_f²), T ~ t_ν,
                                                                   c = √((ν − 2)/ν),
                  σ_f drawn once per path when ``Shocks.licensing_draws`` is given
    other_k     = other_i × exp(Σ_{j≤k} (F^o_j + σ_o,i V_ij)),   F^o ~ N(0, σ_fo²), V ~ N(0, 1)
    costs_k     = expenses_i × exp(Σ_{j≤k} (ln(1 + g) + κ_ij + F^c_j + σ_c,i W_ij)),
                                                                 F^c ~ N(0, σ_fc²), W ~ N(0, 1)
    ordinary_profit_k = (1 − p_i) licensing_k + other_k + subsidy_ik − costs_k − extra_ik
with F, F^o, F^c the sector's common shocks (one draw per year and path, shared by every
entity), s_g the standard error of the sector's growth and v_i that of the TLO's drift
(parameter uncertainty, one draw per path), p the payout ratio (distributions proportional to
licensing; expenses exclude them), g the cost growth, κ_ij the log cost change in the year after
the subsidy ends (0 in the other years) and the subsidy by schedule. A path is in deficit in year
k when ordinary_profit_k < −a × expenses_k, expenses_k = costs_k + p_i licensing_k + extra_ik
(a the materiality). Paths are computed in single precision (a few yen on amounts of hundreds
of millions), sums in double.

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

COST_SIGMA = 0.03  # noise on the yearly growth of costs when none is estimated
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
    mu_sd: np.ndarray | None = None  # v_i (None: 0)
    other_sigma: np.ndarray | None = None  # σ_o,i (None: 0)
    cost_sigma: np.ndarray | None = None  # σ_c,i (None: COST_SIGMA)
    cliff: np.ndarray | None = None  # κ (entities, years) (None: 0)

    def column(self, name: str, default: float) -> np.ndarray:
        """The per-entity array ``name`` (``default`` for every entity when unset), single precision."""
        value = getattr(self, name)
        out = np.full(len(self.mu), default) if value is None else np.asarray(value, float)
        return out.astype(np.float32)


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


@dataclass(frozen=True, slots=True, eq=False)
class Draws:
    """One chunk's standard draws: common shocks f (licensing), fo (other revenue), fc (costs),
    each (years, m); g (m,) the sector-growth draw; chi2 (m,) the χ² draw of σ_f; per stream u (streams, m) the drift draw and
    z (licensing, Student-t), v (other revenue), w (costs), each (years, streams, m)."""

    f: np.ndarray
    fo: np.ndarray
    fc: np.ndarray
    g: np.ndarray
    chi2: np.ndarray
    u: np.ndarray
    z: np.ndarray
    v: np.ndarray
    w: np.ndarray


def _draws(
    streams: tuple[np.random.Generator, np.random.Generator],
    m: int,
    years: int,
    shared: int,
    extra: int,
    nu: float,
    dof: float = 0.0,
) -> Draws:
    """The draws of one chunk of m paths: the common shocks and the shared columns always come
    from the first stream in the same order, so the cohort before a scenario is drawn
    identically whether or not a scenario is simulated."""
    first, second = streams
    f = first.standard_normal((years, m), dtype=np.float32)
    z = [_noise(first, (years, shared, m), nu)]
    w = [first.standard_normal((years, shared, m), dtype=np.float32)]
    fo = first.standard_normal((years, m), dtype=np.float32)
    fc = first.standard_normal((years, m), dtype=np.float32)
    g = first.standard_normal(m, dtype=np.float32)
    u = [first.standard_normal((shared, m), dtype=np.float32)]
    v = [first.standard_normal((years, shared, m), dtype=np.float32)]
    chi2 = first.chisquare(max(dof, 1.0), m) if dof > 0 else np.zeros(m)
    if extra:
        z.append(_noise(second, (years, extra, m), nu))
        w.append(second.standard_normal((years, extra, m), dtype=np.float32))
        u.append(second.standard_normal((extra, m), dtype=np.float32))
        v.append(second.standard_normal((years, extra, m), dtype=np.float32))
    axis = {"u": 0}
    joined = {
        name: parts[0] if len(parts) == 1 else np.concatenate(parts, axis=axis.get(name, 1))
        for name, parts in (("z", z), ("w", w), ("u", u), ("v", v))
    }
    return Draws(f, fo, fc, g, chi2, **joined)


def _cumulate(values: np.ndarray) -> np.ndarray:
    """Running sums over the first axis (years), in place."""
    for k in range(1, values.shape[0]):
        values[k] += values[k - 1]
    return values


#: A year's log change of any simulated item is clipped to ±ln 5 (a fifth to five times the year
#: before): Student-t noise and drawn spreads have tails whose exponential has no finite mean,
#: which made the mean ordinary profit of a path set meaningless (10^19 yen for one TLO).
LOG_STEP_CAP = float(np.log(5.0))


def _level(steps: np.ndarray, base: np.ndarray) -> np.ndarray:
    """base × exp(running sum of the log steps (years, entities, m)), in place; each step
    clipped to ±LOG_STEP_CAP."""
    np.clip(steps, -LOG_STEP_CAP, LOG_STEP_CAP, out=steps)
    levels = _cumulate(steps)
    np.exp(levels, out=levels)
    levels *= base[:, None]
    return levels


@dataclass(frozen=True, slots=True)
class Shocks:
    """The cohort-wide spreads: σ_f, σ_fo, σ_fc of the common shocks and s_g of the sector's
    growth; ``a`` the materiality of a deficit (below −a × expenses); ``licensing_draws`` maps
    χ²_dof draws (``licensing_dof`` degrees of freedom) to σ_f per path (parameter uncertainty;
    None: σ_f on every path)."""

    licensing: float = 0.0
    other: float = 0.0
    costs: float = 0.0
    growth: float = 0.0
    materiality: float = 0.0
    licensing_draws: Callable[[np.ndarray], np.ndarray] | None = None  # χ² → σ_f per path
    licensing_dof: float = 0.0


def ordinary_profit_paths(
    x: PathInputs, d: Draws, *, cost_growth: float, shocks: Shocks = Shocks()
) -> tuple[np.ndarray, np.ndarray]:
    """Ordinary profit (years, entities, paths) and whether each is a deficit, from standard
    draws ``d`` (consumed in place) and the cohort-wide spreads ``shocks``."""
    n = len(x.stream)
    same = d.z.shape[1] == n and bool((x.stream == np.arange(n)).all())
    z, w, v, u = (
        (d.z, d.w, d.v, d.u)
        if same
        else (d.z[:, x.stream, :], d.w[:, x.stream, :], d.v[:, x.stream, :], d.u[x.stream, :])
    )
    drift = u * x.column("mu_sd", 0.0)[:, None]
    drift += x.mu.astype(np.float32)[:, None]
    drift += np.float32(shocks.growth) * d.g[None, :]
    z *= x.sigma[:, None]
    z += drift[None, :, :]
    if shocks.licensing_draws is None:
        z += np.float32(shocks.licensing) * d.f[:, None, :]
    else:
        sd = shocks.licensing_draws(d.chi2).astype(np.float32)
        z += (d.f * sd[None, :])[:, None, :]
    licensing = _level(z, x.licensing_base)
    v *= x.column("other_sigma", 0.0)[:, None]
    v += np.float32(shocks.other) * d.fo[:, None, :]
    other = _level(v, x.other_revenue)
    w *= x.column("cost_sigma", COST_SIGMA)[:, None]
    w += np.float32(np.log1p(cost_growth))
    w += np.float32(shocks.costs) * d.fc[:, None, :]
    if x.cliff is not None:
        w += x.cliff.T[:, :, None].astype(np.float32)
    costs = _level(w, x.expenses_base)
    fixed = (x.subsidy - x.extra_costs).T[:, :, None]
    expenses = costs + x.extra_costs.T.astype(np.float32)[:, :, None]
    op = other
    op += licensing * (1.0 - x.payout).astype(np.float32)[:, None]
    op -= costs
    op += fixed
    licensing *= x.payout.astype(np.float32)[:, None]
    expenses += licensing
    expenses *= np.float32(shocks.materiality)
    expenses += op
    return op, expenses < 0


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
    shocks: Shocks | None = None,
    counted: np.ndarray | None = None,
) -> PathStats:
    """Run ``paths`` paths of every entity in ``x`` and gather the statistics; ``shock_sd`` is
    σ_f of the common yearly shock (unless ``shocks`` gives every spread), ``nu`` the degrees
    of freedom of the noise (inf: normal); ``counted`` (years, entities) marks the entities a
    group's yearly number in deficit counts (default all)."""
    shocks = shocks or Shocks(licensing=shock_sd)
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
        d = _draws(
            (first, second), m, years, shared_streams, extra_streams, nu, shocks.licensing_dof
        )
        op, below = ordinary_profit_paths(x, d, cost_growth=cost_growth, shocks=shocks)
        deficits += below.sum(axis=2)
        any_deficit += below.any(axis=0).sum(axis=1)
        totals += op.sum(axis=2, dtype=np.float64)
        counts = below if counted is None else below & counted[:, :, None]
        for hist, members in zip(hists, groups, strict=True):
            count = counts[:, members, :].sum(axis=1)  # (years, m)
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
