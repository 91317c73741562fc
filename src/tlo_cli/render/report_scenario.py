"""The Excel report's Scenario sheet: the scenario's tables, and a tornado-style bar chart of the
sensitivity table (the change in the projected total with each assumption at 0× and 2×)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tlo_cli.model import Unit
from tlo_cli.render.lang import Lang
from tlo_cli.render.scenario_tables import SENSITIVITY_TITLE
from tlo_cli.render.tables import TableData
from tlo_cli.render.xlsx import add_table, set_text


def scenario_sheet(ws: Any, tables: Sequence[TableData], unit: Unit, lang: Lang = Lang.EN) -> None:
    """Write every table one under the other; chart the sensitivity table beside them."""
    row = 1
    for table in tables:
        set_text(ws.cell(row=row, column=1), table.title)
        start = row + 1
        row = add_table(ws, table, unit, start_row=start, lang=lang) + 1
        if table.title == SENSITIVITY_TITLE and table.rows:
            tornado(ws, table, header_row=start, anchor=f"L{start}")


def tornado(ws: Any, table: TableData, *, header_row: int, anchor: str) -> None:
    """A horizontal bar chart, one bar pair per assumption: the change at × 0 and at × 2,
    overlapping on one axis so that the widest swing reads as the widest bar (the rows are
    sorted widest first, so the chart reads as a tornado)."""
    from openpyxl.chart import BarChart, Reference

    keys = [c.key for c in table.columns]
    first, last = header_row + 1, header_row + len(table.rows)
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.overlap = 100
    chart.title = "Sensitivity: change in the projected total"
    chart.y_axis.title = "change in total ordinary profit"
    chart.x_axis.scaling.orientation = "maxMin"  # widest swing on top
    for key in ("change_at_0", "change_at_2"):
        col = keys.index(key) + 1
        data = Reference(ws, min_col=col, min_row=header_row, max_row=last)
        chart.add_data(data, titles_from_data=True)
    labels = Reference(ws, min_col=keys.index("assumption") + 1, min_row=first, max_row=last)
    chart.set_categories(labels)
    chart.height = max(6.0, 1.2 * len(table.rows) + 3)
    chart.width = 16
    ws.add_chart(chart, anchor)
