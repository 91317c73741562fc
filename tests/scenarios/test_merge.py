"""Merge: items add up, savings pro forma, phase-in and one-off costs, subsidies by member."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.scenarios.cohorts import cohorts, ledger, plan
from tlo_cli.model import Form, Ledger, Region
from tlo_cli.scenarios.alliance import AllianceAssumptions
from tlo_cli.scenarios.merge import MergeAssumptions, phase_in_shares
from tlo_cli.scenarios.record import StepKind
from tlo_cli.scenarios.result import ScenarioResult, run_scenario
from tlo_cli.scenarios.state import ScenarioError

A = ledger("A", licensing_income=50e6, personnel_cost=30e6, admin_cost=20e6, net_assets=100e6)
B = ledger("B", licensing_income=20e6, personnel_cost=10e6, admin_cost=15e6, net_assets=50e6)
C = ledger("C", region=Region.KINKI, licensing_income=10e6, personnel_cost=5e6)
D = ledger("D", form=Form.INTERNAL, licensing_income=5e6, personnel_cost=6e6)


def merge_ab(**assumptions: object) -> ScenarioResult:
    step = plan(StepKind.MERGE, MergeAssumptions(**assumptions), members=("A", "b"))  # type: ignore[arg-type]
    return run_scenario([A, B, C, D], step, as_of=2007)


def totals(result: ScenarioResult) -> tuple[list[float], list[float]]:
    return (
        [s.ordinary_profit_total for s in result.before.summaries],
        [s.ordinary_profit_total for s in result.after.summaries],
    )


class TestDefaults:
    """The defaults of docs/scenarios.md on a hand-computed pair."""

    def test_pro_forma_change_is_the_savings(self) -> None:
        """Pro forma: 30% of admin (20+15) + 10% of personnel (30+10) = 14.5 million saved."""
        before, after = totals(merge_ab())
        assert after[0] - before[0] == pytest.approx(0.3 * 35e6 + 0.1 * 40e6)
        merged = merge_ab().after.find("A+B")
        assert merged is not None
        assert merged.assessment.current.ordinary_profit == pytest.approx(0 - 5e6 + 14.5e6)

    def test_phase_in_and_integration_cost(self) -> None:
        """Year 1: half the savings less the one-off cost (50% of admin 35m); then all savings."""
        merged = merge_ab().after.find("A+B")
        assert merged is not None
        expected = [-5e6 + 0.5 * 14.5e6 - 17.5e6, -5e6 + 14.5e6, -5e6 + 14.5e6]
        assert list(merged.outlook.ordinary_profit) == pytest.approx(expected)

    def test_given_integration_cost_and_phase_in(self) -> None:
        """--integration-cost in yen and --phase-in 0.25,0.75,1 replace the defaults."""
        result = merge_ab(integration_cost=1e6, phase_in=(0.25, 0.75, 1.0))
        merged = result.after.find("A+B")
        assert merged is not None
        expected = [-5e6 + 0.25 * 14.5e6 - 1e6, -5e6 + 0.75 * 14.5e6, -5e6 + 14.5e6]
        assert list(merged.outlook.ordinary_profit) == pytest.approx(expected)
        assert result.steps[0].record.assumptions["integration_cost"] == 1e6

    def test_items_add_up_with_savings_every_year(self) -> None:
        """The merged ledger: licensing 70m, personnel 36m, admin 24.5m and net assets 150m a year."""
        merged = merge_ab().after.find("A+B")
        assert merged is not None
        for year in merged.assessment.years:
            assert year.items["licensing_income"] == 70e6
            assert year.items["personnel_cost"] == pytest.approx(36e6)
            assert year.items["admin_cost"] == pytest.approx(24.5e6)
            assert year.items["net_assets"] == 150e6

    def test_cohort_summary(self) -> None:
        """Four entities become three; B's deficit is gone."""
        result = merge_ab()
        assert (result.before.summary.entities, result.after.summary.entities) == (4, 3)
        assert (result.before.summary.deficit, result.after.summary.deficit) == (2, 1)
        assert result.affected_before == ("A", "B") and result.affected_after == ("A+B",)


class TestProfileAndSubsidy:
    """Who the merged TLO is, and whose subsidy it receives."""

    def test_profile(self) -> None:
        """Form of the largest member, the shared region, the earliest approval."""
        big = ledger("Z", form=Form.ZAIDAN, approved_fy=1999, licensing_income=90e6)
        step = plan(StepKind.MERGE, MergeAssumptions(), members=("A", "Z"), name="Kanto")
        profile = run_scenario([A, big], step, as_of=2007).after.entities[0].assessment.profile
        assert (profile.form, profile.region, profile.approved_fy) == (
            Form.ZAIDAN,
            Region.KANTO,
            1999,
        )
        assert profile.name == "Kanto"

    def test_mixed_regions_and_internal_largest(self) -> None:
        """Members of two regions share none; an internal largest member gives kabushiki."""
        step = plan(StepKind.MERGE, MergeAssumptions(), members=("C", "D"))
        profile = run_scenario([C, D], step, as_of=2007).after.entities[0].assessment.profile
        assert profile.region is None and profile.form is Form.KABUSHIKI

    def test_each_member_keeps_its_subsidy_schedule(self) -> None:
        """A's subsidy ends FY2008, B's FY2009: the merged TLO gets both, then one, then none."""
        a = ledger("A", approved_fy=2004, licensing_income=10e6, subsidy_income=10e6)
        b = ledger("B", approved_fy=2005, licensing_income=10e6, subsidy_income=4e6)
        zero = MergeAssumptions(admin_savings=0, personnel_savings=0, integration_cost=0)
        result = run_scenario([a, b], plan(StepKind.MERGE, zero, members=("A", "B")), as_of=2007)
        merged = result.after.entities[0]
        assert list(merged.outlook.subsidy) == [14e6, 4e6, 0.0]
        assert merged.assessment.profile.subsidy_end_fy == 2009


