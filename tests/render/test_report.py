"""The Excel report, opened with openpyxl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliRunner


@pytest.fixture
def report_path(cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> Path:
    out = tmp_path / "report.xlsx"
    code, _, err = cli("report", cohort_dir, "-o", out)
    assert code == 0, err
    return out


class TestReport:
    """Sheets, charts, conditional formatting and numbers equal to `tlo rank --format json`."""

    def test_sheets_and_charts(self, report_path: Path) -> None:
        """Summary, Sector with native charts, and one sheet per at-risk TLO with a chart."""
        from openpyxl import load_workbook

        book = load_workbook(report_path)
        assert book.sheetnames[:2] == ["Summary", "Sector"]
        assert len(book["Sector"]._charts) >= 2
        risk_sheets = [n for n in book.sheetnames if n.endswith(" statement")]
        assert risk_sheets
        assert all(len(book[n]._charts) == 1 for n in risk_sheets)
        assert book["Summary"].freeze_panes == "A2"

    def test_risk_column_formatting(self, report_path: Path) -> None:
        """The risk column carries a conditional format per level."""
        from openpyxl import load_workbook

        ws = load_workbook(report_path)["Summary"]
        header = [c.value for c in ws[1]]
        col = header.index("risk") + 1
        letter = ws.cell(row=1, column=col).column_letter
        ranges = [str(cf.sqref) for cf in ws.conditional_formatting]
        assert any(r.startswith(f"{letter}2:") for r in ranges)
        rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
        assert {r.formula[0] for r in rules} == {'"high"', '"medium"', '"low"'}

    def test_numbers_equal_rank_json(
        self, report_path: Path, cli: CliRunner, cohort_dir: Path
    ) -> None:
        """Scores, ordinary profit (in 千円) and risk levels are those of `tlo rank --format json`."""
        from openpyxl import load_workbook

        ranking = json.loads(cli("rank", cohort_dir, "-f", "json")[1])
        ws = load_workbook(report_path)["Summary"]
        header = [c.value for c in ws[1]]
        rows = list(ws.iter_rows(min_row=2, max_row=1 + len(ranking["tlos"]), values_only=True))
        for row, expected in zip(rows, ranking["tlos"], strict=True):
            got = dict(zip(header, row, strict=False))
            assert got["id"] == expected["id"]
            assert got["score"] == pytest.approx(expected["score"])
            assert got["ordinary profit (千円)"] == pytest.approx(
                expected["ordinary_profit"] / 1000
            )
            assert got["risk"] == expected["risk_level"]

    def test_input_text_is_never_a_formula(self, cli: CliRunner, tmp_path: Path) -> None:
        """A TLO named "=HYPERLINK(...)" is written as text."""
        from openpyxl import load_workbook

        from tests.conftest import Text, write_book

        d = tmp_path / "in"
        d.mkdir()
        profile = [
            ["id", "X"],
            ["name", Text('=HYPERLINK("http://evil","x")')],
            ["form", "kabushiki"],
            ["approved", 2003],
        ]
        rows = [["(単位：千円)"], ["科目", 2006, 2007], ["実施料収入", 1, 1], ["人件費", 5, 5]]
        write_book(d / "x.xlsx", {"profile": profile, "ledger": rows})
        out = tmp_path / "r.xlsx"
        assert cli("report", d, "-o", out)[0] == 0
        cell = load_workbook(out)["Summary"]["C2"]
        assert cell.data_type == "s"
        assert cell.value.startswith("=HYPERLINK")

    def test_requires_xlsx(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """The report must be an .xlsx; an input is never overwritten."""
        assert cli("report", cohort_dir, "-o", tmp_path / "r.csv")[0] == 2
        assert cli("report", cohort_dir, "-o", cohort_dir / "a.xlsx")[0] == 2


class TestScenarioSheet:
    """--scenario adds a Scenario sheet with the plan's before and after."""

    def test_scenario_sheet(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """The sheet exists and names the merged entity; without --scenario there is none."""
        from openpyxl import load_workbook

        plan = tmp_path / "plan.toml"
        plan.write_text(
            '[[step]]\nkind = "merge"\nname = "AB"\nmembers = ["A", "B"]\n', encoding="utf-8"
        )
        out = tmp_path / "r.xlsx"
        code, _, err = cli("report", cohort_dir, "-o", out, "--scenario", plan)
        assert code == 0, err
        book = load_workbook(out)
        assert "Scenario" in book.sheetnames
        text = " ".join(
            str(c.value) for row in book["Scenario"].iter_rows() for c in row if c.value
        )
        assert "AB" in text

    def test_bad_plan(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """A plan naming an unknown TLO is a usage error naming it."""
        plan = tmp_path / "plan.toml"
        plan.write_text('[[step]]\nkind = "merge"\nmembers = ["A", "NOPE"]\n', encoding="utf-8")
        code, _, err = cli("report", cohort_dir, "-o", tmp_path / "r.xlsx", "--scenario", plan)
        assert code == 2 and "NOPE" in err
