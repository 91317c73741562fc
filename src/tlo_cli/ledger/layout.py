"""Sheet cells → a table of labelled lines by fiscal year, in either layout.

The year axis is found first: a header row whose cells past the corner are all fiscal years
(items as rows, the usual Japanese statement), or a column of fiscal years under a header row
of labels (years as rows). Each line item becomes a :class:`Line` either way, so the
statement is read the same whatever the layout.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tlo_cli.errors import Issue, Location, error, warning
from tlo_cli.ledger.axis import Axis, Layout, find_axis
from tlo_cli.ledger.cells import UNIT_PART, is_text, nonempty, split_unit
from tlo_cli.ledger.labels import catalogue, normalize, total_base
from tlo_cli.ledger.parse import (
    MAX_AMOUNT,
    parse_amount,
    parse_fiscal_year,
    parse_unit,
)
from tlo_cli.ledger.read import Sheet, cell_ref, column_letter
from tlo_cli.model import Unit


@dataclass(slots=True)
class Line:
    """One labelled line: its amounts by fiscal year as stated (None for an empty cell)."""

    label: str
    key: str
    cell: str
    values: dict[int, float | None]
    cells: dict[int, str]
    unit: Unit | None = None
    indent: int = 0  # leading whitespace of the label (a full-width space counts 2)
    label_col: int = 0  # offset of the label's first cell among the label columns
    outer: bool = False  # amounts from the outer column of an inner/outer pair

    @property
    def empty(self) -> bool:
        return all(v is None for v in self.values.values())


@dataclass(slots=True)
class Table:
    """The year axis, the lines and the unit found on a ledger sheet."""

    layout: Layout
    years: list[int]
    year_cells: dict[int, str]
    lines: list[Line]
    unit: Unit | None
    issues: list[Issue] = field(default_factory=list)
    skipped_columns: list[tuple[str, str, str]] = field(default_factory=list)  # cell, header, why
    partial: set[int] = field(default_factory=set)


def formulas_without_value(sheet: Sheet, where: Location) -> list[Issue]:
    """An error for every formula cell of the sheet that has no stored result."""
    return [
        error(
            "formula-without-value",
            f"formula ={text} has no stored result" if text else "formula has no stored result",
            where.at(cell_ref(r, c)),
            "open and save the workbook in Excel, or type the value",
        )
        for (r, c), text in sorted(sheet.formulas_without_value.items())
    ]


def _fill_merged_labels(sheet: Sheet, label_cols: range) -> dict[tuple[int, int], Any]:
    """A merged label cell counts for every row it spans: (row, col) → the label."""
    filled: dict[tuple[int, int], Any] = {}
    for (r0, c0), (r1, _c1) in sheet.merged:
        if c0 in label_cols and is_text(sheet.value(r0, c0)):
            for r in range(r0 + 1, r1 + 1):
                filled[(r, c0)] = sheet.value(r0, c0)
    return filled


def read_table(sheet: Sheet, where: Location) -> Table | None:
    """The table on a ledger sheet, or None when it has no year axis."""
    axis = find_axis(sheet)
    if axis is None:
        return None
    issues = formulas_without_value(sheet, where)
    years: list[int] = []
    year_cells: dict[int, str] = {}
    for r, c in axis.year_positions:
        fy = parse_fiscal_year(sheet.value(r, c))
        assert fy is not None
        ref = cell_ref(r, c)
        if fy in year_cells:
            issues.append(
                error(
                    "duplicate-fiscal-year",
                    f"fiscal year {fy} appears twice (also {year_cells[fy]})",
                    where.at(ref),
                    "each fiscal year may appear once",
                )
            )
            continue
        years.append(fy)
        year_cells[fy] = ref
    unit = _stated_unit(sheet, axis)
    if axis.layout is Layout.ITEMS_AS_ROWS:
        lines = _lines_items_as_rows(sheet, axis, where, issues)
    else:
        lines = _lines_years_as_rows(sheet, axis, where, issues)
    _check_merged_amounts(sheet, axis, where, issues)
    order = sorted(years)
    return Table(axis.layout, order, year_cells, lines, unit, issues)


def _stated_unit(sheet: Sheet, axis: Axis) -> Unit | None:
    for r in range(axis.header_row + 1):
        for c, value in nonempty(sheet.rows[r]):
            if (
                r == axis.header_row
                and axis.layout is Layout.ITEMS_AS_ROWS
                and c >= axis.label_col_end
            ):
                continue
            unit = parse_unit(value)
            if unit is not None and (r < axis.header_row or UNIT_PART.search(str(value))):
                return unit
    return None


def _amount(sheet: Sheet, r: int, c: int, where: Location, issues: list[Issue]) -> float | None:
    """The amount in a cell; NaN (never read as a value) when the cell is in error."""
    row = sheet.rows[r] if r < len(sheet.rows) else ()
    value = row[c] if c < len(row) else ""
    if (
        type(value) is float
        and -MAX_AMOUNT <= value <= MAX_AMOUNT
        and not sheet.formulas_without_value
    ):
        return value  # the common case: a plain number
    if value == "" and not sheet.formulas_without_value:
        return None
    if (r, c) in sheet.formulas_without_value:
        return math.nan  # reported once for the sheet by read_table
    try:
        return parse_amount(value)
    except ValueError as exc:
        issues.append(
            error(
                "text-amount",
                str(exc),
                where.at(cell_ref(r, c)),
                "expected a number such as 1,234, △1,234 or (1,234), or - for zero",
            )
        )
        return math.nan


@lru_cache(maxsize=65536)
def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _make_line(
    label_cells: list[tuple[int, int, Any]],
    values: dict[int, float | None],
    cells: dict[int, str],
    nested: bool = True,
) -> Line:
    texts: list[str] = []
    for _, _, v in label_cells:
        text = _nfkc(str(v))
        if text not in texts:
            texts.append(text)
    label, unit = split_unit(" ".join(texts))
    r, c, first = label_cells[0]
    if not nested:  # a column heading: no indentation, no label columns
        return Line(label, normalize(label), cell_ref(r, c), values, cells, unit)
    return Line(
        label, normalize(label), cell_ref(r, c), values, cells, unit, _indent(str(first)), c
    )


def _indent(text: str) -> int:
    """The width of a label's leading whitespace: a full-width space counts 2, others 1."""
    width = 0
    for ch in text:
        if ch == "\u3000":
            width += 2
        elif ch.isspace():
            width += 1
        else:
            break
    return width


