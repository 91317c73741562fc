"""Tables → an xlsx workbook (for `-o FILE.xlsx`), never turning input text into formulas."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tlo_cli.marker import OUTPUT_MARKER
from tlo_cli.model import Unit
from tlo_cli.render.lang import Lang, line_label
from tlo_cli.render.tables import _data_columns, _header, notes_with_unit
from tlo_cli.render.text import clean
from tlo_cli.table import Col, TableData, kind_of

_NUMBER_FORMATS = {
    Col.YEN: "#,##0;[Red]△#,##0",
    Col.RATIO: "0.0%",
    Col.NUMBER: "#,##0.00",
    Col.INT: "#,##0",
    Col.YEAR: "0",
}
# Characters the xlsx format cannot hold (openpyxl refuses them): shown escaped instead.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def set_text(cell: Any, text: str) -> None:
    """Store text as text: a leading = + - @ never becomes a formula; controls escaped."""
    cell.value = clean(text) if _ILLEGAL.search(text) else text
    cell.data_type = "s"


def set_value(cell: Any, value: Any, kind: Col, unit: Unit) -> None:
    """Store a table value: amounts in the display unit with a number format, text as text."""
    if value is None:
        return
    if kind is Col.YEN and isinstance(value, int | float):
        cell.value = value / unit.yen
        cell.number_format = (
            _NUMBER_FORMATS[kind] if unit is not Unit.MILLION else "#,##0.0;[Red]△#,##0.0"
        )
    elif kind in _NUMBER_FORMATS and isinstance(value, int | float):
        cell.value = value
        cell.number_format = _NUMBER_FORMATS[kind]
    else:
        set_text(cell, str(value))


def sheet_title(title: str, used: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of []:*?/\\, cut at a word)."""
    name = "".join("_" if ch in "[]:*?/\\" else ch for ch in clean(title)).strip("' ")
    if len(name) > 31:
        cut = name[:31]
        name = cut.rsplit(" ", 1)[0] if " " in cut[8:] else cut
    name = name or "Sheet"
    base, n = name, 2
    while name.casefold() in {u.casefold() for u in used}:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)].rstrip() + suffix, n + 1
    used.add(name)
    return name


def mark_output(book: Any) -> None:
    """Sign a workbook as tlo's output (see :mod:`tlo_cli.marker`)."""
    book.properties.creator = "tlo"
    book.properties.keywords = OUTPUT_MARKER


def add_table(
    ws: Any, table: TableData, unit: Unit, *, start_row: int = 1, lang: Lang = Lang.EN
) -> int:
    """Write one table at ``start_row``; returns the row after its notes."""
    from openpyxl.styles import Font

    columns = _data_columns(table)
    for c, column in enumerate(columns, start=1):
        cell = ws.cell(row=start_row, column=c)
        set_text(cell, _header(column, unit, lang))
        cell.font = Font(bold=True)
    for r, row in enumerate(table.rows, start=start_row + 1):
        for c, column in enumerate(columns, start=1):
            value = row.get(column.key)
            if column.key == "line" and isinstance(value, str):
                value = line_label(value, lang)
            set_value(ws.cell(row=r, column=c), value, kind_of(row, column), unit)
    end = start_row + len(table.rows) + 1
    notes = notes_with_unit(table, unit)
    for i, note in enumerate(notes):
        set_text(ws.cell(row=end + 1 + i, column=1), note)
    return end + 1 + len(notes)


def write_tables(path: Path, tables: Sequence[TableData], unit: Unit, lang: Lang = Lang.EN) -> None:
    """One sheet per table, header row frozen."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        ws = book.create_sheet(sheet_title(table.title, used))
        add_table(ws, table, unit, lang=lang)
        ws.freeze_panes = "A2"
    if not tables:
        book.create_sheet("empty")
    mark_output(book)
    book.save(path)
