"""The tidy table as CSV or xlsx: exact values (yen), text guarded against formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tlo_cli.render.tables import safe_text
from tlo_cli.render.text import clean


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, int):
        return str(value)
    return safe_text(clean(str(value)))


def panel_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """The tidy table as CSV: one header row, values exact (up to 15 significant digits)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def write_panel_xlsx(path: Path, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """The tidy table as one sheet ``panel``, marked as tlo's output."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from tlo_cli.render.xlsx import mark_output, set_text

    book = Workbook(write_only=False)
    ws = book.active
    ws.title = "panel"
    for c, name in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=c)
        set_text(cell, name)
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, int | float):
                cell.value = value
            elif value is not None:
                set_text(cell, str(value))
    ws.freeze_panes = "A2"
    mark_output(book)
    book.save(path)