def _lines_items_as_rows(
    sheet: Sheet, axis: Axis, where: Location, issues: list[Issue]
) -> list[Line]:
    year_cols: list[tuple[int, int, str]] = []
    for r, c in axis.year_positions:
        fy = parse_fiscal_year(sheet.value(r, c))
        if fy is not None and all(fy != seen for _, seen, _ in year_cols):
            year_cols.append((c, fy, column_letter(c)))
    label_cols = range(axis.label_col_end)
    merged = _fill_merged_labels(sheet, label_cols)
    lines: list[Line] = []
    for r in range(axis.header_row + 1, sheet.height):
        row = sheet.rows[r]
        label_cells = []
        for c in label_cols:
            value = (merged.get((r, c)) if merged else None) or (row[c] if c < len(row) else "")
            if type(value) is str and value and is_text(value):
                label_cells.append((r, c, value))
        suffix = str(r + 1)
        if sheet.formulas_without_value:
            values = {fy: _amount(sheet, r, c, where, issues) for c, fy, _ in year_cols}
        else:
            values = {}
            for c, fy, _ in year_cols:
                v = row[c] if c < len(row) else ""
                if type(v) is float and -MAX_AMOUNT <= v <= MAX_AMOUNT:
                    values[fy] = v  # the common case: a plain number
                elif v == "":
                    values[fy] = None
                else:
                    values[fy] = _amount(sheet, r, c, where, issues)
        cells = {fy: letter + suffix for _, fy, letter in year_cols}
        if not label_cells:
            first = next((cells[fy] for fy, v in values.items() if v is not None), None)
            if first is not None:
                issues.append(
                    error(
                        "label-without-amounts",
                        "amounts with no label on their row",
                        where.at(first),
                        "give the row a label or delete the amounts",
                    )
                )
            continue
        lines.append(_make_line(label_cells, values, cells))
    return lines


