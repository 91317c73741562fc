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
import re
import unicodedata
from typing import Any

from tlo_cli.errors import Issue, Location, error, warning
from tlo_cli.ledger.labels import catalogue
from tlo_cli.ledger.layout import Line, Table
from tlo_cli.ledger.parse import ERROR_VALUES, MAX_AMOUNT, ErrorValue, amount_unit
from tlo_cli.ledger.read import Sheet
from tlo_cli.ledger.sheetxml import cell_position
from tlo_cli.model import ITEM_KIND, Kind, Unit

#: Revenue and expense items are never below zero. Balances may be (net assets in 債務超過, cash
#: netted with an overdraft), as may the stated profits and subtotals, which are not items;
#: counts are checked by the statement.
_NEVER_NEGATIVE = frozenset(
    item for item, kind in ITEM_KIND.items() if kind in (Kind.REVENUE, Kind.EXPENSE)
)
_DOT_THOUSANDS = re.compile(r"^[△▲(\-−]?\s*\d{1,3}\.\d{3}\)?$")


def _raw(sheet: Sheet, address: str | None) -> Any:
    position = cell_position(address or "")
    return sheet.value(*position) if position else ""


def _is_error_value(value: Any) -> bool:
    return isinstance(value, ErrorValue) or (
        isinstance(value, str) and value.strip().upper() in ERROR_VALUES
    )


def sheet_and_table_issues(sheet: Sheet, table: Table) -> list[Issue]:
    """The sheet's issues, then the table's without a second error for a cell whose error value
    the sheet already named."""
    named = {i.location for i in sheet.issues if i.code == "error-value"}
    return [
        *sheet.issues,
        *(i for i in table.issues if not (i.code == "text-amount" and i.location in named)),
    ]


def check_cells(sheet: Sheet, table: Table, unit: Unit, where: Location) -> list[Issue]:
    """The issues above for every line of ``table`` (read from ``sheet`` in ``unit``)."""
    items = catalogue().items
    issues: list[Issue] = []
    dotted: list[tuple[str, str]] = []
    fractional = False
    for line in table.lines:
        label = _raw(sheet, line.cell)
        if _is_error_value(label) and not isinstance(label, ErrorValue):  # typed as text
            issues.append(
                error(
                    "error-value",
                    f"the error value {str(label).strip()} where a label belongs",
                    where.at(line.cell),
                    "replace it with the line's label",
                )
            )
        line_unit = line.unit or unit
        item = items.get(line.key)
        never_negative = item in _NEVER_NEGATIVE
        for fy, v in line.values.items():
            if v is None or v != v:  # empty, or an error already reported
                continue
            if abs(v) * line_unit.yen > MAX_AMOUNT:
                issues.append(_too_large(line, fy, v, line_unit, where))
            if never_negative and v < 0:
                issues.append(_negative(line, fy, v, line_unit, where))
            if not v.is_integer():
                fractional = True
                raw = _raw(sheet, line.cells.get(fy))
                if isinstance(raw, str) and _DOT_THOUSANDS.match(_nfkc(raw)):
                    dotted.append((line.cells.get(fy) or line.cell, raw.strip()))
            elif type(v) is float and line.cells.get(fy):
                raw = _raw(sheet, line.cells.get(fy))
                if isinstance(raw, str):
                    written = amount_unit(raw)
                    if written is not None and written is not line_unit:
                        issues.append(_unit_mismatch(line, fy, raw, written, line_unit, where))
    if dotted and (not fractional or len(dotted) == _fractional_count(table)):
        for cell, text in dotted:
            whole = text.replace(".", ",")
            issues.append(
                warning(
                    "dot-thousands",
                    f"{text} is read as {float(_nfkc(text).strip('△▲()-−')):g} but the sheet's "
                    f"other amounts are whole numbers; is it {whole}?",
                    where.at(cell),
                    f"write {whole} (or 14500) if the dot separates thousands",
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


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


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


def negative_items(
    amounts: dict[str, dict[int, float]],
    lines: dict[str, str],
    issues: list[Issue],
    where: Location,
) -> list[Issue]:
    """An error for an item that sums below zero (lines folded into it included), unless a
    negative line of it was already reported."""
    if any(i.code == "negative-amount" for i in issues):
        return []
    found: list[Issue] = []
    for item, series in amounts.items():
        if item not in _NEVER_NEGATIVE:
            continue
        for fy, v in series.items():
            if not math.isnan(v) and v < 0:
                found.append(
                    error(
                        "negative-amount",
                        f"{item} for FY{fy} sums to {v:,.0f} yen (lines folded into it "
                        "included); it cannot be negative",
                        where.at(lines.get(item)),
                        "check the signs of the lines counted as this item",
                    )
                )
    return found
