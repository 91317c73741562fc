"""Calibration of the simulation: replay as-of years and compare with what happened.

From each as-of year A, every TLO with data for A is simulated with its history up to A only;
in each later year Y the TLOs with data for Y are scored (the simulated number in deficit counts
those TLOs only). Two figures:

- coverage: the share of (A, Y) pairs whose observed number in deficit in Y lies within the
  simulated 90% interval (5th–95th percentile over paths);
- Brier score: the mean over TLO-(A, Y) of (P(deficit in Y) − 1[deficit in Y])², against the
  Brier score of the base rate (every TLO given the share of TLO-years in deficit).

A deficit is a recurring ordinary profit below −1% of expenses, as in the backtest and the
simulation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tlo_cli.metrics.backtest import until
from tlo_cli.metrics.cliffs import recurring_deficit
from tlo_cli.model import Ledger
from tlo_cli.scenarios.simulate import simulate_cohort


@dataclass(frozen=True, slots=True)
class ReplayedYear:
    """One (as-of, year) pair: the simulated interval and the observed count."""

    as_of: int
    fiscal_year: int
    tlos: int
    expected: float
    low: float
    high: float
    observed: int
    brier: float

    @property
    def covered(self) -> bool:
        return self.low <= self.observed <= self.high

    def to_dict(self) -> dict[str, Any]:
        return {**{n: getattr(self, n) for n in self.__slots__}, "covered": self.covered}


@dataclass(frozen=True, slots=True)
class Calibration:
    """Every replayed pair, the coverage of the 90% interval and the Brier scores."""

    years: tuple[ReplayedYear, ...]
    brier: float
    brier_base_rate: float

    @property
    def coverage(self) -> float:
        return sum(y.covered for y in self.years) / len(self.years) if self.years else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "years": [y.to_dict() for y in self.years],
            "coverage": self.coverage,
            "brier": self.brier,
            "brier_base_rate": self.brier_base_rate,
        }


def replay(
    ledgers: Sequence[Ledger],
    as_of_years: Sequence[int],
    *,
    paths: int = 2000,
    seed: int = 0,
) -> Calibration:
    """Simulate from each as-of year (every TLO with data then, each ledger cut at as-of) and
    score the later years the ledgers cover, counting in each year the TLOs with data for it."""
    last = max(fy for led in ledgers for fy in led.years)
    by_id = {led.id: led for led in ledgers}
    years, probabilities, outcomes = [], [], []
    for as_of in as_of_years:
        known = [until(led, as_of) for led in ledgers if as_of in led.years]
        if not known or as_of >= last:
            continue
        result = simulate_cohort(
            known,
            rng=np.random.default_rng(seed),
            paths=paths,
            years=last - as_of,
            as_of=as_of,
            counted=lambda tlo_id, fy: fy in by_id[tlo_id].years,
        )
        for k, fy in enumerate(result.fiscal_years):
            tlos = [t for t in result.before.tlos if fy in by_id[t.id].years]
            if not tlos:
                continue
            p = np.array([t.p_deficit_by_year[k] for t in tlos])
            hit = np.array([recurring_deficit(by_id[t.id], fy) for t in tlos])
            probabilities.append(p)
            outcomes.append(hit)
            years.append(
                ReplayedYear(
                    as_of,
                    fy,
                    len(p),
                    result.before.expected_deficit_by_year[k],
                    result.before.deficit_p05_by_year[k],
                    result.before.deficit_p95_by_year[k],
                    int(hit.sum()),
                    float(np.mean((p - hit) ** 2)),
                )
            )
    p_all = np.concatenate(probabilities) if probabilities else np.zeros(0)
    hit_all = np.concatenate(outcomes).astype(float) if outcomes else np.zeros(0)
    base = float(hit_all.mean()) if len(hit_all) else 0.0
    return Calibration(
        tuple(years),
        float(np.mean((p_all - hit_all) ** 2)) if len(p_all) else 0.0,
        float(np.mean((base - hit_all) ** 2)) if len(hit_all) else 0.0,
    )
