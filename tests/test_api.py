"""The Python API returns DataFrames whose figures equal the CLI's --format json."""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

import tlo_cli
from tests.conftest import CliRunner
from tlo_cli.api import flat_row
from tlo_cli.errors import TloError


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)
    if a is None:
        return b is None or (isinstance(b, float) and math.isnan(b))
    return a == b


class TestRead:
    def test_tidy_frame(self, cohort_dir: Path) -> None:
        """One row per TLO, fiscal year and item, with the cell each value came from.

        TLO A has licensing (3 years), subsidy (3), personnel (3) and net assets (3): 12 rows;
        B states no subsidy line under itemized revenue, so its subsidy is read as nil (3 rows
        with no cell): 12; C no net assets: 9. Total 33.
        """
        frame = tlo_cli.read(cohort_dir).to_frame()
        assert list(frame.columns) == [
            "tlo",
            "fiscal_year",
            "item",
            "value",
            "path",
            "sheet",
            "cell",
        ]
        assert len(frame) == 33
        nil = frame[(frame.tlo == "B") & (frame.item == "subsidy_income")]
        assert list(nil["value"]) == [0.0, 0.0, 0.0] and nil["cell"].isna().all()
        a = frame[(frame.tlo == "A") & (frame.item == "licensing_income")]
        assert a.set_index("fiscal_year")["value"].to_dict() == {
            2005: 100_000.0,
            2006: 110_000.0,
            2007: 121_000.0,
        }
        assert set(a["cell"]) == {"B3", "C3", "D3"} and set(a["sheet"]) == {"ledger"}

    def test_export_equals_frame(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """`tlo export -o panel.csv` writes the same table as Cohort.to_frame()."""
        import pandas as pd

        frame = tlo_cli.read(cohort_dir).to_frame()
        target = tmp_path / "panel.csv"
        code, _, err = cli("export", cohort_dir, "-o", target)
        assert code == 0 and "33 values of 3 TLOs" in err
        rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
        assert len(rows) == len(frame)
        for row, (_, expected) in zip(rows, frame.iterrows(), strict=True):
            assert (
                row["tlo"] == expected["tlo"] and int(row["fiscal_year"]) == expected["fiscal_year"]
            )
            cell = None if pd.isna(expected["cell"]) else expected["cell"]
            assert float(row["value"]) == expected["value"] and (row["cell"] or None) == cell

    def test_export_xlsx_marked(self, cli: CliRunner, cohort_dir: Path, tmp_path: Path) -> None:
        """The xlsx panel has one sheet, exact values, and is skipped when its directory is read."""
        from openpyxl import load_workbook

        target = cohort_dir / "panel.xlsx"
        assert cli("export", cohort_dir, "-o", target)[0] == 0
        ws = load_workbook(target)["panel"]
        assert [c.value for c in ws[1]] == [
            "tlo",
            "fiscal_year",
            "item",
            "value",
            "path",
            "sheet",
            "cell",
        ]
        assert ws.max_row == 34  # a header and 33 values
        assert len(tlo_cli.read(cohort_dir).ledgers) == 3

    def test_unit_and_errors(self, cohort_dir: Path, tmp_path: Path) -> None:
        with pytest.raises(TloError):
            tlo_cli.read(tmp_path / "missing")
        assert tlo_cli.read([cohort_dir / "a.xlsx"], unit="thousand").ledgers[0].id == "A"


class TestAssess:
    def test_frame_equals_rank_json(self, cli: CliRunner, cohort_dir: Path) -> None:
        """One row per TLO, in rank order, every field of `tlo rank -f json`'s tlos."""
        frame = tlo_cli.assess(tlo_cli.read(cohort_dir)).to_frame()
        document = json.loads(cli("rank", cohort_dir, "-f", "json")[1])
        young = [t["id"] for t in document.get("too_young", [])]
        assert list(frame["id"]) == [t["id"] for t in document["tlos"]] + young
        frame = frame[~frame["id"].isin(young)]
        assert list(frame["id"]) == [t["id"] for t in document["tlos"]]
        for (_, row), tlo in zip(frame.iterrows(), document["tlos"], strict=True):
            for key, expected in flat_row(tlo).items():  # nested objects as key.sub columns
                assert _same(expected, row[key]), (key, expected, row[key])
            assert row["as_of"] == document["as_of"]

    def test_thresholds(self, cli: CliRunner, cohort_dir: Path) -> None:
        """Keyword thresholds equal the CLI's options; an unknown name is refused."""
        cohort = tlo_cli.read(cohort_dir)
        frame = tlo_cli.assess(cohort, as_of=2006, runway_years=0.5, weights="margin=1").to_frame()
        document = json.loads(
            cli(
                "rank",
                cohort_dir,
                "--as-of",
                "2006",
                "--runway-threshold",
                "0.5",
                "--weights",
                "margin=1",
                "-f",
                "json",
            )[1]
        )
        ranked = frame[~frame["id"].isin([t["id"] for t in document.get("too_young", [])])]
        assert list(ranked["score"]) == pytest.approx([t["score"] for t in document["tlos"]])
        assert list(ranked["risk_level"]) == [t["risk_level"] for t in document["tlos"]]
        with pytest.raises(TloError, match="runway"):
            tlo_cli.assess(cohort, runway=1)


class TestScenarioAndSimulate:
    def test_scenario_frame(self, cli: CliRunner, cohort_dir: Path) -> None:
        """A merge as a dict: the entities before and after equal `tlo scenario merge -f json`."""
        result = tlo_cli.scenario(
            tlo_cli.read(cohort_dir), {"kind": "merge", "members": ["A", "B"]}
        )
        document = json.loads(
            cli("scenario", "merge", cohort_dir, "--members", "A,B", "-f", "json")[1]
        )
        assert result.to_dict()["after"] == document["after"]
        frame = result.to_frame()
        assert list(frame["side"]) == ["before", "before", "after"]
        assert list(frame["id"]) == [
            *(e["id"] for e in document["before"]["entities"]),
            *(e["id"] for e in document["after"]["entities"]),
        ]

    def test_plan_file(self, cohort_dir: Path, tmp_path: Path) -> None:
        plan = tmp_path / "p.toml"
        plan.write_text('[[step]]\nkind = "merge"\nmembers = ["A", "B"]\n', encoding="utf-8")
        cohort = tlo_cli.read(cohort_dir)
        by_file = tlo_cli.scenario(cohort, plan).to_dict()
        assert by_file["after"] == tlo_cli.scenario(cohort, plan.read_text()).to_dict()["after"]
        with pytest.raises(TloError):
            tlo_cli.scenario(cohort, {"kind": "merge", "members": ["A", "NOPE"]})

    def test_simulate_frame(self, cli: CliRunner, cohort_dir: Path) -> None:
        """Same seed, same numbers as `tlo simulate`: one row per TLO and year."""
        cohort = tlo_cli.read(cohort_dir)
        result = tlo_cli.simulate(cohort, paths=300, years=2, seed=5)
        document = json.loads(
            cli(
                "simulate",
                cohort_dir,
                "--paths",
                "300",
                "--years",
                "2",
                "--seed",
                "5",
                "-f",
                "json",
            )[1]
        )
        frame = result.to_frame()
        assert len(frame) == 2 * len(document["tlos"])
        for tlo in document["tlos"]:
            rows = frame[frame.id == tlo["id"]].sort_values("fiscal_year")
            assert list(rows["p_deficit"]) == pytest.approx(tlo["p_deficit_by_year"])
            assert list(rows["p50_ordinary_profit"]) == pytest.approx(
                tlo["p50_ordinary_profit_by_year"]
            )


class TestLight:
    def test_import_is_light(self) -> None:
        """`import tlo_cli` loads no pandas or numpy; the API loads them on first use."""
        code = (
            "import sys, tlo_cli; print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "[]"
        with pytest.raises(AttributeError):
            _ = tlo_cli.nothing_here  # type: ignore[attr-defined]
