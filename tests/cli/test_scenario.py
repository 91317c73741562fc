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
        """The JSON of docs/scenarios.md: scenario{kind,name,members,assumptions}, as_of, before/after{entities,summary}."""
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


class TestAmountsAndHardening:
    """Amount options with units; non-finite and absurd values; plans that are not plans."""

    @pytest.mark.parametrize("fee", ["2000千円", "2百万円", "2m", "¥2,000,000", "2000000"])
    def test_fee_units(self, cli: CliRunner, ledgers_dir: Path, fee: str) -> None:
        """Every written form of ¥2 million reaches the library as 2,000,000 yen."""
        code, out, _ = cli(
            "scenario", "alliance", ledgers_dir, "--members", "A,C", "--fee", fee, "-f", "json"
        )
        assert code == 0
        assert json.loads(out)["steps"][0]["assumptions"]["fee"] == 2_000_000

    def test_new_options_reach_the_library(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """--hub, --secretariat-cost; --marginal-cost, --transition-cost with units."""
        args = ("--members", "A,C", "--hub", "c", "--secretariat-cost", "500千円")
        code, out, _ = cli("scenario", "alliance", ledgers_dir, *args, "-f", "json")
        assert code == 0
        plan = one(
            StepKind.ALLIANCE,
            AllianceAssumptions(hub="c", secretariat_cost=500_000),
            members=("A", "C"),
        )
        assert json.loads(out) == library(ledgers_dir, plan)
        args = ("--tlo", "C", "--marginal-cost", "0.8", "--transition-cost", "3m")
        code, out, _ = cli("scenario", "internalize", ledgers_dir, *args, "-f", "json")
        assert code == 0
        assumptions = InternalizeAssumptions(marginal_cost=0.8, transition_cost=3e6)
        assert json.loads(out) == library(
            ledgers_dir, one(StepKind.INTERNALIZE, assumptions, tlo="C")
        )

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("merge", "--members", "A,B", "--integration-cost", "inf"), "--integration-cost"),
            (("alliance", "--members", "A,C", "--fee", "1e308"), "¥1,000,000,000,000"),
            (("alliance", "--members", "A,C", "--fee", "nan"), "--fee"),
            (("alliance", "--members", "A,C", "--fee", "2 apples"), "2000千円"),
            (("internalize", "--tlo", "C", "--transition-cost", "-1m"), "--transition-cost"),
        ],
    )
    def test_bad_amounts(
        self, cli: CliRunner, ledgers_dir: Path, args: tuple[str, ...], message: str
    ) -> None:
        """One line, exit 2, naming the option and the bound or the accepted forms."""
        kind, *rest = args
        code, out, err = cli("scenario", kind, ledgers_dir, *rest)
        assert code == 2 and out == ""
        assert message in err and err.count("\n") == 1 and "Traceback" not in err

    def test_help_says_the_unit(self, cli: CliRunner) -> None:
        """The help of an amount option says a bare number is yen and shows a unit."""
        out = cli("scenario", "alliance", "--help")[1]
        assert "bare number is yen" in " ".join(out.split()) and "2000千円" in out

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                '[[step]]\nkind="alliance"\nmembers=["A","C"]\nlicensing_uplift=inf\n',
                "licensing_uplift",
            ),
            ('[[step]]\nkind="alliance"\nmembers=["A","C"]\nfee="1e400"\n', "fee"),
            ("x = " + "[" * 50_000 + "]" * 50_000 + "\n", "nested too deeply"),
        ],
    )
    def test_bad_plans(
        self, cli: CliRunner, ledgers_dir: Path, tmp_path: Path, text: str, message: str
    ) -> None:
        """A non-finite value, a 50,000-deep array: one line naming the file, exit 2."""
        plan_file = tmp_path / "bad.toml"
        plan_file.write_text(text, encoding="utf-8")
        code, _, err = cli("scenario", "run", plan_file, ledgers_dir)
        assert code == 2 and message in err and str(plan_file) in err
        assert err.count("\n") == 1 and "Traceback" not in err

    def test_plan_with_bom(self, cli: CliRunner, ledgers_dir: Path, tmp_path: Path) -> None:
        """A plan saved with a UTF-8 byte-order mark (Notepad) is read like one without."""
        plan_file = tmp_path / "bom.toml"
        plan_file.write_bytes("\ufeff".encode() + PLAN.encode("utf-8"))
        code, out, _ = cli("scenario", "run", plan_file, ledgers_dir, "-f", "json")
        assert code == 0
        assert json.loads(out) == library(ledgers_dir, parse_plan(PLAN))

    def test_plan_not_a_regular_file(
        self, cli: CliRunner, ledgers_dir: Path, tmp_path: Path
    ) -> None:
        """/dev/zero and a FIFO are refused without reading them; so is a huge file."""
        import os

        fifo = tmp_path / "plan.fifo"
        os.mkfifo(fifo)
        big = tmp_path / "big.toml"
        big.write_text("# " + "x" * 1_100_000 + "\n", encoding="utf-8")
        for path, message in (
            (Path("/dev/zero"), "not a regular file"),
            (fifo, "not a regular file"),
            (big, "larger than"),
        ):
            code, _, err = cli("scenario", "run", path, ledgers_dir)
            assert code == 2 and message in err and "Traceback" not in err


