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


class TestRankOptions:
    """The report takes rank's scoring and threshold options and orders at-risk sheets worst first."""

    def test_weights_and_thresholds_as_rank(
        self, cli: CliRunner, cohort_dir: Path, tmp_path: Path
    ) -> None:
        """With --weights and --runway-threshold the Summary equals `tlo rank` with the same."""
        from openpyxl import load_workbook

        options = (
            "--weights",
            "margin=1,sustainability=0,trend=0,coverage=0",
            "--runway-threshold",
            "0.5",
        )
        ranking = json.loads(cli("rank", cohort_dir, *options, "-f", "json")[1])
        out = tmp_path / "r.xlsx"
        assert cli("report", cohort_dir, *options, "-o", out)[0] == 0
        ws = load_workbook(out)["Summary"]
        header = [c.value for c in ws[1]]
        rows = [
            dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=2, values_only=True)
        ]
        for expected in ranking["tlos"]:
            got = next(r for r in rows if r["id"] == expected["id"])
            assert got["score"] == pytest.approx(expected["score"])
            assert got["risk"] == expected["risk_level"]

    def test_bad_weights_fail_first(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        code, _, err = cli("report", cohort_dir, "--weights", "1,2", "-o", tmp_path / "r.xlsx")
        assert code == 2 and "--weights" in err and not (tmp_path / "r.xlsx").exists()

    def test_worst_first(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """Sheets of at-risk TLOs: high before medium, lower score first; names `ID statement`."""
        from openpyxl import load_workbook

        ranking = json.loads(cli("rank", cohort_dir, "-f", "json")[1])
        order = {"high": 0, "medium": 1}
        everyone = [*ranking["tlos"], *ranking.get("too_young", [])]  # too young: no score
        expected = [
            t["id"]
            for t in sorted(
                (t for t in everyone if t["at_risk"]),
                key=lambda t: (order[t["risk_level"]], t.get("score") or float("inf"), t["id"]),
            )
        ]
        out = tmp_path / "r.xlsx"
        assert cli("report", cohort_dir, "-o", out)[0] == 0
        sheets = [n for n in load_workbook(out).sheetnames if n.endswith(" statement")]
        assert sheets == [f"{tlo} statement" for tlo in expected] and len(sheets) >= 2


class TestSheetTitles:
    """Sheet names: valid, at most 31 characters, cut at a word, unique."""

    def test_short_unique(self) -> None:
        from tlo_cli.render.xlsx import sheet_title

        used: set[str] = set()
        long = "Technology Licensing Organization statement"
        first = sheet_title(long, used)
        assert first == "Technology Licensing"  # 31 characters would cut "Organization"
        assert sheet_title(long, used) == "Technology Licensing (2)"
        assert sheet_title("a/b:c", used) == "a_b_c"
        assert sheet_title("SUMMARY", {"Summary"}) == "SUMMARY (2)"  # Excel ignores case


class TestSimulationSheet:
    """`report --simulate` adds the tables of `tlo simulate` (10,000 paths, seed 0)."""

    def test_sheet_equals_simulate(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """The Simulation sheet's probabilities of deficit equal `tlo simulate -f json`'s."""
        from openpyxl import load_workbook

        out = tmp_path / "r.xlsx"
        assert cli("report", cohort_dir, "--simulate", "-o", out)[0] == 0
        book = load_workbook(out)
        assert "Simulation" in book.sheetnames
        rows = list(book["Simulation"].iter_rows(min_row=2, values_only=True))
        header = rows[0]
        by_id = {r[0]: dict(zip(header, r, strict=False)) for r in rows[1:] if r[0]}
        document = json.loads(
            cli(
                "simulate",
                cohort_dir,
                "--paths",
                "10000",
                "--seed",
                "0",
                "--years",
                "3",
                "-f",
                "json",
            )[1]
        )
        for tlo in document["tlos"]:
            for fy, p in zip(document["fiscal_years"], tlo["p_deficit_by_year"], strict=True):
                assert by_id[tlo["id"]][f"P(deficit) FY{fy}"] == pytest.approx(p)

    def test_no_sheet_without_the_option(
        self, cli: CliRunner, cohort_dir: Path, tmp_path: Path
    ) -> None:
        """Without --simulate there is no Simulation sheet."""
        from openpyxl import load_workbook

        out = tmp_path / "r.xlsx"
        assert cli("report", cohort_dir, "-o", out)[0] == 0
        assert "Simulation" not in load_workbook(out).sheetnames
