"""Finding the fiscal-year axis of a ledger sheet, in either layout.

Items as rows (the usual Japanese statement): a header row whose cells past the corner are all
fiscal years. Years as rows: a column of fiscal years under a header row of labels. The first
row, top down, that heads either layout wins; a column of amounts that happen to lie between
1950 and 2100 is never taken for the axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import Any

from tlo_cli.ledger.cells import UNIT_PART, is_text, nonempty, split_unit
from tlo_cli.ledger.columns import PERIODIC, Found, Hint
from tlo_cli.ledger.header import read_columns
from tlo_cli.ledger.labels import Catalogue, catalogue, normalize, total_base
from tlo_cli.ledger.pages import headerless
from tlo_cli.ledger.parse import parse_fiscal_year, parse_unit
from tlo_cli.ledger.periods import HeadKind, fiscal_year_of, head_of
from tlo_cli.ledger.read import Sheet


class Layout(StrEnum):
    ITEMS_AS_ROWS = "items-as-rows"
    YEARS_AS_ROWS = "years-as-rows"


def _known_label(cat: Catalogue, value: Any) -> bool:
    if not is_text(value):
        return False
    key = normalize(split_unit(str(value))[0])
    return (
        key in cat.items
        or key in cat.sections
        or key in cat.ordinary_profit
        or key in cat.axis_year
        or key in cat.axis_item
        or total_base(key) is not None
    )


@dataclass(frozen=True, slots=True)
class Axis:
    layout: Layout
    header_row: int
    year_positions: list[tuple[int, int]]  # (row, col) of each fiscal-year cell
    label_col_end: int  # items as rows: labels lie in columns before this
    year_col: int  # years as rows: the column of fiscal years
    found: Found | None = None  # items as rows: the amount columns, skipped columns, problems


def _increasing(years: list[int]) -> bool:
    return all(a < b for a, b in pairwise(years))


_NAMED = frozenset({HeadKind.PERIOD, HeadKind.RELATIVE, HeadKind.ORDINAL})


@dataclass(frozen=True, slots=True)
class _Candidate:
    label_col_end: int
    periods: int  # columns that name or stand for a period
    single_year: bool  # one column, a year: perhaps a title row such as 決算年度 | 2008年度


def _items_as_rows_header(sheet: Sheet, r: int, cat: Catalogue) -> _Candidate | None:
    """A header row: label headings, then only period or known non-period headings."""
    row = sheet.rows[r]
    cells = nonempty(row)
    if len(cells) < 2:
        return None
    heads = [head_of(v) for _, v in cells]
    first = 0
    while first < len(cells) and (
        heads[first] is None
        or (heads[first].kind not in PERIODIC and first == 0)  # type: ignore[union-attr]
        or heads[first].kind is HeadKind.CODE  # type: ignore[union-attr]
    ):
        if not is_text(cells[first][1]):
            return None
        first += 1
    rest = heads[first:]
    if not rest:
        return None
    if any(h is None for h in rest):
        # Unknown headings beside two or more periods written as text are skipped columns.
        named = sum(
            h is not None and h.kind in _NAMED and isinstance(v, str)
            for (_, v), h in zip(cells[first:], rest, strict=True)
        )
        if named < 2 or not all(
            is_text(v) for (_, v), h in zip(cells[first:], rest, strict=True) if h is None
        ):
            return None
    kinds = [h.kind for h in rest if h is not None]
    periods = sum(k in PERIODIC for k in kinds)
    if not periods:
        return None
    c0 = cells[first][0]
    numbers = [v for (_, v), h in zip(cells[first:], rest, strict=True) if not isinstance(v, str)]
    if first == 0:  # no corner: years must be text, or strictly increasing, with room for labels
        years = [h.fy for h in rest if h is not None and h.fy is not None]
        textual = not numbers
        if c0 == 0 or not (textual or _increasing(years)):
            return None
    elif numbers:
        # Bare numbers beside a label: an amount row unless the label is a heading and
        # nothing better heads these columns.
        corner = cells[first - 1][1]
        heading = normalize(str(corner)) in cat.axis_item or normalize(str(corner)) in cat.axis_year
        if _known_label(cat, corner) and not heading:
            return None
        if _headed_above(sheet, r, [c for c, _ in cells[first:]]):
            return None
    single = periods == 1 and kinds[0] in (HeadKind.PERIOD, HeadKind.BARE) and len(kinds) == 1
    return _Candidate(c0, periods, single)


def _headed_above(sheet: Sheet, r: int, cols: list[int]) -> bool:
    """True when the nearest row above has headings over most of these columns that name no
    period (第一 | 第二): the row is then amounts under them, not the axis."""
    above = next((i for i in range(r - 1, -1, -1) if nonempty(sheet.rows[i])), None)
    if above is None:
        return False
    texts = sum(
        is_text(v := sheet.value(above, c))
        and parse_unit(v) is None
        and not UNIT_PART.search(v)
        and head_of(v) is None
        for c in cols
    )
    return texts * 2 > len(cols)


def _years_as_rows_header(sheet: Sheet, r: int, cat: Catalogue) -> Axis | None:
    cells = nonempty(sheet.rows[r])
    if len(cells) < 2:
        return None
    if any(parse_fiscal_year(v) is not None and not is_text(v) for _, v in cells):
        return None
    c0 = cells[0][0]
    keyword_col = next(
        (c for c, v in cells if is_text(v) and normalize(str(v)) in cat.axis_year), None
    )
    if keyword_col is None and not any(_known_label(cat, v) for _, v in cells):
        return None
    below = next((i for i in range(r + 1, sheet.height) if nonempty(sheet.rows[i])), None)
    if below is None:
        return None
    first_col = nonempty(sheet.rows[below])[0][0]
    year_col = keyword_col if keyword_col is not None else first_col
    if fiscal_year_of(sheet.value(below, year_col)) is None:
        return None
    if keyword_col is None and first_col == c0:
        return None  # the first header cell would be over the years but is not a year heading
    if _items_as_rows_header(sheet, below, cat) is not None:
        return None
    positions = [
        (i, year_col)
        for i in range(r + 1, sheet.height)
        if fiscal_year_of(sheet.value(i, year_col)) is not None
    ]
    return Axis(Layout.YEARS_AS_ROWS, r, positions, -1, year_col)


def find_axis(sheet: Sheet, hints: Sequence[Hint] = ()) -> Axis | None:
    """The year axis: the first row, top down, that heads either layout.

    A row with a single year (決算年度 | 2008年度) gives way to a header of two or more periods
    within the next few rows: a title row's year never overrides a header row of years.
    """
    cat = catalogue()
    for r in range(sheet.height):
        found = _items_as_rows_header(sheet, r, cat)
        if found is not None and found.single_year:
            later = next(
                (
                    i
                    for i in range(r + 1, min(r + 6, sheet.height))
                    if (c := _items_as_rows_header(sheet, i, cat)) is not None and c.periods > 1
                ),
                None,
            )
            if later is not None:
                continue
        if found is not None:
            return _items_axis(sheet, r, found.label_col_end, hints)
        axis = _years_as_rows_header(sheet, r, cat)
        if axis is not None:
            return axis
    bare = headerless(sheet, hints)
    if bare is None:
        return None
    header_row, label_col_end, columns = bare
    positions = sorted({(max(header_row, 0), col.cols[0]) for col in columns.columns})
    return Axis(Layout.ITEMS_AS_ROWS, header_row, positions, label_col_end, -1, columns)


def _items_axis(sheet: Sheet, r: int, label_col_end: int, hints: Sequence[Hint]) -> Axis:
    header_row, found = read_columns(sheet, r, label_col_end, hints)
    positions = sorted({(header_row, col.cols[0]) for col in found.columns})
    return Axis(Layout.ITEMS_AS_ROWS, header_row, positions, label_col_end, -1, found)
