"""`tlo backtest` from the command line; JSON equals the library's report."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CliRunner
from tlo_cli.cli.output import jsonable
from tlo_cli.ledger import load_cohort
from tlo_cli.metrics.backtest import replay
from tlo_cli.render.backtest import BacktestReport


class TestBacktestCommand:
    """Table, JSON and --simulate."""

    def test_json_equals_library(self, cli: CliRunner, cohort_dir: Path) -> None:
        """--format json is BacktestReport(replay(ledgers)).to_dict()."""
        code, out, _ = cli("backtest", cohort_dir, "--format", "json")
        assert code == 0
        ledgers = load_cohort([cohort_dir], unit=None, strict=False).ledgers
        assert json.loads(out) == jsonable(BacktestReport(replay(ledgers)).to_dict())

    def test_table_says_recall_precision_and_base_rate(
        self, cli: CliRunner, cohort_dir: Path
    ) -> None:
        """The table names the levels and the headline the base rate."""
        code, out, _ = cli("backtest", cohort_dir)
        assert code == 0
        assert "recall" in out and "precision" in out and "base rate" in out

    def test_simulate_adds_calibration(self, cli: CliRunner, cohort_dir: Path) -> None:
        """--simulate adds bins, a Brier score and the interval's coverage."""
        code, out, _ = cli("backtest", cohort_dir, "--simulate", "--paths", "200", "-f", "json")
        assert code == 0
        cal = json.loads(out)["calibration"]
        assert len(cal["bins"]) == 10 and cal["paths"] == 200
        assert cal["brier"] is None or 0 <= cal["brier"] <= 1

    def test_non_finite_threshold_refused(self, cli: CliRunner, cohort_dir: Path) -> None:
        """nan and inf are usage errors (exit 2), in backtest and rank alike."""
        assert cli("backtest", cohort_dir, "--runway-threshold", "nan")[0] == 2
        assert cli("rank", cohort_dir, "--weights", "inf,0,0,0")[0] == 2
        assert cli("rank", cohort_dir, "--margin-threshold", "nan")[0] == 2


class TestReportSheet:
    """`tlo report` carries a Backtest sheet with the same figures as `tlo backtest`."""

    def test_backtest_sheet(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """The sheet's first table starts with the overall high and at-risk rows."""
        from openpyxl import load_workbook

        out = tmp_path / "report.xlsx"
        assert cli("report", cohort_dir, "-o", out)[0] == 0
        ws = load_workbook(out)["Backtest"]
        ledgers = load_cohort([cohort_dir], unit=None, strict=False).ledgers
        high = replay(ledgers).overall("high")
        assert ws["A2"].value == "as of"
        assert [ws.cell(row=3, column=c).value for c in (1, 2, 3, 4, 5)] == [
            "all",
            "high",
            high.tp,
            high.fp,
            high.fn,
        ]
