"""Console tables at 80, 100 and 120 columns: no number cut, every number the JSON's.

The cohort has long names (Japanese and English), nine fiscal years and amounts of up to
eight digits in thousand yen, so that at 80 columns columns must be dropped and names
shortened. Each printed number is checked against the JSON document of the same command,
formatted as the table formats it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CliRunner, write_book
from tlo_cli.model import Unit
from tlo_cli.render.tables import Col, fmt_value

YEARS = list(range(2000, 2009))
NAMES = {
    "T01": "財団法人 北海道大学産学連携技術移転推進センター",
    "T02": "Greater Kansai Technology Licensing Organization Incorporated",
    "T03": "株式会社 東北テクノアーチ",
    "T04": "有限会社 九州地域技術移転機構",
}
NUMBER = re.compile(r"^(△?[\d,]+(\.\d+)?%?|-?[\d.]+%|FY\d{4}|—)$")
WIDTHS = (80, 100, 120)


def _ledger(path: Path, tlo: str, scale: float, approved: int) -> None:
    licensing = [round(scale * (1000 + 350 * k + (k % 3) * 170)) for k in range(len(YEARS))]
    subsidy = [round(scale * 2500) if approved <= fy < approved + 5 else 0 for fy in YEARS]
    personnel = [round(scale * 2600 + 40 * k) for k in range(len(YEARS))]
    admin = [round(scale * 900 + 15 * k) for k in range(len(YEARS))]
    rows: list[list[Any]] = [
        ["(単位：千円)"],
        ["科目", *YEARS],
        ["実施料収入", *licensing],
        ["補助金収入", *subsidy],
        ["人件費", *personnel],
        ["一般管理費", *admin],
        ["純資産合計", *[round(scale * 5000)] * len(YEARS)],
        ["技術移転件数", *[3 + k for k in range(len(YEARS))]],
    ]
    profile = [
        ["id", tlo],
        ["name", NAMES[tlo]],
        ["form", "zaidan" if tlo == "T01" else "kabushiki"],
        ["region", "hokkaido" if tlo == "T01" else "kinki"],
        ["approved", approved],
    ]
    write_book(path, {"profile": profile, "ledger": rows})


@pytest.fixture
def wide_cohort(tmp_path: Path) -> Path:
    d = tmp_path / "wide"
    d.mkdir()
    for n, (tlo, scale) in enumerate(zip(NAMES, (9.7, 3.1, 1.3, 0.4), strict=True)):
        _ledger(d / f"{tlo}.xlsx", tlo, scale * 1000, 1999 + n)
    return d


def _numbers(document: Any) -> Iterator[float]:
    if isinstance(document, bool):
        return
    if isinstance(document, int | float):
        yield float(document)
    elif isinstance(document, dict):
        for v in document.values():
            yield from _numbers(v)
    elif isinstance(document, list):
        for v in document:
            yield from _numbers(v)


def formatted(document: Any, unit: Unit = Unit.THOUSAND) -> set[str]:
    """Every number of a JSON document, as a table would show it in any column kind."""
    out = {"—"}
    for v in _numbers(document):
        for kind in (Col.YEN, Col.RATIO, Col.NUMBER, Col.INT):
            out.add(fmt_value(v, kind, unit))
        if v == int(v) and 1900 < v < 2200:
            out.add(fmt_value(v, Col.YEAR, unit))
    return out


def body_cells(out: str) -> list[list[str]]:
    """The cells of every body row of every table printed (rows drawn with │)."""
    return [
        [cell.strip() for cell in line.strip().strip("│").split("│")]
        for line in out.splitlines()
        if line.startswith("│")
    ]


def check(out: str, document: dict[str, Any], width: int, derived: Any = ()) -> int:
    """Assert the table fits, cuts no number and prints only the JSON's numbers; returns count.

    ``derived`` are further numbers a table shows that the JSON holds as parts (a change).
    """
    from rich.cells import cell_len

    assert all(cell_len(line) <= width for line in out.splitlines()), out
    allowed = formatted(document) | formatted(list(derived))
    seen = 0
    for row in body_cells(out):
        for cell in row:
            assert not re.match(r"^[△-]?[\d,.%]*…$", cell), (cell, out)  # a number cut
            if NUMBER.match(cell):
                assert cell in allowed, (cell, row)
                seen += 1
    assert seen, out
    return seen


@pytest.fixture
def at_width(monkeypatch: pytest.MonkeyPatch) -> Any:
    def set_width(width: int) -> None:
        monkeypatch.setenv("COLUMNS", str(width))

    return set_width


@pytest.mark.parametrize("width", WIDTHS)
class TestEveryCommandFits:
    """rank, assess, sector, a scenario and simulate at 80, 100 and 120 columns."""

    def test_rank(self, cli: CliRunner, wide_cohort: Path, at_width: Any, width: int) -> None:
        """Every id is whole, every figure equals the JSON's; names may end in an ellipsis."""
        document = json.loads(cli("rank", wide_cohort, "-f", "json")[1])
        at_width(width)
        code, out, err = cli("rank", wide_cohort)
        assert code == 0
        check(out, document, width)
        for tlo in document["tlos"]:
            assert f"│ {tlo['id']} " in out.replace("┃", "│")
            assert fmt_value(tlo["ordinary_profit"], Col.YEN, Unit.THOUSAND) in out
        if width == 80:
            assert "left out" in err and "--columns" in err

    def test_assess(self, cli: CliRunner, wide_cohort: Path, at_width: Any, width: int) -> None:
        """The latest years that fit are shown (at least two); line items in words."""
        path = wide_cohort / "T01.xlsx"
        document = json.loads(cli("assess", path, "-f", "json")[1])
        at_width(width)
        code, out, err = cli("assess", path)
        assert code in (0, 1)
        check(out, document, width)
        assert "Licensing income" in out and "Licenses executed" in out
        assert "licensing_income" not in out
        latest = document["years"][-1]
        assert f"FY{latest['fiscal_year']}" in out and f"FY{latest['fiscal_year'] - 1}" in out
        if width == 80:
            assert "FY2000" in err and "--years N" in err

    def test_sector(self, cli: CliRunner, wide_cohort: Path, at_width: Any, width: int) -> None:
        document = json.loads(cli("sector", wide_cohort, "-f", "json")[1])
        at_width(width)
        check(cli("sector", wide_cohort)[1], document, width)

    def test_scenario(self, cli: CliRunner, wide_cohort: Path, at_width: Any, width: int) -> None:
        args = ("scenario", "merge", wide_cohort, "--members", "T02,T03")
        document = json.loads(cli(*args, "-f", "json")[1])
        changes = [
            after["ordinary_profit_total"] - before["ordinary_profit_total"]
            for before, after in zip(
                document["before"]["summary_by_year"],
                document["after"]["summary_by_year"],
                strict=True,
            )
        ]
        at_width(width)
        check(cli(*args)[1], document, width, changes)

    def test_simulate(self, cli: CliRunner, wide_cohort: Path, at_width: Any, width: int) -> None:
        args = ("simulate", wide_cohort, "--paths", "200", "--years", "3", "--seed", "7")
        document = json.loads(cli(*args, "-f", "json")[1])
        at_width(width)
        check(cli(*args)[1], document, width)


