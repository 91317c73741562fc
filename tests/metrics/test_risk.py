"""One test per risk rule of version 2, with the numbers worked out by hand."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from tlo_cli.metrics.risk import Situation, Thresholds, assess_risk, runway_years
from tlo_cli.model import ProjectedYear, RiskLevel

T = Thresholds()


def year(fy: int, profit: float, expenses: float = 100.0, subsidy: float = 0.0) -> ProjectedYear:
    return ProjectedYear(fy, 0.0, subsidy, expenses + profit, expenses, profit, profit - subsidy)


BASE = Situation(
    as_of=2007,
    internal=False,
    expenses=100.0,
    recurring_profit=5.0,
    recurring_profit_ex_subsidy=5.0,
    subsidy_end_fy=2005,
    subsidy_dependence=0.0,
    margin_ex_subsidy=0.1,
    licensing_trend=0.0,
    trend_span="over FY2003–FY2007, 5 years",
    runway=float("inf"),
    net_assets_given=True,
    cost_coverage=1.05,
    projection=(year(2008, 5.0), year(2009, 5.0), year(2010, 5.0)),
)


def verdict(**changes: object) -> tuple[RiskLevel, list[str]]:
    level, reasons = assess_risk(replace(BASE, **changes), T)  # type: ignore[arg-type]
    return level, [r.code for r in reasons]


class TestRunwayArrays:
    """The elementwise runway the scenarios use."""

    def test_runway(self) -> None:
        """300 against a 100 loss: 3 years; no loss: unlimited; none given: unknown; exhausted: 0."""
        out = runway_years(
            np.array([300.0, 300.0, np.nan, -50.0]), np.array([-100.0, 5.0, -100.0, -100.0])
        )
        assert out[0] == 3.0 and np.isposinf(out[1]) and np.isnan(out[2]) and out[3] == 0.0


class TestRules:
    """Each rule fires on its own; the level is the highest rule that fires."""

    def test_low(self) -> None:
        """Profitable, subsidy long over, no decline: low."""
        assert verdict() == (RiskLevel.LOW, [])

    def test_high_deficit_short_runway(self) -> None:
        """A recurring deficit of 10 on 100 of expenses (beyond 1%) with 1 year of runway: high."""
        level, codes = verdict(
            recurring_profit=-10.0, recurring_profit_ex_subsidy=-10.0, runway=1.0
        )
        assert (level, codes) == (RiskLevel.HIGH, ["deficit"])

    def test_break_even_is_not_a_deficit(self) -> None:
        """−1 on 100 of expenses is break-even (within 1%): nothing fires."""
        assert verdict(recurring_profit=-1.0, recurring_profit_ex_subsidy=-1.0, runway=1.0)[0] is (
            RiskLevel.LOW
        )

    def test_unknown_runway_is_short_and_said(self) -> None:
        """No net assets: runway unknown counts as short; `no-net-assets` is said, raises nothing."""
        level, codes = verdict(
            recurring_profit=-10.0,
            recurring_profit_ex_subsidy=-10.0,
            runway=float("nan"),
            net_assets_given=False,
        )
        assert level is RiskLevel.HIGH
        assert codes == ["deficit", "no-net-assets"]
        assert verdict(net_assets_given=False) == (RiskLevel.LOW, ["no-net-assets"])

    def test_cliff_two_years_after_the_horizon(self) -> None:
        """Subsidy to FY2012 (two years after the FY2010 horizon end), 60% of revenue, losing 12
        ex subsidy: subsidy-cliff fires (medium) whatever the end year; with the projection to
        the cliff year FY2013 showing −12 and runway 2 years, post-subsidy-deficit makes it high."""
        running = {
            "subsidy_end_fy": 2012,
            "subsidy_dependence": 0.6,
            "recurring_profit_ex_subsidy": -12.0,
            "projection": (
                *(year(fy, 5.0, subsidy=17.0) for fy in range(2008, 2013)),
                year(2013, -12.0),
            ),
        }
        level, codes = verdict(**running, runway=2.0)
        assert level is RiskLevel.HIGH
        assert codes == ["post-subsidy-deficit", "subsidy-cliff"]
        level, codes = verdict(**running, runway=5.0)
        assert (level, codes) == (RiskLevel.MEDIUM, ["subsidy-cliff", "projected-deficit"])

    def test_subsidy_cliff_needs_a_loss_ex_subsidy(self) -> None:
        """40% dependence but profitable without the subsidy: no cliff."""
        assert verdict(subsidy_end_fy=2009, subsidy_dependence=0.4)[0] is RiskLevel.LOW

    def test_projected_deficit_with_long_runway_is_medium(self) -> None:
        """A projected −5 on 100 with 5 years of runway: medium, projected-deficit."""
        level, codes = verdict(runway=5.0, projection=(year(2008, -5.0), year(2009, 5.0)))
        assert (level, codes) == (RiskLevel.MEDIUM, ["projected-deficit"])

    def test_post_subsidy_deficit_after_the_end(self) -> None:
        """Subsidy over: the cliff year is the first projected year; −5 there, 1 year runway: high."""
        level, codes = verdict(runway=1.0, projection=(year(2008, -5.0),))
        assert (level, codes) == (RiskLevel.HIGH, ["post-subsidy-deficit"])

    def test_licensing_decline(self) -> None:
        """Trend −20% with a 0% margin ex subsidy: medium; with a 10% margin: nothing."""
        assert verdict(licensing_trend=-0.2, margin_ex_subsidy=0.0) == (
            RiskLevel.MEDIUM,
            ["licensing-decline"],
        )
        assert verdict(licensing_trend=-0.2)[0] is RiskLevel.LOW

    def test_internal_judged_on_cost_coverage(self) -> None:
        """An internal unit without net assets losing 10: coverage 0.4 (< 0.5) makes it high;
        coverage 0.8 makes it medium on low-coverage (after the subsidy, under 1), never on
        runway; no `no-net-assets` for a unit inside a university."""
        loss = {"internal": True, "recurring_profit": -10.0, "recurring_profit_ex_subsidy": -10.0}
        level, codes = verdict(
            **loss, runway=float("nan"), net_assets_given=False, cost_coverage=0.4
        )
        assert (level, codes) == (RiskLevel.HIGH, ["deficit", "low-coverage"])
        level, codes = verdict(
            **loss, runway=float("nan"), net_assets_given=False, cost_coverage=0.8
        )
        assert (level, codes) == (RiskLevel.MEDIUM, ["low-coverage"])

    def test_no_projection_rules_in_the_approval_year(self) -> None:
        """Judged in its approval year: projected deficits fire nothing, the reason says why,
        and the subsidy-cliff rule still applies."""
        level, codes = verdict(
            projection_usable=False,
            runway=1.0,
            projection=(year(2008, -50.0),),
            subsidy_end_fy=2011,
            subsidy_dependence=0.7,
            recurring_profit_ex_subsidy=-40.0,
        )
        assert (level, codes) == (RiskLevel.MEDIUM, ["subsidy-cliff", "insufficient-history"])

    def test_reasons_name_figures_and_years(self) -> None:
        """The sentence names the amount, the year and the span the trend rests on."""
        _, reasons = assess_risk(
            replace(BASE, runway=5.0, projection=(year(2009, -5000.0, 1e5),)), T
        )
        assert reasons[0].message == (
            "A deficit of △5 千円 is projected in FY2009 (over FY2003–FY2007, 5 years)."
        )
