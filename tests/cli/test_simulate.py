"""`tlo simulate` from the command line; JSON equals the library's report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.cli.scenario_books import scenario_cohort
from tests.conftest import CliRunner
from tlo_cli.cli.output import jsonable
from tlo_cli.ledger import load_cohort
from tlo_cli.render.simulation import SimulationReport
from tlo_cli.scenarios.plan import parse_plan
from tlo_cli.scenarios.simulate import simulate_cohort

PLAN = '[[step]]\nkind = "merge"\nmembers = ["A", "B"]\n'


@pytest.fixture
def ledgers_dir(tmp_path: Path) -> Path:
    return scenario_cohort(tmp_path / "ledgers")


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    return path


class TestJsonEqualsLibrary:
    """simulate --format json is the library's report, value for value."""

    def test_plain(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """No scenario."""
        code, out, _ = cli(
            "simulate", ledgers_dir, "--paths", "2000", "--years", "3", "--seed", "5", "-f", "json"
        )
        assert code == 0
        result = simulate_cohort(
            load_cohort([ledgers_dir]).ledgers, rng=np.random.default_rng(5), paths=2000, years=3
        )
        assert json.loads(out) == jsonable(SimulationReport(result, 5).to_dict())

    def test_scenario(self, cli: CliRunner, ledgers_dir: Path, plan_file: Path) -> None:
        """With --scenario and --cost-growth."""
        code, out, _ = cli(
            "simulate", ledgers_dir, "--paths", "1500", "--scenario", plan_file,
            "--cost-growth", "0.02", "-f", "json",
        )  # fmt: skip
        assert code == 0
        result = simulate_cohort(
            load_cohort([ledgers_dir]).ledgers,
            rng=np.random.default_rng(0),
            paths=1500,
            years=5,
            cost_growth=0.02,
            plan=parse_plan(PLAN),
        )
        assert json.loads(out) == jsonable(SimulationReport(result, 0).to_dict())


class TestSimulate:
    """Fields, reproducibility, options."""

    def test_fields(self, cli: CliRunner, ledgers_dir: Path, plan_file: Path) -> None:
        """The JSON fields of docs/scenarios.md; with a scenario the same figures after it."""
        doc = json.loads(
            cli("simulate", ledgers_dir, "--paths", "1000", "--scenario", plan_file, "-f", "json")[
                1
            ]
        )
        assert (doc["paths"], doc["years"], doc["seed"]) == (1000, 5, 0)
        tlo = doc["tlos"][0]
        for key in (
            "id",
            "p_deficit_any",
            "p_deficit_by_year",
            "mean_ordinary_profit_by_year",
            "p05_ordinary_profit_by_year",
            "p50_ordinary_profit_by_year",
            "p95_ordinary_profit_by_year",
        ):
            assert key in tlo
        assert len(tlo["p_deficit_by_year"]) == 5
        assert set(doc["cohort"]) >= {
            "expected_deficit_by_year",
            "deficit_p05_by_year",
            "deficit_p95_by_year",
        }
        assert [t["id"] for t in doc["after"]["tlos"]] == ["A+B", "C", "D"]
        assert doc["scenario"]["steps"][0]["kind"] == "merge"

    def test_same_seed_same_output(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """Same seed, byte-identical output; another seed, another output."""
        args = ("simulate", ledgers_dir, "--paths", "1000", "-f", "json")
        first, second = cli(*args, "--seed", "3")[1], cli(*args, "--seed", "3")[1]
        assert first == second
        assert cli(*args, "--seed", "4")[1] != first

    def test_table(self, cli: CliRunner, ledgers_dir: Path, plan_file: Path) -> None:
        """Tables before and after, with the unit, fiscal years and no progress bar off a terminal."""
        code, out, err = cli("simulate", ledgers_dir, "--paths", "500", "--scenario", plan_file)
        assert code == 0
        assert "Probability of deficit, FY2008–FY2012" in out and "after the scenario" in out
        assert "千円" in out and "April to March" in out
        assert "simulating" not in err

    def test_usage_errors(self, cli: CliRunner, ledgers_dir: Path, tmp_path: Path) -> None:
        """--paths 0, a missing plan and a plan naming an unknown id: exit 2."""
        assert cli("simulate", ledgers_dir, "--paths", "0")[0] == 2
        assert cli("simulate", ledgers_dir, "--scenario", tmp_path / "none.toml")[0] == 2
        bad = tmp_path / "bad.toml"
        bad.write_text('[[step]]\nkind = "merge"\nmembers = ["A", "Q"]\n')
        code, _, err = cli("simulate", ledgers_dir, "--paths", "100", "--scenario", bad)
        assert code == 2 and "'Q'" in err and str(bad) in err


class TestLongRuns:
    """The --paths cap and progress lines when stderr is not a terminal."""

    def test_paths_cap(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """More than 1,000,000 paths, or 1e15 written as a float: exit 2 before any work; the
        help says the cap."""
        for paths in ("1000001", "1e15"):
            code, out, err = cli("simulate", ledgers_dir, "--paths", paths)
            assert code == 2 and out == "" and "--paths" in err and "Traceback" not in err
        assert "1,000,000" in cli("simulate", "--help")[1]

    def test_library_cap(self) -> None:
        """The library refuses too many paths and a non-finite cost growth, saying the bound."""
        from tlo_cli.scenarios.state import ScenarioError

        with pytest.raises(ScenarioError, match="expected 1 to 1,000,000"):
            simulate_cohort([], rng=np.random.default_rng(0), paths=10**9)
        for growth in (float("nan"), float("inf"), -1.0):
            with pytest.raises(ScenarioError, match="cost_growth"):
                simulate_cohort([], rng=np.random.default_rng(0), cost_growth=growth)

    def test_progress_lines(
        self, cli: CliRunner, ledgers_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A long run off a terminal writes `tlo: simulating: N% (done of total paths)` lines to
        stderr (here every chunk: the threshold and the interval set to 0), ending at 100%."""
        import tlo_cli.cli.simulate as command
        from tlo_cli.scenarios import montecarlo

        monkeypatch.setattr(command, "PROGRESS_FROM", 0)
        monkeypatch.setattr(command, "LINE_EVERY", 0.0)
        monkeypatch.setattr(montecarlo, "chunk_sizes", lambda paths, per_path: [20] * (paths // 20))
        code, _, err = cli("simulate", ledgers_dir, "--paths", "100", "-f", "json")
        assert code == 0
        lines = [line for line in err.splitlines() if "simulating" in line]
        assert len(lines) == 5
        assert lines[-1] == "tlo: simulating: 100% (100 of 100 paths)"
        assert lines[0] == "tlo: simulating: 20% (20 of 100 paths)"
