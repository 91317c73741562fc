"""Workbooks built by the tests themselves (nothing is read from outside the project)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

PROFILE: list[list[Any]] = [
    ["id", "T01"],
    ["name", "Test TLO"],
    ["form", "kabushiki"],
    ["region", "kanto"],
    ["approved", 2003],
]


def write_book(
    path: Path,
    sheets: dict[str, Sequence[Sequence[Any]]],
    *,
    merges: dict[str, list[str]] | None = None,
) -> Path:
    """Write ``sheets`` (name → rows of values, None for an empty cell) to an xlsx at ``path``."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
        for span in (merges or {}).get(name, []):
            ws.merge_cells(span)
    book.save(path)
    return path


LedgerFactory = Callable[..., Path]


@pytest.fixture
def ledger_book(tmp_path: Path) -> LedgerFactory:
    """A factory: a one-TLO workbook with a profile sheet and the given ledger rows."""

    def make(
        rows: Sequence[Sequence[Any]],
        *,
        name: str = "ledger.xlsx",
        sheet: str = "損益計算書",
        profile: Sequence[Sequence[Any]] | None = PROFILE,
        merges: list[str] | None = None,
    ) -> Path:
        sheets: dict[str, Sequence[Sequence[Any]]] = {}
        if profile is not None:
            sheets["概要"] = profile
        sheets[sheet] = rows
        return write_book(tmp_path / name, sheets, merges={sheet: merges or []})

    return make
