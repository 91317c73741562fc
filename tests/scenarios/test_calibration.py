"""Calibration of the simulation: replaying as-of years on the sample and on a known cohort."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenarios.cohorts import ledger
from tlo_cli.ledger import load_cohort
from tlo_cli.metrics.backtest import until
from tlo_cli.model import Region
from tlo_cli.scenarios.calibration import replay

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "sample"


class TestReplayMechanics:
    """Who is simulated and who is counted."""

    def test_tlos_without_an_outcome_are_not_counted(self) -> None:
        """L loses every year FY2005–07; S, also losing, stops reporting after FY2005: from
        FY2005 both are simulated, but FY2006 and FY2007 count L only (observed 1, interval
        [1, 1])."""
        loss = ledger("L", licensing_income=1e6, personnel_cost=41e6)
        gone = until(
            ledger("S", region=Region.KINKI, licensing_income=1e6, personnel_cost=41e6), 2005
        )
        result = replay([loss, gone], [2005], paths=300)
        assert [(y.fiscal_year, y.tlos, y.observed, y.low, y.high) for y in result.years] == [
            (2006, 1, 1, 1.0, 1.0),
            (2007, 1, 1, 1.0, 1.0),
        ]
        assert result.coverage == 1.0


class TestCertainOutcomes:
    """A cohort whose outcome is certain: full coverage and a Brier score of 0."""

    def test_certain_outcomes(self) -> None:
        """L loses 40m a year on licensing of 1m, W earns 50m on costs of 1m (flat histories):
        P(deficit) is 1 and 0, the observed count is 1 each year; 2005 → 2006, 2007 and 2006 →
        2007 are the three replayed pairs."""
        loss = ledger("L", licensing_income=1e6, personnel_cost=41e6)
        win = ledger("W", region=Region.KINKI, licensing_income=51e6, personnel_cost=1e6)
        result = replay([loss, win], [2005, 2006], paths=500)
        pairs = [(y.as_of, y.fiscal_year) for y in result.years]
        assert pairs == [(2005, 2006), (2005, 2007), (2006, 2007)]
        assert all(y.observed == 1 and y.low == 1 == y.high for y in result.years)
        assert result.coverage == 1.0
        assert result.brier == 0.0
        assert result.brier_base_rate == pytest.approx(0.25)  # base rate ½: (½)² each


@pytest.mark.skipif(not DATA.is_dir(), reason="the sample is not present")
class TestSampleCalibration:
    """Replay FY2003–FY2007 on the sample: simulate from each as-of year with the history known
    then, compare the 90% interval of the number in deficit with the observed number in every
    later year with data, and score the per-TLO probabilities (Brier)."""

    def test_coverage_and_brier(self) -> None:
        """Measured (2,000 paths, seed 0): the interval covers the observed count in 12 of 15
        replayed years (80%; before other revenue, costs and the drift were drawn, 9 of 15);
        Brier 0.129 against 0.234 for the base rate (before: 0.138)."""
        result = replay(load_cohort([DATA]).ledgers, [2003, 2004, 2005, 2006, 2007], paths=2000)
        assert len(result.years) == 15
        assert result.coverage > 0.5  # most replayed years
        assert result.brier < result.brier_base_rate
        assert result.brier < 0.75 * result.brier_base_rate
