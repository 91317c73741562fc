"""Runway, break-even, projection and one test per risk rule."""

from __future__ import annotations

import numpy as np
import pytest

from tlo_cli.metrics import risk
from tlo_cli.model import RiskLevel

T = risk.Thresholds()


class TestRunwayAndBreakeven:
    """Runway years and break-even licensing income."""

    def test_runway(self) -> None:
        """300 of net assets against a 100 loss is 3 years; no loss is infinite; none given is NaN."""
        out = risk.runway_years(
            np.array([300.0, 300.0, np.nan, -50.0]), np.array([-100.0, 5.0, -100.0, -100.0])
        )
        assert out[0] == 3.0
        assert np.isposinf(out[1])
        assert np.isnan(out[2])
        assert out[3] == 0.0

    def test_runway_without_net_assets_but_no_loss(self) -> None:
        """Without net assets and without a loss the runway is still unlimited."""
        assert np.isposinf(risk.runway_years(np.array([np.nan]), np.array([10.0]))[0])

    def test_breakeven(self) -> None:
        """A 30 loss ex subsidy on 100 of licensing needs 130; a profit of 150 needs none."""
        out = risk.breakeven_licensing_income(np.array([100.0, 100.0]), np.array([-30.0, 150.0]))
        assert list(out) == [130.0, 0.0]


class TestProjection:
    """The projection from recent means, clipped growth and the subsidy schedule."""

    def test_hand_computed(self) -> None:
        """Growth 50% is clipped to 30%; the subsidy stops after FY2008."""
        p = risk.project(
            as_of=2007,
            horizon=3,
            licensing_base=np.array([100.0]),
            growth=np.array([0.5]),
            other_revenue_base=np.array([10.0]),
            expenses_base=np.array([150.0]),
            subsidy_as_of=np.array([20.0]),
            subsidy_end_fy=np.array([2008.0]),
        )
        assert list(p.fiscal_years) == [2008, 2009, 2010]
        assert p.licensing_income[0] == pytest.approx([130.0, 169.0, 219.7])
        assert list(p.subsidy_income[0]) == [20.0, 0.0, 0.0]
        assert p.ordinary_profit[0] == pytest.approx([10.0, 29.0, 79.7])
        assert p.ordinary_profit_ex_subsidy[0] == pytest.approx([-10.0, 29.0, 79.7])

    def test_unknown_growth_and_end(self) -> None:
        """Unknown growth is 0; an unknown subsidy end means no subsidy is projected."""
        p = risk.project(
            as_of=2007,
            horizon=2,
            licensing_base=np.array([50.0]),
            growth=np.array([np.nan]),
            other_revenue_base=np.array([0.0]),
            expenses_base=np.array([40.0]),
            subsidy_as_of=np.array([20.0]),
            subsidy_end_fy=np.array([np.nan]),
        )
        assert list(p.licensing_income[0]) == [50.0, 50.0]
        assert list(p.subsidy_income[0]) == [0.0, 0.0]


def verdict(**overrides: object) -> tuple[RiskLevel, list[str]]:
    args: dict[str, object] = {
        "as_of": 2007,
        "ordinary_profit": 5.0,
        "projected_years": np.array([2008, 2009, 2010]),
        "projected_profit": np.array([5.0, 5.0, 5.0]),
        "subsidy_end_fy": 2005,
        "runway": float("inf"),
        "subsidy_dependence": 0.0,
        "licensing_cagr": 0.0,
        "margin_ex_subsidy": 0.1,
        "thresholds": T,
    }
    args.update(overrides)
    level, reasons = risk.assess_risk(**args)  # type: ignore[arg-type]
    return level, [r.code for r in reasons]