def _lines_years_as_rows(
    sheet: Sheet, axis: Axis, where: Location, issues: list[Issue]
) -> list[Line]:
    cat = catalogue()
    header = axis.header_row
    year_rows: list[tuple[int, int]] = []
    seen: set[int] = set()
    for r in range(header + 1, sheet.height):
        value = sheet.value(r, axis.year_col)
        fy = parse_fiscal_year(value)
        if fy is not None:
            if fy not in seen:
                year_rows.append((r, fy))
                seen.add(fy)
            continue
        if not nonempty(sheet.rows[r]):
            continue
        key = normalize(str(value)) if is_text(value) else ""
        if total_base(key) is not None or key in {"平均", "average", "mean"}:
            continue
        issues.append(
            warning(
                "ignored-row",
                f"row {r + 1} is not a fiscal year ({str(value).strip() or 'no year'}); ignored",
                where.at(cell_ref(r, axis.year_col)),
            )
        )
    merged = {(r, c): v for (r, c), v in _fill_merged_labels(sheet, range(sheet.width)).items()}
    lines: list[Line] = []
    for c in range(sheet.width):
        if c == axis.year_col:
            continue
        label = merged.get((header, c), sheet.value(header, c))
        values = {fy: _amount(sheet, r, c, where, issues) for r, fy in year_rows}
        cells = {fy: cell_ref(r, c) for r, fy in year_rows}
        if not is_text(label):
            if any(v is not None for v in values.values()):
                first = next(cells[fy] for fy, v in values.items() if v is not None)
                issues.append(
                    error(
                        "label-without-amounts",
                        "amounts with no label at the head of their column",
                        where.at(first),
                        "give the column a label or delete the amounts",
                    )
                )
            continue
        if normalize(str(label)) in cat.axis_item:
            continue
        lines.append(_make_line([(header, c, label)], values, cells, nested=False))
    return lines


def _check_merged_amounts(sheet: Sheet, axis: Axis, where: Location, issues: list[Issue]) -> None:
    """Merged cells over fiscal years or amounts are ambiguous: which year holds the value?"""
    year_rows = {r for r, _ in axis.year_positions}
    year_cols = {c for _, c in axis.year_positions}

    def touches_amounts(r: int, c: int) -> bool:
        if axis.layout is Layout.ITEMS_AS_ROWS:
            return r >= axis.header_row and c in year_cols
        return r in year_rows

    for (r0, c0), (r1, c1) in sheet.merged:
        if (r0, c0) == (r1, c1):
            continue
        if axis.layout is Layout.ITEMS_AS_ROWS:
            is_label = r0 == r1 and c0 < axis.label_col_end and r0 > axis.header_row
        else:
            is_label = c0 == c1 and r1 <= axis.header_row
        if is_label:
            continue
        if any(touches_amounts(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)) or (
            axis.layout is Layout.YEARS_AS_ROWS and r0 <= axis.header_row <= r1 and c1 > c0
        ):
            span = f"{cell_ref(r0, c0)}:{cell_ref(r1, c1)}"
            issues.append(
                error(
                    "merged-amount",
                    f"cells {span} are merged where fiscal years or amounts belong",
                    where.at(cell_ref(r0, c0)),
                    "unmerge them and give each fiscal year its own cell",
                )
            )