class TestChoices:
    """--years and --columns."""

    def test_years(self, cli: CliRunner, wide_cohort: Path, at_width: Any) -> None:
        """--years 3 shows exactly the three latest fiscal years of the statement."""
        at_width(200)
        out = cli("assess", wide_cohort / "T01.xlsx", "--years", "3")[1]
        statement = out.split("Risk as of")[0]
        assert [fy for fy in YEARS if f"FY{fy}" in statement] == [2006, 2007, 2008]

    def test_columns(self, cli: CliRunner, wide_cohort: Path, at_width: Any) -> None:
        """--columns picks and orders columns by their CSV keys; nothing is left out silently."""
        at_width(80)
        code, out, err = cli("rank", wide_cohort, "--columns", "id,risk_level,score")
        assert code == 0
        header = next(line for line in out.splitlines() if "id" in line and "┃" in line)
        assert header.index("id") < header.index("risk") < header.index("score")
        assert "ordinary" not in out and "left out" not in err

    def test_name_ellipsis_id_whole(self, cli: CliRunner, wide_cohort: Path, at_width: Any) -> None:
        """At 80 columns the long English name ends in an ellipsis; T02 is whole."""
        at_width(80)
        out = cli("rank", wide_cohort)[1]
        row = next(line for line in out.splitlines() if "T02" in line)
        assert "…" in row and "Greater" in row

    def test_unknown_column_named(self, cli: CliRunner, wide_cohort: Path, at_width: Any) -> None:
        """A key in --columns that no table has is named on stderr with the keys there are."""
        at_width(120)
        code, _, err = cli("rank", wide_cohort, "--columns", "id,scroe")
        assert code == 0 and "no column scroe" in err and "risk_level" in err
