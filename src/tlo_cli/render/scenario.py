"""Reports of `scenario` and `simulate`: their JSON documents (docs/scenarios.md) and tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tlo_cli.model import Unit
from tlo_cli.render.figures import settings_dict
from tlo_cli.render.scenario_tables import scenario_tables
from tlo_cli.render.simulation import SimulationReport  # its own module; kept importable here
from tlo_cli.render.tables import Col, Column, TableData, fmt_value

if TYPE_CHECKING:
    from tlo_cli.scenarios.result import ScenarioResult
    from tlo_cli.scenarios.view import CohortView, EntityView

YEN_KEYS = ("integration_cost", "fee", "transition_cost", "secretariat_cost")
PRO_FORMA_NOTE = (
    "FY{as_of} is pro forma: every change at its full run-rate all year, without one-off costs; "
    "projected years carry phase-in and one-off costs. Risk levels are judged as of FY{as_of} "
    "on each entity's projection, by the same rules as `tlo assess`."
)


def assumptions_text(assumptions: Mapping[str, Any], unit: Unit) -> str:
    """name=value pairs; amounts in the display unit."""
    parts = []
    for key, value in assumptions.items():
        if key.endswith("_basis"):
            continue
        if key in YEN_KEYS and isinstance(value, int | float):
            shown = f"{fmt_value(value, Col.YEN, unit)} {unit.label}"
        elif isinstance(value, list):
            shown = ",".join(f"{v:g}" for v in value)
        elif value is None:
            shown = "default"
        else:
            shown = f"{value:g}" if isinstance(value, float) else str(value)
        parts.append(f"{key}={shown}")
    return ", ".join(parts)


def _side(view: CohortView, entities: list[EntityView]) -> dict[str, Any]:
    return {
        "entities": [v.to_dict() for v in entities],
        "summary": view.summary.to_dict(),
        "summary_by_year": [s.to_dict() for s in view.summaries],
    }


@dataclass(frozen=True, slots=True)
class ScenarioReport:
    """`tlo scenario …`: the cohort before and after, the entities changed, the assumptions."""

    result: ScenarioResult
    unit: Unit = Unit.THOUSAND  # of the amounts written into the assumptions column

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        return {
            "scenario": {
                "kind": r.kind,
                "name": r.name,
                "description": r.description,
                "members": list(r.affected_before),
                "assumptions": r.assumptions,
            },
            "steps": [s.to_dict() for s in r.steps],
            "as_of": r.as_of,
            "unit": "JPY",
            "fiscal_years": [s.fiscal_year for s in r.before.summaries],
            "before": _side(r.before, r.before_entities()),
            "after": _side(r.after, r.after_entities()),
            "decomposition": r.decomposition.to_dict(),
            "sensitivity": [row.to_dict() for row in r.sensitivity],
            "not_included": [n.to_dict() for n in r.not_included],
            "settings": settings_dict(r.settings),
        }

    def tables(self) -> list[TableData]:
        r = self.result
        years = [s.fiscal_year for s in r.before.summaries]
        label = {fy: f"FY{fy}" + (" pro forma" if k == 0 else "") for k, fy in enumerate(years)}
        cohort_rows = [
            {
                "year": label[b.fiscal_year],
                "entities_before": b.entities,
                "entities_after": a.entities,
                "deficit_before": b.deficit,
                "deficit_after": a.deficit,
                "at_risk_before": b.at_risk,
                "at_risk_after": a.at_risk,
                "op_before": b.ordinary_profit_total,
                "op_after": a.ordinary_profit_total,
                "op_change": a.ordinary_profit_total - b.ordinary_profit_total,
            }
            for b, a in zip(r.before.summaries, r.after.summaries, strict=True)
        ]
        notes = [PRO_FORMA_NOTE.format(as_of=r.as_of)]
        notes += [f"Not included: {n.id} — {n.reason}" for n in r.not_included]
        cohort = TableData(
            f"{r.name}: the cohort before → after",
            [
                Column("year", "fiscal year"),
                Column("entities_before", "TLOs before", Col.INT),
                Column("entities_after", "after", Col.INT),
                Column("deficit_before", "in deficit before", Col.INT),
                Column("deficit_after", "after", Col.INT),
                Column("at_risk_before", "at risk before", Col.INT),
                Column("at_risk_after", "after", Col.INT),
                Column("op_before", "total ordinary profit before", Col.YEN),
                Column("op_after", "after", Col.YEN),
                Column("op_change", "change", Col.YEN),
            ],
            cohort_rows,
            notes,
        )
        entity_columns = [Column("side", "side"), Column("id", "id"), Column("name", "name")]
        entity_columns.append(Column("risk", "risk", Col.LEVEL))
        for fy in years:
            entity_columns.append(Column(f"op{fy}", f"{label[fy]} ordinary profit", Col.YEN))
            entity_columns.append(Column(f"opx{fy}", "ex subsidy", Col.YEN))
        rows = []
        for side, views in (("before", r.before_entities()), ("after", r.after_entities())):
            for v in views:
                row: dict[str, Any] = {
                    "side": side,
                    "id": v.id,
                    "name": v.assessment.profile.name,
                    "risk": v.assessment.risk.level.value,
                }
                for year in v.years():
                    row[f"op{year['fiscal_year']}"] = year["ordinary_profit"]
                    row[f"opx{year['fiscal_year']}"] = year["ordinary_profit_ex_subsidy"]
                rows.append(row)
        entities = TableData("TLOs changed by the scenario", entity_columns, rows)
        split = scenario_tables(r, self.unit)
        return [
            cohort,
            split[0],
            entities,
            *split[1:],
            self._steps_table(self.unit),
            *self._university_tables(),
        ]

    def _steps_table(self, unit: Unit) -> TableData:
        return TableData(
            "Steps and the assumptions in force",
            [
                Column("step", "step", Col.INT),
                Column("kind", "kind"),
                Column("name", "name"),
                Column("members", "members"),
                Column("into", "becomes"),
                Column("assumptions", f"assumptions (amounts in {unit.label})"),
            ],
            [
                {
                    "step": s.record.number,
                    "kind": s.record.kind.value,
                    "name": s.record.name,
                    "members": ", ".join(s.record.members),
                    "into": ", ".join(s.record.into),
                    "assumptions": assumptions_text(s.record.assumptions, unit),
                }
                for s in self.result.steps
            ],
        )

    def _university_tables(self) -> list[TableData]:
        out = []
        for s in self.result.steps:
            rec = s.record
            if not rec.university_position:
                continue
            out.append(
                TableData(
                    f"{rec.members[0]} folded into {rec.university}: the university's position",
                    [
                        Column("year", "fiscal year"),
                        Column("before", "distributions it received before", Col.YEN),
                        Column("unit", "the unit's net result", Col.YEN),
                        Column("absorbed", "admin absorbed by the university", Col.YEN),
                        Column("change", "change", Col.YEN),
                    ],
                    [
                        {
                            "year": f"FY{y.fiscal_year}" + (" pro forma" if y.pro_forma else ""),
                            "before": y.distributions_received_before,
                            "unit": y.unit_net_result,
                            "absorbed": y.absorbed_costs,
                            "change": y.change,
                        }
                        for y in rec.university_position
                    ],
                    [
                        "Before: the university's share of the TLO's royalty distributions. After: "
                        "the unit's whole net result is the university's, less the admin its "
                        "shared services absorb. Change = unit − before − absorbed."
                    ],
                )
            )
        return out


__all__ = ["ScenarioReport", "SimulationReport", "assumptions_text"]
