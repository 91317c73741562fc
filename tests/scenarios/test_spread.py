"""Other revenue and costs in the simulation: their spreads and the cost change at the cliff,
estimated from the cohort's history (hand-computed on tiny cohorts)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.factories import make_ledger
from tlo_cli.scenarios import spread
from tlo_cli.scenarios.inputs import cliff_matrix
from tlo_cli.scenarios.state import initial_state


def levels(changes: list[list[float]]) -> np.ndarray:
    """Rows starting at 1 whose yearly log-changes are ``changes``."""
    d = np.array(changes, dtype=float)
    return np.exp(np.concatenate([np.zeros((len(d), 1)), np.cumsum(d, axis=1)], axis=1))


class TestBlock:
    """σ and σ_F of a block's yearly log-change."""

    def test_three_years(self) -> None:
        """d = [0.1, 0.3, −0.1] and [−0.1, 0.1, −0.3]: m_t = 0, 0.2, −0.2; every residual ±0.1,
        so σ² = 6 × 0.01 / (3 × 1) = 0.02; var(m_t) = (0 + 0.04 + 0.04) / 2 = 0.04 less the
        noise mean(0.02 / 2) = 0.01 gives σ_F² = 0.03."""
        model = spread.estimate_block(levels([[0.1, 0.3, -0.1], [-0.1, 0.1, -0.3]]))
        assert model.sigma == pytest.approx(math.sqrt(0.02))
        assert model.shock_sd == pytest.approx(math.sqrt(0.03))
        assert model.changes == 6

    def test_two_years_no_common_shock(self) -> None:
        """d = [0.1, 0.2], [0.3, 0.0], [0.2, 0.4]: m_t = 0.2, 0.2; squares 0.01 + 0 + 0.01 and
        0 + 0.04 + 0.04 over 2 + 2 degrees of freedom: σ² = 0.10 / 4; two years of means: σ_F 0."""
        model = spread.estimate_block(levels([[0.1, 0.2], [0.3, 0.0], [0.2, 0.4]]))
        assert model.sigma == pytest.approx(math.sqrt(0.025))
        assert model.shock_sd == 0.0

    def test_excluded_pair(self) -> None:
        """The same with the second TLO's second change left out: year 2 keeps 0.2 and 0.4
        (m 0.3, squares 0.02, 1 degree of freedom); σ² = (0.02 + 0.02) / 3."""
        exclude = np.array([[False, False], [False, True], [False, False]])
        model = spread.estimate_block(levels([[0.1, 0.2], [0.3, 0.0], [0.2, 0.4]]), exclude=exclude)
        assert model.sigma == pytest.approx(math.sqrt(0.04 / 3))
        assert model.changes == 5

    def test_floor(self) -> None:
        """TLOs moving in step (every residual 0), or no change at all: σ = 0.03."""
        assert spread.estimate_block(levels([[0.1, 0.1], [0.1, 0.1]])).sigma == 0.03
        assert spread.estimate_block(np.array([[np.nan, 1.0]])).sigma == spread.SPREAD_FLOOR

    def test_history_leaves_out_the_approval_year(self) -> None:
        """Approved FY2005: FY2004 absent and FY2005 partial are NaN; later years the sum."""
        led = make_ledger(
            "H",
            {
                "membership_income": dict.fromkeys(range(2005, 2008), 1.0),
                "contract_income": dict.fromkeys(range(2005, 2008), 2.0),
            },
            approved_fy=2005,
        )
        values = spread.history(led, spread.OTHER_ITEMS, first=2004, last=2007)
        assert np.isnan(values[:2]).all() and list(values[2:]) == [3.0, 3.0]


class TestCliff:
    """The cost change in the first year without the subsidy."""

    def test_cliff_years(self) -> None:
        """A subsidy the year before and none (0 or absent) that year."""
        subsidy = np.array([[5, 5, 0, 0], [0, 3, 0, np.nan], [2, np.nan, 0, 0]], dtype=float)
        assert spread.cliff_years(subsidy).tolist() == [
            [False, True, False],
            [False, True, False],
            [True, False, False],
        ]

    def test_change_beyond_the_others(self) -> None:
        """A and C lose the subsidy (costs −0.3 and −0.1 in logs), B does not (+0.1): κ =
        mean(−0.3 − 0.1, −0.1 − 0.1) = −0.3 from 2 events; A alone: 1 event, κ = 0; A and C
        with no other TLO that year: the reference is 0, κ = −0.2."""
        costs = levels([[-0.3], [0.1], [-0.1]])
        cliffs = np.array([[True], [False], [True]])
        assert spread.cliff_change(costs, cliffs) == (pytest.approx(-0.3), 2)
        assert spread.cliff_change(costs, np.array([[True], [False], [False]])) == (0.0, 1)
        assert spread.cliff_change(costs[[0, 2]], cliffs[[0, 2]]) == (pytest.approx(-0.2), 2)


