"""Tables as plain data, shared by the figures, the reader's validation and the renderers.

Nothing here formats or prints: :mod:`tlo_cli.render.tables` turns a :class:`TableData` into
text, CSV, Markdown or a console table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Col(StrEnum):
    """How a column's values are shown."""

    TEXT = "text"
    YEN = "yen"  # an amount in yen, shown in the display unit
    RATIO = "ratio"  # a fraction, shown as a percentage
    NUMBER = "number"
    INT = "int"
    YEAR = "year"
    LEVEL = "level"  # a risk level, coloured
    SPARK = "spark"  # a sparkline: console tables only, never in CSV or JSON


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its key (the canonical name, used in CSV headers), its header and kind.

    ``drop`` orders the columns a narrow console leaves out: 0 never, higher values first;
    None takes the default for the key (see ``render.fit``).
    """

    key: str
    header: str
    kind: Col = Col.TEXT
    drop: int | None = None


@dataclass(frozen=True, slots=True)
class TableData:
    """A titled table: columns, rows of plain values, and notes shown beneath.

    ``name`` names the table in file names (``NAME.<name>.csv``); by default it is derived
    from the title.
    """

    title: str
    columns: Sequence[Column]
    rows: Sequence[dict[str, Any]]
    notes: Sequence[str] = field(default=())
    name: str | None = None


def kind_of(row: dict[str, Any], column: Column) -> Col:
    """A column's kind, unless the row overrides it (``_kind``) for its value columns."""
    override = row.get("_kind")
    return override if isinstance(override, Col) and column.kind is not Col.TEXT else column.kind
