"""Years known from outside a sheet's cells, and a ledger kept as one sheet per fiscal year.

A sheet named by a fiscal year (H18, 平成19年度, FY2007) names the year of headers that do not
name their own (前期/当期, 金額); so does the profile's ``fiscal_year`` (決算年度). A workbook of
sheets each named by a fiscal year or period (H18, 平成19年度, FY2007, 第6期) is one ledger, each
sheet one year (docs/ledger-format.md, "One sheet per fiscal year"). A sheet of labels and one
column of amounts under no heading at all is a one-period statement dated the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tlo_cli.errors import Issue, Location, error
from tlo_cli.ledger.cells import is_text
from tlo_cli.ledger.columns import Column, Found, Hint, base_year, check_years, title_hint
from tlo_cli.ledger.periods import HeadKind, head_of
from tlo_cli.ledger.read import Sheet, Workbook, cell_ref
from tlo_cli.model import Ledger, Profile, Reading, Unit

Reader = Callable[..., tuple[Ledger | None, list[Issue]]]


def sheet_year(name: str) -> int | None:
    """The fiscal year a sheet's name gives (H18, 平成19年度, FY2007, 2007), or None."""
    head = head_of(name)
    if head is None or head.problem or head.kind not in (HeadKind.PERIOD, HeadKind.BARE):
        return None
    return head.fy


def sheet_hints(name: str, fiscal_year: Hint | None) -> list[Hint]:
    """The years known for a sheet from outside its cells: its name, then the profile."""
    hints: list[Hint] = []
    fy = sheet_year(name)
    if fy is not None:
        hints.append(Hint(fy, f"the sheet name 「{name}」"))
    if fiscal_year is not None:
        hints.append(fiscal_year)
    return hints


def yearly_sheets(names: Sequence[str]) -> list[str]:
    """The sheets named by a fiscal year or period (第6期 too), when there are two or more."""
    named = []
    for name in names:
        head = head_of(name)
        if head is not None and head.kind in (HeadKind.PERIOD, HeadKind.BARE, HeadKind.ORDINAL):
            named.append(name)
    return named if len(named) >= 2 else []


def profile_year(
    pairs: Mapping[str, tuple[Any, str | None]], where: Location
) -> tuple[Hint | None, list[Issue]]:
    """The profile's fiscal_year (決算年度): the fiscal year of the current period."""
    if "fiscal_year" not in pairs:
        return None, []
    value, cell = pairs["fiscal_year"]
    if value is None or value == "":
        return None, []
    head = head_of(value)
    if head is None or head.fy is None or head.problem or head.kind is HeadKind.MONTH:
        return None, [
            error(
                "invalid-fiscal-year",
                f"fiscal_year 「{value}」 is not a fiscal year",
                where.at(cell),
                "write the fiscal year of the current period, such as 2007 or 平成19年度",
            )
        ]
    place = " › ".join(part for part in (where.sheet, cell) if part)
    return Hint(head.fy, f"{place} (fiscal_year)"), []


def read_yearly_sheets(
    book: Workbook,
    names: list[str],
    profile: Profile,
    read: Reader,
    *,
    unit: Unit | None,
    strict: bool,
    fiscal_year: Hint | None,
    sink: Any = None,
) -> tuple[Ledger | None, list[Issue]]:
    """One ledger from sheets of one fiscal year each; a year on two sheets is an error."""
    issues: list[Issue] = []
    read_sheets: list[tuple[str, Ledger]] = []
    for name in names:
        ledger, found = read(
            book, name, profile, unit=unit, strict=strict, fiscal_year=fiscal_year, sink=sink
        )
        issues += found
        if ledger is not None:
            read_sheets.append((name, ledger))
    if any(i.is_error for i in issues) or not read_sheets:
        return None, issues
    years: dict[int, str] = {}
    amounts: dict[str, dict[int, float]] = {}
    for name, ledger in read_sheets:
        own = sheet_year(name)
        keep = own if own is not None else max(ledger.years)
        where = Location(book.path, name)
        if keep not in ledger.years:
            issues.append(
                error(
                    "fiscal-year-conflict",
                    f"the sheet is named for FY{keep} but its columns are "
                    + ", ".join(f"FY{fy}" for fy in ledger.years),
                    where,
                    "name each sheet by the fiscal year it holds",
                )
            )
            continue
        if keep in years:
            issues.append(
                error(
                    "duplicate-fiscal-year",
                    f"FY{keep} is on two sheets (also 「{years[keep]}」)",
                    where,
                    "keep one sheet per fiscal year",
                )
            )
            continue
        years[keep] = name
        for item, series in ledger.amounts.items():
            amounts.setdefault(item, {})[keep] = series[keep]
    if any(i.is_error for i in issues):
        return None, issues
    order = tuple(sorted(years))
    full = {item: {fy: series.get(fy, 0.0) for fy in order} for item, series in amounts.items()}
    first = read_sheets[0][1]
    warnings = tuple(w for _, ledger in read_sheets for w in ledger.warnings)
    source = Location(book.path, years[order[0]])
    skipped = tuple(s for _, ledger in read_sheets for s in ledger.skipped_columns)
    reading = Reading.merge([ledger.reading for _, ledger in read_sheets])
    return Ledger(
        profile,
        source,
        order,
        full,
        first.unit,
        warnings=warnings,
        skipped_columns=skipped,
        reading=reading,
    ), issues


def headerless(sheet: Sheet, hints: Sequence[Hint]) -> tuple[int, int, Found] | None:
    """A one-period statement with no column heading: labels, then one column of amounts.

    Its year comes from the title rows (自…至…, 平成19年度, 第N期 …), the sheet name or the
    profile. Returns (header row, label_col_end, columns), or None when it is not one.
    """
    first = next(
        (
            r
            for r, row in enumerate(sheet.rows)
            if row and is_text(row[0]) and any(type(v) is float for v in row[1:])
        ),
        None,
    )
    if first is None:
        return None
    amount_cols = sorted(
        {
            c
            for r in range(first, sheet.height)
            for c, v in enumerate(sheet.rows[r])
            if c and type(v) is float
        }
    )
    if not amount_cols or len(amount_cols) > 2 or amount_cols[-1] - amount_cols[0] > 1:
        return None
    title, _ = title_hint(sheet, first)
    outside = ([title] if title else []) + list(hints)
    if not outside:
        return None
    found = Found()
    label_col_end = amount_cols[0]
    cell = cell_ref(first, amount_cols[0])
    fy = base_year([], outside, found, cell)
    if fy is None:
        return first - 1, label_col_end, found
    if len(amount_cols) == 1:
        found.columns = [Column(fy, (amount_cols[0],), cell)]
    else:
        found.columns = [
            Column(fy, (amount_cols[0],), cell),
            Column(fy, (amount_cols[1],), cell, outer=True),
        ]
    check_years(found, {})
    return first - 1, label_col_end, found
