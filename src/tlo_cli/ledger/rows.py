"""Rows of an items-as-rows table → labelled lines, one per row, with their amounts by year.

The common case (plain numbers under one column per fiscal year) takes a fast path. Otherwise a
fiscal year may sum twelve month columns (checked against a 合計 beside them), or be read from
an inner and an outer column (計算書類 style: items inner, totals outer).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tlo_cli.errors import Issue, Location, error, warning
from tlo_cli.ledger.cells import is_text, split_unit
from tlo_cli.ledger.columns import Column
from tlo_cli.ledger.labels import catalogue, normalize, total_base
from tlo_cli.ledger.parse import MAX_AMOUNT, parse_amount
from tlo_cli.ledger.read import Sheet, cell_ref, column_letter
from tlo_cli.model import Unit

if TYPE_CHECKING:
    from tlo_cli.ledger.axis import Axis


@dataclass(slots=True)
class Line:
    """One labelled line: its amounts by fiscal year as stated (None for an empty cell)."""

    label: str
    key: str
    cell: str
    values: dict[int, float | None]
    cells: dict[int, str]
    unit: Unit | None = None
    indent: int = 0  # leading whitespace of the raw label: space 1, full-width space 2, tab 4
    label_col: int = 0  # offset of the label's first cell among the label columns
    outer: bool = False  # its amounts came from the outer column of an inner/outer pair

    @property
    def empty(self) -> bool:
        return all(v is None for v in self.values.values())


def fill_merged_labels(sheet: Sheet, label_cols: range) -> dict[tuple[int, int], Any]:
    """A merged label cell counts for every row it spans: (row, col) → the label."""
    filled: dict[tuple[int, int], Any] = {}
    for (r0, c0), (r1, _c1) in sheet.merged:
        if c0 in label_cols and is_text(sheet.value(r0, c0)):
            for r in range(r0 + 1, r1 + 1):
                filled[(r, c0)] = sheet.value(r0, c0)
    return filled


def amount(sheet: Sheet, r: int, c: int, where: Location, issues: list[Issue]) -> float | None:
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


_INDENT_WIDTH = {" ": 1, "\u3000": 2, "\t": 4}


def indent_width(raw: str) -> int:
    """The width of a label's leading whitespace: half-width space 1, full-width 2, tab 4."""
    width = 0
    for ch in raw:
        w = _INDENT_WIDTH.get(ch)
        if w is None:
            break
        width += w
    return width


def make_line(
    label_cells: list[tuple[int, int, Any]],
    values: dict[int, float | None],
    cells: dict[int, str],
    outer: bool = False,
) -> Line:
    """A line from its label cells (joined, or the known one of two) and its amounts."""
    r, c, raw = label_cells[0]
    if len(label_cells) == 1:
        label, unit = split_unit(_nfkc(raw if type(raw) is str else str(raw)))
        key = _normalized(label)
    else:
        label, unit, key = _joined([_nfkc(str(v)) for _, _, v in label_cells])
    indent = indent_width(raw) if type(raw) is str and raw[:1] in _INDENT_WIDTH else 0
    return Line(label, key, cell_ref(r, c), values, cells, unit, indent, c, outer)


@lru_cache(maxsize=65536)
def _normalized(label: str) -> str:
    return normalize(label)


def _joined(parts: list[str]) -> tuple[str, Unit | None, str]:
    """Label cells side by side: joined (販売費及び | 一般管理費), else the rightmost known label
    (Japanese and English side by side, or a heading beside its item: either text may match)."""
    texts: list[str] = []
    for text in parts:
        if text not in texts:
            texts.append(text)
    label, unit = split_unit(" ".join(texts))
    key = _normalized(label)
    if len(texts) > 1 and not _known(key):
        sections = catalogue().sections
        for text in reversed(texts):
            part, part_unit = split_unit(text)
            part_key = _normalized(part)
            # A section heading beside an unknown item is not that item's label.
            if _known(part_key) and part_key not in sections:
                return part, part_unit or unit, part_key
    return label, unit, key


_NOTE_START = frozenset("※*＊(（注 \u3000")
_NOTE = re.compile(r"^(?:[※*＊]\s*\d*|[(（]?注\s*\d*[)）]?|[(（]注記?\s*\d+[)）])$")


def _known(key: str) -> bool:
    cat = catalogue()
    return (
        key in cat.items
        or key in cat.sections
        or key in cat.ordinary_profit
        or key in cat.below_line
        or key in cat.profit_subtotals
        or total_base(key) is not None
    )


