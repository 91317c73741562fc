"""One workbook file → its ledgers: the profile, the ledger sheet or sheets, every problem."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tlo_cli.errors import InputError, Issue, Location, error, warning
from tlo_cli.ledger.axis import Layout
from tlo_cli.ledger.checks import cell_issues
from tlo_cli.ledger.columns import Hint
from tlo_cli.ledger.labels import catalogue, normalize
from tlo_cli.ledger.layout import Table, formulas_without_value, read_table
from tlo_cli.ledger.pages import profile_year, read_yearly_sheets, sheet_hints, yearly_sheets
from tlo_cli.ledger.profile import build_profile, profile_pairs, registry_rows
from tlo_cli.ledger.read import Workbook, open_workbook
from tlo_cli.ledger.sheets import duplicate_ledgers, hidden_sheet_notes, ledger_candidates
from tlo_cli.ledger.statement import Statement, is_balance_sheet, read_statement
from tlo_cli.model import PL_ITEMS, CellMap, Ledger, Profile, Unit


@dataclass(frozen=True, slots=True)
class FileReport:
    """Everything read from one file: its ledgers and every problem found."""

    path: str
    ledgers: tuple[Ledger, ...]
    issues: tuple[Issue, ...]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def _sheet_kind(name: str) -> str | None:
    key = normalize(name)
    for kind, names in catalogue().sheets.items():
        if key in names:
            return kind
    return None


def _resolve_unit(
    stated: Unit | None, option: Unit | None, where: Location
) -> tuple[Unit, list[Issue]]:
    if stated is not None:
        if option is not None and option is not stated:
            return stated, [
                warning(
                    "unit-conflict",
                    f"the sheet states {stated.label}; --unit {option.value} ignored for it",
                    where,
                )
            ]
        return stated, []
    if option is not None:
        return option, []
    return Unit.THOUSAND, [
        warning(
            "unit-assumed",
            "no unit stated above the table; thousand yen (千円) assumed",
            where,
            "write (単位：千円) above the table or pass --unit",
        )
    ]


#: Where `tlo explain` collects each sheet's statement as read: (location, id, statement).
Sink = list[tuple[Location, str, Statement]]


def read_ledger_sheet(
    book: Workbook,
    sheet_name: str,
    profile: Profile,
    *,
    unit: Unit | None,
    strict: bool,
    fiscal_year: Hint | None = None,
    sink: Sink | None = None,
) -> tuple[Ledger | None, list[Issue]]:
    """One ledger sheet read against its profile; the ledger is None when there are errors.

    ``fiscal_year`` is the profile's 決算年度, for headers that do not name their own year.
    """
    where = Location(book.path, sheet_name)
    sheet = book.sheet(sheet_name)
    table = read_table(sheet, where, sheet_hints(sheet_name, fiscal_year))
    if table is None:
        return None, [
            error(
                "no-fiscal-years",
                "no row or column of fiscal years found",
                where,
                "head the amounts with fiscal years such as 2005, FY2005, 平成17年度 or H17",
            )
        ]
    if not table.years and any(i.is_error for i in table.issues):
        return None, table.issues  # the header's years could not be placed: nothing to read
    sheet_unit, issues = _resolve_unit(table.unit, unit, where)
    issues = table.issues + issues
    statement = read_statement(
        table, unit=sheet_unit, where=where, strict=strict, explain=sink is not None
    )
    if sink is not None:
        sink.append((where, profile.id, statement))
    issues += statement.issues
    issues = cell_issues(sheet, table, statement, issues, unit=sheet_unit, where=where)
    years = [
        fy for fy in table.years if any(line.values.get(fy) is not None for line in table.lines)
    ]
    for fy in table.years:
        if fy not in years:
            issues.append(
                warning(
                    "empty-year",
                    f"FY{fy} has no amounts; treated as no data",
                    where.at(table.year_cells.get(fy)),
                )
            )
    if not any(item in statement.amounts for item in PL_ITEMS) and is_balance_sheet(
        sheet_name, table
    ):
        issues.append(
            error(
                "no-income-statement",
                "no income statement found (損益計算書 / 正味財産増減計算書 / 収支計算書); "
                "this sheet is a balance sheet",
                where,
                "add the income statement's sheet, or point tlo at the workbook that holds it",
            )
        )
    elif not any(item in statement.amounts for item in PL_ITEMS) and not any(
        i.is_error for i in statement.issues
    ):
        issues.append(
            error(
                "no-line-items",
                "no revenue or expense items found under the fiscal years",
                where,
                "label the rows with line items such as 実施料収入 or 人件費",
            )
        )
    if not years and not any(i.is_error for i in issues):
        issues.append(error("no-fiscal-years", "every fiscal year is empty", where))
    if any(i.is_error for i in issues):
        return None, issues
    amounts = {item: {fy: series[fy] for fy in years} for item, series in statement.amounts.items()}
    cells = cell_map(table, statement.lines)
    warnings = tuple(i for i in issues if not i.is_error)
    skipped = tuple(
        (f"{sheet_name} › {cell}", text, why) for cell, text, why in table.skipped_columns
    )
    ledger = Ledger(
        profile,
        where,
        tuple(years),
        amounts,
        sheet_unit,
        cells,
        warnings,
        skipped,
        reading=statement.reading,
    )
    return ledger, issues


@lru_cache(maxsize=65536)
def _address_parts(address: str) -> tuple[str, str]:
    """ "C7" → ("C", "7")."""
    digits = address.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return address[: len(address) - len(digits)], digits


def cell_map(table: Table, lines: dict[str, str]) -> CellMap:
    """Each item's line and each year's position, from the label and year-axis cells."""
    rows = table.layout is Layout.ITEMS_AS_ROWS
    line, year = (1, 0) if rows else (0, 1)  # a line is a row (items as rows) or a column
    return CellMap(
        rows,
        {item: _address_parts(address)[line] for item, address in lines.items()},
        {fy: _address_parts(address)[year] for fy, address in table.year_cells.items()},
    )


def _read_book(
    book: Workbook, *, unit: Unit | None, strict: bool, sink: Sink | None = None
) -> FileReport:
    kinds = {name: _sheet_kind(name) for name in book.sheet_names}
    registry = next((n for n, k in kinds.items() if k == "registry"), None)
    if registry is not None:
        return _read_combined(book, registry, unit=unit, strict=strict, sink=sink)
    stem = Path(book.path).stem
    profile_sheet = next((n for n, k in kinds.items() if k == "profile"), None)
    hidden = hidden_sheet_notes(book)
    candidates = ledger_candidates(book.sheet_names, kinds)
    if len(candidates) > 1:
        return FileReport(book.path, (), (*hidden, duplicate_ledgers(book.path, candidates)))
    ledger_sheet = candidates[0] if candidates else None
    others = [n for n in book.sheet_names if n != profile_sheet]
    if ledger_sheet is None and len(others) == 1:
        ledger_sheet = others[0]
    yearly = yearly_sheets(others) if ledger_sheet is None else []
    if ledger_sheet is None and not yearly:
        return FileReport(
            book.path,
            (),
            (
                *hidden,
                error(
                    "missing-ledger-sheet",
                    f"no ledger sheet among {', '.join(book.sheet_names) or 'no sheets'}",
                    Location(book.path),
                    "name it 損益計算書, 正味財産増減計算書, 収支, ledger or PL",
                ),
            ),
        )
    issues: list[Issue] = []
    pairs: dict[str, tuple[Any, str]] = {}
    if profile_sheet is None:
        profile, profile_issues = build_profile({}, default_id=stem, where=Location(book.path))
        issues.append(
            warning(
                "missing-profile",
                "no profile sheet; id taken from the file name, form and region unknown",
                Location(book.path),
                "add a sheet named profile (概要) with id, name, form, region and approved",
            )
        )
        profile_issues = [i for i in profile_issues if i.code != "missing-approval"]
    else:
        where = Location(book.path, profile_sheet)
        sheet = book.sheet(profile_sheet)
        pairs, unknown_keys = profile_pairs(sheet, where)
        profile, profile_issues = build_profile(dict(pairs), default_id=stem, where=where)
        profile_issues = formulas_without_value(sheet, where) + unknown_keys + profile_issues
    fiscal_year, fy_issues = profile_year(pairs, Location(book.path, profile_sheet))
    profile_issues += fy_issues
    if ledger_sheet is None:
        ledger, ledger_issues = read_yearly_sheets(
            book,
            yearly,
            profile,
            read_ledger_sheet,
            unit=unit,
            strict=strict,
            fiscal_year=fiscal_year,
            sink=sink,
        )
    else:
        ledger, ledger_issues = read_ledger_sheet(
            book,
            ledger_sheet,
            profile,
            unit=unit,
            strict=strict,
            fiscal_year=fiscal_year,
            sink=sink,
        )
    issues += profile_issues + ledger_issues
    if ledger is not None and any(i.is_error for i in profile_issues):
        ledger = None
    return FileReport(book.path, (ledger,) if ledger else (), (*hidden, *issues))


def _read_combined(
    book: Workbook, registry: str, *, unit: Unit | None, strict: bool, sink: Sink | None = None
) -> FileReport:
    where = Location(book.path, registry)
    registry_sheet = book.sheet(registry)
    rows = registry_rows(registry_sheet, where)
    issues_before = [
        *hidden_sheet_notes(book),
        *registry_sheet.issues,
        *formulas_without_value(registry_sheet, where),
    ]
    if not rows:
        return FileReport(
            book.path,
            (),
            (
                error(
                    "missing-ledger-sheet",
                    "the registry sheet has no header row with an id column",
                    where,
                    "head the columns id, name, form, region, approved …",
                ),
            ),
        )
    by_key = {normalize(n): n for n in book.sheet_names}
    ledgers: list[Ledger] = []
    issues: list[Issue] = list(issues_before)
    named: set[str] = {registry}
    for row in rows:
        profile, profile_issues = build_profile(row, default_id="", where=where)
        issues += profile_issues
        sheet_name = by_key.get(normalize(profile.id))
        if sheet_name is None:
            issues.append(
                error(
                    "missing-tlo-sheet",
                    f"TLO {profile.id} has no ledger sheet named {profile.id}",
                    where.at(row["id"][1]),
                    "add a sheet named by the TLO's id",
                )
            )
            continue
        named.add(sheet_name)
        fiscal_year, fy_issues = profile_year(row, where)
        ledger, ledger_issues = read_ledger_sheet(
            book,
            sheet_name,
            profile,
            unit=unit,
            strict=strict,
            fiscal_year=fiscal_year,
            sink=sink,
        )
        issues += fy_issues + ledger_issues
        if ledger is not None and not any(i.is_error for i in profile_issues):
            ledgers.append(ledger)
    for name in book.sheet_names:
        if name not in named and _sheet_kind(name) != "profile":
            issues.append(
                warning(
                    "extra-sheet",
                    "no registry row names this sheet; ignored",
                    Location(book.path, name),
                )
            )
    return FileReport(book.path, tuple(ledgers), tuple(issues))


def read_file(
    path: Path,
    *,
    unit: Unit | None = None,
    strict: bool = False,
    sink: Sink | None = None,
    skip_marked: bool = False,
) -> FileReport:
    """Every ledger in one workbook file and every problem found; never raises for bad input.

    With ``sink``, each sheet's statement as read (rows and stated totals) is appended to it.
    With ``skip_marked``, a workbook tlo wrote as output raises
    :class:`~tlo_cli.ledger.read.MarkedOutput` (found from the bytes already read).
    """
    shown = str(path)
    try:
        book = open_workbook(path, shown, skip_marked=skip_marked)
    except InputError as exc:
        return FileReport(shown, (), (exc.issue,))
    try:
        return _read_book(book, unit=unit, strict=strict, sink=sink)
    except InputError as exc:
        return FileReport(shown, (), (exc.issue,))
    finally:
        book.close()
