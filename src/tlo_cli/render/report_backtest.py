"""The Backtest sheet of `tlo report`: the replayed verdicts against what followed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tlo_cli.model import Unit
from tlo_cli.render.tables import TableData
from tlo_cli.render.xlsx import add_table, set_text, sheet_title


def backtest_tables(ledgers: Sequence[Any], settings: Any) -> list[TableData]:
    """The backtest of ``ledgers`` under ``settings``, as the tables of `tlo backtest`."""
    from tlo_cli.metrics.backtest import replay
    from tlo_cli.render.backtest import BacktestReport

    return BacktestReport(replay(ledgers, settings)).tables()


def add_backtest_sheet(book: Any, tables: Sequence[TableData], unit: Unit, used: set[str]) -> None:
    """A sheet "Backtest": each table under its title (its notes beneath, by add_table)."""
    ws = book.create_sheet(sheet_title("Backtest", used))
    row = 1
    for table in tables:
        set_text(ws.cell(row=row, column=1), table.title)
        row = add_table(ws, table, unit, start_row=row + 1) + 1
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 24
