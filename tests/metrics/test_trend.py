"""Licensing trend over the window, worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from tlo_cli.metrics import trend

YEARS = np.array([2004, 2005, 2006, 2007])
NAN = np.nan


class TestCagr:
    """Growth from the first to the last positive value."""

    def test_exponent_is_years_between(self) -> None:
        """100 in FY2005 to 121 in FY2007 (a zero between) is 10% a year (two points allowed)."""
        out = trend.licensing_cagr(np.array([[NAN, 100, 0, 121]]), YEARS, min_points=2)
        assert out[0] == pytest.approx(0.10)

    def test_fewer_than_two(self) -> None:
        """One positive value (or none) gives no CAGR."""
        out = trend.licensing_cagr(np.array([[NAN, 0, 0, 50], [0, 0, 0, 0]]), YEARS)
        assert np.isnan(out).all()

    def test_decline(self) -> None:
        """Halving over three years is −20.6% a year."""
        out = trend.licensing_cagr(np.array([[200, 150, 120, 100]]), YEARS)
        assert out[0] == pytest.approx(0.5 ** (1 / 3) - 1)


class TestUsableYears:
    """Version 2: growth needs 3 usable years with positive licensing income."""

    def test_cagr_needs_three_points(self) -> None:
        """Two positive values (100 → 121) give no CAGR; three (100, 110, 121) give 10%."""
        two = trend.licensing_cagr(np.array([[NAN, 100, 0, 121]]), YEARS)
        three = trend.licensing_cagr(np.array([[NAN, 100, 110, 121]]), YEARS)
        assert np.isnan(two[0])
        assert three[0] == pytest.approx(0.10)

    def test_log_linear_trend(self) -> None:
        """ln 100, ln 110, ln 121 lie on a line of slope ln 1.1: trend exp(ln 1.1) − 1 = 10%.
        100, 200, 100: logs 0, ln 2, 0 around FY2006 give slope 0, trend 0; two points: null."""
        out = trend.licensing_trend(
            np.array([[NAN, 100, 110, 121], [NAN, 100, 200, 100], [NAN, NAN, 100, 121]]), YEARS
        )
        assert out[0] == pytest.approx(0.10)
        assert out[1] == pytest.approx(0.0)
        assert np.isnan(out[2])

    def test_positive_points(self) -> None:
        """Zeros and gaps are not points."""
        assert list(trend.positive_points(np.array([[NAN, 0, 5, 6]]))) == [2]


class TestSlopePeakDrawdown:
    """Least-squares slope, the peak year and the fall from it."""

    def test_slope(self) -> None:
        """(2005,100), (2006,0), (2007,121): Σdx·dy = 21, Σdx² = 2, slope 10.5 a year."""
        out = trend.licensing_slope(np.array([[NAN, 100, 0, 121]]), YEARS)
        assert out[0] == pytest.approx(10.5)

    def test_slope_single_point(self) -> None:
        """One point has no slope."""
        assert np.isnan(trend.licensing_slope(np.array([[NAN, NAN, NAN, 5]]), YEARS)[0])

    def test_peak_earliest_on_tie(self) -> None:
        """Two equal highs: the earlier year is the peak."""
        out = trend.peak_fiscal_year(np.array([[5, 9, 9, 1], [NAN, NAN, NAN, NAN]]), YEARS)
        assert out[0] == 2005
        assert np.isnan(out[1])

    def test_drawdown(self) -> None:
        """60 against a peak of 100 is a 40% drawdown; a zero peak has none."""
        out = trend.drawdown_from_peak(
            np.array([[80, 100, 60, 60], [0, 0, 0, 0]]), np.array([60, 0])
        )
        assert out[0] == pytest.approx(0.4)
        assert np.isnan(out[1])
