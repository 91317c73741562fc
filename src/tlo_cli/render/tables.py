"""One generic table type for every command, and its text formats.

Formatters return strings (or rich renderables) and never print. Amounts are held in yen and
shown in the display unit; text that came from an input is never written so that a
spreadsheet would take it for a formula, nor so that a terminal would obey it.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tlo_cli.model import Unit
from tlo_cli.render.lang import Lang, header_label, line_label
from tlo_cli.render.text import clean, md_escape
from tlo_cli.table import Col, Column, TableData, kind_of

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = [
    "FY_NOTE",
    "Col",
    "Column",
    "Format",
    "TableData",
    "csv_tables",
    "fmt_value",
    "kind_of",
    "notes_with_unit",
    "safe_text",
    "table_name",
    "to_csv",
    "to_markdown",
    "to_rich",
    "unit_note",
]


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


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
    return safe_text(clean(str(value)))


def _header(column: Column, unit: Unit, lang: Lang = Lang.EN) -> str:
    """A header as people read it: in ``lang``, amounts with their unit."""
    label = header_label(column.key, column.header, lang)
    return f"{label} ({unit.label})" if column.kind is Col.YEN else label


def _csv_header(column: Column, unit: Unit) -> str:
    """A CSV header: the canonical key in every language; amounts name their unit."""
    if column.kind is not Col.YEN:
        return column.key
    return f"{column.key}_yen" if unit is Unit.YEN else f"{column.key}_{unit.value}_yen"


def _data_columns(table: TableData) -> list[Column]:
    """The columns that carry data (sparklines are pictures of other columns)."""
    from tlo_cli.render.fit import is_spark

    return [c for c in table.columns if not is_spark(c, table.rows)]


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        n = seen.get(h, 0) + 1
        seen[h] = n
        out.append(h if n == 1 else f"{h}_{n}")
    return out


def to_csv(table: TableData, unit: Unit) -> str:
    """The table as CSV: one row of unique canonical headers, amounts in the display unit."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = _data_columns(table)
    writer.writerow(_unique([safe_text(_csv_header(c, unit)) for c in columns]))
    for row in table.rows:
        writer.writerow([_plain(row.get(c.key), kind_of(row, c), unit) for c in columns])
    return buffer.getvalue()


def table_name(table: TableData, index: int) -> str:
    """The table's name in file names: its ``name``, else a slug of its title's first words."""
    if table.name:
        return table.name
    words = re.findall(r"[a-z]+", table.title.lower())
    stop = {"of", "the", "to", "as", "by", "a", "an", "and", "fy", "in"}
    slug = "-".join(w for w in words if w not in stop)[:30].strip("-")
    return slug or f"table{index + 1}"


def csv_tables(tables: Sequence[TableData], unit: Unit) -> list[tuple[str, str]]:
    """Every table as (unique name, CSV text); the first table is the main one."""
    out: list[tuple[str, str]] = []
    used: set[str] = set()
    for i, table in enumerate(tables):
        name, n = table_name(table, i), 2
        base = name
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        out.append((name, to_csv(table, unit)))
    return out


def notes_with_unit(table: TableData, unit: Unit) -> list[str]:
    """The table's notes, then the unit and fiscal-year note every table carries."""
    money = any(c.kind is Col.YEN for c in table.columns)
    return [*table.notes, unit_note(unit) if money else FY_NOTE]


def to_markdown(tables: Sequence[TableData], unit: Unit, lang: Lang = Lang.EN) -> str:
    """Every table as a GitHub-flavoured Markdown section (no raw HTML from the inputs)."""
    parts: list[str] = []
    for table in tables:
        columns = _data_columns(table)
        parts.append(f"## {md_escape(table.title)}\n")
        parts.append("| " + " | ".join(md_escape(_header(c, unit, lang)) for c in columns) + " |")
        parts.append(
            "|"
            + "|".join("---:" if c.kind not in (Col.TEXT, Col.LEVEL) else "---" for c in columns)
            + "|"
        )
        for row in table.rows:
            cells = []
            for c in columns:
                value = row.get(c.key)
                if c.key == "line" and isinstance(value, str):
                    cells.append(md_escape(line_label(value, lang)))
                else:
                    cells.append(md_escape(fmt_value(value, kind_of(row, c), unit)))
            parts.append("| " + " | ".join(cells) + " |")
        parts.extend(f"\n{md_escape(note)}" for note in notes_with_unit(table, unit))
        parts.append("")
    return "\n".join(parts)


def to_rich(
    table: TableData, unit: Unit, *, width: int = 200, lang: Lang = Lang.EN
) -> RenderableType:
    """The table as a rich Table fitted to ``width``, followed by its notes."""
    from tlo_cli.render.fit import fit_table

    return fit_table(table, unit, width=width, lang=lang).renderable


FY_NOTE = "Fiscal years run April to March (FY2007 = April 2007 – March 2008)."


def unit_note(unit: Unit) -> str:
    return f"Amounts in {unit.label} ({unit.value} yen); △ marks a negative amount. {FY_NOTE}"