def tlo(tlo_id: str, cut: float, *, subsidy_to: int | None, growth: float = 0.0):  # type: ignore[no-untyped-def]
    """FY2002–FY2007, approved FY2001: personnel 100 growing ``growth`` a year (in logs),
    multiplied by e^cut from the first year without the subsidy (paid to ``subsidy_to``)."""
    years = range(2002, 2008)
    personnel = {
        fy: 100.0 * math.exp(growth * (fy - 2002) + (cut if subsidy_to and fy > subsidy_to else 0))
        for fy in years
    }
    subsidy = {fy: 50.0 if subsidy_to and fy <= subsidy_to else 0.0 for fy in years}
    return make_ledger(
        tlo_id,
        {
            "licensing_income": dict.fromkeys(years, 120.0),
            "membership_income": dict.fromkeys(years, 10.0),
            "personnel_cost": personnel,
            "subsidy_income": subsidy,
            "net_assets": dict.fromkeys(years, 500.0),
        },
        approved_fy=2001,
    )


class TestEstimateFromLedgers:
    """The cohort's models as of FY2007 (window 5: the changes FY2003→04 … FY2006→07)."""

    def test_costs_and_other_revenue(self) -> None:
        """T1 and T2 lose the subsidy in FY2005 and cut costs by −0.3 and −0.1 (logs); T3 grows
        0.1 a year. κ = mean(−0.3 − 0.1, −0.1 − 0.1) = −0.3 (2 events). Without the cliff pairs,
        the years FY2004, FY2006 and FY2007 each have changes 0, 0, 0.1: squares
        2 (0.1/3)² + (0.2/3)² = 0.06/9 on 2 degrees of freedom, so σ² = 0.01/3; the yearly means
        1/30, 0.1, 1/30, 1/30 vary less than sampling noise explains: σ_F = 0. Membership is
        flat: σ at the 0.03 floor."""
        ledgers = [
            tlo("T1", -0.3, subsidy_to=2004),
            tlo("T2", -0.1, subsidy_to=2004),
            tlo("T3", 0.0, subsidy_to=None, growth=0.1),
        ]
        other, costs = spread.estimate(ledgers, as_of=2007, window=5)
        assert (costs.cliff, costs.cliff_events) == (pytest.approx(-0.3), 2)
        assert costs.sigma == pytest.approx(math.sqrt(0.01 / 3))
        assert costs.shock_sd == 0.0
        assert other.sigma == spread.SPREAD_FLOOR and other.shock_sd == 0.0

    def test_cliff_placed_in_the_projection(self) -> None:
        """As of FY2007, a TLO approved FY2004 (subsidy to FY2008) meets its cliff in FY2009,
        the second projected year; one approved FY2001 has no subsidy left: no cliff."""
        years = range(2005, 2008)
        young = make_ledger(
            "Y",
            {
                "licensing_income": dict.fromkeys(years, 10.0),
                "subsidy_income": dict.fromkeys(years, 40.0),
                "personnel_cost": dict.fromkeys(years, 30.0),
            },
            approved_fy=2004,
        )
        state, _ = initial_state([young, tlo("T3", 0.0, subsidy_to=None)], as_of=2007)
        matrix = cliff_matrix(state.entities, 2007, -0.25)
        ids = [e.id for e in state.entities]
        assert matrix[ids.index("Y")].tolist() == [0.0, -0.25, 0.0]
        assert matrix[ids.index("T3")].tolist() == [0.0, 0.0, 0.0]

    def test_reported(self) -> None:
        """The simulation of that cohort carries both models; its note and JSON quote them."""
        from tlo_cli.render.simulation import SimulationReport
        from tlo_cli.scenarios.simulate import simulate_cohort

        ledgers = [
            tlo("T1", -0.3, subsidy_to=2004),
            tlo("T2", -0.1, subsidy_to=2004),
            tlo("T3", 0.0, subsidy_to=None, growth=0.1),
        ]
        result = simulate_cohort(ledgers, rng=np.random.default_rng(0), paths=200, years=2)
        assert result.cost_model is not None and result.cost_model.cliff == pytest.approx(-0.3)
        report = SimulationReport(result, seed=0)
        note = report.tables()[-1].notes[0]
        assert "costs change by -0.300 (log, 2 past cliffs)" in note
        assert "below −1% of expenses" in note
        cost = report.to_dict()["assumptions"]["cost_model"]
        assert cost["cliff_events"] == 2 and cost["sigma"] == pytest.approx(math.sqrt(0.01 / 3))