class TestRules:
    """Each rule fires on its own, and the level is the highest rule that fires."""

    def test_low(self) -> None:
        """A profitable TLO with no cliff and no decline is low risk."""
        assert verdict() == (RiskLevel.LOW, [])

    def test_high_deficit_short_runway(self) -> None:
        """A deficit now with 1 year of runway is high."""
        level, codes = verdict(
            ordinary_profit=-10.0, runway=1.0, projected_profit=np.array([1.0, 1.0, 1.0])
        )
        assert (level, codes) == (RiskLevel.HIGH, ["deficit"])

    def test_high_unknown_runway(self) -> None:
        """A deficit with no net assets given is high (runway unknown)."""
        level, _ = verdict(
            ordinary_profit=-10.0, runway=float("nan"), projected_profit=np.array([1.0, 1.0, 1.0])
        )
        assert level is RiskLevel.HIGH

    def test_high_after_subsidy(self) -> None:
        """Profitable now, but a deficit in the first year after the subsidy ends, no net assets: high."""
        level, codes = verdict(
            subsidy_end_fy=2008, runway=float("nan"), projected_profit=np.array([5.0, -20.0, -20.0])
        )
        assert level is RiskLevel.HIGH
        assert codes[0] == "post-subsidy-deficit"

    def test_deficit_with_long_runway_is_medium(self) -> None:
        """A projected deficit with 5 years of runway is medium."""
        level, codes = verdict(runway=5.0, projected_profit=np.array([-1.0, 5.0, 5.0]))
        assert (level, codes) == (RiskLevel.MEDIUM, ["projected-deficit"])

    def test_subsidy_cliff(self) -> None:
        """40% of revenue from a subsidy ending within the horizon is medium."""
        assert verdict(subsidy_dependence=0.4, subsidy_end_fy=2008) == (
            RiskLevel.MEDIUM,
            ["subsidy-cliff"],
        )
        assert verdict(subsidy_dependence=0.4, subsidy_end_fy=2007)[0] is RiskLevel.MEDIUM
        assert verdict(subsidy_dependence=0.4, subsidy_end_fy=2010)[0] is RiskLevel.LOW
        assert verdict(subsidy_dependence=0.2, subsidy_end_fy=2008)[0] is RiskLevel.LOW

    def test_licensing_decline(self) -> None:
        """Licensing falling 20% a year with a thin margin is medium; with a fat margin it is not."""
        assert verdict(licensing_cagr=-0.2, margin_ex_subsidy=0.0) == (
            RiskLevel.MEDIUM,
            ["licensing-decline"],
        )
        assert verdict(licensing_cagr=-0.2, margin_ex_subsidy=0.1)[0] is RiskLevel.LOW

    def test_every_rule_listed(self) -> None:
        """High wins, and the medium rules that fired are listed too."""
        level, codes = verdict(
            ordinary_profit=-10.0,
            runway=1.0,
            subsidy_dependence=0.5,
            subsidy_end_fy=2008,
            licensing_cagr=-0.3,
            margin_ex_subsidy=-0.5,
            projected_profit=np.array([-1.0, -9.0, -9.0]),
        )
        assert level is RiskLevel.HIGH
        assert codes == ["deficit", "post-subsidy-deficit", "subsidy-cliff", "licensing-decline"]

    def test_thresholds_override(self) -> None:
        """A lower runway threshold turns the same deficit from high to medium."""
        level, _ = verdict(
            ordinary_profit=-10.0,
            runway=2.0,
            projected_profit=np.array([-1.0, -1.0, -1.0]),
            thresholds=risk.Thresholds(runway_years=1.5),
        )
        assert level is RiskLevel.MEDIUM

    def test_reason_sentences_name_numbers(self) -> None:
        """Reasons say the year, the amount in 千円 and the runway."""
        _, reasons = risk.assess_risk(
            as_of=2007,
            ordinary_profit=-12_345_000.0,
            projected_years=np.array([2008]),
            projected_profit=np.array([1.0]),
            subsidy_end_fy=2004,
            runway=1.25,
            subsidy_dependence=0.0,
            licensing_cagr=0.0,
            margin_ex_subsidy=0.0,
            thresholds=T,
        )
        assert reasons[0].message == (
            "Ordinary profit is △12,345 千円 in FY2007 and runway is 1.2 years (under 3)."
        )
