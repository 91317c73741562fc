"""`tlo scenario …` from the command line; JSON equals the library's report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.scenario_books import scenario_cohort
from tests.conftest import CliRunner
from tlo_cli.cli.output import jsonable
from tlo_cli.ledger import load_cohort
from tlo_cli.model import Region
from tlo_cli.render.scenario import ScenarioReport
from tlo_cli.scenarios.alliance import AllianceAssumptions
from tlo_cli.scenarios.internalize import InternalizeAssumptions
from tlo_cli.scenarios.merge import MergeAssumptions
from tlo_cli.scenarios.plan import Plan, Step, parse_plan
from tlo_cli.scenarios.record import StepKind
from tlo_cli.scenarios.result import run_scenario

PLAN = """
name = "Kanto first"
[[step]]
kind = "merge"
region = "kanto"
[[step]]
kind = "alliance"
members = ["wide-kanto", "C"]
"""


@pytest.fixture
def ledgers_dir(tmp_path: Path) -> Path:
    return scenario_cohort(tmp_path / "ledgers")


def library(directory: Path, plan: Plan) -> object:
    result = run_scenario(load_cohort([directory]).ledgers, plan)
    return jsonable(ScenarioReport(result).to_dict())


def one(kind: StepKind, assumptions: object, **who: object) -> Plan:
    return Plan((Step(kind=kind, assumptions=assumptions, **who),))  # type: ignore[arg-type]


class TestJsonEqualsLibrary:
    """Each scenario command's --format json is the library's report, value for value."""

    def test_merge(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """scenario merge --members."""
        code, out, _ = cli("scenario", "merge", ledgers_dir, "--members", "a,B", "-f", "json")
        assert code == 0
        plan = one(StepKind.MERGE, MergeAssumptions(), members=("a", "B"))
        assert json.loads(out) == library(ledgers_dir, plan)

    def test_merge_options(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """Every merge assumption reaches the library."""
        args = ("--admin-savings", "0.2", "--personnel-savings", "0", "--integration-cost", "1e6")
        code, out, _ = cli(
            "scenario",
            "merge",
            ledgers_dir,
            "--region",
            "Kanto",
            *args,
            "--phase-in",
            "1",
            "-f",
            "json",
        )
        assert code == 0
        assumptions = MergeAssumptions(
            admin_savings=0.2, personnel_savings=0, integration_cost=1e6, phase_in=(1.0,)
        )
        plan = one(StepKind.MERGE, assumptions, region=Region.KANTO)
        assert json.loads(out) == library(ledgers_dir, plan)

    def test_internalize(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """scenario internalize --tlo."""
        code, out, _ = cli(
            "scenario",
            "internalize",
            ledgers_dir,
            "--tlo",
            "c",
            "--keep-membership",
            "0.25",
            "-f",
            "json",
        )
        assert code == 0
        plan = one(StepKind.INTERNALIZE, InternalizeAssumptions(keep_membership=0.25), tlo="c")
        assert json.loads(out) == library(ledgers_dir, plan)

    def test_alliance(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """scenario alliance --members."""
        code, out, _ = cli(
            "scenario", "alliance", ledgers_dir, "--members", "A,C", "--fee", "0", "-f", "json"
        )
        assert code == 0
        plan = one(StepKind.ALLIANCE, AllianceAssumptions(fee=0), members=("A", "C"))
        assert json.loads(out) == library(ledgers_dir, plan)

    def test_run(self, cli: CliRunner, ledgers_dir: Path, tmp_path: Path) -> None:
        """scenario run FILE.toml."""
        plan_file = tmp_path / "plan.toml"
        plan_file.write_text(PLAN, encoding="utf-8")
        code, out, _ = cli("scenario", "run", plan_file, ledgers_dir, "-f", "json")
        assert code == 0
        assert json.loads(out) == library(ledgers_dir, parse_plan(PLAN))


class TestScenario:
    """What the commands show and how they fail."""

    def test_json_fields(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """SPEC §7: scenario{kind,name,members,assumptions}, as_of, before/after{entities,summary}."""
        doc = json.loads(cli("scenario", "merge", ledgers_dir, "--by-region", "-f", "json")[1])
        assert doc["scenario"]["kind"] == "merge" and doc["scenario"]["members"] == ["A", "B"]
        assert doc["scenario"]["assumptions"]["admin_savings"] == 0.3
        assert doc["as_of"] == 2007 and doc["fiscal_years"] == [2007, 2008, 2009, 2010]
        for side in ("before", "after"):
            assert set(doc[side]["summary"]) >= {
                "entities",
                "deficit",
                "at_risk",
                "ordinary_profit_total",
            }
            entity = doc[side]["entities"][0]
            assert {"ordinary_profit", "ordinary_profit_ex_subsidy", "risk_level"} <= set(entity)
            assert len(entity["years"]) == 4
        assert doc["after"]["entities"][0]["id"] == "WIDE-KANTO"
        assert doc["steps"][0]["assumptions"]["integration_cost"] == pytest.approx(17_500_000)

    def test_table(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """The table shows before and after, pro forma, the unit and the fiscal year."""
        code, out, _ = cli("scenario", "internalize", ledgers_dir, "--tlo", "C")
        assert code == 0
        for text in (
            "FY2007 pro forma",
            "千円",
            "April to March",
            "University C",
            "before",
            "after",
        ):
            assert text in out

    def test_unknown_member(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """An id matching no TLO: exit 2, one line naming it."""
        code, out, err = cli("scenario", "alliance", ledgers_dir, "--members", "A,Nope")
        assert code == 2 and out == ""
        assert "'Nope'" in err and err.count("\n") == 1 and "Traceback" not in err

    def test_usage_errors(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """No members, two ways of naming them, a bad phase-in, a share above 1: exit 2."""
        for args in (
            ("merge", ledgers_dir),
            ("merge", ledgers_dir, "--members", "A,B", "--by-region"),
            ("merge", ledgers_dir, "--members", "A,B", "--phase-in", "half"),
            ("alliance", ledgers_dir, "--members", "A,B", "--admin-savings", "2"),
            ("internalize", ledgers_dir, "--tlo", "D"),
        ):
            code, _, err = cli("scenario", *args)
            assert code == 2 and "Traceback" not in err

    def test_fail_on(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """--fail-on deficit exits 1 when an entity the scenario produced is in deficit."""
        assert (
            cli("scenario", "merge", ledgers_dir, "--members", "A,B", "--fail-on", "deficit")[0]
            == 0
        )
        args = ("--members", "A,B", "--admin-savings", "0", "--personnel-savings", "0")
        assert cli("scenario", "merge", ledgers_dir, *args, "--fail-on", "deficit")[0] == 1

    def test_plan_errors(self, cli: CliRunner, ledgers_dir: Path, tmp_path: Path) -> None:
        """A plan's unknown key or id is named with the file and the step."""
        plan_file = tmp_path / "bad.toml"
        plan_file.write_text('[[step]]\nkind="merge"\nmembers=["A","B"]\nsavings=0.3\n')
        code, _, err = cli("scenario", "run", plan_file, ledgers_dir)
        assert code == 2 and str(plan_file) in err and "step 1: unknown key 'savings'" in err
        plan_file.write_text(
            '[[step]]\nkind="merge"\nmembers=["A","B"]\n[[step]]\nkind="alliance"\nmembers=["A","C"]\n'
        )
        code, _, err = cli("scenario", "run", plan_file, ledgers_dir)
        assert code == 2 and "step 2: A was merged into A+B in step 1" in err

    def test_output_file(self, cli: CliRunner, ledgers_dir: Path, tmp_path: Path) -> None:
        """-o writes the report; the CSV is the cohort before and after by year."""
        target = tmp_path / "merge.csv"
        assert cli("scenario", "merge", ledgers_dir, "--by-region", "-o", target)[0] == 0
        lines = target.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("year,entities_before,entities_after") and len(lines) == 5
