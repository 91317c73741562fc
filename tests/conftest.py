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


class Text(str):
    """A string stored as text even when it starts with = (a plain str starting with = is a formula)."""


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
                    cell = ws.cell(row=r, column=c, value=value)
                    if isinstance(value, Text):
                        cell.data_type = "s"
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


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run `tlo ARGS…` in-process: (exit code, stdout, stderr)."""
    from tlo_cli.cli.app import main

    def run(*args: object) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


CliRunner = Callable[..., tuple[int, str, str]]


def simple_ledger(
    path: Path,
    tlo_id: str,
    *,
    licensing: Sequence[float],
    costs: Sequence[float],
    subsidy: Sequence[float] | None = None,
    years: Sequence[int] = (2005, 2006, 2007),
    form: str = "kabushiki",
    approved: int = 2003,
    net_assets: Sequence[float] | None = None,
) -> Path:
    """A one-TLO workbook in 千円 with licensing, subsidy and personnel cost rows."""
    rows: list[list[Any]] = [["(単位：千円)"], ["科目", *years], ["実施料収入", *licensing]]
    if subsidy is not None:
        rows.append(["補助金収入", *subsidy])
    rows.append(["人件費", *costs])
    if net_assets is not None:
        rows.append(["純資産合計", *net_assets])
    profile = [
        ["id", tlo_id],
        ["name", f"TLO {tlo_id}"],
        ["form", form],
        ["region", "kanto"],
        ["approved", approved],
    ]
    return write_book(path, {"profile": profile, "ledger": rows})


@pytest.fixture
def cohort_dir(tmp_path: Path) -> Path:
    d = tmp_path / "ledgers"
    d.mkdir()
    simple_ledger(
        d / "a.xlsx",
        "A",
        licensing=[100, 110, 121],
        subsidy=[50, 50, 0],
        costs=[150, 150, 150],
        net_assets=[1000, 1000, 1000],
    )
    simple_ledger(
        d / "b.xlsx", "B", licensing=[50, 60, 70], costs=[40, 40, 40], net_assets=[10, 20, 30]
    )
    simple_ledger(
        d / "c.xlsx",
        "C",
        licensing=[10, 5, 2],
        subsidy=[30, 20, 10],
        costs=[60, 60, 60],
        form="internal",
        approved=2005,
    )
    return d


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables default to the locale's language: pin it to English unless a test sets --lang."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
