"""The tables of what a scenario buys: aggregation vs synergy, members, break-even, sensitivity."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tlo_cli.model import Unit
from tlo_cli.render.tables import Col, Column, TableData, fmt_value

if TYPE_CHECKING:
    from tlo_cli.scenarios.result import ScenarioResult

SENSITIVITY_TITLE = "Sensitivity: the result with each assumption at 0, ½×, 1×, 1½×, 2×"
FIGURE_LABELS = {
    "deficit": ("in deficit", Col.INT),
    "at_risk": ("at risk", Col.INT),
    "ordinary_profit_total": ("total ordinary profit", Col.YEN),
    "loss_pool": ("loss pool (Σ of losses)", Col.YEN),
}


def decomposition_table(r: ScenarioResult, unit: Unit) -> TableData:
    """One row per figure and year: before, aggregation, synergy, after."""
    rows: list[dict[str, Any]] = []
    for split in r.decomposition.years:
        year = split.to_dict()
        label = f"FY{year['fiscal_year']}" + (" pro forma" if year["pro_forma"] else "")
        for name, (text, kind) in FIGURE_LABELS.items():
            figures = year[name]
            rows.append({"year": label, "figure": text, "_kind": kind, **figures})
    d = r.decomposition
    payback = d.payback_years
    notes = [
        "Aggregation: the same plan with no savings, no uplift and no costs — what netting "
        "members' results does by itself. Synergy: savings and uplift (net of distributions and "
        "membership lost) less one-off and running costs. Aggregation + synergy = the change.",
        f"One-off costs {fmt_value(d.one_off_costs, Col.YEN, unit)} {unit.label} against a "
        f"run-rate synergy of {fmt_value(d.run_rate_synergy, Col.YEN, unit)} {unit.label} a year: "
        + (
            "never paid back."
            if payback is None
            else f"paid back in {payback:.1f} years."
            if d.one_off_costs > 0
            else "no one-off cost."
        ),
    ]
    return TableData(
        "What the scenario buys: aggregation versus synergy",
        [
            Column("year", "fiscal year"),
            Column("figure", "figure"),
            Column("before", "before", Col.NUMBER),
            Column("aggregation", "aggregation", Col.NUMBER),
            Column("synergy", "synergy", Col.NUMBER),
            Column("after", "after", Col.NUMBER),
        ],
        rows,
        notes,
    )


def contributions_table(r: ScenarioResult) -> TableData:
    """Each member of each step: as-of ordinary profit before and with its share of the step."""
    rows = [
        {
            "step": s.record.number,
            "id": c.id,
            "before": c.ordinary_profit_before,
            "after": c.ordinary_profit_after,
            "change": c.ordinary_profit_after - c.ordinary_profit_before,
            "loss": c.loss_brought,
        }
        for s in r.steps
        for c in s.record.contributions
    ]
    return TableData(
        f"Each member's contribution (FY{r.as_of} pro forma)",
        [
            Column("step", "step", Col.INT),
            Column("id", "member"),
            Column("before", "ordinary profit before", Col.YEN),
            Column("after", "with the step's changes", Col.YEN),
            Column("change", "change", Col.YEN),
            Column("loss", "loss brought to the pool", Col.YEN),
        ],
        rows,
    )


def break_even_table(r: ScenarioResult) -> TableData:
    """Each changed entity: the yearly savings at which it breaks even."""
    rows = [
        {
            "id": b.id,
            "aggregated": b.aggregated,
            "synergy": b.synergy,
            "after": b.after,
            "needed": b.savings_to_break_even,
            "multiple": b.multiple,
        }
        for b in r.decomposition.break_even
    ]
    return TableData(
        f"Break-even (FY{r.as_of} pro forma)",
        [
            Column("id", "id"),
            Column("aggregated", "ordinary profit, aggregation only", Col.YEN),
            Column("synergy", "synergy assumed", Col.YEN),
            Column("after", "after", Col.YEN),
            Column("needed", "savings to break even", Col.YEN),
            Column("multiple", "× the synergy assumed", Col.NUMBER),
        ],
        rows,
        ["Savings to break even = max(0, −ordinary profit with aggregation only), a year."],
    )


def sensitivity_table(r: ScenarioResult) -> TableData:
    """One row per assumption: the projected total at each multiplier, widest swing first."""
    rows = []
    several = len({row.kind for row in r.sensitivity}) > 1
    for row in r.sensitivity:
        values = {o.multiplier: o for o in row.outcomes}
        rows.append(
            {
                "assumption": f"{row.kind} {row.assumption}" if several else row.assumption,
                **{f"x{m:g}": o.ordinary_profit_projected for m, o in values.items()},
                "change_at_0": row.change(0.0),
                "change_at_2": row.change(2.0),
                "deficits": "/".join(str(o.deficit) for o in row.outcomes),
            }
        )
    years = r.after.summaries[1:]
    span = f"FY{years[0].fiscal_year}–FY{years[-1].fiscal_year}" if years else "the projection"
    return TableData(
        SENSITIVITY_TITLE,
        [
            Column("assumption", "assumption"),
            Column("x0", "× 0", Col.YEN),
            Column("x0.5", "× ½", Col.YEN),
            Column("x1", "× 1", Col.YEN),
            Column("x1.5", "× 1½", Col.YEN),
            Column("x2", "× 2", Col.YEN),
            Column("change_at_0", "change at × 0", Col.YEN),
            Column("change_at_2", "change at × 2", Col.YEN),
            Column("deficits", "in deficit"),
        ],
        rows,
        [
            f"The cohort's total ordinary profit after the plan, summed over {span}; each "
            "assumption scaled in every step that has it, the others as given; shares capped "
            "at 1; a default cost scaled through its share. In deficit: the number in deficit "
            f"in FY{r.as_of} pro forma at × 0 / ½ / 1 / 1½ / 2."
        ],
    )


def scenario_tables(r: ScenarioResult, unit: Unit) -> list[TableData]:
    """The decomposition, contributions, break-even and sensitivity tables."""
    return [
        decomposition_table(r, unit),
        contributions_table(r),
        break_even_table(r),
        sensitivity_table(r),
    ]
