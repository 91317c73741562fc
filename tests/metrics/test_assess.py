"""Assessing a small hand-made cohort end to end."""

from __future__ import annotations

import numpy as np
import pytest

from tests.factories import make_ledger
from tlo_cli.metrics.assess import assess_cohort
from tlo_cli.metrics.sector import sector_by_year
from tlo_cli.model import Form, RiskLevel

A = make_ledger(
    "A",
    {
        "licensing_income": {2005: 100, 2006: 110, 2007: 121},
        "subsidy_income": {2005: 50, 2006: 50, 2007: 0},
        "personnel_cost": {2005: 150, 2006: 150, 2007: 150},
        "net_assets": {2005: 1000, 2006: 1000, 2007: 1000},
    },
    approved_fy=2003,
)
B = make_ledger(
    "B",
    {
        "licensing_income": {2006: 10, 2007: 10, 2008: 10},
        "personnel_cost": {2006: 5, 2007: 5, 2008: 5},
    },
    form=Form.INTERNAL,
    approved_fy=2006,
)
C = make_ledger("C", {"licensing_income": {2003: 1, 2004: 1}, "admin_cost": {2003: 3, 2004: 3}})


class TestAssessCohort:
    """Figures, trend, risk, score and rank for two TLOs; a third without data is listed apart."""

    def test_default_as_of(self) -> None:
        """FY2006 and FY2007 both have two TLOs: the later one is judged."""
        assert assess_cohort([A, B, C]).as_of == 2007

    def test_not_ranked(self) -> None:
        """A TLO without data for as-of is listed with the reason."""
        result = assess_cohort([A, B, C])
        assert [n.id for n in result.not_ranked] == ["C"]
        assert "FY2003–FY2004" in result.not_ranked[0].reason

    def test_figures_and_risk(self) -> None:
        """A: 121 revenue, 150 expenses, profit −29; runway 1000/29; a projected deficit: medium."""
        a = assess_cohort([A, B, C]).find("a")
        assert a is not None
        cur = a.current
        assert (cur.revenue, cur.expenses, cur.ordinary_profit) == (121, 150, -29)
        assert cur.subsidy_dependence == 0
        assert a.years[0].subsidy_dependence == pytest.approx(50 / 150)
        assert a.trend.licensing_cagr == pytest.approx(0.10)
        assert a.trend.peak_fiscal_year == 2007
        assert a.risk.runway_years == pytest.approx(1000 / 29)
        assert a.risk.breakeven_licensing_income == 150
        first = a.risk.projection[0]
        assert first.licensing_income == pytest.approx((100 + 110 + 121) / 3 * 1.1)
        assert first.ordinary_profit == pytest.approx((100 + 110 + 121) / 3 * 1.1 - 150)
        assert a.risk.level is RiskLevel.MEDIUM
        assert [r.code for r in a.risk.reasons] == ["projected-deficit"]

    def test_score_and_order(self) -> None:
        """A (external) is scored; B, approved in FY2006, is one year old in FY2007: too young,
        no score, listed after the scored TLOs."""
        result = assess_cohort([A, B, C])
        assert [x.profile.id for x in result.assessments] == ["A", "B"]
        a, b = result.assessments
        assert a.score is not None and not a.too_young
        assert b.too_young and b.score is None and b.score_components == ()

    def test_years_end_at_as_of(self) -> None:
        """years[] runs up to and including the as-of year."""
        b = assess_cohort([A, B], as_of=2007).find("B")
        assert b is not None
        assert [y.fiscal_year for y in b.years] == [2006, 2007]

    def test_missing_net_assets(self) -> None:
        """B is inside a university: runway is not applicable (cost coverage takes its place)."""
        b = assess_cohort([A, B]).find("B")
        assert b is not None
        assert b.risk.runway_years is None
        assert b.risk.runway_note == "not applicable (inside a university)"
        assert b.figures["cost_coverage"] == pytest.approx(10 / 5)

    def test_single_year_ledger(self) -> None:
        """One year of an old TLO: no CAGR or slope; alone it ranks 0.5 on every component, the
        missing ones (trend, runway) counted at the median and named."""
        one = make_ledger("S", {"licensing_income": {2007: 10}, "admin_cost": {2007: 20}})
        result = assess_cohort([one])
        s = result.assessments[0]
        assert s.trend.licensing_cagr is None and s.trend.licensing_slope is None
        assert s.score == pytest.approx(50.0)
        assert [c.name for c in s.score_components if c.missing] == ["licensing_trend", "coverage"]
        assert s.risk.level is RiskLevel.HIGH  # a deficit and no net assets given

    def test_zero_revenue(self) -> None:
        """Zero revenue: dependence and margins are null, not zero."""
        zero = make_ledger("Z", {"licensing_income": {2007: 0}, "admin_cost": {2007: 5}})
        z = assess_cohort([zero]).assessments[0]
        assert z.current.subsidy_dependence is None
        assert z.current.margin is None


