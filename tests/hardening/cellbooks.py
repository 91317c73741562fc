"""Workbooks with what a person sees but a cell reader misses: number formats, hidden rows,
columns and sheets, error values, and raw XML changes. Built in code, never read from disk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tests.conftest import PROFILE, Text
from tests.hardening.corpus import rewrite

LEDGER_PART = "xl/worksheets/sheet2.xml"  # the profile is sheet1, the ledger sheet2


def styled_book(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "損益計算書",
    formats: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    hidden_rows: Sequence[int] = (),
    hidden_cols: Sequence[str] = (),
    extra: dict[str, tuple[Sequence[Sequence[Any]], str]] | None = None,
    profile: Sequence[Sequence[Any]] = PROFILE,
) -> Path:
    """A profile sheet and a ledger sheet; ``formats`` maps a cell to its number format,
    ``errors`` a cell to a typed error value, ``extra`` a sheet name to (rows, "visible" or
    "hidden")."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    _fill(book.create_sheet("概要"), profile)
    ws = book.create_sheet(sheet)
    _fill(ws, rows)
    for cell, code in (formats or {}).items():
        ws[cell].number_format = code
    for cell, text in (errors or {}).items():
        ws[cell] = text
        ws[cell].data_type = "e"
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    for letter in hidden_cols:
        ws.column_dimensions[letter].hidden = True
    for name, (extra_rows, state) in (extra or {}).items():
        other = book.create_sheet(name)
        other.sheet_state = state
        _fill(other, extra_rows)
    book.save(path)
    return path


def _fill(ws: Any, rows: Sequence[Sequence[Any]]) -> None:
    """Write rows from A1; a :class:`Text` value stays text even when it looks like #N/A."""
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, Text):
                    cell.data_type = "s"


def patch_ledger(path: Path, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite the ledger sheet's XML in place with ``change``."""
    tmp = path.with_suffix(".tmp.xlsx")
    rewrite(path, tmp, lambda name, data: change(data) if name == LEDGER_PART else data)
    tmp.replace(path)
    return path


def cached_error(cell: str, value: float, error: str) -> Callable[[bytes], bytes]:
    """Turn the number ``value`` in ``cell`` into a formula whose cached result is ``error``."""

    def change(data: bytes) -> bytes:
        old = f'<c r="{cell}" t="n"><v>{value:g}</v></c>'.encode()
        assert old in data, data
        new = f'<c r="{cell}" t="e"><f>1/0</f><v>{error}</v></c>'.encode()
        return data.replace(old, new)

    return change
