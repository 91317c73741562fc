"""Replaying the verdict: every as-of year judged with the data of its time, against what followed.

A TLO-year is flagged when the verdict then was at risk (`high` or `medium`; the `high` level is
counted on its own too). It is followed by a deficit when recurring ordinary profit falls below
−1% of expenses in any of the next ``horizon`` fiscal years or in the cliff year (the first
year without the subsidy). A TLO-year counts once a deficit is seen in its window or its whole
window is in the data; the others (censored) are left out and counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tlo_cli.metrics import profit
from tlo_cli.metrics.assess import Settings, assess_cohort
from tlo_cli.metrics.ratios import is_deficit
from tlo_cli.model import PL_ITEMS, Assessment, Ledger, RiskLevel

LEVELS = ("high", "at_risk")


@dataclass(frozen=True, slots=True)
class Case:
    """One TLO judged as of one fiscal year, and what followed."""

    id: str
    as_of: int
    level: RiskLevel
    deficit_years: tuple[int, ...]  # fiscal years of the window with a deficit
    window: tuple[int, ...]
    cliff_fy: int | None  # the cliff year when it lies in the window
    reasons: tuple[str, ...]
    shown: str  # what the data showed at the time

    @property
    def followed(self) -> bool:
        return bool(self.deficit_years)

    def flagged(self, level: str) -> bool:
        return self.level is RiskLevel.HIGH if level == "high" else self.level is not RiskLevel.LOW

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "as_of": self.as_of,
            "level": self.level.value,
            "deficit_years": list(self.deficit_years),
            "window": [self.window[0], self.window[-1]],
            "reasons": list(self.reasons),
            "shown": self.shown,
        }


@dataclass(frozen=True, slots=True)
class Confusion:
    """Flagged / not flagged × deficit followed / did not, and the figures built on it."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, flagged: bool, followed: bool) -> Confusion:
        key = ("tp" if followed else "fp") if flagged else ("fn" if followed else "tn")
        return replace(self, **{key: getattr(self, key) + 1})

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def recall(self) -> float | None:
        """recall = flagged deficits / deficits followed (tp / (tp + fn))."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def precision(self) -> float | None:
        """precision = flagged deficits / flagged (tp / (tp + fp))."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def base_rate(self) -> float | None:
        """base rate = TLO-years followed by a deficit / TLO-years ((tp + fn) / n)."""
        return (self.tp + self.fn) / self.n if self.n else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "flagged_deficit": self.tp,
            "flagged_no_deficit": self.fp,
            "not_flagged_deficit": self.fn,
            "not_flagged_no_deficit": self.tn,
            "recall": self.recall,
            "precision": self.precision,
            "base_rate": self.base_rate,
        }


def confusion(cases: Sequence[Case], level: str) -> Confusion:
    out = Confusion()
    for case in cases:
        out = out.add(case.flagged(level), case.followed)
    return out


@dataclass(frozen=True, slots=True)
class Backtest:
    """Every case replayed, the censored ones counted, and the settings in force."""

    cases: tuple[Case, ...]
    censored: int
    horizon: int
    as_of_years: tuple[int, ...]
    calibration: Any = field(default=None)

    def overall(self, level: str) -> Confusion:
        return confusion(self.cases, level)

    def by_year(self, level: str) -> dict[int, Confusion]:
        return {
            fy: confusion([c for c in self.cases if c.as_of == fy], level)
            for fy in self.as_of_years
        }

    def cliff(self) -> Confusion:
        """At risk against deficits in the cliff year, over the cases whose window holds it."""
        return confusion([c for c in self.cases if c.cliff_fy is not None], "at_risk")

    def misses(self, level: str = "at_risk") -> list[Case]:
        return [c for c in self.cases if c.followed and not c.flagged(level)]

    def false_alarms(self, level: str = "high") -> list[Case]:
        return [c for c in self.cases if c.flagged(level) and not c.followed]

    def to_dict(self) -> dict[str, Any]:
        cliff = self.cliff()
        return {
            "horizon": self.horizon,
            "as_of_years": list(self.as_of_years),
            "cases": len(self.cases),
            "censored": self.censored,
            "overall": {level: self.overall(level).to_dict() for level in LEVELS},
            "cliff_year": cliff.to_dict(),
            "by_year": [
                {
                    "as_of": fy,
                    **{level: self.by_year(level)[fy].to_dict() for level in LEVELS},
                }
                for fy in self.as_of_years
            ],
            "misses": [c.to_dict() for c in self.misses()],
            "false_alarms_high": [c.to_dict() for c in self.false_alarms()],
            "false_alarms_at_risk": [c.to_dict() for c in self.false_alarms("at_risk")],
            "calibration": None if self.calibration is None else self.calibration.to_dict(),
        }


