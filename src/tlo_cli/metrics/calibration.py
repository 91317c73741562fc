"""How well `simulate` foresaw what followed: its probabilities of deficit against the outcomes.

For each as-of year of the backtest, the simulation is run with the data up to that year; each
TLO's predicted probability of a deficit in each following year with data is set against whether
one came (recurring ordinary profit below −1% of expenses: the backtest's definition, which the
simulation uses too). Figures: the observed frequency
in bins of predicted probability, the Brier score mean((p − y)²), and the coverage of the 90%
interval of the cohort's deficit count (the share of as-of × year pairs whose observed count
lies within [p05, p95]; both count the TLOs with data that year).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tlo_cli.metrics import profit
from tlo_cli.metrics.cliffs import recurring_deficit
from tlo_cli.model import PL_ITEMS, Ledger

BINS = 10


@dataclass(frozen=True, slots=True)
class Forecast:
    """One as-of year's simulation: per TLO id the probability of deficit by fiscal year, and
    the cohort's 90% interval of the deficit count by fiscal year."""

    as_of: int
    p_deficit: dict[str, dict[int, float]]
    count_interval: dict[int, tuple[float, float]]
    counted: dict[int, int] | None = None  # TLOs the interval counts by year (default all)


def simulate_forecast(
    ledgers: Sequence[Ledger],
    *,
    as_of: int,
    years: int,
    paths: int,
    seed: int,
    reported: Mapping[str, Collection[int]] | None = None,
) -> Forecast:
    """The one adapter to `scenarios.simulate.simulate_cohort`: its output as a :class:`Forecast`.

    With ``reported`` (the fiscal years each TLO id has data for), the interval of the number in
    deficit counts, each year, only the TLOs with data that year: those whose outcome is known.
    """
    import numpy as np

    from tlo_cli.scenarios.simulate import simulate_cohort

    def counted(tlo_id: str, fiscal_year: int) -> bool:
        return reported is None or fiscal_year in reported.get(tlo_id, ())

    result = simulate_cohort(
        ledgers,
        rng=np.random.default_rng(seed),
        paths=paths,
        years=years,
        as_of=as_of,
        counted=None if reported is None else counted,
    )
    fys = result.fiscal_years
    cohort = result.before
    return Forecast(
        as_of,
        {t.id: dict(zip(fys, t.p_deficit_by_year, strict=True)) for t in cohort.tlos},
        {
            fy: (lo, hi)
            for fy, lo, hi in zip(
                fys, cohort.deficit_p05_by_year, cohort.deficit_p95_by_year, strict=True
            )
        },
        {fy: sum(counted(t.id, fy) for t in cohort.tlos) for fy in fys},
    )


def ordinary_profit_in(ledger: Ledger, fiscal_year: int) -> float:
    """revenue − expenses of one ledger year."""
    items = {name: ledger.value(name, fiscal_year) or 0.0 for name in PL_ITEMS}
    return float(profit.revenue_of(items) - profit.expenses_of(items))


@dataclass(frozen=True, slots=True)
class Calibration:
    """Predicted against observed, pooled over every as-of year."""

    bins: tuple[
        tuple[float, float, int, float | None, float | None], ...
    ]  # lo, hi, n, mean p, freq
    brier: float | None
    pairs: int
    coverage_90: float | None
    intervals: int
    paths: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "bins": [
                {"low": lo, "high": hi, "n": n, "mean_predicted": p, "observed": f}
                for lo, hi, n, p, f in self.bins
            ],
            "brier": self.brier,
            "pairs": self.pairs,
            "coverage_90": self.coverage_90,
            "intervals": self.intervals,
            "paths": self.paths,
        }


def calibrate(
    forecasts: Sequence[Forecast],
    ledgers: Sequence[Ledger],
    *,
    paths: int = 0,
    materiality: float = 0.01,
) -> Calibration:
    """Bins of predicted probability with the observed frequency, Brier score and coverage; an
    outcome is a deficit when recurring ordinary profit < −materiality × expenses."""
    by_id = {led.id: led for led in ledgers}
    pairs: list[tuple[float, int]] = []
    inside = intervals = 0
    for fc in forecasts:
        counts: dict[int, int] = {}
        seen: dict[int, int] = {}
        for tlo_id, by_year in fc.p_deficit.items():
            ledger = by_id.get(tlo_id)
            if ledger is None:
                continue
            for fy, p in by_year.items():
                if fy not in ledger.years:
                    continue
                y = int(recurring_deficit(ledger, fy, materiality))
                pairs.append((p, y))
                counts[fy] = counts.get(fy, 0) + y
                seen[fy] = seen.get(fy, 0) + 1
        for fy, (lo, hi) in fc.count_interval.items():
            expected = len(fc.p_deficit) if fc.counted is None else fc.counted[fy]
            if expected and seen.get(fy, 0) == expected:  # every counted outcome is known
                intervals += 1
                inside += int(lo <= counts.get(fy, 0) <= hi)
    return Calibration(
        tuple(_bins(pairs)),
        sum((p - y) ** 2 for p, y in pairs) / len(pairs) if pairs else None,
        len(pairs),
        inside / intervals if intervals else None,
        intervals,
        paths,
    )


def _bins(
    pairs: Sequence[tuple[float, int]],
) -> list[tuple[float, float, int, float | None, float | None]]:
    out = []
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        here = [(p, y) for p, y in pairs if lo <= p < hi or (b == BINS - 1 and p == 1.0)]
        n = len(here)
        out.append(
            (
                lo,
                hi,
                n,
                sum(p for p, _ in here) / n if n else None,
                sum(y for _, y in here) / n if n else None,
            )
        )
    return out