class TestVersion2:
    """The cases issue 11 names, worked out by hand."""

    def test_cliff_two_years_after_the_horizon(self) -> None:
        """Approved FY2005 with 8 subsidy years (to FY2012, two years after the FY2010 horizon
        end). FY2007: revenue 20 + 60 = 80, expenses 70, profit +10 but −50 without the subsidy
        (75% of revenue). Runway 1000 / 50 = 20 years: subsidy-cliff (medium), and the projection
        runs to the cliff year FY2013, −50 there."""
        t = make_ledger(
            "T",
            {
                "licensing_income": {2006: 20, 2007: 20},
                "subsidy_income": {2006: 60, 2007: 60},
                "personnel_cost": {2006: 70, 2007: 70},
                "net_assets": {2006: 1000, 2007: 1000},
            },
            approved_fy=2005,
            subsidy_years=8,
        )
        a = assess_cohort([t], as_of=2007).assessments[0]
        assert a.risk.at_risk and a.risk.level is RiskLevel.MEDIUM
        assert [r.code for r in a.risk.reasons][:2] == ["subsidy-cliff", "projected-deficit"]
        assert [p.fiscal_year for p in a.risk.projection] == list(range(2008, 2014))
        assert a.risk.cliff_fy == 2013
        assert a.risk.projection[-1].ordinary_profit == pytest.approx(-50.0)
        assert a.risk.runway_years == pytest.approx(20.0)

    def test_one_off_gain_does_not_make_a_loser_low(self) -> None:
        """Licensing 100 + a one-off share sale 50 against costs 130: a stated profit of +20 but a
        recurring −30; no net assets: high. The projection takes no one-off: 100 − 130 = −30."""
        t = make_ledger(
            "T",
            {
                "licensing_income": {2005: 100, 2006: 100, 2007: 100},
                "one_off_income": {2005: 0, 2006: 0, 2007: 50},
                "personnel_cost": {2005: 130, 2006: 130, 2007: 130},
            },
        )
        a = assess_cohort([t], as_of=2007).assessments[0]
        assert a.current.ordinary_profit == 20
        assert a.figures["recurring_ordinary_profit"] == -30
        assert a.risk.level is RiskLevel.HIGH
        assert a.risk.projection[0].ordinary_profit == pytest.approx(-30.0)
        assert a.current.margin == pytest.approx(-30 / 100)

    def test_one_year_old_has_no_growth_and_no_score(self) -> None:
        """Approved FY2006 with big growth: judged in FY2007 it has one usable year: no CAGR,
        no trend ("insufficient history: 1 year"), no score."""
        t = make_ledger(
            "Y",
            {"licensing_income": {2006: 1, 2007: 500}, "personnel_cost": {2006: 10, 2007: 10}},
            approved_fy=2006,
        )
        a = assess_cohort([t, A], as_of=2007).find("Y")
        assert a is not None
        assert a.trend.licensing_cagr is None and a.trend.licensing_trend is None
        assert a.trend.span == "insufficient history: 1 year"
        assert a.usable_years == 1
        assert a.too_young and a.score is None

    def test_internal_without_net_assets_judged_on_coverage(self) -> None:
        """An internal unit (no net assets, subsidy over) earning 40 against costs 100: coverage
        0.4 (< 0.5) with a deficit of 60: high on `deficit`, and `low-coverage` (< 1) too."""
        t = make_ledger(
            "U",
            {
                "licensing_income": {2005: 40, 2006: 40, 2007: 40},
                "personnel_cost": {2005: 100, 2006: 100, 2007: 100},
            },
            form=Form.INTERNAL,
            approved_fy=2000,
        )
        a = assess_cohort([t], as_of=2007).assessments[0]
        assert a.figures["cost_coverage"] == pytest.approx(0.4)
        assert a.risk.level is RiskLevel.HIGH
        assert [r.code for r in a.risk.reasons] == [
            "deficit",
            "post-subsidy-deficit",
            "low-coverage",
        ]
        assert "cost coverage is 0.40" in a.risk.reasons[0].message
        assert a.risk.runway_years is None

    def test_approval_year_scaled_to_twelve_months(self) -> None:
        """Approved in October FY2008 (6 months to March), judged in FY2008: licensing 10,
        subsidy 20, costs 25 (a profit of 5) become bases 20, 40 and 50 (× 12/6). Subsidy to
        FY2012: the cliff year FY2013 is projected at 20 − 50 = −30, no net assets: high.
        Without the approval month no rule reads the projection: only the subsidy cliff (67% of
        revenue, −15 without it): medium, "insufficient history"."""
        from dataclasses import replace

        base = make_ledger(
            "N",
            {
                "licensing_income": {2008: 10},
                "subsidy_income": {2008: 20},
                "personnel_cost": {2008: 25},
            },
            approved_fy=2008,
        )
        dated = replace(base, profile=replace(base.profile, approved_month=10))
        a = assess_cohort([dated]).assessments[0]
        assert dated.profile.months_in_approval_year == 6
        cliff = a.risk.projection[-1]
        assert (cliff.fiscal_year, cliff.ordinary_profit) == (2013, pytest.approx(-30.0))
        assert a.risk.projection[0].subsidy_income == pytest.approx(40.0)
        codes = [r.code for r in a.risk.reasons]
        assert a.risk.level is RiskLevel.HIGH and "partial-year" in codes
        b = assess_cohort([base]).assessments[0]
        assert b.risk.level is RiskLevel.MEDIUM
        assert [r.code for r in b.risk.reasons] == [
            "subsidy-cliff",
            "no-net-assets",
            "insufficient-history",
        ]

    def test_distributions_follow_licensing(self) -> None:
        """Licensing 100, 110, 121 (trend +10%), distributions half of it, costs 30 + 20 admin
        run-rate in FY2007 (after 60 the years before): projected FY2008 licensing
        (100 + 110 + 121) / 3 × 1.1 = 121.37, distributions 60.68, expenses 50 + 60.68."""
        t = make_ledger(
            "D",
            {
                "licensing_income": {2005: 100, 2006: 110, 2007: 121},
                "distribution_cost": {2005: 50, 2006: 55, 2007: 60.5},
                "personnel_cost": {2005: 60, 2006: 60, 2007: 30},
                "admin_cost": {2005: 20, 2006: 20, 2007: 20},
            },
        )
        a = assess_cohort([t], as_of=2007).assessments[0]
        first = a.risk.projection[0]
        lic = (100 + 110 + 121) / 3 * 1.1
        assert first.licensing_income == pytest.approx(lic)
        assert first.distribution_cost == pytest.approx(0.5 * lic)
        assert first.expenses == pytest.approx(50 + 0.5 * lic)
        assert a.figures["payout_ratio"] == pytest.approx(0.5)
        assert a.risk.breakeven_licensing_income == pytest.approx(50 / 0.5)


