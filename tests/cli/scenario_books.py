"""Ledger workbooks for the scenario and simulate command tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import write_book

YEARS = (2005, 2006, 2007)


def scenario_book(
    path: Path,
    tlo_id: str,
    *,
    region: str = "kanto",
    form: str = "kabushiki",
    approved: int = 2001,
    licensing: float,
    personnel: float,
    admin: float,
    distribution: float = 0,
    membership: float = 0,
) -> Path:
    """A one-TLO workbook in 千円 with the same amounts in FY2005–FY2007."""
    rows: list[list[Any]] = [
        ["(単位：千円)"],
        ["科目", *YEARS],
        ["実施料収入", *(licensing,) * 3],
        ["会費収入", *(membership,) * 3],
        ["人件費", *(personnel,) * 3],
        ["一般管理費", *(admin,) * 3],
        ["還元金", *(distribution,) * 3],
        ["純資産合計", *(10_000,) * 3],
    ]
    profile = [
        ["id", tlo_id],
        ["name", f"TLO {tlo_id}"],
        ["form", form],
        ["region", region],
        ["approved", approved],
        ["universities", f"University {tlo_id}"],
    ]
    return write_book(path, {"profile": profile, "ledger": rows})


def scenario_cohort(directory: Path) -> Path:
    """A, B (Kanto), C (Kinki) outside universities and D inside one."""
    directory.mkdir()
    scenario_book(directory / "a.xlsx", "A", licensing=50_000, personnel=30_000, admin=20_000)
    scenario_book(directory / "b.xlsx", "B", licensing=20_000, personnel=10_000, admin=15_000)
    scenario_book(
        directory / "c.xlsx",
        "C",
        region="kinki",
        licensing=100_000,
        membership=40_000,
        personnel=60_000,
        admin=30_000,
        distribution=50_000,
    )
    scenario_book(
        directory / "d.xlsx", "D", form="internal", licensing=5_000, personnel=6_000, admin=0
    )
    return directory
