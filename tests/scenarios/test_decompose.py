"""What a scenario buys: aggregation versus synergy, loss pool, break-even, payback, sensitivity."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings

from tests.scenarios.cohorts import cohorts, ledger, plan
from tlo_cli.model import Ledger, Region
from tlo_cli.scenarios.internalize import InternalizeAssumptions
from tlo_cli.scenarios.merge import MergeAssumptions
from tlo_cli.scenarios.plan import Plan, Step
from tlo_cli.scenarios.record import StepKind
from tlo_cli.scenarios.result import ScenarioResult, run_scenario
from tlo_cli.scenarios.sensitivity import MULTIPLIERS, scaled

# A loses 5m, B earns 3m, C loses 2m (Kanto); D earns 1m elsewhere.
A = ledger("A", licensing_income=20e6, personnel_cost=15e6, admin_cost=10e6)
B = ledger("B", licensing_income=13e6, personnel_cost=6e6, admin_cost=4e6)
C = ledger("C", licensing_income=8e6, personnel_cost=4e6, admin_cost=6e6)
D = ledger("D", region=Region.KINKI, licensing_income=5e6, personnel_cost=4e6)
NO_SAVINGS = MergeAssumptions(admin_savings=0, personnel_savings=0, integration_cost=0)


def merge_abc(assumptions: MergeAssumptions) -> ScenarioResult:
    step = plan(StepKind.MERGE, assumptions, members=("A", "B", "C"))
    return run_scenario([A, B, C, D], step, as_of=2007)


def figures(result: ScenarioResult, name: str, year: int = 0) -> dict[str, float]:
    out: dict[str, float] = result.decomposition.years[year].to_dict()[name]
    return out


class TestNoSavings:
    """A merger with every saving and cost at 0 changes no total; the change in the number in
    deficit is all aggregation."""

    def test_totals_unchanged_and_all_aggregation(self) -> None:
        """Before: A −5, C −2 in deficit (2 of 4). After: A+B+C = −4 (1 of 2). Aggregation −1,
        synergy 0; total ordinary profit −3m before and after in every year."""
        result = merge_abc(NO_SAVINGS)
        for k in range(len(result.decomposition.years)):
            total = figures(result, "ordinary_profit_total", k)
            assert total["after"] == pytest.approx(total["before"])
            assert total["synergy"] == pytest.approx(0.0, abs=1e-6)
            deficit = figures(result, "deficit", k)
            assert deficit["synergy"] == 0
            assert deficit["aggregation"] == deficit["after"] - deficit["before"]
        assert figures(result, "deficit") == {
            "before": 2,
            "aggregated": 1,
            "after": 1,
            "aggregation": -1,
            "synergy": 0,
        }

    def test_loss_pool(self) -> None:
        """Loss pool before −5 − 2 = −7m; after netting A, B, C: −4m (D earns)."""
        pool = figures(merge_abc(NO_SAVINGS), "loss_pool")
        assert pool["before"] == pytest.approx(-7e6)
        assert pool["after"] == pytest.approx(-4e6)
        assert pool["aggregation"] == pytest.approx(3e6)

    @settings(max_examples=25, deadline=None)
    @given(cohorts())
    def test_any_cohort(self, ledgers: list[Ledger]) -> None:
        """Over random cohorts: a no-savings merger of the first two TLOs is all aggregation."""
        step = plan(StepKind.MERGE, NO_SAVINGS, members=(ledgers[0].id, ledgers[1].id))
        try:
            result = run_scenario(ledgers, step, as_of=2007)
        except ValueError:
            return  # a TLO without FY2007 data cannot take part
        for split in result.decomposition.years:
            d = split.to_dict()
            assert d["ordinary_profit_total"]["synergy"] == pytest.approx(0.0, abs=1e-3)
            assert d["deficit"]["synergy"] == 0 and d["at_risk"]["synergy"] == 0


class TestSavings:
    """With savings, synergy = savings − costs, to the yen."""

    def test_synergy_is_savings_minus_costs(self) -> None:
        """Admin 20m × 30% = 6m and personnel 25m × 10% = 2.5m: pro forma synergy 8.5m. FY2008:
        half the savings (4.25m) less the one-off 50% × 20m = 10m: −5.75m; then 8.5m."""
        result = merge_abc(MergeAssumptions())
        synergy = [
            figures(result, "ordinary_profit_total", k)["synergy"]
            for k in range(len(result.decomposition.years))
        ]
        assert synergy == [8_500_000.0, -5_750_000.0, 8_500_000.0, 8_500_000.0]
        assert figures(result, "ordinary_profit_total")["aggregation"] == 0.0

    def test_payback_and_break_even(self) -> None:
        """One-off 10m / run-rate synergy 8.5m = 1.18 years. A+B+C nets −4m: it needs 4m of
        savings a year to break even, 4 / 8.5 of the synergy assumed."""
        d = merge_abc(MergeAssumptions()).decomposition
        assert d.one_off_costs == pytest.approx(10e6)
        assert d.payback_years == pytest.approx(10 / 8.5)
        (b,) = d.break_even
        assert b.id == "A+B+C"
        assert b.aggregated == pytest.approx(-4e6)
        assert b.savings_to_break_even == pytest.approx(4e6)
        assert b.multiple == pytest.approx(4 / 8.5)

    def test_contributions(self) -> None:
        """Each member with its own share of the savings: A −5 + 3 + 1.5 = −0.5m;
        B 3 + 1.2 + 0.6 = 4.8m; C −2 + 1.8 + 0.4 = 0.2m."""
        record = merge_abc(MergeAssumptions()).steps[0].record
        got = {
            c.id: (c.ordinary_profit_before, c.ordinary_profit_after) for c in record.contributions
        }
        assert got == {
            "A": pytest.approx((-5e6, -0.5e6)),
            "B": pytest.approx((3e6, 4.8e6)),
            "C": pytest.approx((-2e6, 0.2e6)),
        }
        assert [c.loss_brought for c in record.contributions] == [-5e6, 0.0, -2e6]

    def test_never_paid_back(self) -> None:
        """An internalization that loses more membership than it saves: payback is None."""
        t = ledger("T", licensing_income=10e6, membership_income=20e6, personnel_cost=25e6)
        step = plan(StepKind.INTERNALIZE, InternalizeAssumptions(), tlo="T")
        d = run_scenario([t, D], step, as_of=2007).decomposition
        assert d.run_rate_synergy == pytest.approx(-10e6)  # half the membership lost
        assert d.one_off_costs == pytest.approx(0.25 * 25e6)
        assert d.payback_years is None


class TestSensitivity:
    """The after result with each assumption at 0, ½×, 1×, 1½×, 2×."""

    def test_admin_savings_is_linear(self) -> None:
        """Admin savings 0.3 × m of 20m: the projected total (3 years) moves by 3 × 6m × m less
        the phase-in (half of it in the first year) — each step of ½× adds 2.5 × 3m = 7.5m."""
        result = merge_abc(MergeAssumptions())
        row = next(r for r in result.sensitivity if r.assumption == "admin_savings")
        totals = [o.ordinary_profit_projected for o in row.outcomes]
        steps = [b - a for a, b in itertools.pairwise(totals)]
        assert steps == pytest.approx([7.5e6] * 4)
        assert [o.multiplier for o in row.outcomes] == list(MULTIPLIERS)

    def test_one_times_is_the_result(self) -> None:
        """At 1× every row gives the scenario's own pro-forma total and deficit count."""
        result = merge_abc(MergeAssumptions())
        for row in result.sensitivity:
            one = next(o for o in row.outcomes if o.multiplier == 1.0)
            assert one.ordinary_profit_pro_forma == pytest.approx(
                result.after.summary.ordinary_profit_total
            )
            assert one.deficit == result.after.summary.deficit

    def test_integration_cost_only_in_projection(self) -> None:
        """The default integration cost (its share scaled): 0 … 20m in FY2008, none pro forma."""
        result = merge_abc(MergeAssumptions())
        row = next(r for r in result.sensitivity if r.assumption == "integration_cost")
        pro_forma = {o.ordinary_profit_pro_forma for o in row.outcomes}
        assert len(pro_forma) == 1
        projected = [o.ordinary_profit_projected for o in row.outcomes]
        assert projected[0] - projected[-1] == pytest.approx(20e6)

    def test_scaling_caps_shares(self) -> None:
        """0.6 × 2 is capped at 1; a given amount scales; a default amount scales its share."""
        a = MergeAssumptions(admin_savings=0.6, integration_cost=3e6)
        assert scaled(a, "admin_savings", 2.0).admin_savings == 1.0
        assert scaled(a, "integration_cost", 1.5).integration_cost == 4.5e6
        default = scaled(MergeAssumptions(), "integration_cost", 0.5)
        assert default.integration_cost is None and default.integration_cost_share == 0.25

    def test_plan_of_two_kinds(self) -> None:
        """A plan of a merger and an internalization has rows of both kinds."""
        steps = (
            Step(kind=StepKind.MERGE, assumptions=MergeAssumptions(), members=("A", "B")),
            Step(kind=StepKind.INTERNALIZE, assumptions=InternalizeAssumptions(), tlo="C"),
        )
        result = run_scenario([A, B, C, D], Plan(steps), as_of=2007)
        kinds = {r.kind for r in result.sensitivity}
        assert kinds == {"merge", "internalize"}


SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="the sample is not present")
class TestSampleWideArea:
    """The national wide-area plan on the sample, as of FY2007 (the figures of docs/scenarios.md)."""

    def test_no_savings(self) -> None:
        """Every saving and cost at 0: in deficit 14 → 6 and at risk 28 → 18, all aggregation;
        total ordinary profit unchanged."""
        from tlo_cli.ledger import load_cohort

        step = plan(StepKind.MERGE, NO_SAVINGS, by_region=True)
        result = run_scenario(load_cohort([SAMPLE]).ledgers, step, as_of=2007)
        first = result.decomposition.years[0].to_dict()
        assert (first["deficit"]["before"], first["deficit"]["after"]) == (14, 6)
        assert first["deficit"]["aggregation"] == -8 and first["deficit"]["synergy"] == 0
        assert (first["at_risk"]["before"], first["at_risk"]["after"]) == (28, 18)
        assert first["at_risk"]["aggregation"] == -10 and first["at_risk"]["synergy"] == 0
        assert first["ordinary_profit_total"]["after"] == first["ordinary_profit_total"]["before"]

    def test_defaults(self) -> None:
        """With the defaults: 14 → 4 in deficit, 8 of the 10 fewer by aggregation."""
        from tlo_cli.ledger import load_cohort

        step = plan(StepKind.MERGE, MergeAssumptions(), by_region=True)
        result = run_scenario(load_cohort([SAMPLE]).ledgers, step, as_of=2007)
        deficit = result.decomposition.years[0].to_dict()["deficit"]
        assert (
            deficit["before"],
            deficit["aggregation"],
            deficit["synergy"],
            deficit["after"],
        ) == (
            14,
            -8,
            -2,
            4,
        )
