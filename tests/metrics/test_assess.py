"""Assessing a small hand-made cohort end to end."""

from __future__ import annotations

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
        """B beats A on margin, ties on dependence and runway, loses on CAGR: 60 against 40."""
        result = assess_cohort([A, B, C])
        assert [x.profile.id for x in result.assessments] == ["B", "A"]
        assert [x.score for x in result.assessments] == pytest.approx([60.0, 40.0])

    def test_years_end_at_as_of(self) -> None:
        """years[] runs up to and including the as-of year."""
        b = assess_cohort([A, B], as_of=2007).find("B")
        assert b is not None
        assert [y.fiscal_year for y in b.years] == [2006, 2007]

    def test_missing_net_assets(self) -> None:
        """B has no net assets: its runway is unlimited because it makes no loss."""
        b = assess_cohort([A, B]).find("B")
        assert b is not None
        assert b.risk.runway_years is None
        assert b.risk.runway_note == "no loss ex subsidy"

    def test_single_year_ledger(self) -> None:
        """One year: no CAGR or slope; alone it ranks 0.5 on what is known and 0 on the unknowns."""
        one = make_ledger("S", {"licensing_income": {2007: 10}, "admin_cost": {2007: 20}})
        result = assess_cohort([one])
        s = result.assessments[0]
        assert s.trend.licensing_cagr is None and s.trend.licensing_slope is None
        assert s.score == pytest.approx(100 * (0.4 * 0.5 + 0.2 * 0.5))  # CAGR and runway unknown
        assert s.risk.level is RiskLevel.HIGH  # a deficit and no net assets given

    def test_zero_revenue(self) -> None:
        """Zero revenue: dependence and margins are null, not zero."""
        zero = make_ledger("Z", {"licensing_income": {2007: 0}, "admin_cost": {2007: 5}})
        z = assess_cohort([zero]).assessments[0]
        assert z.current.subsidy_dependence is None
        assert z.current.margin is None


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


class TestTidyTable:
    """One tidy table of every value of every TLO, with its cell."""

    def test_rows_and_cells(self) -> None:
        """One row per TLO, fiscal year and item; values in yen; read from the sample-like ledger."""
        from tlo_cli.metrics.panel import tidy_table

        table = tidy_table([A, B])
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
