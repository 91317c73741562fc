"""The projection to the cliff year and the cohort's growth by age, by hand."""

from __future__ import annotations

import numpy as np
import pytest

from tlo_cli.metrics.projection import Bases, age_growth, ordinal, project
from tlo_cli.metrics.risk import cliff_year, projection_end


class TestProject:
    """Run-rate costs, distributions with licensing, subsidy by schedule."""

    def test_hand_computed(self) -> None:
        """Licensing 100 growing 10%: 110, 121; payout 0.5 → distributions 55, 60.5; costs 80 +
        distributions; other revenue 20; subsidy 30 to FY2008 only.
        FY2008: 110 + 20 + 30 − (80 + 55) = 25; FY2009: 121 + 20 − (80 + 60.5) = 0.5."""
        out = project(
            as_of=2007,
            end_fy=2009,
            bases=Bases(100.0, 20.0, 80.0, 0.5, 30.0),
            growth=[0.10],
            subsidy_end_fy=2008,
        )
        assert [p.fiscal_year for p in out] == [2008, 2009]
        assert [p.licensing_income for p in out] == pytest.approx([110.0, 121.0])
        assert [p.distribution_cost for p in out] == pytest.approx([55.0, 60.5])
        assert [p.subsidy_income for p in out] == [30.0, 0.0]
        assert [p.ordinary_profit for p in out] == pytest.approx([25.0, 0.5])
        assert out[0].ordinary_profit_ex_subsidy == pytest.approx(-5.0)

    def test_growth_by_year_and_unknown_end(self) -> None:
        """Rates 50% then 0% (the last holds): 150, 150, 150; an unknown end pays no subsidy."""
        out = project(
            as_of=2007,
            end_fy=2010,
            bases=Bases(100.0, 0.0, 0.0, float("nan"), 30.0),
            growth=[0.5, 0.0],
            subsidy_end_fy=None,
        )
        assert [p.licensing_income for p in out] == pytest.approx([150.0, 150.0, 150.0])
        assert all(p.subsidy_income == 0 for p in out)
        assert all(p.distribution_cost == 0 for p in out)

    def test_continuing_subsidy(self) -> None:
        """A continuing subsidy of 5 replaces the 30 after the window ends in FY2008."""
        out = project(
            as_of=2007,
            end_fy=2009,
            bases=Bases(0.0, 0.0, 0.0, 0.0, 30.0, continuing=5.0),
            growth=[],
            subsidy_end_fy=2008,
        )
        assert [p.subsidy_income for p in out] == [30.0, 5.0]

    def test_reaches_the_cliff_year(self) -> None:
        """Subsidy to FY2012 judged in FY2007 with a 3-year horizon: runs to FY2013, the cliff
        year. Subsidy over (FY2005): the horizon, and the cliff year is the first projected."""
        assert projection_end(2007, 3, 2012) == 2013
        assert cliff_year(2007, 2012) == 2013
        assert projection_end(2007, 3, 2005) == 2010
        assert cliff_year(2007, 2005) == 2008
        assert cliff_year(2007, None) == 2008
        assert projection_end(2007, 3, 2008) == 2010


class TestAgeGrowth:
    """Median growth of the cohort's TLOs at each age, usable years only."""

    def test_median_by_age(self) -> None:
        """Approved FY2000: FY2001 is age 1 (no growth: its previous year is the approval year),
        FY2002 age 2. Growth at age 2: 100→150 (+50%), 100→120 (+20%), 100→110 (+10%):
        median +20%. The approval year never counts; data after as-of is not read."""
        lic = np.array(
            [
                [5.0, 100.0, 150.0, 999.0],
                [5.0, 100.0, 120.0, 999.0],
                [5.0, 100.0, 110.0, 999.0],
            ]
        )
        present = np.ones_like(lic, dtype=bool)
        years = np.array([2000, 2001, 2002, 2003])
        ref = age_growth(lic, present, years, [2000, 2000, 2000], as_of=2002)
        assert ref.median == {2: pytest.approx(0.2)}
        assert ref.count == {2: 3}
        assert ref.rate(2, 3) == pytest.approx(0.2)
        assert ref.rate(2, 5) is None

    def test_ordinal(self) -> None:
        """1st, 2nd, 3rd, 4th, 11th, 22nd."""
        assert [ordinal(n) for n in (1, 2, 3, 4, 11, 22)] == [
            "1st",
            "2nd",
            "3rd",
            "4th",
            "11th",
            "22nd",
        ]


class TestGrowthPath:
    """Trend for TLOs with history, the cohort's growth by age for young ones."""

    def test_young_uses_the_reference_class(self) -> None:
        """One usable year at age 1: the 2nd year grows at the median of 5 TLOs (+20%); the 3rd
        year has only 4 TLOs to compare with (< 5): 0; the 4th has none: 0."""
        from tlo_cli.metrics.judge import growth_path, young_span
        from tlo_cli.metrics.projection import AgeGrowth
        from tlo_cli.metrics.risk import Thresholds

        ref = AgeGrowth({2: 0.2, 3: 0.1}, {2: 5, 3: 4})
        rates, note = growth_path(
            usable=1, trend=float("nan"), age=1, years=3, reference=ref, t=Thresholds()
        )
        assert rates == [0.2, 0.0, 0.0]
        assert note is not None and "growth of 5 TLOs in their 2nd year: +20%" in note
        assert young_span(rates).startswith("licensing grown as the cohort")

    def test_history_uses_the_clipped_trend(self) -> None:
        """Three usable years: the trend, +50% clipped to +30%; a null trend: 0; no note."""
        from tlo_cli.metrics.judge import growth_path
        from tlo_cli.metrics.projection import AgeGrowth
        from tlo_cli.metrics.risk import Thresholds

        ref = AgeGrowth({}, {})
        t = Thresholds()
        assert growth_path(usable=3, trend=0.5, age=9, years=3, reference=ref, t=t) == ([0.3], None)
        assert growth_path(usable=4, trend=float("nan"), age=9, years=3, reference=ref, t=t) == (
            [0.0],
            None,
        )
