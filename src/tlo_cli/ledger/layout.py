"""Sheet cells → a table of labelled lines by fiscal year, in either layout.

The year axis is found first: a header row whose cells past the corner are all fiscal years
(items as rows, the usual Japanese statement), or a column of fiscal years under a header row
of labels (years as rows). Each line item becomes a :class:`Line` either way, so the
statement is read the same whatever the layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tlo_cli.errors import Issue, Location, error, warning
from tlo_cli.ledger.axis import Axis, Layout, find_axis
from tlo_cli.ledger.cells import UNIT_PART, is_text, nonempty
from tlo_cli.ledger.columns import Hint
from tlo_cli.ledger.labels import catalogue, normalize, total_base
from tlo_cli.ledger.parse import (
    parse_unit,
)
from tlo_cli.ledger.periods import current_fiscal_year, fiscal_year_of, head_of
from tlo_cli.ledger.read import Sheet, cell_ref
from tlo_cli.ledger.rows import Line, amount, fill_merged_labels, lines_items_as_rows, make_line
from tlo_cli.model import Unit

__all__ = ["Layout", "Line", "Table", "formulas_without_value", "read_table"]


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
    partial: set[int] = field(default_factory=set)  # fiscal years of a short first period


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


def read_table(sheet: Sheet, where: Location, hints: Sequence[Hint] = ()) -> Table | None:
    """The table on a ledger sheet, or None when it has no year axis.

    ``hints`` are fiscal years known from outside the sheet's cells (its name, the profile),
    used only for headers that do not name their own year.
    """
    axis = find_axis(sheet, hints)
    if axis is None:
        return None
    issues = formulas_without_value(sheet, where)
    years: list[int] = []
    year_cells: dict[int, str] = {}
    skipped: list[tuple[str, str, str]] = []
    partial: set[int] = set()
    if axis.found is not None:
        found = axis.found
        for code, message, cell, hint in found.problems:
            issues.append(error(code, message, where.at(cell), hint))
        for code, message, cell in found.warnings:
            issues.append(warning(code, message, where.at(cell)))
        for col in found.columns:
            if col.fy not in year_cells:
                years.append(col.fy)
                year_cells[col.fy] = col.cell
        skipped, partial = found.skipped, found.partial
    else:
        _years_of_rows(sheet, axis, where, issues, years, year_cells)
    unit = _stated_unit(sheet, axis)
    if axis.layout is Layout.ITEMS_AS_ROWS:
        lines = lines_items_as_rows(sheet, axis, where, issues)
    else:
        lines = _lines_years_as_rows(sheet, axis, where, issues)
    _check_merged_amounts(sheet, axis, where, issues)
    order = sorted(years)
    return Table(axis.layout, order, year_cells, lines, unit, issues, skipped, partial)


def _years_of_rows(
    sheet: Sheet,
    axis: Axis,
    where: Location,
    issues: list[Issue],
    years: list[int],
    year_cells: dict[int, str],
) -> None:
    for r, c in axis.year_positions:
        fy = fiscal_year_of(sheet.value(r, c))
        assert fy is not None
        ref = cell_ref(r, c)
        if fy > current_fiscal_year():
            issues.append(
                error(
                    "future-fiscal-year",
                    f"FY{fy} is later than the current fiscal year {current_fiscal_year()}",
                    where.at(ref),
                    "correct the year (a typo?)",
                )
            )
            continue
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


def _stated_unit(sheet: Sheet, axis: Axis) -> Unit | None:
    for r in range(axis.header_row + 1):
        for _c, value in nonempty(sheet.rows[r]):
            unit = parse_unit(value)  # in the header row only in brackets: 金額(百万円)
            if unit is not None and (r < axis.header_row or UNIT_PART.search(str(value))):
                return unit
    return None


def _lines_years_as_rows(
    sheet: Sheet, axis: Axis, where: Location, issues: list[Issue]
) -> list[Line]:
    cat = catalogue()
    header = axis.header_row
    year_rows: list[tuple[int, int]] = []
    seen: set[int] = set()
    for r in range(header + 1, sheet.height):
        value = sheet.value(r, axis.year_col)
        fy = fiscal_year_of(value)
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
        head = head_of(value)
        if head is not None and head.problem:
            issues.append(
                error("invalid-fiscal-year", head.problem, where.at(cell_ref(r, axis.year_col)))
            )
            continue
        issues.append(
            warning(
                "ignored-row",
                f"row {r + 1} is not a fiscal year ({str(value).strip() or 'no year'}); ignored",
                where.at(cell_ref(r, axis.year_col)),
            )
        )
    merged = {(r, c): v for (r, c), v in fill_merged_labels(sheet, range(sheet.width)).items()}
    lines: list[Line] = []
    for c in range(sheet.width):
        if c == axis.year_col:
            continue
        label = merged.get((header, c), sheet.value(header, c))
        values = {fy: amount(sheet, r, c, where, issues) for r, fy in year_rows}
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
        line = make_line([(header, c, label)], values, cells)
        line.label_col = 0  # one label per column: the header row
        lines.append(line)
    return lines


def _one_period_heading(axis: Axis, r0: int, r1: int, c0: int, c1: int) -> bool:
    """A merged heading over the columns of one period (or over its twelve months)."""
    if axis.found is None or r1 > axis.header_row:
        return False
    years = {col.fy for col in axis.found.columns if any(c0 <= c <= c1 for c in col.cols)}
    return len(years) <= 1


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
        if is_label or _one_period_heading(axis, r0, r1, c0, c1):
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