def _deficits(ledger: Ledger, years: Sequence[int], materiality: float) -> tuple[int, ...]:
    """The fiscal years in which recurring ordinary profit < −materiality × expenses."""
    out = []
    for fy in years:
        if fy not in ledger.years:
            continue
        items = {name: ledger.value(name, fy) or 0.0 for name in PL_ITEMS}
        revenue = profit.revenue_of(items)
        expenses = profit.expenses_of(items)
        recurring = revenue - expenses - items["one_off_income"]
        if is_deficit(recurring, expenses, materiality):
            out.append(fy)
    return tuple(out)


def _shown(a: Assessment) -> str:
    f = a.figures
    cur = a.current
    dep = cur.subsidy_dependence
    parts = [
        f"recurring profit {(f.get('recurring_ordinary_profit') or 0) / 1000:,.0f} 千円",
        f"ex subsidy {(f.get('recurring_ordinary_profit_ex_subsidy') or 0) / 1000:,.0f} 千円",
        f"subsidy {0 if dep is None else dep:.0%} of revenue",
        f"{a.usable_years} usable years",
    ]
    if a.profile.subsidy_end_fy is not None:
        parts.append(f"subsidy to FY{a.profile.subsidy_end_fy}")
    return "; ".join(parts)


def replay(ledgers: Sequence[Ledger], settings: Settings | None = None) -> Backtest:
    """Judge every TLO as of every fiscal year with a later year in the data, using only what
    the TLO's ledger showed up to that year, and compare with what followed."""
    settings = settings or Settings()
    t = settings.thresholds
    by_id = {led.id: led for led in ledgers}
    years = sorted({fy for led in ledgers for fy in led.years})
    cases: list[Case] = []
    censored = 0
    as_of_years = []
    for as_of in years[:-1]:
        truncated = [until(led, as_of) for led in ledgers if led.years[0] <= as_of]
        result = assess_cohort(truncated, as_of=as_of, settings=settings)
        counted = False
        for a in result.assessments:
            ledger = by_id[a.profile.id]
            end = a.profile.subsidy_end_fy
            cliff = end + 1 if end is not None and end >= as_of else None
            window = sorted({*range(as_of + 1, as_of + t.horizon + 1), *([cliff] if cliff else [])})
            deficit_years = _deficits(ledger, window, t.materiality)
            if not deficit_years and not all(fy in ledger.years for fy in window):
                censored += 1
                continue
            counted = True
            cases.append(
                Case(
                    a.profile.id,
                    as_of,
                    a.risk.level,
                    deficit_years,
                    tuple(window),
                    cliff,
                    tuple(r.code for r in a.risk.reasons),
                    _shown(a),
                )
            )
        if counted:
            as_of_years.append(as_of)
    return Backtest(tuple(cases), censored, t.horizon, tuple(as_of_years))


def until(ledger: Ledger, as_of: int) -> Ledger:
    """The ledger as it stood at as-of: no year after it."""
    if ledger.years[-1] <= as_of:
        return ledger
    years = tuple(fy for fy in ledger.years if fy <= as_of)
    amounts = {item: {fy: s[fy] for fy in years} for item, s in ledger.amounts.items()}
    return replace(ledger, years=years, amounts=amounts)


def simulate_calibration(
    ledgers: Sequence[Ledger], backtest: Backtest, *, paths: int, seed: int
) -> Backtest:
    """The backtest with the calibration of `simulate` over the same as-of years (each run with
    the data up to its year, ``horizon`` years ahead)."""
    from tlo_cli.metrics.calibration import calibrate, simulate_forecast

    forecasts = [
        simulate_forecast(
            [until(led, fy) for led in ledgers if led.years[0] <= fy],
            as_of=fy,
            years=backtest.horizon,
            paths=paths,
            seed=seed,
            reported={led.id: set(led.years) for led in ledgers},
        )
        for fy in backtest.as_of_years
    ]
    return replace(backtest, calibration=calibrate(forecasts, ledgers, paths=paths))
