"""Licensing growth for the simulation: the one-factor model and its estimator.

The yearly log-growth of licensing income of TLO i in year t is

    d_it = μ_i + f_t + ε_it,    f_t ~ Normal(0, σ_f²),    ε_it = σ_i √((ν − 2)/ν) T_ν

with f_t a shock common to the whole sector that year and ε_it Student-t noise of standard
deviation σ_i (heavy tails: a TLO loses or wins a large licence now and then). Estimated from
the TLOs' histories over the trend window (the approval year and the years before left out):

- m_t = mean of d_it over the n_t TLOs with a growth in year t; residuals e_it = d_it − m_t;
  per TLO r_i = mean of e_it over its n_i years and s_i² their sample variance;
- σ_ε² = Σ (n_i − 1) s_i² / Σ (n_i − 1), the pooled within-TLO variance;
- σ_f² = max(0, var(m_t) − mean(σ_ε² / n_t)), or 0.1² when fewer than 3 years of means exist;
- τ² = max(0.05², var(r_i) − mean(σ_ε² / n_i)), the spread of the TLOs' own drifts, never 0;
- g = the sector's recent value-weighted growth: the mean over the last 3 years of
  ln(Σ_i L_it / Σ_i L_i,t−1) (TLOs with income in both years);
- μ_i = g + w_i r_i with w_i = n_i τ² / (n_i τ² + σ_ε²) (empirical Bayes), clipped to ±30%;
- σ_i² = (κ σ_ε² + (n_i − 1) s_i²) / (κ + n_i − 1), κ = 4 (Smyth's moderated variance), σ_i ≥ 0.05.

Parameter uncertainty (drawn once per path by the simulation):

- s_g² = S² / k, the squared standard error of g: S² the sample variance of the sector's yearly
  value-weighted log-growths in the window, k ≤ 3 the years g averages (S = 0.1 with fewer
  than two such years);
- v_i² = (1 − w_i) τ², the posterior variance of the TLO's own drift around μ_i;
- σ_f² on a path = max(0, V (T − 1) / χ²_{T−1} − mean(σ_ε² / n_t)), V = var(m_t) over the T years
  of means: the sampling distribution of the yearly means' variance (V (T − 1) / σ² ~ χ²_{T−1}).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIGMA_FLOOR = 0.05  # the volatility of idiosyncratic log-growth is at least this
TAU_FLOOR = 0.05  # the spread of the TLOs' drifts is at least this
PRIOR_DEGREES = 4.0  # the pooled variance counts as this many years of a TLO's own history
SHOCK_SD_DEFAULT = 0.1  # σ_f when fewer than MIN_MEANS years of means exist
MIN_MEANS = 3
RECENT_YEARS = 3  # years of the sector's value-weighted growth
NU = 4.0  # degrees of freedom of the Student-t noise


@dataclass(frozen=True, slots=True)
class GrowthModel:
    """What the cohort says about licensing log-growth (see the module's formulas)."""

    sector_growth: float  # g
    shock_variance: float  # σ_f²
    between_variance: float  # τ²
    within_variance: float  # σ_ε²
    nu: float
    year_means: tuple[float | None, ...]  # m_t per column of growths (None with none)
    sector_growth_variance: float = 0.0  # s_g²
    year_mean_variance: float = 0.0  # V = var(m_t)
    shock_noise: float = 0.0  # mean(σ_ε² / n_t)
    shock_dof: int = 0  # T − 1 (0: σ_f is not drawn)

    def shock_sd_draws(self, chi2: np.ndarray) -> np.ndarray:
        """σ_f per path from its sampling distribution: √max(0, V (T − 1) / χ² − noise), χ² the
        given χ²_{T−1} draws; σ_f itself on every path when it was not estimated (T < 3)."""
        if self.shock_dof <= 0:
            return np.full(chi2.shape, np.sqrt(self.shock_variance))
        drawn = self.year_mean_variance * self.shock_dof / np.maximum(chi2, 1e-12)
        return np.sqrt(np.maximum(0.0, drawn - self.shock_noise))

    def to_dict(self) -> dict[str, object]:
        return {
            "sector_growth": self.sector_growth,
            "shock_sd": float(np.sqrt(self.shock_variance)),
            "between_variance": self.between_variance,
            "within_variance": self.within_variance,
            "nu": self.nu,
            "sector_growth_sd": float(np.sqrt(self.sector_growth_variance)),
        }


def growths(licensing: np.ndarray) -> np.ndarray:
    """d_t = ln(L_t / L_{t−1}) per TLO (rows) and year (columns); NaN unless both are positive."""
    v = np.atleast_2d(np.asarray(licensing, dtype=float))
    ok = np.nan_to_num(v, nan=0.0) > 0
    pair = ok[:, 1:] & ok[:, :-1]
    safe = np.where(ok, v, 1.0)
    return np.where(pair, np.log(safe[:, 1:] / safe[:, :-1]), np.nan)


def log_growth(licensing: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per TLO the mean of its log-growths (NaN with none), their sample variance (ddof 1; NaN
    with fewer than two) and their number n."""
    return _row_stats(growths(licensing))


def _row_stats(d: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    has = ~np.isnan(d)
    n = has.sum(axis=1)
    total = np.where(has, d, 0.0).sum(axis=1)
    mean = np.where(n > 0, total / np.maximum(n, 1), np.nan)
    dev = np.where(has, d - mean[:, None], 0.0)
    var = np.where(n > 1, (dev**2).sum(axis=1) / np.maximum(n - 1, 1), np.nan)
    return mean, var, n


def sector_growth(licensing: np.ndarray, *, recent: int = RECENT_YEARS) -> float:
    """g = mean over the last ``recent`` year pairs of ln(Σ L_t / Σ L_{t−1}), summing only the
    TLOs with positive income in both years; 0 when no pair exists.

    Example: two TLOs 100 → 90 and 10 → 20 give ln(110 / 110) = 0 (value-weighted), where the
    mean of their own growths would be (ln 0.9 + ln 2) / 2 = +29%.
    """
    logs = _sector_logs(licensing)
    return float(np.mean(logs[-recent:])) if logs else 0.0


def _sector_logs(licensing: np.ndarray) -> list[float]:
    v = np.atleast_2d(np.asarray(licensing, dtype=float))
    ok = np.nan_to_num(v, nan=0.0) > 0
    pair = ok[:, 1:] & ok[:, :-1]
    logs = []
    for t in range(v.shape[1] - 1):
        rows = pair[:, t]
        if rows.any():
            logs.append(float(np.log(v[rows, t + 1].sum() / v[rows, t].sum())))
    return logs


def sector_growth_variance(licensing: np.ndarray, *, recent: int = RECENT_YEARS) -> float:
    """s_g² = S² / k: S² the sample variance of the yearly value-weighted log-growths
    (SHOCK_SD_DEFAULT² with fewer than two), k = min(recent, their number, at least 1).

    Example: yearly growths ln 2, ln 1.1, ln 1.1 give S² = (ln 2 − ln 1.1)² / 3 and k = 3.
    """
    logs = _sector_logs(licensing)
    spread = float(np.var(logs, ddof=1)) if len(logs) >= 2 else SHOCK_SD_DEFAULT**2
    return spread / max(1, min(recent, len(logs)))


def estimate(licensing: np.ndarray) -> GrowthModel:
    """The one-factor model's parameters from the cohort's licensing histories (rows: TLOs)."""
    d = growths(licensing)
    has = ~np.isnan(d)
    n_t = has.sum(axis=0)
    m_t = np.where(n_t > 0, np.where(has, d, 0.0).sum(axis=0) / np.maximum(n_t, 1), np.nan)
    r, s2, n = _row_stats(d - m_t[None, :])
    several = n > 1
    dof = float((n[several] - 1).sum())
    within = float(((n[several] - 1) * s2[several]).sum() / dof) if dof > 0 else SIGMA_FLOOR**2
    years = n_t > 0
    noise = spread = 0.0
    if years.sum() >= MIN_MEANS:
        noise = float(np.mean(within / n_t[years]))
        spread = float(np.var(m_t[years], ddof=1))
        shock = max(0.0, spread - noise)
    else:
        shock = SHOCK_SD_DEFAULT**2
    some = n > 0
    between = 0.0
    if some.sum() >= 2:
        between = float(np.var(r[some], ddof=1) - np.mean(within / n[some]))
    return GrowthModel(
        sector_growth(licensing),
        shock,
        max(TAU_FLOOR**2, between),
        within,
        NU,
        tuple(None if np.isnan(x) else float(x) for x in m_t),
        sector_growth_variance(licensing),
        spread,
        noise,
        int(years.sum()) - 1 if years.sum() >= MIN_MEANS else 0,
    )


def shrinkage_weight(count: np.ndarray, model: GrowthModel) -> np.ndarray:
    """w = n τ² / (n τ² + σ_ε²): the weight of a TLO's own drift (0 with no growth at all)."""
    n = np.asarray(count, dtype=float)
    signal = n * model.between_variance
    return np.where(n > 0, signal / (signal + model.within_variance), 0.0)


def drift_sd(licensing: np.ndarray, model: GrowthModel) -> np.ndarray:
    """v_i = √((1 − w_i) τ²) per row: the posterior standard deviation of the TLO's own drift
    (τ with no growth, shrinking as its years of growth add up)."""
    n = (~np.isnan(_residuals(licensing, model))).sum(axis=1)
    return np.sqrt((1.0 - shrinkage_weight(n, model)) * model.between_variance)


def _residuals(licensing: np.ndarray, model: GrowthModel) -> np.ndarray:
    d = growths(licensing)
    m_t = np.array([np.nan if x is None else x for x in model.year_means], dtype=float)
    residual = d - np.where(np.isnan(m_t), 0.0, m_t)[None, :]
    return np.where(np.isnan(m_t)[None, :], np.nan, residual)


def parameters(
    licensing: np.ndarray, model: GrowthModel, *, clip: float = 0.30
) -> tuple[np.ndarray, np.ndarray]:
    """μ_i = g + w_i r_i (clipped to [ln(1 − clip), ln(1 + clip)]) and σ_i (moderated, floored)
    for each row of ``licensing``, with residuals taken from the model's year means."""
    r, s2, n = _row_stats(_residuals(licensing, model))
    w = shrinkage_weight(n, model)
    mu = model.sector_growth + w * np.nan_to_num(r, nan=0.0)
    mu = np.clip(mu, np.log1p(-clip), np.log1p(clip))
    return mu, volatility(s2, n, model.within_variance)


def volatility(
    var: np.ndarray,
    count: np.ndarray,
    pooled: float,
    *,
    floor: float = SIGMA_FLOOR,
    prior_degrees: float = PRIOR_DEGREES,
) -> np.ndarray:
    """σ = max(floor, √s̃²), s̃² = (κ σ_ε² + (n − 1) s²) / (κ + n − 1), κ = prior_degrees; with
    fewer than two growths, s̃² = σ_ε²."""
    own_dof = np.maximum(np.asarray(count, dtype=float) - 1.0, 0.0)
    own = np.nan_to_num(var, nan=0.0)
    moderated = (prior_degrees * pooled + own_dof * own) / (prior_degrees + own_dof)
    return np.maximum(floor, np.sqrt(moderated))
