"""The ledger workbook writer: a profile sheet and a ledger sheet, as the reader expects them.

The only module that writes ledger workbooks (``template.py`` and the sample set use it). Every value
is stored, never a formula; text that came from an input is stored as text even when it
starts with ``=``, ``+``, ``-`` or ``@``; the workbook's created and modified dates are fixed
and the zip entries carry a fixed timestamp, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tlo_cli.model import Unit
from tlo_cli.render.ledger_rows import Amounts, Row, RowKind
from tlo_cli.render.statement_labels import (
    FORM_WORDS,
    ITEM_CORNER,
    LIST_SEPARATOR,
    PROFILE_HEADER,
    PROFILE_KEYS,
    PROFILE_LABELS,
    PROFILE_SHEET,
    REGION_WORDS,
    YEAR_CORNER,
    Lang,
)
from tlo_cli.render.statements import Style, statement_rows

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: The created and modified date written into every workbook (reproducible output).
FIXED_DATE = dt.datetime(2009, 5, 1, 0, 0, 0)


class SheetLayout(StrEnum):
    """Which axis holds the fiscal years."""

    ROWS = "rows"  # line items as rows, fiscal years across (the usual Japanese statement)
    COLUMNS = "columns"  # line items as columns, fiscal years down


class YearNotation(StrEnum):
    """How fiscal years are written: 2007, FY2007, 2007年度, 平成19年度 or H19."""

    PLAIN = "plain"
    FY = "fy"
    NENDO = "nendo"
    ERA = "era"
    ERA_SHORT = "era-short"

    def show(self, fiscal_year: int) -> int | str:
        """The fiscal year as written in this notation."""
        if self is YearNotation.PLAIN:
            return fiscal_year
        if self is YearNotation.FY:
            return f"FY{fiscal_year}"
        if self is YearNotation.NENDO:
            return f"{fiscal_year}年度"
        era, letter, base = (
            ("令和", "R", 2018)
            if fiscal_year >= 2019
            else ("平成", "H", 1988)
            if fiscal_year >= 1989
            else ("昭和", "S", 1925)
        )
        n = fiscal_year - base
        if self is YearNotation.ERA_SHORT:
            return f"{letter}{n}"
        return f"{era}{'元' if n == 1 else n}年度"


UNIT_TEXT: dict[Lang, dict[Unit, str]] = {
    Lang.JA: {
        Unit.YEN: "(単位：円)",
        Unit.THOUSAND: "(単位：千円)",
        Unit.MILLION: "(単位：百万円)",
    },
    Lang.EN: {Unit.YEN: "(JPY)", Unit.THOUSAND: "(JPY thousand)", Unit.MILLION: "(JPY million)"},
}
LEDGER_SHEET: dict[Lang, dict[Style, str]] = {
    Lang.JA: {
        Style.SIMPLE: "損益計算書",
        Style.CORPORATE: "損益計算書",
        Style.FOUNDATION: "正味財産増減計算書",
        Style.INTERNAL: "収支",
    },
    Lang.EN: {
        Style.SIMPLE: "ledger",
        Style.CORPORATE: "income statement",
        Style.FOUNDATION: "statement",
        Style.INTERNAL: "ledger",
    },
}


@dataclass(frozen=True, slots=True)
class SheetFormat:
    """How a ledger sheet is written."""

    layout: SheetLayout = SheetLayout.ROWS
    lang: Lang = Lang.JA
    unit: Unit = Unit.THOUSAND
    style: Style = Style.SIMPLE
    years: YearNotation = YearNotation.PLAIN
    titles: tuple[str, ...] = ()
    unit_in_title: bool = False  # the unit at the end of the last title instead of its own cell
    zero_as_dash: bool = False  # zero amounts written as the text － (or -)


def _set(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Store a value; text is always stored as text, never as a formula or an error code."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"
        if value.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _number(value: float) -> int | float:
    rounded = round(value, 6)
    return int(rounded) if float(rounded).is_integer() else rounded


def _digits(unit: Unit) -> int:
    return 3 if unit is Unit.MILLION else 0


def cell_value(row: Row, value: float | None, fmt: SheetFormat) -> int | float | str | None:
    """A row's value as written in the sheet's unit: a number, △ text or a dash."""
    if value is None or row.kind is RowKind.HEADER:
        return None
    if row.kind is RowKind.COUNT:
        return _number(value)
    shown = _number(value / fmt.unit.yen)
    if shown == 0 and fmt.zero_as_dash:
        return "－" if fmt.lang is Lang.JA else "-"
    if row.kind is RowKind.SIGNED and shown < 0:
        text = f"{abs(shown):,.{_digits(fmt.unit)}f}"
        return f"△{text}" if fmt.lang is Lang.JA else f"({text})"
    return shown


def _number_format(row: Row, fmt: SheetFormat) -> str:
    if row.kind is RowKind.COUNT:
        return "#,##0"
    body = "#,##0.000" if fmt.unit is Unit.MILLION else "#,##0"
    negative = f"△{body}" if fmt.lang is Lang.JA else f"({body})"
    return f"{body};{negative};{body}"


def _profile_value(value: Any, lang: Lang) -> Any:
    if isinstance(value, tuple | list):
        return LIST_SEPARATOR[lang].join(str(v) for v in value)
    if isinstance(value, StrEnum):
        words = FORM_WORDS if value.value in FORM_WORDS else REGION_WORDS
        return words.get(value.value, value.value) if lang is Lang.JA else value.value
    return value


def _profile_sheet(ws: Worksheet, profile: Mapping[str, Any], lang: Lang) -> None:
    from openpyxl.styles import Font

    key_head, value_head = PROFILE_HEADER[lang]
    _set(ws, 1, 1, key_head).font = Font(bold=True)
    _set(ws, 1, 2, value_head).font = Font(bold=True)
    row = 2
    for key in PROFILE_KEYS:
        if key not in profile:
            continue
        _set(ws, row, 1, PROFILE_LABELS[lang][key])
        cell = _set(ws, row, 2, _profile_value(profile[key], lang))
        if isinstance(profile[key], dt.date):
            cell.number_format = "yyyy-mm-dd"
        row += 1
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 48


def _ledger_sheet(
    ws: Worksheet, rows: Sequence[Row], years: Sequence[int], fmt: SheetFormat
) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    titles = list(fmt.titles)
    unit_text = UNIT_TEXT[fmt.lang][fmt.unit]
    if fmt.unit_in_title and titles:
        titles[-1] = f"{titles[-1]} {unit_text}"
    r = 1
    for title in titles:
        _set(ws, r, 1, title).font = bold
        r += 1
    width = 1 + (len(years) if fmt.layout is SheetLayout.ROWS else len(rows))
    if not (fmt.unit_in_title and titles):
        _set(ws, r, width, unit_text).alignment = Alignment(horizontal="right")
        r += 1
    header = r
    shown_years = [fmt.years.show(fy) for fy in years]
    if fmt.layout is SheetLayout.ROWS:
        _set(ws, header, 1, ITEM_CORNER[fmt.lang]).font = bold
        for j, year in enumerate(shown_years, start=2):
            _set(ws, header, j, year).font = bold
        for i, row in enumerate(rows, start=header + 1):
            label = _set(ws, i, 1, row.label)
            label.alignment = Alignment(indent=row.indent)
            label.font = Font(bold=row.bold)
            for j, fy in enumerate(years, start=2):
                cell = _set(ws, i, j, cell_value(row, row.values.get(fy), fmt))
                cell.number_format = _number_format(row, fmt)
        ws.column_dimensions["A"].width = 34
    else:
        _set(ws, header, 1, YEAR_CORNER[fmt.lang]).font = bold
        for j, row in enumerate(rows, start=2):
            _set(ws, header, j, row.label).font = bold
            ws.column_dimensions[get_column_letter(j)].width = 16
        for i, (fy, year) in enumerate(zip(years, shown_years, strict=True), start=header + 1):
            _set(ws, i, 1, year)
            for j, row in enumerate(rows, start=2):
                cell = _set(ws, i, j, cell_value(row, row.values.get(fy), fmt))
                cell.number_format = _number_format(row, fmt)
        ws.column_dimensions["A"].width = 14
    ws.freeze_panes = ws.cell(row=header + 1, column=2)


def ledger_workbook(
    profile: Mapping[str, Any], rows: Sequence[Row], years: Sequence[int], fmt: SheetFormat
) -> Workbook:
    """A workbook with a profile sheet and a ledger sheet of ``rows`` (values in yen)."""
    from openpyxl import Workbook

    book = Workbook()
    profile_ws = book.active
    assert profile_ws is not None
    profile_ws.title = PROFILE_SHEET[fmt.lang]
    _profile_sheet(profile_ws, profile, fmt.lang)
    _ledger_sheet(book.create_sheet(LEDGER_SHEET[fmt.lang][fmt.style]), rows, years, fmt)
    book.properties.creator = "tlo"
    book.properties.created = FIXED_DATE
    book.properties.modified = FIXED_DATE
    return book


def save_reproducibly(book: Workbook, path: Path) -> None:
    """Save with the fixed dates and fixed zip timestamps (openpyxl would stamp the time)."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)
    ExcelWriter(book, archive).save()  # closes the archive
    stamp = FIXED_DATE.timetuple()[:6]
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            out.writestr(entry, source.read(info.filename))


def write_ledger(
    path: Path,
    *,
    profile: Mapping[str, Any],
    years: Sequence[int],
    amounts: Amounts,
    fmt: SheetFormat,
) -> None:
    """Write one TLO's ledger workbook; amounts in yen by canonical item and fiscal year.

    ``profile`` maps profile keys (``id``, ``name``, ``form``, ``region``, ``prefecture``,
    ``approved`` or ``approved_fy``, ``subsidy_years``, ``universities``,
    ``parent_university``) to values: text, numbers, dates, enums or tuples.
    """
    rows = statement_rows(fmt.style, amounts, years, fmt.lang)
    save_reproducibly(ledger_workbook(profile, rows, years, fmt), path)
