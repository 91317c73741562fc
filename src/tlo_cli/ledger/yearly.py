"""One sheet per fiscal year (sheets named H18, 平成19年度, FY2007 …): one ledger, each sheet
giving the year it is named by (a comparative column for the year before is not read)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tlo_cli.errors import Issue, Location, error
from tlo_cli.ledger.parse import parse_fiscal_year
from tlo_cli.model import Ledger, Profile, Reading

SheetReader = Callable[[str], tuple[Ledger | None, list[Issue]]]


def yearly_sheets(names: Sequence[str]) -> list[tuple[str, int]] | None:
    """The sheets and their fiscal years when every sheet is named by a distinct year."""
    if len(names) < 2:
        return None
    years = [parse_fiscal_year(name.strip()) for name in names]
    found = [fy for fy in years if fy is not None]
    if len(found) != len(names) or len(set(found)) != len(found):
        return None
    return sorted(zip(names, found, strict=True), key=lambda pair: pair[1])


def read_yearly(
    path: str, sheets: list[tuple[str, int]], profile: Profile, read: SheetReader
) -> tuple[Ledger | None, list[Issue]]:
    """Each sheet's own year, merged into one ledger; None when any sheet has errors."""
    issues: list[Issue] = []
    parts: list[tuple[int, Ledger]] = []
    for name, fy in sheets:
        ledger, sheet_issues = read(name)
        issues += sheet_issues
        if ledger is None:
            continue
        if fy not in ledger.years:
            issues.append(
                error(
                    "no-fiscal-years",
                    f"the sheet is named FY{fy} but has no amounts for FY{fy}",
                    Location(path, name),
                    "head its amount column with the year the sheet is named by",
                )
            )
            continue
        parts.append((fy, ledger))
    if any(i.is_error for i in issues) or not parts:
        return None, issues
    years = tuple(fy for fy, _ in parts)
    items = {item for _, ledger in parts for item in ledger.amounts}
    amounts = {
        item: {fy: ledger.amounts.get(item, {}).get(fy, 0.0) for fy, ledger in parts}
        for item in items
    }
    first = parts[0][1]
    warnings = tuple(w for _, ledger in parts for w in ledger.warnings)
    reading = merge_readings([ledger.reading for _, ledger in parts])
    return Ledger(
        profile, Location(path), years, amounts, first.unit, warnings=warnings, reading=reading
    ), issues


def merge_readings(readings: Sequence[Reading]) -> Reading:
    """The readings of several sheets as one: the lowest coverage, every fold and year."""

    def lowest(values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return min(known) if known else None

    return Reading(
        coverage_revenue=lowest([r.coverage_revenue for r in readings]),
        coverage_expenses=lowest([r.coverage_expenses for r in readings]),
        reconciled=tuple(sorted({fy for r in readings for fy in r.reconciled})),
        unreconciled=tuple(u for r in readings for u in r.unreconciled),
        folded=tuple(f for r in readings for f in r.folded),
        derived=tuple(dict.fromkeys(d for r in readings for d in r.derived)),
        lines=sum(r.lines for r in readings),
        stated_totals=any(r.stated_totals for r in readings),
        states_ordinary_profit=any(r.states_ordinary_profit for r in readings),
    )
