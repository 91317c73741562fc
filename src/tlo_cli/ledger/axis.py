"""Finding the fiscal-year axis of a ledger sheet, in either layout.

Items as rows (the usual Japanese statement): a header row whose cells past the corner are all
fiscal years. Years as rows: a column of fiscal years under a header row of labels. The first
row, top down, that heads either layout wins; a column of amounts that happen to lie between
1950 and 2100 is never taken for the axis.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import Any

from tlo_cli.ledger.cells import is_text, nonempty, split_unit
from tlo_cli.ledger.labels import Catalogue, catalogue, normalize, total_base
from tlo_cli.ledger.parse import is_year_text, parse_fiscal_year
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


def _increasing(years: list[int]) -> bool:
    return all(a < b for a, b in pairwise(years))


def _items_as_rows_header(row: list[Any], r: int) -> Axis | None:
    cells = nonempty(row)
    if len(cells) < 2:
        return None
    (c0, v0), rest = cells[0], cells[1:]
    years = [parse_fiscal_year(v) for _, v in rest]
    if any(y is None for y in years):
        return None
    corner_is_year = parse_fiscal_year(v0) is not None
    if not corner_is_year:
        if not is_text(v0):
            return None
        return Axis(Layout.ITEMS_AS_ROWS, r, [(r, c) for c, _ in rest], rest[0][0], -1)
    # No corner: every cell is a year. Bare numbers must be strictly increasing and leave
    # room for labels on the left.
    all_years = [parse_fiscal_year(v) for _, v in cells]
    textual = all(is_year_text(v) for _, v in cells)
    if c0 == 0 or not (textual or _increasing([y for y in all_years if y is not None])):
        return None
    return Axis(Layout.ITEMS_AS_ROWS, r, [(r, c) for c, _ in cells], c0, -1)


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
    if parse_fiscal_year(sheet.value(below, year_col)) is None:
        return None
    if keyword_col is None and first_col == c0:
        return None  # the first header cell would be over the years but is not a year heading
    if _items_as_rows_header(sheet.rows[below], below) is not None:
        return None
    positions = [
        (i, year_col)
        for i in range(r + 1, sheet.height)
        if parse_fiscal_year(sheet.value(i, year_col)) is not None
    ]
    return Axis(Layout.YEARS_AS_ROWS, r, positions, -1, year_col)


def find_axis(sheet: Sheet) -> Axis | None:
    """The year axis: the first row, top down, that heads either layout."""
    cat = catalogue()
    for r, row in enumerate(sheet.rows):
        axis = _items_as_rows_header(row, r) or _years_as_rows_header(sheet, r, cat)
        if axis is not None:
            return axis
    return None
