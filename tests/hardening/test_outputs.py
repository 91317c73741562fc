"""Outputs: no formula injection, atomic writes, inputs never overwritten."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import CliRunner, Text, write_book
from tlo_cli.atomic import write_atomic, write_text_atomic
from tlo_cli.model import Unit
from tlo_cli.render.tables import Col, Column, TableData, to_csv

HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(1)", "-2+3", "@SUM(A1)", "\t=1"]


class TestFormulaInjection:
    """Text from inputs that starts with = + - @ stays text in CSV and Excel."""

    @pytest.mark.parametrize("text", HOSTILE)
    def test_csv(self, text: str) -> None:
        """The CSV cell gets a leading quote, so no spreadsheet evaluates it."""
        table = TableData(
            "t", [Column("name", "name"), Column("v", "v", Col.YEN)], [{"name": text, "v": -5000.0}]
        )
        row = list(csv.reader(io.StringIO(to_csv(table, Unit.THOUSAND))))[1]
        # a leading tab is a control character: shown escaped, which no spreadsheet evaluates
        assert row[0] == ("'" + text if text[0] != "\t" else "\\t" + text[1:])
        assert row[1] == "-5"  # our own negative numbers stay numbers

    def test_rank_csv_and_xlsx_end_to_end(self, cli: CliRunner, tmp_path: Path) -> None:
        """A TLO named like a formula appears as text in `rank -o x.csv` and `-o x.xlsx`."""
        from openpyxl import load_workbook

        d = tmp_path / "in"
        d.mkdir()
        profile = [
            ["id", "X"],
            ["name", Text('=HYPERLINK("http://x")')],
            ["form", "kabushiki"],
            ["approved", 2003],
        ]
        rows = [["(単位：千円)"], ["科目", 2007], ["実施料収入", 5], ["人件費", 3]]
        write_book(d / "x.xlsx", {"profile": profile, "ledger": rows})
        assert cli("rank", d, "-o", tmp_path / "r.csv")[0] == 0
        assert "'=HYPERLINK" in (tmp_path / "r.csv").read_text(encoding="utf-8")
        assert cli("rank", d, "-o", tmp_path / "r.xlsx")[0] == 0
        cell = load_workbook(tmp_path / "r.xlsx").active["C2"]
        assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


class TestAtomicWrites:
    """An interrupted write leaves no half-written file and no temporary file."""

    def test_failure_leaves_target_untouched(self, tmp_path: Path) -> None:
        """A writer that fails half-way: the old file is intact, no stray temp file."""
        target = tmp_path / "out.json"
        target.write_text("old")

        def half(temp: Path) -> None:
            temp.write_text("half")
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            write_atomic(target, half)
        assert target.read_text() == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_success_replaces(self, tmp_path: Path) -> None:
        """A finished write replaces the file in one step."""
        target = tmp_path / "out.md"
        write_text_atomic(target, "new")
        assert target.read_text() == "new"

    def test_refuses_input(self, cli: CliRunner, cohort_dir: Path) -> None:
        """-o naming an input is refused, and the input is unchanged."""
        victim = cohort_dir / "a.xlsx"
        before = victim.read_bytes()
        code, _, err = cli("rank", cohort_dir, "-o", victim)
        assert code == 2 and "refusing to overwrite an input" in err
        assert victim.read_bytes() == before

    def test_unknown_extension(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """An output whose format cannot be told from its extension is refused."""
        code, _, err = cli("rank", cohort_dir, "-o", tmp_path / "ranking.pdf")
        assert code == 2 and ".pdf" in err
