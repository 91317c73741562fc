"""Licensing growth per TLO for the simulation: mean and volatility of yearly log-growth.

Each TLO's history is short (a handful of years in the trend window) and young TLOs grow
explosively from near zero, so its own mean log-growth is a noisy estimate. It is shrunk
toward the cohort mean by the normal–normal empirical-Bayes (James–Stein) weight: the more
years a TLO has and the more TLOs differ from one another, the more its own mean counts.
Its volatility is moderated the same way: its own sample variance is pooled with the cohort's,
which counts as PRIOR_DEGREES years of history (the moderated variance of Smyth 2004), so that
two or three erratic early years do not give a TLO a volatility of 200%.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIGMA_FLOOR = 0.05  # docs/scenarios.md: the volatility of licensing log-growth is at least this
PRIOR_DEGREES = 4.0  # the pooled variance counts as this many years of a TLO's own history


@dataclass(frozen=True, slots=True)
class GrowthPrior:
    """What the cohort says about licensing log-growth.

    ``mean`` μ̄ is the cohort mean of the TLOs' mean log-growths; ``between_variance`` τ² how
    much the TLOs' true means differ; ``within_variance`` s²ₚ the pooled year-to-year variance.
    """

    mean: float
    between_variance: float
    within_variance: float

    def to_dict(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in self.__slots__}


def log_growth(licensing: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per TLO (rows) the yearly log-growths d_t = ln(L_t / L_{t−1}) of licensing income.

    Only consecutive fiscal years (columns) with both values positive count. Returns the mean
    of d (NaN with none), its sample variance with ddof 1 (NaN with fewer than two), and the
    number of log-growths n.
    """
    v = np.atleast_2d(np.asarray(licensing, dtype=float))
    ok = np.nan_to_num(v, nan=0.0) > 0
    pair = ok[:, 1:] & ok[:, :-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.where(
            pair, np.log(np.where(pair, v[:, 1:] / np.where(pair, v[:, :-1], 1.0), 1.0)), 0.0
        )
        n = pair.sum(axis=1)
        mean = np.where(n > 0, d.sum(axis=1) / np.maximum(n, 1), np.nan)
        dev = np.where(pair, d - mean[:, None], 0.0)
        var = np.where(n > 1, (dev**2).sum(axis=1) / np.maximum(n - 1, 1), np.nan)
    return mean, var, n


def growth_prior(mean: np.ndarray, var: np.ndarray, count: np.ndarray) -> GrowthPrior:
    """μ̄, τ² and s²ₚ from the TLOs' own estimates.

    μ̄ = mean of the TLOs' means (TLOs with n ≥ 1; 0 when none);
    s²ₚ = Σ (nᵢ − 1) sᵢ² / Σ (nᵢ − 1) over TLOs with nᵢ ≥ 2 (SIGMA_FLOOR² when none);
    τ² = max(0, variance of the TLOs' means − mean of s²ₚ / nᵢ) (method of moments; 0 with
    fewer than two TLOs).
    """
    has = count > 0
    mu_bar = float(np.mean(mean[has])) if has.any() else 0.0
    several = count > 1
    dof = float((count[several] - 1).sum())
    pooled = float(((count[several] - 1) * var[several]).sum() / dof) if dof > 0 else SIGMA_FLOOR**2
    if has.sum() >= 2:
        tau2 = max(0.0, float(np.var(mean[has], ddof=1) - np.mean(pooled / count[has])))
    else:
        tau2 = 0.0
    return GrowthPrior(mu_bar, tau2, pooled)


def shrinkage_weight(count: np.ndarray, prior: GrowthPrior) -> np.ndarray:
    """w = n τ² / (n τ² + s²ₚ): the weight of a TLO's own mean (0 with no log-growth at all;
    1 when the cohort shows no year-to-year noise)."""
    n = np.asarray(count, dtype=float)
    signal = n * prior.between_variance
    total = signal + prior.within_variance
    w = np.where(total > 0, signal / np.where(total > 0, total, 1.0), 1.0)
    return np.where(n > 0, w, 0.0)


def shrunk_mean(
    mean: np.ndarray, count: np.ndarray, prior: GrowthPrior, *, clip: float = 0.30
) -> np.ndarray:
    """μ = w μ̂ + (1 − w) μ̄, clipped to [ln(1 − clip), ln(1 + clip)] like the projection's growth."""
    w = shrinkage_weight(count, prior)
    mu = w * np.nan_to_num(mean, nan=0.0) + (1.0 - w) * prior.mean
    return np.clip(mu, np.log1p(-clip), np.log1p(clip))


def volatility(
    var: np.ndarray,
    count: np.ndarray,
    prior: GrowthPrior,
    *,
    floor: float = SIGMA_FLOOR,
    prior_degrees: float = PRIOR_DEGREES,
) -> np.ndarray:
    """σ = max(floor, √s̃²) with s̃² = (ν s²ₚ + (n − 1) s²) / (ν + n − 1), ν = prior_degrees:
    the TLO's own variance s² (n − 1 degrees of freedom) pooled with the cohort's s²ₚ; with
    fewer than two log-growths, s̃² = s²ₚ."""
    own_dof = np.maximum(np.asarray(count, dtype=float) - 1.0, 0.0)
    own = np.nan_to_num(var, nan=0.0)
    moderated = (prior_degrees * prior.within_variance + own_dof * own) / (prior_degrees + own_dof)
    return np.maximum(floor, np.sqrt(moderated))
