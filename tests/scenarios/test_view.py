"""Before any step, the scenario view of a cohort is exactly what `assess` says of it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from tests.scenarios.cohorts import cohorts
from tlo_cli.metrics.assess import assess_cohort
from tlo_cli.model import Ledger
from tlo_cli.scenarios.state import initial_state
from tlo_cli.scenarios.view import view_state


class TestInitialView:
    """The outlook reproduces the projection; the risk judged on it reproduces the verdict."""

    @settings(max_examples=30, deadline=None)
    @given(cohorts())
    def test_same_as_assess(self, ledgers: list[Ledger]) -> None:
        """Projected ordinary profit, risk level and the rules that fired equal assess_cohort's."""
        cohort = assess_cohort(ledgers, as_of=2007)
        view = view_state(initial_state(ledgers, as_of=2007)[0])
        assert len(view.entities) == len(cohort.assessments)
        for entity in view.entities:
            a = cohort.find(entity.id)
            assert a is not None
            projected = [p.ordinary_profit for p in a.risk.horizon_projection]
            assert list(entity.outlook.ordinary_profit) == pytest.approx(projected, abs=1e-3)
            assert entity.assessment.risk.level is a.risk.level
            # the same rules fire; a message may round a .5 thousand yen the other way
            assert [r.code for r in entity.assessment.risk.reasons] == [
                r.code for r in a.risk.reasons
            ]
