"""Alliance: members stay separate; patent and admin savings, licensing uplift, a fee."""

from __future__ import annotations

import pytest

from tests.scenarios.cohorts import ledger, plan
from tlo_cli.model import Region
from tlo_cli.scenarios.alliance import AllianceAssumptions
from tlo_cli.scenarios.plan import Plan, Step
from tlo_cli.scenarios.record import StepKind
from tlo_cli.scenarios.result import run_scenario
from tlo_cli.scenarios.state import ScenarioError

X = ledger("X", licensing_income=50e6, patent_cost=10e6, admin_cost=20e6, personnel_cost=25e6)
Y = ledger("Y", region=Region.CHUBU, licensing_income=30e6, patent_cost=5e6, personnel_cost=20e6)


class TestDefaults:
    """The defaults of docs/scenarios.md, hand-computed (X, the larger, is the hub)."""

    def test_pro_forma(self) -> None:
        """Y pays X the ¥2m fee; X runs the secretariat (default: the fees, 2m) (millions):
        X: 55 + 2 (fee received) − (9 + 19 + 2 + 25) = 2 from −5;
        Y: 33 − (4.5 + 2 + 20) = 6.5 from 5. Change 8.5 = savings 2.5 + uplift 8 − secretariat 2."""
        result = run_scenario(
            [X, Y], plan(StepKind.ALLIANCE, AllianceAssumptions(), members=("X", "Y")), as_of=2007
        )
        x, y = result.after.find("X"), result.after.find("Y")
        assert x is not None and y is not None
        assert x.assessment.current.ordinary_profit == pytest.approx(2e6)
        assert y.assessment.current.ordinary_profit == pytest.approx(6.5e6)
        assert x.assessment.current.items["admin_cost"] == pytest.approx(21e6)
        assert x.assessment.current.items["membership_income"] == pytest.approx(2e6)
        assert list(x.outlook.ordinary_profit) == pytest.approx([2e6, 2e6, 2e6])
        assert result.after.summary.entities == 2 == result.before.summary.entities
        change = (
            result.after.summary.ordinary_profit_total - result.before.summary.ordinary_profit_total
        )
        assert change == pytest.approx(8.5e6)
        assert result.steps[0].record.hub == "X"

    def test_members_keep_their_ids(self) -> None:
        """Both members are reported before and after under their own ids."""
        result = run_scenario(
            [X, Y], plan(StepKind.ALLIANCE, AllianceAssumptions(), members=("x", "y"))
        )
        assert result.affected_before == ("X", "Y") == result.affected_after


class TestImpossible:
    """What an alliance cannot be."""

    def test_one_member(self) -> None:
        """An alliance of one."""
        with pytest.raises(ScenarioError, match="at least two"):
            run_scenario([X, Y], plan(StepKind.ALLIANCE, AllianceAssumptions(), members=("X",)))

    def test_twice(self) -> None:
        """A TLO in two alliances would count its savings twice."""
        step = Step(kind=StepKind.ALLIANCE, assumptions=AllianceAssumptions(), members=("X", "Y"))
        with pytest.raises(ScenarioError, match="step 2: X is already in an alliance"):
            run_scenario([X, Y], Plan((step, step)))

    @pytest.mark.parametrize(
        ("values", "name"),
        [
            ({"fee": -1.0}, "fee"),
            ({"licensing_uplift": -2.0}, "licensing_uplift"),
            ({"patent_savings": 2.0}, "patent_savings"),
            ({"licensing_uplift": float("inf")}, "licensing_uplift"),
            ({"fee": 1e308}, "fee"),
            ({"secretariat_cost": float("nan")}, "secretariat_cost"),
        ],
    )
    def test_bad_assumption(self, values: dict[str, float], name: str) -> None:
        """A value out of range names the assumption."""
        with pytest.raises(ScenarioError, match=name):
            AllianceAssumptions(**values)


Z = ledger("Z", region=Region.CHUBU, licensing_income=10e6, personnel_cost=10e6)


class TestHubAndFees:
    """The fees are the hub's revenue: zero-sum across the cohort."""

    def run(self, **assumptions: object) -> tuple[float, dict[str, float]]:
        step = plan(
            StepKind.ALLIANCE,
            AllianceAssumptions(**assumptions),  # type: ignore[arg-type]
            members=("X", "Y", "Z"),
        )
        result = run_scenario([X, Y, Z], step, as_of=2007)
        change = (
            result.after.summary.ordinary_profit_total - result.before.summary.ordinary_profit_total
        )
        each = {
            c.id: c.ordinary_profit_after - c.ordinary_profit_before
            for c in result.steps[0].record.contributions
        }
        return change, each

    def test_fee_is_zero_sum(self) -> None:
        """Fee 3m, no savings, no uplift, no secretariat: Y and Z each pay 3m, X receives 6m;
        the cohort's total does not move."""
        change, each = self.run(
            patent_savings=0, admin_savings=0, licensing_uplift=0, fee=3e6, secretariat_cost=0
        )
        assert change == pytest.approx(0.0, abs=1e-6)
        assert each == pytest.approx({"X": 6e6, "Y": -3e6, "Z": -3e6})

    def test_secretariat_is_the_only_cost(self) -> None:
        """Default secretariat = the fees received (2 × 2m): the cohort loses 4m, all at the hub."""
        change, each = self.run(patent_savings=0, admin_savings=0, licensing_uplift=0)
        assert change == pytest.approx(-4e6)
        assert each == pytest.approx({"X": 0.0, "Y": -2e6, "Z": -2e6})

    def test_named_hub(self) -> None:
        """--hub Z: Z receives 2 × 1m and bears a 0.5m secretariat: +1.5m."""
        _, each = self.run(
            patent_savings=0,
            admin_savings=0,
            licensing_uplift=0,
            fee=1e6,
            hub="z",
            secretariat_cost=0.5e6,
        )
        assert each == pytest.approx({"X": -1e6, "Y": -1e6, "Z": 1.5e6})

    def test_unknown_hub(self) -> None:
        """A hub that is not a member is an error naming it."""
        with pytest.raises(ScenarioError, match="hub 'Q' is not a member"):
            self.run(hub="Q")


class TestDistributionsFollowLicensing:
    """A licensing uplift is counted net of what goes back to inventors and universities."""

    def test_uplift_net_of_payout(self) -> None:
        """P pays out 40% of licensing (distributions 20m of 50m). Uplift 10%: licensing +5m,
        distributions +2m, so profit +3m — not +5m — and distributions rise with the uplift."""
        p = ledger("P", licensing_income=50e6, distribution_cost=20e6, personnel_cost=30e6)
        q = ledger("Q", licensing_income=10e6, personnel_cost=10e6)
        step = plan(
            StepKind.ALLIANCE,
            AllianceAssumptions(patent_savings=0, admin_savings=0, fee=0, secretariat_cost=0),
            members=("P", "Q"),
        )
        result = run_scenario([p, q], step, as_of=2007)
        before, after = result.before.find("P"), result.after.find("P")
        assert before is not None and after is not None
        assert after.assessment.current.items["distribution_cost"] == pytest.approx(22e6)
        gain = after.assessment.current.ordinary_profit - before.assessment.current.ordinary_profit
        assert gain == pytest.approx(3e6)
        assert list(after.outlook.ordinary_profit - before.outlook.ordinary_profit) == (
            pytest.approx([3e6, 3e6, 3e6])
        )
