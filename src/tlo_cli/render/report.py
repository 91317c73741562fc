"""The Excel report: Summary, Sector, one sheet per at-risk TLO (worst first), and Scenario.

Amounts are written in the display unit with number formats; charts are native Excel charts;
text from the inputs is always stored as text, never as a formula.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tlo_cli.model import ITEMS, Assessment, Unit
from tlo_cli.render.figures import RankReport, SectorReport
from tlo_cli.render.lang import Lang, header_label, line_label
from tlo_cli.render.tables import FY_NOTE, TableData, _data_columns, unit_note
from tlo_cli.render.xlsx import add_table, mark_output, set_text, set_value, sheet_title

if TYPE_CHECKING:
    from tlo_cli.metrics.assess import CohortAssessment
    from tlo_cli.metrics.sector import Sector

RISK_FILLS = {"high": "F4CCCC", "medium": "FFF2CC", "low": "D9EAD3"}
COUNT_ITEMS = ("licenses_executed", "patent_applications", "staff")


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the workbook shows; ``scenario_tables`` come from an optional plan."""

    cohort: CohortAssessment
    sector: Sector
    skipped: Sequence[Any] = ()
    scenario_tables: Sequence[TableData] = ()
    backtest_tables: Sequence[TableData] = ()
    simulation_tables: Sequence[TableData] = ()
    lang: Lang = Lang.EN

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": RankReport(self.cohort, self.skipped).to_dict(),
            "sector": self.sector.to_dict(),
            "at_risk_sheets": [a.profile.id for a in self.at_risk],
        }

    def tables(self) -> list[TableData]:
        return [
            *RankReport(self.cohort, self.skipped).tables(),
            *SectorReport(self.sector).tables(),
        ]

    @property
    def at_risk(self) -> list[Assessment]:
        """The TLOs at risk, worst first: high before medium, then the lower score first."""
        return sorted(
            (a for a in self.cohort.assessments if a.risk.at_risk),
            key=lambda a: (
                -a.risk.level.order,
                a.score if a.score is not None and math.isfinite(a.score) else math.inf,
                a.profile.id,
            ),
        )

    def write_xlsx(self, path: Path, unit: Unit) -> None:
        from openpyxl import Workbook

        book = Workbook()
        used: set[str] = set()
        summary = book.active
        summary.title = sheet_title("Summary", used)
        _summary_sheet(summary, self, unit)
        _sector_sheet(book.create_sheet(sheet_title("Sector", used)), self.sector, unit, self.lang)
        for assessment in self.at_risk:
            ws = book.create_sheet(sheet_title(f"{assessment.profile.id} statement", used))
            _tlo_sheet(ws, assessment, unit, self.lang)
        if self.scenario_tables:
            from tlo_cli.render.report_scenario import scenario_sheet

            ws = book.create_sheet(sheet_title("Scenario", used))
            scenario_sheet(ws, self.scenario_tables, unit, self.lang)
        if self.simulation_tables:
            ws = book.create_sheet(sheet_title("Simulation", used))
            row = 1
            for table in self.simulation_tables:
                set_text(ws.cell(row=row, column=1), table.title)
                row = add_table(ws, table, unit, start_row=row + 1, lang=self.lang) + 1
        if self.backtest_tables:
            from tlo_cli.render.report_backtest import add_backtest_sheet

            add_backtest_sheet(book, self.backtest_tables, unit, used)
        mark_output(book)
        book.save(path)


def _widths(ws: Any, widths: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _summary_sheet(ws: Any, report: Report, unit: Unit) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill

    table = RankReport(report.cohort, report.skipped).tables()[0]
    end = add_table(ws, table, unit, lang=report.lang)
    ws.freeze_panes = "A2"
    columns = _data_columns(table)
    risk_col = next(i for i, c in enumerate(columns, start=1) if c.key == "risk_level")
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(risk_col)
    span = f"{letter}2:{letter}{len(table.rows) + 1}"
    for level, colour in RISK_FILLS.items():
        ws.conditional_formatting.add(
            span,
            CellIsRule(
                operator="equal", formula=[f'"{level}"'], fill=PatternFill("solid", bgColor=colour)
            ),
        )
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(table.rows) + 1}"
    set_text(
        ws.cell(row=end + 1, column=1),
        "Risk: high = a recurring deficit now or in the cliff year while short (runway under 3 years outside a university, cost coverage under 0.5 inside); medium = a subsidy cliff, a projected deficit, falling licensing income or low coverage (see `tlo methodology`; measured by `tlo backtest`).",
    )
    _widths(ws, [5, 8, 34, 11, 10, 8, 16, 14, 12, 14, 10, 8])


