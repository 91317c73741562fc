"""Internalize: the TLO as a unit of its university, and the university's change in position."""

from __future__ import annotations

import pytest

from tests.scenarios.cohorts import ledger, plan
from tlo_cli.model import Form
from tlo_cli.scenarios.internalize import InternalizeAssumptions, distributions_received
from tlo_cli.scenarios.merge import MergeAssumptions
from tlo_cli.scenarios.plan import Plan, Step
from tlo_cli.scenarios.record import StepKind
from tlo_cli.scenarios.result import run_scenario
from tlo_cli.scenarios.state import ScenarioError

T = ledger(
    "T",
    licensing_income=100e6,
    membership_income=40e6,
    personnel_cost=60e6,
    admin_cost=30e6,
    distribution_cost=50e6,
)
OTHER = ledger("O", licensing_income=10e6, personnel_cost=4e6)
INTERNAL = ledger("U", form=Form.INTERNAL, licensing_income=1e6, personnel_cost=1e6)


def internalize(tlo: str = "t", **assumptions: float) -> object:
    step = plan(StepKind.INTERNALIZE, InternalizeAssumptions(**assumptions), tlo=tlo)
    return run_scenario([T, OTHER, INTERNAL], step, as_of=2007)


class TestUniversityPosition:
    """A hand-computed case with the defaults (½ membership, −50% admin, ½ distributions inside)."""

    def test_unit_net_result(self) -> None:
        """Unit: 100 + 20 − (60 + 15 + 25) = 20 million, from a break-even TLO."""
        result = internalize()
        unit = result.after.find("T")  # type: ignore[attr-defined]
        assert unit.assessment.current.ordinary_profit == pytest.approx(20e6)
        assert unit.assessment.profile.form is Form.INTERNAL
        assert result.before.find("T").assessment.current.ordinary_profit == 0  # type: ignore[attr-defined]

    def test_change_in_position(self) -> None:
        """Before, the university received 50 × 0.5 = 25 million. Now the unit's 20 million, less
        the admin its services absorb: 30 × 0.5 moved × 0.5 marginal cost = 7.5 million; change
        20 − 25 − 7.5 = −12.5 million a year. FY2008 also carries the one-off transition cost,
        25% of personnel 60 = 15 million: unit 5, change −27.5."""
        record = internalize().steps[0].record  # type: ignore[attr-defined]
        years = record.university_position
        assert [y.fiscal_year for y in years] == [2007, 2008, 2009, 2010]
        for y in years:
            assert y.distributions_received_before == pytest.approx(25e6)
            assert y.absorbed_costs == pytest.approx(7.5e6)
        assert [y.unit_net_result for y in years] == pytest.approx([20e6, 5e6, 20e6, 20e6])
        assert [y.change for y in years] == pytest.approx([-12.5e6, -27.5e6, -12.5e6, -12.5e6])
        assert years[0].pro_forma and not years[1].pro_forma
        assert record.one_off_cost == pytest.approx(15e6)

    def test_marginal_and_transition_cost(self) -> None:
        """--marginal-cost 1 (the university bears every yen moved: 15m) and --transition-cost
        4m: FY2008 unit 20 − 4 = 16, change 16 − 25 − 15 = −24 million."""
        record = internalize(marginal_cost=1.0, transition_cost=4e6).steps[0].record  # type: ignore[attr-defined]
        y = record.university_position[1]
        assert y.absorbed_costs == pytest.approx(15e6)
        assert y.unit_net_result == pytest.approx(16e6)
        assert y.change == pytest.approx(-24e6)
        assert record.assumptions["transition_cost_basis"] == "given"

    def test_other_assumptions(self) -> None:
        """Keeping all membership, no admin savings, all distributions inside: 100+40−(60+30)."""
        record = internalize(keep_membership=1, admin_savings=0, university_share=1).steps[0].record  # type: ignore[attr-defined]
        first = record.university_position[0]
        assert first.unit_net_result == pytest.approx(50e6)
        assert first.distributions_received_before == pytest.approx(50e6)
        assert first.change == pytest.approx(0)

    def test_distributions_received(self) -> None:
        """distribution_cost × university_share."""
        assert distributions_received(80.0, 0.25) == 20.0


class TestImpossible:
    """What cannot be internalized."""

    def test_already_internal(self) -> None:
        """A TLO inside a university already."""
        with pytest.raises(ScenarioError, match="U is already inside a university"):
            internalize("u")

    def test_after_being_merged_away(self) -> None:
        """A TLO merged away in step 1 cannot be internalized in step 2; the merged one neither."""
        merge = Step(kind=StepKind.MERGE, assumptions=MergeAssumptions(), members=("T", "O"))
        for tlo, message in (
            ("T", "step 2: T was merged into T\\+O in step 1"),
            ("T+O", "no single"),
        ):
            steps = (
                merge,
                Step(kind=StepKind.INTERNALIZE, assumptions=InternalizeAssumptions(), tlo=tlo),
            )
            with pytest.raises(ScenarioError, match=message):
                run_scenario([T, OTHER], Plan(steps), as_of=2007)

    def test_internalized_cannot_merge(self) -> None:
        """A unit of a university does not join a merger."""
        steps = (
            Step(kind=StepKind.INTERNALIZE, assumptions=InternalizeAssumptions(), tlo="T"),
            Step(kind=StepKind.MERGE, assumptions=MergeAssumptions(), members=("T", "O")),
        )
        with pytest.raises(ScenarioError, match="step 2: T was folded into its university"):
            run_scenario([T, OTHER], Plan(steps), as_of=2007)
