"""The version 2 figures of one TLO-year, each worked out by hand."""

from __future__ import annotations

import math

import pytest

from tlo_cli.metrics import ratios


class TestRatios:
    """Payout, self-sustainability, cost coverage, productivity, cash and break-even."""

    def test_payout_ratio(self) -> None:
        """(30 + 50 + 40) / (100 + 100 + 100) = 0.4; above 1 is clipped; no licensing: null."""
        assert ratios.payout_ratio([100, 100, 100], [30, 50, 40]) == pytest.approx(0.4)
        assert ratios.payout_ratio([10], [20]) == 1.0
        assert math.isnan(ratios.payout_ratio([0, 0], [5, 5]))

    def test_self_sustainability(self) -> None:
        """(100 − 40) / (30 + 10 + 15 + 5) = 60 / 60 = 1: just self-sustaining."""
        assert ratios.self_sustainability(100, 40, 30, 10, 15, 5) == pytest.approx(1.0)
        assert math.isnan(ratios.self_sustainability(100, 40, 0, 0, 0, 0))

    def test_cost_coverage(self) -> None:
        """(200 − 50 subsidy − 30 grant − 20 one-off) / 125 = 100 / 125 = 0.8."""
        assert ratios.cost_coverage(200, 50, 30, 20, 125) == pytest.approx(0.8)

    def test_per_count(self) -> None:
        """120 over 4 licences is 30; no count or a zero count: null."""
        assert ratios.per_count(120, 4) == 30
        assert math.isnan(ratios.per_count(120, None))
        assert math.isnan(ratios.per_count(120, 0))

    def test_cash_months(self) -> None:
        """60 of cash against 240 of expenses a year (20 a month) is 3 months."""
        assert ratios.cash_months(60, 240) == pytest.approx(3.0)
        assert math.isnan(ratios.cash_months(None, 240))

    def test_breakeven_with_distributions(self) -> None:
        """Costs 150, other revenue 30, payout 0.4: (150 − 30) / 0.6 = 200 of licensing, of which
        80 goes to inventors, leaving 120 to cover the 120 gap. Payout 1: never; NaN payout: 0."""
        assert ratios.breakeven_licensing_income(150, 30, 0.4) == pytest.approx(200.0)
        assert math.isnan(ratios.breakeven_licensing_income(150, 30, 1.0))
        assert ratios.breakeven_licensing_income(150, 30, float("nan")) == pytest.approx(120.0)
        assert ratios.breakeven_licensing_income(10, 30, 0.4) == 0.0

    def test_runway(self) -> None:
        """300 against a 100 loss is 3 years; no loss: unlimited; none given: unknown; exhausted: 0."""
        assert ratios.runway_years(300, -100) == 3.0
        assert ratios.runway_years(None, 5) == math.inf
        assert math.isnan(ratios.runway_years(None, -100))
        assert ratios.runway_years(-50, -100) == 0.0

    def test_materiality(self) -> None:
        """With 1,000 of expenses, −10 is break-even (exactly −1%) and −11 a deficit."""
        assert not ratios.is_deficit(-10, 1000)
        assert ratios.is_deficit(-11, 1000)
        assert ratios.is_deficit(-1, 0)