def lines_items_as_rows(
    sheet: Sheet, axis: Axis, where: Location, issues: list[Issue]
) -> list[Line]:
    """A line for every labelled row below the header; amounts with no label are an error."""
    columns = axis.found.columns if axis.found is not None else []
    simple = all(len(col.cols) == 1 and not col.outer for col in columns) and len(
        {col.fy for col in columns}
    ) == len(columns)
    year_cols = [(col.cols[0], col.fy, column_letter(col.cols[0])) for col in columns]
    by_fy: dict[int, list[Column]] = {}
    for col in columns:
        by_fy.setdefault(col.fy, []).append(col)
    label_cols = range(axis.label_col_end)
    merged = fill_merged_labels(sheet, label_cols)
    lines: list[Line] = []
    for r in range(axis.header_row + 1, sheet.height):
        row = sheet.rows[r]
        label_cells = []
        for c in label_cols:
            value = (merged.get((r, c)) if merged else None) or (row[c] if c < len(row) else "")
            if type(value) is str and value and is_text(value) and not value.isdigit():
                if value[0] in _NOTE_START and _NOTE.match(value.strip()):
                    continue  # a note mark (※1) in a 注記 column is no label
                label_cells.append((r, c, value))  # a column of account codes is no label
        outer = False
        suffix = str(r + 1)
        if not simple:
            values, cells, outer = _row_values(sheet, r, by_fy, where, issues)
        elif sheet.formulas_without_value:
            values = {fy: amount(sheet, r, c, where, issues) for c, fy, _ in year_cols}
            cells = {fy: letter + suffix for _, fy, letter in year_cols}
        else:
            values = {}
            for c, fy, _ in year_cols:
                v = row[c] if c < len(row) else ""
                if type(v) is float and -MAX_AMOUNT <= v <= MAX_AMOUNT:
                    values[fy] = v  # the common case: a plain number
                elif v == "":
                    values[fy] = None
                else:
                    values[fy] = amount(sheet, r, c, where, issues)
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
        lines.append(make_line(label_cells, values, cells, outer=outer))
    leftmost = min((line.label_col for line in lines), default=0)
    if leftmost:
        for line in lines:
            line.label_col -= leftmost
    return lines


def _row_values(
    sheet: Sheet, r: int, by_fy: dict[int, list[Column]], where: Location, issues: list[Issue]
) -> tuple[dict[int, float | None], dict[int, str], bool]:
    """One row's amount by year: months summed, inner or outer column, and whether outer."""
    values: dict[int, float | None] = {}
    cells: dict[int, str] = {}
    outer = False
    for fy, cols in by_fy.items():
        got: list[tuple[Column, float, str]] = []
        for col in cols:
            cell = cell_ref(r, col.cols[0])
            if len(col.cols) == 1:
                v = amount(sheet, r, col.cols[0], where, issues)
            else:
                v = _months(sheet, r, col, where, issues)
            if v is not None:
                got.append((col, v, cell))
        cells[fy] = got[0][2] if got else cell_ref(r, cols[0].cols[0])
        values[fy] = got[0][1] if got else None
        if len(got) > 1:
            issues.append(
                error(
                    "merged-amount",
                    f"{got[0][2]} and {got[1][2]} both hold an amount for FY{fy} "
                    f"(one heading {cols[0].cell} over both)",
                    where.at(got[0][2]),
                    "put each fiscal year's amount in one column, or give each column its year",
                )
            )
        elif got and got[0][0].outer:
            outer = True
    return values, cells, outer


def _months(
    sheet: Sheet, r: int, col: Column, where: Location, issues: list[Issue]
) -> float | None:
    """The sum of a row's twelve months, checked against the 合計 beside them."""
    parts = [amount(sheet, r, c, where, issues) for c in col.cols]
    present = [p for p in parts if p is not None]
    total = math.fsum(present) if present else None
    if col.total_col is not None:
        stated = amount(sheet, r, col.total_col, where, issues)
        if stated is not None and abs(stated - (total or 0.0)) > 0.5:
            issues.append(
                warning(
                    "monthly-total-mismatch",
                    f"the total {stated:,.0f} differs from the sum of the months "
                    f"{total or 0.0:,.0f}; the months are read",
                    where.at(cell_ref(r, col.total_col)),
                )
            )
    return total
