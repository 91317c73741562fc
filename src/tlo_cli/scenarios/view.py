"""A cohort state seen as `assess` sees it: as-of figures pro forma, the outlook, the risk level.

Every entity is assessed with the existing figures (:func:`assess_cohort` on the pro-forma
ledgers, the same as-of for before and after), then its risk level is judged again on its
scenario outlook (phase-in, one-off costs, each member's subsidy schedule), so that before
and after are judged by exactly the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tlo_cli.metrics import risk
from tlo_cli.metrics.assess import assess_cohort
from tlo_cli.model import Assessment, ProjectedYear, Risk, profile_dict
from tlo_cli.scenarios.state import Entity, Outlook, State


@dataclass(frozen=True, slots=True)
class Summary:
    """The cohort in one fiscal year: the as-of year pro forma, or a projected year."""

    fiscal_year: int
    pro_forma: bool
    entities: int
    external: int
    deficit: int
    deficit_external: int
    at_risk: int
    ordinary_profit_total: float
    loss_pool: float = 0.0  # Σ min(0, ordinary profit): the losses the cohort carries

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


@dataclass(frozen=True, slots=True, eq=False)
class EntityView:
    """One entity: its assessment (as-of pro forma, risk judged on the outlook) and outlook."""

    assessment: Assessment
    outlook: Outlook
    origin: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.assessment.profile.id

    def profits(self) -> list[float]:
        """Ordinary profit in the as-of year, then in each projected year."""
        return [self.assessment.current.ordinary_profit, *map(float, self.outlook.ordinary_profit)]

    def years(self) -> list[dict[str, Any]]:
        """The as-of year (pro forma) and each projected year: the figures a scenario reports."""
        cur = self.assessment.current
        rows = [
            {
                "fiscal_year": cur.fiscal_year,
                "pro_forma": True,
                "revenue": cur.revenue,
                "expenses": cur.expenses,
                "subsidy_income": cur.items.get("subsidy_income", 0.0),
                "one_off_and_phase_in_costs": 0.0,
                "ordinary_profit": cur.ordinary_profit,
                "ordinary_profit_ex_subsidy": cur.ordinary_profit_ex_subsidy,
            }
        ]
        o = self.outlook
        for k, fy in enumerate(o.fiscal_years):
            rows.append(
                {
                    "fiscal_year": fy,
                    "pro_forma": False,
                    "revenue": float(o.revenue[k]),
                    "expenses": float(o.expenses[k]),
                    "subsidy_income": float(o.subsidy[k]),
                    "one_off_and_phase_in_costs": float(o.extra_costs[k]),
                    "ordinary_profit": float(o.ordinary_profit[k]),
                    "ordinary_profit_ex_subsidy": float(o.ordinary_profit_ex_subsidy[k]),
                }
            )
        return rows

    def to_dict(self) -> dict[str, Any]:
        a = self.assessment
        p = profile_dict(a.profile)
        return {
            **{k: p[k] for k in ("id", "name", "form", "region", "internal", "subsidy_end_fy")},
            "members": list(self.origin),
            "ordinary_profit": a.current.ordinary_profit,
            "ordinary_profit_ex_subsidy": a.current.ordinary_profit_ex_subsidy,
            "risk_level": a.risk.level.value,
            "at_risk": a.risk.at_risk,
            "reasons": [r.to_dict() for r in a.risk.reasons],
            "runway_years": a.risk.to_dict()["runway_years"],
            "years": self.years(),
        }


@dataclass(frozen=True, slots=True, eq=False)
class CohortView:
    """Every entity of a state, and the cohort summary for as-of and each projected year."""

    as_of: int
    entities: tuple[EntityView, ...]
    summaries: tuple[Summary, ...]

    @property
    def summary(self) -> Summary:
        return self.summaries[0]

    def find(self, entity_id: str) -> EntityView | None:
        wanted = entity_id.casefold()
        return next((v for v in self.entities if v.id.casefold() == wanted), None)


def judged_risk(entity: Entity, assessment: Assessment, state: State) -> Risk:
    """The risk verdict (the rules of docs/methodology.md) with the projection replaced by the entity's outlook."""
    a, o, t = assessment, entity.outlook, state.settings.thresholds
    projected = tuple(
        ProjectedYear(
            fy,
            float(o.licensing[k]),
            float(o.subsidy[k]),
            float(o.revenue[k]),
            float(o.expenses[k]),
            float(o.ordinary_profit[k]),
            float(o.ordinary_profit_ex_subsidy[k]),
        )
        for k, fy in enumerate(o.fiscal_years)
    )
    # beyond the horizon, to the cliff year, the assessment's own projection stands
    projected += tuple(p for p in a.risk.projection if p.fiscal_year > o.fiscal_years[-1])
    level, reasons = risk.assess_risk(
        replace(a.situation, projection=projected), t, state.settings.reason_unit
    )
    return replace(a.risk, level=level, reasons=tuple(reasons), projection=projected)


def view_state(state: State) -> CohortView:
    """Assess every entity of ``state`` as of its year and summarise the cohort year by year."""
    cohort = assess_cohort(
        [e.ledger for e in state.entities], as_of=state.as_of, settings=state.settings
    )
    views = []
    for entity in state.entities:
        a = cohort.find(entity.id)
        assert a is not None, entity.id  # every entity has data for as-of
        a = replace(a, risk=judged_risk(entity, a, state))
        views.append(EntityView(a, entity.outlook, entity.origin))
    years = [state.as_of, *(fy for fy in _fiscal_years(state))]
    summaries = []
    for k, fy in enumerate(years):
        profits = [v.profits()[k] for v in views]
        external = [v.assessment.profile.internal is False for v in views]
        summaries.append(
            Summary(
                fiscal_year=fy,
                pro_forma=k == 0,
                entities=len(views),
                external=sum(external),
                deficit=sum(p < 0 for p in profits),
                deficit_external=sum(p < 0 and x for p, x in zip(profits, external, strict=True)),
                at_risk=sum(v.assessment.risk.at_risk for v in views),
                ordinary_profit_total=float(sum(profits)),
                loss_pool=float(sum(min(0.0, p) for p in profits)),
            )
        )
    return CohortView(state.as_of, tuple(views), tuple(summaries))


def _fiscal_years(state: State) -> tuple[int, ...]:
    return tuple(range(state.as_of + 1, state.as_of + state.horizon + 1))
