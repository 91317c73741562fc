"""Console tables that fit the terminal: numbers never cut, columns dropped by priority.

Every column wants its natural width (its widest value, and its header on one line). When
the sum is wider than the terminal, names are shortened with an ellipsis (down to
``NAME_MIN`` cells), long text wraps, and then whole columns are left out in the order of
their ``drop`` value (sparklines, region, form, older years, …); ids, scores, risk levels and
the main figures are never left out. What was left out is returned, for one line on stderr.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tlo_cli.model import Unit
from tlo_cli.render.lang import Lang, header_label, line_label
from tlo_cli.render.text import SPARKS, can_encode, clean, fallback
from tlo_cli.table import Col, Column, TableData, kind_of

if TYPE_CHECKING:
    from rich.console import RenderableType

NAME_MIN = 8  # cells a name keeps at least, ellipsis included
TEXT_MIN = 10  # cells a wrapping text column keeps at least (or its longest word)

#: Default drop order by column key: higher values are left out first; 0 never.
DROP_ORDER: dict[str, int] = {
    "trend": 90,
    "sparkline": 90,
    "region": 80,
    "form": 70,
    "prefecture": 65,
    "group": 50,
    "external": 45,
    "tlos": 44,
    "licensing_cagr": 40,
    "runway_years": 38,
    "subsidy_dependence": 35,
    "subsidy_income": 32,
    "margin_ex_subsidy": 30,
    "ordinary_profit_ex_subsidy": 20,
    "mu": 60,
    "sigma": 60,
    "entities_before": 48,
    "entities_after": 48,
    "at_risk_before": 47,
    "at_risk_after": 47,
    "x0.5": 44,  # sensitivity: the half steps go before the ends and the change columns
    "x1.5": 44,
    "deficits": 42,
    "change_at_0": 41,
    "change_at_2": 41,
}
#: Key prefixes of per-year columns that go before the others of their year (ex subsidy).
SECONDARY_PREFIXES = ("opx",)
_YEAR_SUFFIX = re.compile(r"^([a-z_]*?)((?:19|20)\d\d)$")
#: Columns shortened with an ellipsis rather than wrapped.
NAME_KEYS = frozenset({"name", "members", "entity", "entities", "university", "universities"})
LEVEL_STYLES = {
    "high": "bold red",
    "medium": "yellow",
    "low": "green",
    "error": "red",
    "warning": "yellow",
}


def cell_len(text: str) -> int:
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def is_spark(column: Column, rows: Sequence[dict[str, Any]]) -> bool:
    """A sparkline column: by kind, or a text column holding only bar characters."""
    if column.kind is Col.SPARK:
        return True
    if column.kind is not Col.TEXT:
        return False
    values = [row.get(column.key) for row in rows]
    texts = [v for v in values if isinstance(v, str) and v.strip()]
    return bool(texts) and all(set(t) <= set(SPARKS + " ") for t in texts)


def is_year_key(key: str) -> bool:
    return len(key) == 4 and key.isdigit()


def drop_rank(
    column: Column,
    years: Sequence[str],
    rows: Sequence[dict[str, Any]],
    suffixed: Sequence[int] = (),
) -> int:
    """How early a column is left out (0: never).

    Of a statement's fiscal-year columns (keys ``2007``), the latest two stay and the oldest go
    first. Of per-year columns of a projection (keys ``op2009``, ``p2010``: ``suffixed`` holds
    their years), the last year stays, the middle ones go first (latest first), then the first;
    a secondary figure of a year (``opx``) goes before the main one.
    """
    if column.drop is not None:
        return column.drop
    if is_spark(column, rows):
        return DROP_ORDER["trend"]
    if is_year_key(column.key) and column.key in years:
        age = sorted(years, reverse=True).index(column.key)
        return 0 if age < 2 else 100 + age
    match = _YEAR_SUFFIX.match(column.key)
    if match and match.group(1) and suffixed:
        year = int(match.group(2))
        secondary = match.group(1) in SECONDARY_PREFIXES
        if year == max(suffixed):
            return 55 if secondary else 0
        if year == min(suffixed):
            return 99 + (50 if secondary else 0)
        return 100 + (year - min(suffixed)) + (50 if secondary else 0)
    return DROP_ORDER.get(column.key, 0)


def suffixed_years(columns: Sequence[Column]) -> list[int]:
    """The years of per-year columns whose keys end in a year after a prefix (``op2009``)."""
    out = set()
    for c in columns:
        match = _YEAR_SUFFIX.match(c.key)
        if match and match.group(1):
            out.add(int(match.group(2)))
    return sorted(out)


def display(value: Any, row: dict[str, Any], column: Column, unit: Unit, lang: Lang) -> str:
    """A cell as shown: formatted numbers, line items in the output language, text escaped."""
    from tlo_cli.render.tables import fmt_value

    kind = kind_of(row, column)
    if column.key == "line" and isinstance(value, str):
        return clean(line_label(value, lang))
    return clean(fmt_value(value, kind, unit))


def header_text(column: Column, unit: Unit, lang: Lang) -> str:
    label = header_label(column.key, column.header, lang)
    return f"{label} ({unit.label})" if column.kind is Col.YEN else label


@dataclass(frozen=True, slots=True)
class Fitted:
    """A console table and what was left out to make it fit."""

    renderable: RenderableType
    dropped: tuple[str, ...]
    width: int


def _natural(header: str, cells: Sequence[str]) -> tuple[int, int, int, int]:
    """(natural width, widest cell, longest header word, longest word of the cells)."""
    words = max((cell_len(w) for w in header.split()), default=1)
    widest = max((cell_len(c) for c in cells), default=0)
    longest = max((cell_len(w) for c in cells for w in c.split()), default=0)
    return max(widest, cell_len(header)), widest, words, longest


def _overhead(n: int) -> int:
    """Cells of borders and padding of a rich table with ``n`` columns (HEAVY_HEAD, padding 1)."""
    return 3 * n + 1


def fit_table(
    table: TableData,
    unit: Unit,
    *,
    width: int,
    lang: Lang = Lang.EN,
    encoding: str | None = "utf-8",
    columns: Sequence[str] | None = None,
    years: int | None = None,
) -> Fitted:
    """The table as a rich renderable no wider than ``width`` (when its essentials allow)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    rows = table.rows
    cols = list(table.columns)
    dropped: list[str] = []
    if not can_encode(SPARKS, encoding):  # a cp932 console: sparklines are omitted
        cols = [c for c in cols if not is_spark(c, rows)]
    year_keys = [c.key for c in cols if is_year_key(c.key)]
    if years is not None and year_keys:
        keep = set(sorted(year_keys, reverse=True)[: max(1, years)])
        cols = [c for c in cols if not is_year_key(c.key) or c.key in keep]
        year_keys = [k for k in year_keys if k in keep]
    if columns:
        wanted = [k.strip().casefold() for k in columns]
        chosen = [c for c in cols if c.key.casefold() in wanted or c.header.casefold() in wanted]
        if chosen:
            cols = sorted(
                chosen,
                key=lambda c: (
                    wanted.index(c.key.casefold())
                    if c.key.casefold() in wanted
                    else wanted.index(c.header.casefold())
                ),
            )
    headers = [header_text(c, unit, lang) for c in cols]
    cells = [[display(row.get(c.key), row, c, unit, lang) for c in cols] for row in rows]
    natural, minimum = [], []
    for i, c in enumerate(cols):
        nat, widest, header_word, cell_word = _natural(headers[i], [r[i] for r in cells])
        natural.append(nat)
        if c.key in NAME_KEYS:  # shortened with an ellipsis
            minimum.append(min(nat, max(NAME_MIN, header_word)))
        elif c.kind is Col.TEXT and not is_spark(c, rows) and c.key not in ("id", "tlo", "code"):
            minimum.append(min(nat, max(TEXT_MIN, header_word, cell_word)))  # wrapped at words
        else:  # numbers, ids, levels: whole; the header wraps at its words
            minimum.append(max(widest, header_word))
    live = list(range(len(cols)))
    if not columns:
        suffixed = suffixed_years(cols)
        ranks = [drop_rank(c, year_keys, rows, suffixed) for c in cols]
        while sum(minimum[i] for i in live) + _overhead(len(live)) > width:
            candidates = [i for i in live if ranks[i] > 0]
            if not candidates:
                break
            worst = max(candidates, key=lambda i: (ranks[i], i))
            live.remove(worst)
            dropped.append(
                f"FY{cols[worst].key}" if is_year_key(cols[worst].key) else cols[worst].key
            )
    widths = {i: minimum[i] for i in live}
    spare = width - sum(widths.values()) - _overhead(len(live))
    for i in live:  # give back room to shortened columns, left to right
        if spare <= 0:
            break
        extra = min(spare, natural[i] - widths[i])
        widths[i] += extra
        spare -= extra
    total = sum(widths.values()) + _overhead(len(live))
    out = Table(
        title=Text(fallback(clean(table.title), encoding)),
        box=box.HEAVY_HEAD,
        title_justify="center",
    )
    for i in live:
        c = cols[i]
        numeric = c.kind not in (Col.TEXT, Col.LEVEL, Col.SPARK)
        out.add_column(
            Text(fallback(headers[i], encoding)),
            justify="right" if numeric else "left",
            width=widths[i],
            no_wrap=c.key in NAME_KEYS,
            overflow="ellipsis" if c.key in NAME_KEYS else "fold",
        )
    for r, row in enumerate(rows):
        line: list[Text] = []
        for i in live:
            c = cols[i]
            kind = kind_of(row, c)
            value = row.get(c.key)
            text = fallback(cells[r][i], encoding)
            style = LEVEL_STYLES.get(str(value), "") if kind is Col.LEVEL else ""
            if kind is Col.YEN and isinstance(value, int | float) and value < 0:
                style = "red"
            wrap = c.kind is Col.TEXT and c.key not in NAME_KEYS and not is_spark(c, rows)
            line.append(
                Text(
                    text,
                    style=style,
                    no_wrap=not wrap,
                    overflow="ellipsis" if c.key in NAME_KEYS else "fold",
                )
            )
        out.add_row(*line)
    from tlo_cli.render.tables import notes_with_unit

    notes = "\n".join(fallback(clean(n), encoding) for n in notes_with_unit(table, unit))
    return Fitted(Group(out, Text(notes, style="dim"), Text("")), tuple(dropped), total)
