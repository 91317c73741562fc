"""CSV: every table of a result, unique canonical headers, --bom, no sparklines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import CliRunner
from tlo_cli.model import Unit
from tlo_cli.render.tables import Col, Column, TableData, csv_tables, to_csv


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


class TestTables:
    def test_unique_headers(self) -> None:
        """Two columns with the same key get distinct headers; amounts name their unit."""
        table = TableData(
            "t",
            [Column("v", "after", Col.YEN), Column("v", "after", Col.YEN), Column("n", "after")],
            [{"v": 2000.0, "n": "x"}],
        )
        header = _rows(to_csv(table, Unit.THOUSAND))[0]
        assert header == ["v_thousand_yen", "v_thousand_yen_2", "n"]
        assert _rows(to_csv(table, Unit.YEN))[0][0] == "v_yen"

    def test_sparkline_left_out(self) -> None:
        """A column of bar characters is a picture, not data: not in the CSV."""
        table = TableData(
            "t",
            [Column("id", "id"), Column("trend", "licensing")],
            [{"id": "A", "trend": "▁▃█"}, {"id": "B", "trend": "█▁"}],
        )
        assert _rows(to_csv(table, Unit.THOUSAND)) == [["id"], ["A"], ["B"]]

    def test_names(self) -> None:
        """Each table is named by its name or its title's words; names are unique."""
        tables = [
            TableData("Risk as of FY2008: high", [Column("a", "a")], []),
            TableData("Projection", [Column("a", "a")], []),
            TableData("Projection", [Column("a", "a")], [], name=None),
            TableData("whatever", [Column("a", "a")], [], name="panel"),
        ]
        assert [n for n, _ in csv_tables(tables, Unit.THOUSAND)] == [
            "risk-high",
            "projection",
            "projection-2",
            "panel",
        ]


class TestCommands:
    def test_assess_every_table(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """-o a.csv writes the statement to a.csv and the verdict and projection beside it."""
        target = tmp_path / "a.csv"
        code, _, err = cli("assess", cohort_dir / "a.xlsx", "-o", target)
        assert code == 0
        written = sorted(p.name for p in tmp_path.glob("a*.csv"))
        assert len(written) == 3 and "a.csv" in written and "a.projection.csv" in written
        assert all(name in err for name in written)
        document = json.loads(cli("assess", cohort_dir / "a.xlsx", "-f", "json")[1])
        projection = _rows((tmp_path / "a.projection.csv").read_text(encoding="utf-8"))
        assert projection[0][0] == "fiscal_year"
        assert [int(r[0]) for r in projection[1:]] == [
            p["fiscal_year"] for p in document["risk"]["projection"]
        ]
        verdict = next(p for p in tmp_path.glob("a.risk*.csv"))
        codes = [r[0] for r in _rows(verdict.read_text(encoding="utf-8"))[1:]]
        assert codes == [r["code"] for r in document["risk"]["reasons"]] or codes == ["none"]

    def test_stdout_names_the_others(self, cli: CliRunner, cohort_dir: Path) -> None:
        """-f csv on stdout: the main table, and one stderr line listing the other tables."""
        code, out, err = cli("assess", cohort_dir / "a.xlsx", "-f", "csv")
        assert code == 0 and out.startswith("line,")
        assert err.count("\n") == 1 and "projection" in err and "-o NAME.csv" in err

    def test_scenario_headers_unique(
        self, cli: CliRunner, cohort_dir: Path, tmp_path: Path
    ) -> None:
        """The scenario's before/after columns, once all headed "after", are distinct."""
        target = tmp_path / "s.csv"
        assert cli("scenario", "merge", cohort_dir, "--members", "A,B", "-o", target)[0] == 0
        for path in tmp_path.glob("s*.csv"):
            header = _rows(path.read_text(encoding="utf-8"))[0]
            assert len(header) == len(set(header)), (path.name, header)

    def test_bom(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """--bom starts every CSV file (and stdout) with a UTF-8 byte-order mark."""
        target = tmp_path / "r.csv"
        assert cli("rank", cohort_dir, "--bom", "-o", target)[0] == 0
        assert target.read_bytes().startswith(b"\xef\xbb\xbfrank,id,name")
        assert cli("rank", cohort_dir, "-f", "csv", "--bom")[1].startswith("\ufeffrank,")
        assert not cli("rank", cohort_dir, "-f", "csv")[1].startswith("\ufeff")

    def test_no_sparklines_in_csv_or_json(self, cli: CliRunner, cohort_dir: Path) -> None:
        for fmt in ("csv", "json"):
            out = cli("rank", cohort_dir, "-f", fmt)[1]
            assert not any(ch in out for ch in "▁▂▃▄▅▆▇█"), fmt
