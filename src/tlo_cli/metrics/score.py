"""The health score: a weighted mean of cohort percentile ranks (0–100)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

RUNWAY_CAP_YEARS = 10.0


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights of the score's components; they are normalised to sum to 1."""

    margin_ex_subsidy: float = 0.4
    subsidy_dependence: float = 0.2
    licensing_cagr: float = 0.2
    runway: float = 0.2

    def normalised(self) -> tuple[float, float, float, float]:
        parts = (self.margin_ex_subsidy, self.subsidy_dependence, self.licensing_cagr, self.runway)
        total = sum(parts)
        if total <= 0 or any(p < 0 for p in parts):
            raise ValueError("weights must be non-negative and not all zero")
        return tuple(p / total for p in parts)  # type: ignore[return-value]


def percentile_rank(values: np.ndarray, *, higher_is_better: bool = True) -> np.ndarray:
    """Each value's percentile rank in the cohort, 0 (worst) … 1 (best).

    rank = (r − 1) / (n − 1) with r the 1-based rank, ties sharing their average rank; a
    cohort of one gets 0.5. A missing value (NaN) gets 0: an unknown is never rewarded.
    """
    v = np.asarray(values, dtype=float)
    out = np.zeros(v.shape)
    known = ~np.isnan(v)
    n = int(known.sum())
    if n == 0:
        return out
    if n == 1:
        out[known] = 0.5
        return out
    x = v[known] if higher_is_better else -v[known]
    order = np.argsort(x, kind="stable")
    ranks = np.empty(n)
    ranks[order] = np.arange(1, n + 1)
    for value in np.unique(x):  # average rank for ties
        tie = x == value
        if tie.sum() > 1:
            ranks[tie] = ranks[tie].mean()
    out[known] = (ranks - 1) / (n - 1)
    return out


def health_score(
    *,
    margin_ex_subsidy: np.ndarray,
    subsidy_dependence: np.ndarray,
    licensing_cagr: np.ndarray,
    runway: np.ndarray,
    weights: Weights = Weights(),
) -> np.ndarray:
    """score = 100 × Σ weight × percentile rank, over margin ex subsidy (higher better),
    subsidy dependence (lower better), licensing CAGR (higher better) and runway (higher
    better, capped at 10 years; no loss ex subsidy counts as the cap)."""
    w = weights.normalised()
    capped = np.minimum(np.asarray(runway, dtype=float), RUNWAY_CAP_YEARS)
    parts = (
        percentile_rank(margin_ex_subsidy),
        percentile_rank(subsidy_dependence, higher_is_better=False),
        percentile_rank(licensing_cagr),
        percentile_rank(capped),
    )
    total = np.zeros(np.shape(parts[0]))
    for wi, pi in zip(w, parts, strict=True):
        total += wi * pi
    return 100.0 * total


def rank_order(ids: Sequence[str], score: np.ndarray, ordinary_profit: np.ndarray) -> list[int]:
    """Indices best first: score descending, then ordinary profit descending, then id."""
    scores = np.asarray(score, dtype=float).tolist()
    profits = np.nan_to_num(np.asarray(ordinary_profit, dtype=float), nan=-np.inf).tolist()
    return sorted(range(len(ids)), key=lambda i: (-scores[i], -profits[i], ids[i]))
