"""Checks on a ledger's amount cells once its table is read and its unit known.

- an error value (#N/A, #REF!) as a line's label is an error (as an amount it already is);
- an amount beyond 10^15 yen *after* the unit is applied is an error (10^15 百万円 is checked as
  10^21 yen, not as 10^15);
- a unit written in an amount cell (``14,500千円``) must be the line's or the sheet's unit;
- revenue and expense amounts are never negative (balances such as net assets, and the stated
  profits and subtotals, may be);
- ``14.500`` written as text on a sheet whose other amounts are whole numbers is probably a
  thousands separator: a warning naming the cell.
"""

from __future__ import annotations

import math
from typing import Any, cast

from tlo_cli.errors import Issue, Location, error, warning
from tlo_cli.ledger.labels import catalogue
from tlo_cli.ledger.layout import Line, Table
from tlo_cli.ledger.parse import ERROR_VALUES, MAX_AMOUNT, ErrorValue, WrittenAmount
from tlo_cli.ledger.read import Sheet
from tlo_cli.ledger.statement import Statement
from tlo_cli.model import ITEM_KIND, Kind, Unit

#: Revenue and expense items are never below zero. Balances may be (net assets in 債務超過, cash
#: netted with an overdraft), as may the stated profits and subtotals, which are not items, and a
#: side derived as a difference (unitemized_*), whose sign is the statement's; counts are checked
#: by the statement.
_NEVER_NEGATIVE = frozenset(
    item
    for item, kind in ITEM_KIND.items()
    if kind in (Kind.REVENUE, Kind.EXPENSE) and not item.startswith("unitemized_")
)


def _is_error_value(value: Any) -> bool:
    return isinstance(value, ErrorValue) or (
        isinstance(value, str) and value.strip().upper() in ERROR_VALUES
    )


def cell_issues(
    sheet: Sheet,
    table: Table,
    statement: Statement,
    issues: list[Issue],
    *,
    unit: Unit,
    where: Location,
) -> list[Issue]:
    """Every issue of a ledger sheet: the sheet's own (hidden cells, error values) first, then
    ``issues`` (the table's and the statement's, without a second error for a cell whose error
    value the sheet already named), then the checks of this module."""
    if sheet.issues:
        named = {i.location for i in sheet.issues if i.code == "error-value"}
        issues = [
            *sheet.issues,
            *(i for i in issues if not (i.code == "text-amount" and i.location in named)),
        ]
    return issues + check_cells(table, unit, where) + negative_items(statement, table, unit, where)


_LIMITS = {unit: MAX_AMOUNT / unit.yen for unit in Unit}
_FLOAT = {float}


def check_cells(table: Table, unit: Unit, where: Location) -> list[Issue]:
    """The issues above for every line of ``table`` (its amounts in ``unit`` unless the line
    states its own).

    A line of plain numbers costs a set of types, a min and a max; only lines with an empty
    cell, an amount written as text or a value beyond the checks are walked cell by cell.
    """
    issues: list[Issue] = []
    dotted: list[tuple[str, WrittenAmount]] = []
    for line in table.lines:
        if line.label[:1] in ("#", "＃") and _is_error_value(line.label):  # typed as text
            issues.append(
                error(
                    "error-value",
                    f"the error value {line.label.strip()} where a label belongs",
                    where.at(line.cell),
                    "replace it with the line's label",
                )
            )
        values = line.values
        line_unit = line.unit or unit
        limit = _LIMITS[line_unit]
        if set(map(type, values.values())) == _FLOAT:
            numbers = cast("list[float]", list(values.values()))  # no None: all are floats
            if max(numbers) <= limit and min(numbers) >= -limit:
                continue
        for fy, v in values.items():
            if v is None or v != v:  # empty, or an error already reported
                continue
            if abs(v) > limit:
                issues.append(_too_large(line, fy, v, line_unit, where))
            if isinstance(v, WrittenAmount):
                if v.unit is not None and v.unit is not line_unit:
                    issues.append(_unit_mismatch(line, fy, v.text, v.unit, line_unit, where))
                if v.dotted:
                    dotted.append((line.cells.get(fy) or line.cell, v))
    return issues + _dot_thousands(table, dotted, where)


def _dot_thousands(
    table: Table, dotted: list[tuple[str, WrittenAmount]], where: Location
) -> list[Issue]:
    """14.500 written as text where every other amount of the sheet is a whole number."""
    if not dotted or _fractional_count(table) > len(dotted):
        return []
    issues = []
    for cell, v in dotted:
        text = v.text.strip()
        whole = text.replace(".", ",")
        issues.append(
            warning(
                "dot-thousands",
                f"{text} is read as {abs(v):g} but the sheet's other amounts are whole numbers; "
                f"is it {whole}?",
                where.at(cell),
                f"write {whole} (or {whole.replace(',', '')}) if the dot separates thousands",
            )
        )
    return issues


def _fractional_count(table: Table) -> int:
    return sum(
        1
        for line in table.lines
        for v in line.values.values()
        if v is not None and v == v and not v.is_integer()
    )


def _too_large(line: Line, fy: int, v: float, unit: Unit, where: Location) -> Issue:
    return error(
        "bad-amount",
        f"{line.label} for FY{fy} is {v:,.6g} {unit.label}, {abs(v) * unit.yen:.3g} yen: beyond any "
        "ledger (more than 10^15 yen)",
        where.at(line.cells.get(fy)),
        "check the amount and the unit stated above the table",
    )


def _negative(line: Line, fy: int, v: float, unit: Unit, where: Location) -> Issue:
    return error(
        "negative-amount",
        f"{line.label} for FY{fy} is {v:,.0f} {unit.label}; it cannot be negative",
        where.at(line.cells.get(fy)),
        "enter it as a positive number (only balances and stated profits may be negative)",
    )


def _unit_mismatch(
    line: Line, fy: int, raw: str, written: Unit, unit: Unit, where: Location
) -> Issue:
    return error(
        "unit-mismatch",
        f"「{raw.strip()}」 is written in {written.label} but {line.label} is read in {unit.label}",
        where.at(line.cells.get(fy)),
        f"write the number alone, in {unit.label}",
    )


def negative_items(statement: Statement, table: Table, unit: Unit, where: Location) -> list[Issue]:
    """An error for each revenue or expense item below zero in a year, as the statement reads
    it (lines folded into the item included, a net line moved to its side first), naming the
    cell of a negative line of that item when there is one, else the item's label."""
    found: list[Issue] = []
    for item, series in statement.amounts.items():
        if item not in _NEVER_NEGATIVE or not series or min(series.values()) >= 0:
            continue
        lines = [line for line in table.lines if catalogue().items.get(line.key) == item]
        for fy, v in series.items():
            if math.isnan(v) or v >= 0:
                continue
            line = next((ln for ln in lines if (ln.values.get(fy) or 0) < 0), None)
            if line is not None:
                amount = line.values[fy]
                assert amount is not None
                found.append(_negative(line, fy, amount, line.unit or unit, where))
                continue
            found.append(
                error(
                    "negative-amount",
                    f"{item} for FY{fy} sums to {v:,.0f} yen (lines folded into it included); "
                    "it cannot be negative",
                    where.at(statement.lines.get(item)),
                    "check the signs of the lines counted as this item",
                )
            )
    return found
