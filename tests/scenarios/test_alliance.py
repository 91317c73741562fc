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
    """SPEC §5 defaults, hand-computed."""

    def test_pro_forma(self) -> None:
        """X: 55 − (9 + 19 + 2 + 25) = 0 from −5; Y: 33 − (4.5 + 2 + 20) = 6.5 from 5 (millions)."""
        result = run_scenario(
            [X, Y], plan(StepKind.ALLIANCE, AllianceAssumptions(), members=("X", "Y")), as_of=2007
        )
        x, y = result.after.find("X"), result.after.find("Y")
        assert x is not None and y is not None
        assert x.assessment.current.ordinary_profit == pytest.approx(0.0, abs=1e-3)
        assert y.assessment.current.ordinary_profit == pytest.approx(6.5e6)
        assert x.assessment.current.items["admin_cost"] == pytest.approx(21e6)
        assert list(x.outlook.ordinary_profit) == pytest.approx([0.0, 0.0, 0.0], abs=1e-3)
        assert result.after.summary.entities == 2 == result.before.summary.entities
        change = (
            result.after.summary.ordinary_profit_total - result.before.summary.ordinary_profit_total
        )
        assert change == pytest.approx(5e6 + 1.5e6)

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
        ],
    )
    def test_bad_assumption(self, values: dict[str, float], name: str) -> None:
        """A value out of range names the assumption."""
        with pytest.raises(ScenarioError, match=name):
            AllianceAssumptions(**values)
