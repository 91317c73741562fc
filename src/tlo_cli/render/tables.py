"""One generic table type for every command, and its text formats.

Formatters return strings (or rich renderables) and never print. Amounts are held in yen and
shown in the display unit; text that came from an input is never written so that a
spreadsheet would take it for a formula.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tlo_cli.model import Unit

if TYPE_CHECKING:
    from rich.console import RenderableType


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


class Col(StrEnum):
    """How a column's values are shown."""

    TEXT = "text"
    YEN = "yen"  # an amount in yen, shown in the display unit
    RATIO = "ratio"  # a fraction, shown as a percentage
    NUMBER = "number"
    INT = "int"
    YEAR = "year"
    LEVEL = "level"  # a risk level, coloured


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    kind: Col = Col.TEXT


@dataclass(frozen=True, slots=True)
class TableData:
    """A titled table: columns, rows of plain values, and notes shown beneath."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[dict[str, Any]]
    notes: Sequence[str] = field(default=())


def kind_of(row: dict[str, Any], column: Column) -> Col:
    """A column's kind, unless the row overrides it (``_kind``) for its value columns."""
    override = row.get("_kind")
    return override if isinstance(override, Col) and column.kind is not Col.TEXT else column.kind


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text that a spreadsheet will not take for a formula: a leading = + - @ gets a quote."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def fmt_value(value: Any, kind: Col, unit: Unit) -> str:
    """A value as shown in tables: amounts in the display unit with separators, ratios in %."""
    if value is None:
        return "—"
    if isinstance(value, float) and math.isnan(value):
        return "—"
    if kind is Col.YEN:
        shown = value / unit.yen
        text = f"{abs(shown):,.0f}" if unit is not Unit.MILLION else f"{abs(shown):,.1f}"
        return f"△{text}" if shown < 0 and text.strip("0.,") else text
    if kind is Col.RATIO:
        return f"{value * 100:.1f}%"
    if kind is Col.NUMBER:
        return f"{value:,.2f}"
    if kind is Col.INT:
        return f"{value:,.0f}"
    if kind is Col.YEAR:
        return f"FY{int(value)}"
    return str(value)


def _plain(value: Any, kind: Col, unit: Unit) -> str:
    """A value for CSV: numbers unformatted (amounts in the display unit), text guarded."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if kind is Col.YEN:
        shown = value / unit.yen
        return f"{shown:.0f}" if unit is not Unit.MILLION else f"{shown:.3f}"
    if kind in (Col.RATIO, Col.NUMBER):
        return f"{value:.6g}"
    if kind in (Col.INT, Col.YEAR):
        return f"{int(value)}"
    return safe_text(str(value))


def _header(column: Column, unit: Unit) -> str:
    return f"{column.header} ({unit.label})" if column.kind is Col.YEN else column.header


def to_csv(table: TableData, unit: Unit) -> str:
    """The table as CSV: one header row, amounts in the display unit (named in the header)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([safe_text(_header(c, unit)) for c in table.columns])
    for row in table.rows:
        writer.writerow([_plain(row.get(c.key), kind_of(row, c), unit) for c in table.columns])
    return buffer.getvalue()


def notes_with_unit(table: TableData, unit: Unit) -> list[str]:
    """The table's notes, then the unit and fiscal-year note every table carries."""
    money = any(c.kind is Col.YEN for c in table.columns)
    return [*table.notes, unit_note(unit) if money else FY_NOTE]


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(tables: Sequence[TableData], unit: Unit) -> str:
    """Every table as a GitHub-flavoured Markdown section."""
    parts: list[str] = []
    for table in tables:
        parts.append(f"## {_md_escape(table.title)}\n")
        parts.append("| " + " | ".join(_md_escape(_header(c, unit)) for c in table.columns) + " |")
        parts.append(
            "|"
            + "|".join(
                "---:" if c.kind not in (Col.TEXT, Col.LEVEL) else "---" for c in table.columns
            )
            + "|"
        )
        for row in table.rows:
            cells = [
                _md_escape(fmt_value(row.get(c.key), kind_of(row, c), unit)) for c in table.columns
            ]
            parts.append("| " + " | ".join(cells) + " |")
        parts.extend(f"\n{note}" for note in notes_with_unit(table, unit))
        parts.append("")
    return "\n".join(parts)


LEVEL_STYLES = {
    "high": "bold red",
    "medium": "yellow",
    "low": "green",
    "error": "red",
    "warning": "yellow",
}


def to_rich(table: TableData, unit: Unit) -> RenderableType:
    """The table as a rich Table followed by its notes."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    out = Table(title=table.title)
    for column in table.columns:
        numeric = column.kind not in (Col.TEXT, Col.LEVEL)
        out.add_column(_header(column, unit), justify="right" if numeric else "left")
    for row in table.rows:
        cells: list[Text | str] = []
        for column in table.columns:
            value = row.get(column.key)
            kind = kind_of(row, column)
            text = fmt_value(value, kind, unit)
            style = LEVEL_STYLES.get(str(value), "") if kind is Col.LEVEL else ""
            if kind is Col.YEN and isinstance(value, int | float) and value < 0:
                style = "red"
            cells.append(Text(text, style=style))
        out.add_row(*cells)
    notes = Text("\n".join(notes_with_unit(table, unit)), style="dim")
    return Group(out, notes, Text(""))


FY_NOTE = "Fiscal years run April to March (FY2007 = April 2007 – March 2008)."


def unit_note(unit: Unit) -> str:
    return f"Amounts in {unit.label} ({unit.value} yen); △ marks a negative amount. {FY_NOTE}"
