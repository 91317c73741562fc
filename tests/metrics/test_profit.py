"""Statement figures, worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tlo_cli.metrics import profit


class TestStatement:
    """revenue, expenses and ordinary profit."""

    def test_hand_computed(self) -> None:
        """100+20+30+50+0 revenue, 80+20+40+30+10 expenses: profit 20, −30 without the subsidy."""
        rev = profit.revenue(100.0, 20.0, 30.0, 50.0, 0.0)
        exp = profit.expenses(80.0, 20.0, 40.0, 30.0, 10.0)
        assert rev == 200
        assert exp == 180
        op = profit.ordinary_profit(rev, exp)
        assert op == 20
        opx = profit.ordinary_profit_ex_subsidy(op, 50.0)
        assert opx == -30
        assert profit.subsidy_dependence(50.0, rev) == pytest.approx(0.25)
        assert profit.margin(op, rev) == pytest.approx(0.10)
        assert profit.margin_ex_subsidy(opx, rev, 50.0) == pytest.approx(-0.20)

    def test_zero_revenue(self) -> None:
        """Ratios over zero revenue are undefined (NaN), never 0."""
        assert math.isnan(profit.subsidy_dependence(0.0, 0.0))
        assert math.isnan(profit.margin(-5.0, 0.0))
        assert math.isnan(profit.margin_ex_subsidy(-5.0, 10.0, 10.0))

    def test_arrays(self) -> None:
        """The same formulas work elementwise on arrays, NaN denominators included."""
        out = profit.safe_ratio(np.array([1.0, 2.0, 3.0]), np.array([2.0, 0.0, np.nan]))
        assert out[0] == 0.5
        assert np.isnan(out[1:]).all()