class TestSector:
    """Sector counts and totals by fiscal year."""

    def test_counts_and_peaks(self) -> None:
        """External TLOs in deficit, totals and the peak years."""
        sector = sector_by_year([A, B, C])
        by_year = {y.fiscal_year: y for y in sector.years}
        assert by_year[2007].tlos == 2
        assert by_year[2007].external == 1
        assert by_year[2007].deficit_external == 1  # A: −29
        assert by_year[2006].deficit_external == 0  # A: 160 − 150
        assert by_year[2007].licensing_income == 131
        assert by_year[2007].licenses_executed is None
        assert by_year[2003].deficit_external == 1  # C: 1 − 3
        assert sector.peak("licensing_income") == 2007


class TestConcentration:
    """The share of licensing income earned by the top 5 TLOs."""

    def test_top_share(self) -> None:
        """Seven TLOs earning 50, 20, 10, 10, 5, 3, 2 (100): the top five earn 95%."""
        from tlo_cli.metrics.sector import top_share

        assert top_share(np.array([2, 50, 3, 20, 10, 10, 5.0])) == pytest.approx(0.95)
        assert top_share(np.array([0.0, 0.0])) is None


class TestTidyTable:
    """One tidy table of every value of every TLO, with its cell."""

    def test_rows_and_cells(self) -> None:
        """One row per TLO, fiscal year and item; values in yen; read from the sample-like ledger."""
        from tlo_cli.api import tidy_frame

        table = tidy_frame([A, B])
        assert list(table.columns) == [
            "tlo",
            "fiscal_year",
            "item",
            "value",
            "path",
            "sheet",
            "cell",
        ]
        assert len(table) == 3 * 4 + 3 * 2
        row = table[
            (table.tlo == "A") & (table.fiscal_year == 2007) & (table.item == "personnel_cost")
        ]
        assert row.value.tolist() == [150.0]