class TestRegions:
    """--region and --by-region."""

    def test_by_region(self) -> None:
        """Kanto's two external TLOs merge; Kinki's single one and the internal D stay."""
        step = plan(StepKind.MERGE, MergeAssumptions(), by_region=True)
        result = run_scenario([A, B, C, D], step, as_of=2007)
        assert [e.id for e in result.after.entities] == ["WIDE-KANTO", "C", "D"]
        assert result.steps[0].record.members == ("A", "B")

    def test_region_with_one_external_tlo(self) -> None:
        """A region with one external TLO cannot merge; the error names the region."""
        step = plan(StepKind.MERGE, MergeAssumptions(), region=Region.KINKI)
        with pytest.raises(ScenarioError, match="region kinki has 1 external"):
            run_scenario([A, B, C, D], step, as_of=2007)

    def test_unknown_and_repeated_ids(self) -> None:
        """An unknown id is named; so is one given twice; a merger needs two members."""
        for members, message in (
            (("A", "Q"), "no TLO with id 'Q'"),
            (("A", "a"), "A is named twice"),
            (("A",), "at least two"),
        ):
            with pytest.raises(ScenarioError, match=message):
                run_scenario([A, B], plan(StepKind.MERGE, MergeAssumptions(), members=members))


class TestNothingChangesWithZeroAssumptions:
    """With every assumption zero, merge and alliance leave the cohort's total profit unchanged."""

    @settings(max_examples=40, deadline=None)
    @given(cohorts())
    def test_merge(self, ledgers: list[Ledger]) -> None:
        """Merging the first two TLOs: the same total ordinary profit pro forma and every year."""
        zero = MergeAssumptions(
            admin_savings=0, personnel_savings=0, integration_cost=0, phase_in=(0.0,)
        )
        step = plan(StepKind.MERGE, zero, members=(ledgers[0].id, ledgers[1].id))
        before, after = totals(run_scenario(ledgers, step, as_of=2007))
        assert after == pytest.approx(before, rel=1e-9, abs=1e-3)

    @settings(max_examples=40, deadline=None)
    @given(cohorts())
    def test_merge_by_region(self, ledgers: list[Ledger]) -> None:
        """The national plan with zero assumptions: the same totals (when any region merges)."""
        zero = MergeAssumptions(admin_savings=0, personnel_savings=0, integration_cost=0)
        try:
            result = run_scenario(ledgers, plan(StepKind.MERGE, zero, by_region=True), as_of=2007)
        except ScenarioError:
            return  # no region with two external TLOs
        before, after = totals(result)
        assert after == pytest.approx(before, rel=1e-9, abs=1e-3)

    @settings(max_examples=40, deadline=None)
    @given(cohorts())
    def test_alliance(self, ledgers: list[Ledger]) -> None:
        """An alliance of everyone with zero savings, uplift and fee changes no total."""
        zero = AllianceAssumptions(patent_savings=0, admin_savings=0, licensing_uplift=0, fee=0)
        step = plan(StepKind.ALLIANCE, zero, members=tuple(led.id for led in ledgers))
        before, after = totals(run_scenario(ledgers, step, as_of=2007))
        assert after == pytest.approx(before, rel=1e-9, abs=1e-3)


class TestAssumptions:
    """Assumptions are checked."""

    @pytest.mark.parametrize(
        ("values", "name"),
        [
            ({"admin_savings": 1.5}, "admin_savings"),
            ({"personnel_savings": -0.1}, "personnel_savings"),
            ({"integration_cost": -1.0}, "integration_cost"),
            ({"phase_in": ()}, "phase_in"),
            ({"phase_in": (0.5, 2.0)}, "phase_in"),
        ],
    )
    def test_out_of_range(self, values: dict[str, object], name: str) -> None:
        """A share outside 0–1 or a negative cost is an error naming the assumption."""
        with pytest.raises(ScenarioError, match=name):
            MergeAssumptions(**values)  # type: ignore[arg-type]

    def test_phase_in_holds_last_value(self) -> None:
        """φ_k = phase_in[k], the last value holding after."""
        assert list(phase_in_shares((0.5, 1.0), 4)) == [0.5, 1.0, 1.0, 1.0]