class TestDecompositionOutput:
    """The decomposition and sensitivity are in the table and the JSON."""

    def test_json(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """decomposition{years[], run_rate_synergy, one_off_costs, payback_years, break_even[]},
        sensitivity[]; aggregation + synergy = after − before in every year."""
        doc = json.loads(cli("scenario", "merge", ledgers_dir, "--by-region", "-f", "json")[1])
        d = doc["decomposition"]
        assert {"years", "run_rate_synergy", "one_off_costs", "payback_years", "break_even"} <= set(
            d
        )
        for year in d["years"]:
            for name in ("deficit", "at_risk", "ordinary_profit_total", "loss_pool"):
                f = year[name]
                assert f["aggregation"] + f["synergy"] == pytest.approx(f["after"] - f["before"])
        assert {r["assumption"] for r in doc["sensitivity"]} == {
            "admin_savings",
            "personnel_savings",
            "integration_cost",
        }
        assert doc["steps"][0]["contributions"][0]["id"] == "A"

    def test_table(self, cli: CliRunner, ledgers_dir: Path) -> None:
        """The tables are titled and shown."""
        out = cli("scenario", "merge", ledgers_dir, "--by-region")[1]
        for title in ("aggregation versus synergy", "contribution", "Break-even", "Sensitivity"):
            assert title in out


class TestReportSheet:
    """`tlo report --scenario`: the Scenario sheet has the sensitivity table and its tornado."""

    def test_tornado(self, cli: CliRunner, ledgers_dir: Path, tmp_path: Path) -> None:
        """One horizontal bar chart whose two series are the changes at × 0 and × 2, with one
        category per assumption of the sensitivity table."""
        from openpyxl import load_workbook

        plan_file = tmp_path / "plan.toml"
        plan_file.write_text(PLAN, encoding="utf-8")
        out = tmp_path / "report.xlsx"
        assert cli("report", ledgers_dir, "-o", out, "--scenario", plan_file)[0] == 0
        ws = load_workbook(out)["Scenario"]
        titles = [str(c.value) for c in ws["A"] if c.value]
        assert any(t.startswith("Sensitivity") for t in titles)
        (chart,) = ws._charts
        assert chart.type == "bar" and len(chart.series) == 2
        header = next(
            i for i, c in enumerate(ws["A"], start=1) if str(c.value).startswith("Sensitivity")
        )
        rows = 0
        while ws.cell(row=header + 2 + rows, column=1).value:
            rows += 1
        assert rows == 8  # 3 merge + 5 alliance assumptions
