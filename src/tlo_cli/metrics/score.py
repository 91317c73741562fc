"""The health score: a weighted mean of percentile ranks within a peer group (0–100)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

RUNWAY_CAP_YEARS = 10.0


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights of the score's components; they are normalised to sum to 1."""

    margin_ex_subsidy: float = 0.35
    self_sustainability: float = 0.25
    licensing_trend: float = 0.20
    coverage: float = 0.20  # runway (external, capped at 10 years) / cost coverage (internal)

    def normalised(self) -> tuple[float, float, float, float]:
        parts = (
            self.margin_ex_subsidy,
            self.self_sustainability,
            self.licensing_trend,
            self.coverage,
        )
        total = sum(parts)
        if not total > 0 or not all(0 <= p < float("inf") for p in parts):
            raise ValueError("weights must be finite, non-negative and not all zero")
        return tuple(p / total for p in parts)  # type: ignore[return-value]


COMPONENTS = ("margin_ex_subsidy", "self_sustainability", "licensing_trend", "coverage")
MIN_GROUP = 5  # a smaller peer group is scored against the whole cohort


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


def coverage_component(runway: np.ndarray, cost_coverage: np.ndarray, internal: bool) -> np.ndarray:
    """The fourth component: runway capped at 10 years (no loss counts as the cap) for external
    TLOs; cost coverage for TLOs inside a university."""
    if internal:
        return np.asarray(cost_coverage, dtype=float)
    return np.minimum(np.asarray(runway, dtype=float), RUNWAY_CAP_YEARS)


@dataclass(frozen=True, slots=True)
class PeerScores:
    """Per TLO: score (NaN when not scored), and each component's percentile and missing flag."""

    score: np.ndarray
    percentile: dict[str, np.ndarray]
    missing: dict[str, np.ndarray]
    reference: dict[str, str]  # group → what it was ranked against ("group" or "cohort")


def peer_scores(
    *,
    components: dict[str, np.ndarray],
    runway: np.ndarray,
    cost_coverage: np.ndarray,
    internal: np.ndarray,
    scoreable: np.ndarray,
    weights: Weights = Weights(),
) -> PeerScores:
    """score = 100 × Σ weight × percentile rank within the peer group (external or internal),
    over margin ex subsidy, self-sustainability, licensing trend (higher better each) and
    coverage (:func:`coverage_component`). A group of fewer than 5 scoreable TLOs is ranked
    against every scoreable TLO. A missing component counts as the median (0.5) and is named.
    """
    w = dict(zip(COMPONENTS, weights.normalised(), strict=True))
    n = len(internal)
    score = np.full(n, np.nan)
    pct = {name: np.full(n, np.nan) for name in COMPONENTS}
    miss = {name: np.zeros(n, dtype=bool) for name in COMPONENTS}
    reference: dict[str, str] = {}
    ok = np.asarray(scoreable, dtype=bool)
    inside = np.asarray(internal, dtype=bool)
    for group, is_internal in (("external", False), ("internal", True)):
        members = ok & (inside == is_internal)
        if not members.any():
            continue
        ref = members if members.sum() >= MIN_GROUP else ok
        reference[group] = "group" if ref is members else "cohort"
        total = np.zeros(n)
        for name in COMPONENTS:
            values = (
                coverage_component(runway, cost_coverage, is_internal)
                if name == "coverage"
                else np.asarray(components[name], dtype=float)
            )
            ranked = np.where(ref, values, np.nan)
            p = percentile_rank(ranked)
            unknown = np.isnan(values)
            p = np.where(unknown, 0.5, p)
            pct[name] = np.where(members, p, pct[name])
            miss[name] = np.where(members, unknown, miss[name])
            total += w[name] * p
        score = np.where(members, 100.0 * total, score)
    return PeerScores(score, pct, miss, reference)


def rank_order(
    ids: Sequence[str],
    score: np.ndarray,
    ordinary_profit: np.ndarray,
    groups: Sequence[str] | None = None,
) -> list[int]:
    """Indices best first: by peer group (external first), score descending (unscored last),
    then ordinary profit descending, then id."""
    scores = np.nan_to_num(np.asarray(score, dtype=float), nan=-np.inf).tolist()
    profits = np.nan_to_num(np.asarray(ordinary_profit, dtype=float), nan=-np.inf).tolist()
    order = {"external": 0, "internal": 1}
    g = [order.get(x, 0) for x in groups] if groups is not None else [0] * len(ids)
    return sorted(range(len(ids)), key=lambda i: (g[i], -scores[i], -profits[i], ids[i]))
