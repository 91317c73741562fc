"""The report of `tlo simulate`: its JSON document (docs/scenarios.md, Simulation) and tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tlo_cli.render.tables import Col, Column, TableData

if TYPE_CHECKING:
    from tlo_cli.scenarios.simulate import SimulatedCohort, SimulationResult


def _simulated(cohort: SimulatedCohort) -> dict[str, Any]:
    return {"tlos": [t.to_dict() for t in cohort.tlos], "cohort": cohort.cohort_dict()}


@dataclass(frozen=True, slots=True)
class SimulationReport:
    """`tlo simulate`: probabilities of deficit and the spread of ordinary profit."""

    result: SimulationResult
    seed: int | None = None

    def to_dict(self) -> dict[str, Any]:
        from tlo_cli.scenarios.growth import PRIOR_DEGREES, SIGMA_FLOOR, TAU_FLOOR
        from tlo_cli.scenarios.spread import MIN_CLIFFS, SPREAD_FLOOR

        r = self.result
        out: dict[str, Any] = {
            "paths": r.paths,
            "years": r.years,
            "seed": self.seed,
            "as_of": r.as_of,
            "unit": "JPY",
            "fiscal_years": list(r.fiscal_years),
            "assumptions": {
                "cost_growth": r.cost_growth,
                "materiality": r.materiality,
                "spread_floor": SPREAD_FLOOR,
                "min_cliff_events": MIN_CLIFFS,
                "sigma_floor": SIGMA_FLOOR,
                "sigma_prior_degrees": PRIOR_DEGREES,
                "tau_floor": TAU_FLOOR,
                "growth_model": r.model.to_dict(),
                "other_revenue_model": r.other_model.to_dict() if r.other_model else None,
                "cost_model": r.cost_model.to_dict() if r.cost_model else None,
            },
            **_simulated(r.before),
            "not_included": [n.to_dict() for n in r.not_included],
        }
        if r.after is not None:
            out["scenario"] = {"name": r.plan_name, "steps": [s.to_dict() for s in r.steps]}
            out["after"] = _simulated(r.after)
        return out

    def tables(self) -> list[TableData]:
        import numpy as np

        r = self.result
        tables = [self._tlo_table(r.before, "")]
        if r.after is not None:
            tables.append(self._tlo_table(r.after, " after the scenario"))
        columns = [
            Column("year", "FY", Col.YEAR),
            Column("expected", "expected TLOs in deficit", Col.NUMBER),
            Column("p05", "5th pct", Col.NUMBER),
            Column("p95", "95th pct", Col.NUMBER),
        ]
        if r.after is not None:
            columns += [
                Column("expected_after", "after: expected", Col.NUMBER),
                Column("p05_after", "5th pct", Col.NUMBER),
                Column("p95_after", "95th pct", Col.NUMBER),
            ]
        rows = []
        for k, fy in enumerate(r.fiscal_years):
            row: dict[str, Any] = {
                "year": fy,
                "expected": r.before.expected_deficit_by_year[k],
                "p05": r.before.deficit_p05_by_year[k],
                "p95": r.before.deficit_p95_by_year[k],
            }
            if r.after is not None:
                row["expected_after"] = r.after.expected_deficit_by_year[k]
                row["p05_after"] = r.after.deficit_p05_by_year[k]
                row["p95_after"] = r.after.deficit_p95_by_year[k]
            rows.append(row)
        notes = [
            f"{r.paths:,} paths, seed {self.seed}; licensing log-growth = μ + a common yearly "
            f"shock (σ {np.sqrt(r.model.shock_variance):.3f}) + Student-t noise "
            f"(ν {r.model.nu:g}, spread σ ≥ 0.05); μ shrunk toward the sector's value-weighted "
            f"growth {r.model.sector_growth:+.3f} (standard error "
            f"{np.sqrt(r.model.sector_growth_variance):.3f}) and drawn per path from its "
            "uncertainty; distributions at each TLO's payout ratio. "
            + _blocks(r)
            + f"A deficit is ordinary profit below −{r.materiality:.0%} of expenses; the 90% "
            "interval is the 5th–95th percentile over paths."
        ]
        notes += [f"Not included: {n.id} — {n.reason}" for n in r.not_included]
        tables.append(TableData("Cohort: number of TLOs in deficit", columns, rows, notes))
        return tables

    def _tlo_table(self, cohort: SimulatedCohort, suffix: str) -> TableData:
        r = self.result
        last = f"FY{r.fiscal_years[-1]}"
        columns = [
            Column("id", "id"),
            Column("name", "name"),
            Column("mu", "μ", Col.NUMBER),
            Column("sigma", "σ", Col.NUMBER),
            *(Column(f"p{fy}", f"P(deficit) FY{fy}", Col.RATIO) for fy in r.fiscal_years),
            Column("any", "P(any year)", Col.RATIO),
            Column("p05", f"{last} ordinary profit: 5th pct", Col.YEN),
            Column("p50", "median", Col.YEN),
            Column("p95", "95th pct", Col.YEN),
        ]
        rows = []
        for t in cohort.tlos:
            row: dict[str, Any] = {"id": t.id, "name": t.name, "mu": t.mu, "sigma": t.sigma}
            row.update(
                {f"p{fy}": p for fy, p in zip(r.fiscal_years, t.p_deficit_by_year, strict=True)}
            )
            row.update(
                any=t.p_deficit_any,
                p05=t.p05_ordinary_profit_by_year[-1],
                p50=t.p50_ordinary_profit_by_year[-1],
                p95=t.p95_ordinary_profit_by_year[-1],
            )
            rows.append(row)
        return TableData(
            f"Probability of deficit{suffix}, FY{r.fiscal_years[0]}–{last}", columns, rows
        )


def _blocks(r: SimulationResult) -> str:
    """The estimated spreads of other revenue and costs, and the cost change at the cliff."""
    from tlo_cli.scenarios.spread import MIN_CLIFFS

    o, c = r.other_model, r.cost_model
    if o is None or c is None:
        return ""
    cliff = (
        f"at the subsidy cliff costs change by {c.cliff:+.3f} (log, {c.cliff_events} past cliffs)"
        if c.cliff_events >= MIN_CLIFFS
        else f"no cost change at the subsidy cliff ({c.cliff_events} past cliffs)"
    )
    return (
        f"Other revenue log-change σ {o.sigma:.3f} + common σ {o.shock_sd:.3f}; costs grow "
        f"{r.cost_growth:.1%} a year, log-change σ {c.sigma:.3f} + common σ {c.shock_sd:.3f}; "
        f"{cliff}. "
    )
