"""The empty ledger to fill in, written by ``tlo template``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tlo_cli.model import Unit
from tlo_cli.render.statement_labels import (
    FORM_WORDS,
    PROFILE_KEYS,
    PROFILE_LABELS,
    PROFILE_SHEET,
    REGION_WORDS,
    Lang,
)
from tlo_cli.render.statements import template_rows
from tlo_cli.render.workbook import (
    SheetFormat,
    SheetLayout,
    YearNotation,
    ledger_workbook,
    save_reproducibly,
)


def write_template(
    path: Path,
    *,
    years: Sequence[int],
    lang: Lang = Lang.JA,
    layout: SheetLayout = SheetLayout.ROWS,
    unit: Unit = Unit.THOUSAND,
) -> None:
    """Write an empty ledger to fill in: every profile key and every canonical item, no values."""
    from openpyxl.worksheet.datavalidation import DataValidation

    notation = YearNotation.NENDO if lang is Lang.JA else YearNotation.FY
    title = "損益計算書" if lang is Lang.JA else "Income statement"
    fmt = SheetFormat(layout=layout, lang=lang, unit=unit, years=notation, titles=(title,))
    profile = {key: None for key in PROFILE_KEYS if key != "approved_fy"}
    book = ledger_workbook(profile, template_rows(years, lang), years, fmt)
    ws = book[PROFILE_SHEET[lang]]
    choices = {
        "form": list(FORM_WORDS.values()) if lang is Lang.JA else list(FORM_WORDS),
        "region": list(REGION_WORDS.values()) if lang is Lang.JA else list(REGION_WORDS),
    }
    for row in range(2, ws.max_row + 1):
        label = ws.cell(row=row, column=1).value
        for key, values in choices.items():
            if label == PROFILE_LABELS[lang][key]:
                rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"')
                rule.add(f"B{row}")
                ws.add_data_validation(rule)
    save_reproducibly(book, path)
