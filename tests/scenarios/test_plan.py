"""TOML plans: parsed and checked, errors naming the step and the key or id; the examples run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenarios.cohorts import ledger
from tlo_cli.model import Region
from tlo_cli.scenarios.alliance import AllianceAssumptions
from tlo_cli.scenarios.merge import MergeAssumptions
from tlo_cli.scenarios.plan import parse_plan
from tlo_cli.scenarios.record import StepKind
from tlo_cli.scenarios.result import run_scenario
from tlo_cli.scenarios.state import ScenarioError

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
LEDGERS = [ledger(i, licensing_income=10e6, admin_cost=8e6) for i in ("A", "B", "C")]

PLAN = """
name = "Two steps"
[[step]]
kind = "merge"
members = ["A", "b"]
id = "AB"
admin-savings = 0.2
phase_in = 1.0

[[step]]
kind = "alliance"
members = "AB, C"
fee = 1_000_000
"""


class TestParse:
    """What a plan file says."""

    def test_steps(self) -> None:
        """Kinds, members, ids and assumptions (hyphens accepted, a single phase-in share)."""
        plan = parse_plan(PLAN)
        assert plan.name == "Two steps"
        merge, alliance = plan.steps
        assert merge.kind is StepKind.MERGE and merge.members == ("A", "b") and merge.id == "AB"
        assert merge.assumptions == MergeAssumptions(admin_savings=0.2, phase_in=(1.0,))
        assert alliance.members == ("AB", "C")
        assert alliance.assumptions == AllianceAssumptions(fee=1e6)

    def test_region_and_by_region(self) -> None:
        """region is a region code (any case); by_region a boolean."""
        plan = parse_plan(
            '[[step]]\nkind="merge"\nregion="Kanto"\n[[step]]\nkind="merge"\nby_region=true'
        )
        assert plan.steps[0].region is Region.KANTO and plan.steps[1].by_region

    def test_runs_in_order(self) -> None:
        """Step 2 allies the TLO step 1 made."""
        result = run_scenario(LEDGERS, parse_plan(PLAN), as_of=2007)
        assert [e.id for e in result.after.entities] == ["AB", "C"]
        assert result.kind == "plan" and len(result.steps) == 2
        assert result.steps[0].after == result.steps[1].before


class TestErrors:
    """Each error names the step and the key or id."""

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                '[[step]]\nkind="merge"\nmembers=["A","B"]\nadmin_saving=0.3',
                "step 1: unknown key 'admin_saving'",
            ),
            (
                '[[step]]\nkind="alliance"\nmembers=["A","B"]\nphase_in=0.5',
                "step 1: unknown key 'phase_in' for kind alliance",
            ),
            (
                '[[step]]\nkind="merge"\nmembers=["A","B"]\n[[step]]\nkind="fold"\ntlo="A"',
                "step 2: kind = 'fold'",
            ),
            ('[[step]]\nmembers=["A","B"]', "step 1: missing key 'kind'"),
            (
                '[[step]]\nkind="merge"\nmembers=["A","B"]\nadmin_savings="lots"',
                "step 1: admin_savings = 'lots': expected a number",
            ),
            (
                '[[step]]\nkind="merge"\nmembers=["A","B"]\nadmin_savings=3',
                "step 1: admin_savings = 3: expected a fraction",
            ),
            (
                '[[step]]\nkind="merge"\nmembers=["A","B"]\nregion="kanto"',
                "step 1: kind merge takes exactly one of: members, region, by_region",
            ),
            ('[[step]]\nkind="merge"\nregion="atlantis"', "step 1: region 'atlantis'"),
            (
                '[[step]]\nkind="internalize"\nmembers=["A","B"]',
                "step 1: unknown key 'members' for kind internalize",
            ),
            ('[[step]]\nkind="alliance"\nby_region=true', "step 1: unknown key 'by_region'"),
            (
                '[[step]]\nkind="merge"\nby_region=true\nid="X"',
                "step 1: id names the TLO of a single merger",
            ),
            ('title="x"\n[[step]]\nkind="merge"\nby_region=true', "unknown key 'title'"),
            ('name="nothing"', "no \\[\\[step\\]\\] tables"),
            ("[[step]\nkind=", "not valid TOML"),
        ],
    )
    def test_parse_errors(self, text: str, message: str) -> None:
        """Unknown keys, bad kinds, values and combinations."""
        with pytest.raises(ScenarioError, match=message):
            parse_plan(text)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('[[step]]\nkind="merge"\nmembers=["A","Zed"]', "step 1: no TLO with id 'Zed'"),
            (
                '[[step]]\nkind="merge"\nmembers=["A","B"]\n[[step]]\nkind="merge"\nmembers=["B","C"]',
                "step 2: B was merged into A\\+B in step 1",
            ),
            (
                '[[step]]\nkind="merge"\nmembers=["A","B"]\n[[step]]\nkind="internalize"\ntlo="a"',
                "step 2: a was merged into A\\+B in step 1",
            ),
            ('[[step]]\nkind="merge"\nmembers=["A","B"]\nid="C"', "the id C is already taken"),
        ],
    )
    def test_impossible_combinations(self, text: str, message: str) -> None:
        """Unknown ids and TLOs used after being merged away."""
        with pytest.raises(ScenarioError, match=message):
            run_scenario(LEDGERS, parse_plan(text), as_of=2007)


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="the sample set is not in this checkout")
class TestExamples:
    """The shipped plans run on the sample."""

    @pytest.mark.parametrize(
        "name", ["wide-area.toml", "japan-sea-alliance.toml", "university-office.toml"]
    )
    def test_example_runs(self, name: str) -> None:
        """Each example parses and runs on data/sample as of FY2007 and as of its default year."""
        from tlo_cli.ledger import load_cohort

        plan = parse_plan((ROOT / "examples" / name).read_text(encoding="utf-8"))
        ledgers = load_cohort([SAMPLE]).ledgers
        for as_of in (2007, None):
            result = run_scenario(ledgers, plan, as_of=as_of)
            assert result.after_entities()
        wide = run_scenario(ledgers, plan, as_of=2007)
        if name == "wide-area.toml":
            assert wide.after.summary.external == 8  # one wide-area TLO per region