def _sector_sheet(ws: Any, sector: Sector, unit: Unit, lang: Lang = Lang.EN) -> None:
    from openpyxl.chart import BarChart, LineChart, Reference

    table = SectorReport(sector).tables()[0]
    add_table(ws, table, unit, lang=lang)
    ws.freeze_panes = "A2"
    n = len(table.rows)
    if n == 0:
        return
    keys = [c.key for c in table.columns]
    years = Reference(ws, min_col=1, min_row=2, max_row=n + 1)
    anchors = iter(["J2", "J20", "T2", "T20"])
    for key, title, kind in (
        ("licensing_income", f"Licensing income ({unit.label})", "line"),
        ("licenses_executed", "Technology transfers (licences executed)", "bar"),
        ("subsidy_income", f"METI subsidy ({unit.label})", "bar"),
        ("deficit_external", "External TLOs in deficit", "bar"),
    ):
        col = keys.index(key) + 1
        chart = LineChart() if kind == "line" else BarChart()
        chart.title = title
        chart.x_axis.title = "fiscal year (April–March)"
        chart.add_data(Reference(ws, min_col=col, min_row=1, max_row=n + 1), titles_from_data=True)
        chart.set_categories(years)
        chart.height, chart.width = 7.5, 15
        ws.add_chart(chart, next(anchors))
    _widths(ws, [8, 7, 9, 10, 18, 10, 14, 16])


def _tlo_sheet(ws: Any, a: Assessment, unit: Unit, lang: Lang = Lang.EN) -> None:
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Font

    from tlo_cli.render.tables import Col

    p = a.profile
    set_text(ws.cell(row=1, column=1), f"{p.name} ({p.id})")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    reasons = "; ".join(r.message for r in a.risk.reasons)
    set_text(ws.cell(row=2, column=1), f"Risk as of FY{a.as_of}: {a.risk.level.value}. {reasons}")
    set_text(ws.cell(row=3, column=1), f"{unit_note(unit)}")
    header = 5
    years = [y.fiscal_year for y in a.years]
    projected = list(a.risk.projection)
    set_text(ws.cell(row=header, column=1), header_label("line", "line item", lang))
    for c, fy in enumerate(years, start=2):
        set_text(ws.cell(row=header, column=c), f"FY{fy}")
    for c, pr in enumerate(projected, start=2 + len(years)):
        set_text(ws.cell(row=header, column=c), f"FY{pr.fiscal_year} (projected)")
    lines: list[tuple[str, Col, list[float | None], list[float | None]]] = []
    for item in ITEMS:
        if item in a.years[-1].items or any(item in y.items for y in a.years):
            kind = Col.INT if item in COUNT_ITEMS else Col.YEN
            proj = [getattr(pr, item) if hasattr(pr, item) else None for pr in projected]
            lines.append((item, kind, [y.items.get(item) for y in a.years], proj))
    for name in ("revenue", "expenses", "ordinary_profit", "ordinary_profit_ex_subsidy"):
        lines.append(
            (
                name,
                Col.YEN,
                [getattr(y, name) for y in a.years],
                [getattr(pr, name) for pr in projected],
            )
        )
    row_of: dict[str, int] = {}
    for r, (name, kind, values, proj) in enumerate(lines, start=header + 1):
        row_of[name] = r
        set_text(ws.cell(row=r, column=1), line_label(name, lang))
        for c, value in enumerate([*values, *proj], start=2):
            set_value(ws.cell(row=r, column=c), value, kind, unit)
    last_col = 1 + len(years) + len(projected)
    chart = LineChart()
    chart.title = f"{p.id}: licensing income and ordinary profit ({unit.label})"
    chart.x_axis.title = "fiscal year (projected years at the right)"
    for name in ("licensing_income", "ordinary_profit"):
        if name in row_of:
            chart.add_data(
                Reference(ws, min_col=1, max_col=last_col, min_row=row_of[name]),
                from_rows=True,
                titles_from_data=True,
            )
    chart.set_categories(Reference(ws, min_col=2, max_col=last_col, min_row=header))
    chart.height, chart.width = 8, 18
    ws.add_chart(chart, f"A{header + len(lines) + 3}")
    set_text(ws.cell(row=header + len(lines) + 2, column=1), FY_NOTE)
    ws.freeze_panes = ws.cell(row=header + 1, column=2)
    _widths(ws, [28, *([14] * (last_col - 1))])
