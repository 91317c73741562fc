"""The backtest and the calibration of simulate, on cohorts worked out by hand and on the sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import flat, make_ledger
from tlo_cli.metrics.assess import assess_cohort
from tlo_cli.metrics.backtest import Confusion, replay, until
from tlo_cli.metrics.calibration import Forecast, calibrate
from tlo_cli.model import RiskLevel

YEARS = range(2005, 2009)
PROFITABLE = make_ledger(
    "P", flat(YEARS, licensing_income=100, personnel_cost=50, net_assets=1000), approved_fy=2000
)
LOSING = make_ledger("L", flat(YEARS, licensing_income=50, personnel_cost=100), approved_fy=2000)


class TestReplay:
    """Flagged × followed, censored windows, recall, precision and base rate."""

    def test_hand_computed(self) -> None:
        """Data FY2005–FY2008, horizon 3. L loses 50 a year with no net assets: high at every
        as-of, a deficit follows each time (3 cases). P is profitable: as of FY2005 its window
        FY2006–FY2008 is in the data (no deficit: 1 case); as of FY2006 and FY2007 its window runs
        past FY2008 with no deficit seen: censored (2). High: 3 of 3 deficits flagged, 3 of 3
        flags right; base rate 3 / 4."""
        b = replay([PROFITABLE, LOSING])
        assert b.as_of_years == (2005, 2006, 2007)
        assert b.censored == 2
        assert [(c.id, c.as_of, c.followed) for c in b.cases] == [
            ("P", 2005, False),
            ("L", 2005, True),
            ("L", 2006, True),
            ("L", 2007, True),
        ]
        high = b.overall("high")
        assert (high.tp, high.fp, high.fn, high.tn) == (3, 0, 0, 1)
        assert (high.recall, high.precision, high.base_rate) == (1.0, 1.0, 0.75)
        assert b.misses() == []

    def test_only_the_past_is_read(self) -> None:
        """The verdict as of FY2005 is the verdict of the ledger cut at FY2005."""
        cut = until(LOSING, 2005)
        assert cut.years == (2005,)
        a = assess_cohort([cut], as_of=2005).assessments[0]
        b = replay([LOSING])
        assert b.cases[0].level is a.risk.level is RiskLevel.HIGH

    def test_cliff_year_in_the_window(self) -> None:
        """Approved FY2004 (subsidy to FY2008), judged FY2005–FY2007 with data to FY2009: the
        cliff year FY2009 is in every window; losing 30 ex subsidy with a 60 subsidy, it is at
        risk every year (subsidy-cliff), and FY2009 is a deficit: 3 of 3 cliff deficits flagged."""
        years = range(2005, 2010)
        t = make_ledger(
            "C",
            {
                "licensing_income": dict.fromkeys(years, 70.0),
                "subsidy_income": {**dict.fromkeys(range(2005, 2009), 60.0), 2009: 0.0},
                "personnel_cost": dict.fromkeys(years, 100.0),
                "net_assets": dict.fromkeys(years, 1000.0),
            },
            approved_fy=2004,
        )
        b = replay([t])
        cliff = b.cliff()
        assert all(c.cliff_fy == 2009 for c in b.cases if c.as_of <= 2008)
        assert (cliff.tp, cliff.fn) == (4, 0)  # as of FY2005 … FY2008
        assert all("subsidy-cliff" in c.reasons for c in b.cases)

    def test_confusion_figures(self) -> None:
        """tp 2, fp 1, fn 1, tn 6: recall 2/3, precision 2/3, base rate 3/10; empty: None."""
        c = Confusion(2, 1, 1, 6)
        assert c.recall == pytest.approx(2 / 3) and c.precision == pytest.approx(2 / 3)
        assert c.base_rate == pytest.approx(0.3)
        assert Confusion().recall is None and Confusion().base_rate is None


class TestCalibration:
    """Bins, Brier score and coverage of the 90% interval."""

    def test_hand_computed(self) -> None:
        """L (a deficit in FY2006) predicted 0.8, P (none) 0.2: Brier (0.2² + 0.2²) / 2 = 0.04;
        bins [0.2, 0.3) observed 0 and [0.8, 0.9) observed 1; the count 1 lies in [0, 2]."""
        fc = Forecast(2005, {"L": {2006: 0.8}, "P": {2006: 0.2}}, {2006: (0.0, 2.0)})
        cal = calibrate([fc], [LOSING, PROFITABLE], paths=100)
        assert cal.brier == pytest.approx(0.04)
        assert cal.pairs == 2
        bins = {round(lo, 1): (n, f) for lo, _, n, _, f in cal.bins}
        assert bins[0.2] == (1, 0.0) and bins[0.8] == (1, 1.0)
        assert (cal.coverage_90, cal.intervals) == (1.0, 1)

    def test_interval_missed(self) -> None:
        """Observed 1 deficit outside a predicted [2, 3]: coverage 0."""
        fc = Forecast(2005, {"L": {2006: 0.8}, "P": {2006: 0.2}}, {2006: (2.0, 3.0)})
        assert calibrate([fc], [LOSING, PROFITABLE]).coverage_90 == 0.0

    def test_deficit_as_in_the_backtest(self) -> None:
        """Recurring ordinary profit below −1% of expenses: licensing 99.5 on costs 100 (−0.5%)
        is break-even, y = 0; licensing 90 + one-off income 20 on costs 100 is +10 but −10
        recurring, y = 1. Predicted 0.3 and 0.6: Brier (0.3² + 0.4²) / 2 = 0.125."""
        small = make_ledger(
            "S", flat(YEARS, licensing_income=99.5, personnel_cost=100), approved_fy=2000
        )
        one_off = make_ledger(
            "O",
            flat(YEARS, licensing_income=90, one_off_income=20, personnel_cost=100),
            approved_fy=2000,
        )
        fc = Forecast(2005, {"S": {2006: 0.3}, "O": {2006: 0.6}}, {2006: (1.0, 1.0)})
        cal = calibrate([fc], [small, one_off])
        assert cal.brier == pytest.approx(0.125)
        assert (cal.coverage_90, cal.intervals) == (1.0, 1)

    def test_interval_over_the_tlos_with_data(self) -> None:
        """S reports FY2005–06 only. A forecast to FY2008 whose interval counts L alone
        (counted 1) is scored: observed 1 in [1, 1]; one that counts both (the default) cannot
        be, as S's outcome is unknown."""
        short = make_ledger("S", flat(range(2005, 2007), licensing_income=50, personnel_cost=100))
        p = {"L": {2008: 0.9}, "S": {2008: 0.9}}
        counted = Forecast(2005, p, {2008: (1.0, 1.0)}, {2008: 1})
        scored = calibrate([counted], [LOSING, short])
        assert (scored.coverage_90, scored.intervals) == (1.0, 1)
        both = calibrate([Forecast(2005, p, {2008: (1.0, 1.0)})], [LOSING, short])
        assert (both.coverage_90, both.intervals) == (None, 0)


SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def sample() -> list:  # type: ignore[type-arg]
    from tlo_cli.ledger import load_cohort

    return list(load_cohort([SAMPLE], unit=None, strict=False).ledgers)


class TestSampleTargets:
    """What the verdict must achieve on data/sample, replaying every as-of year (measured)."""

    def test_every_subsidised_loss_maker_is_at_risk(self, sample: list) -> None:  # type: ignore[type-arg]
        """At every as-of year: subsidy running, dependence over 30% and a loss ex subsidy (beyond
        1% of expenses) → at risk. Young TLOs (< 3 FY after approval) have no growth or score."""
        checked = 0
        for as_of in range(1999, 2009):
            cohort = assess_cohort(
                [until(led, as_of) for led in sample if led.years[0] <= as_of], as_of=as_of
            )
            for a in cohort.assessments:
                p = a.profile
                young = p.approved_fy is not None and as_of - p.approved_fy < 3
                if young:
                    assert a.score is None and a.trend.licensing_cagr is None
                    assert a.trend.licensing_trend is None
                end = p.subsidy_end_fy
                rec_x = a.figures["recurring_ordinary_profit_ex_subsidy"]
                dep = a.current.subsidy_dependence or 0.0
                running = end is not None and as_of <= end and dep > 0.3
                if running and rec_x is not None and rec_x < -0.01 * a.current.expenses:
                    checked += 1
                    assert a.risk.at_risk, (p.id, as_of)
        assert checked > 50

    def test_recall_and_precision(self, sample: list) -> None:  # type: ignore[type-arg]
        """Cliff-year deficits flagged beforehand ≥ 90%; `high` followed by a deficit ≥ 75%;
        at risk more precise than the base rate."""
        b = replay(sample)
        assert b.cliff().recall is not None and b.cliff().recall >= 0.9
        high, at_risk = b.overall("high"), b.overall("at_risk")
        assert high.precision is not None and high.precision >= 0.75
        assert at_risk.precision is not None and at_risk.base_rate is not None
        assert at_risk.precision > at_risk.base_rate

    def test_simulation_is_calibrated(self, sample: list) -> None:  # type: ignore[type-arg]
        """`backtest --simulate` (2,000 paths, seed 0), measured: the 90% interval of the number
        in deficit holds the observed number in 24 of 27 as-of × year pairs (89%; 50% of 22
        before other revenue, costs and the drift's uncertainty were drawn and the count kept
        to TLOs with data); Brier 0.089 against 0.194 for the base rate (before: 0.111)."""
        from tlo_cli.metrics.backtest import simulate_calibration

        cal = simulate_calibration(sample, replay(sample), paths=2000, seed=0).calibration
        assert cal is not None and cal.brier is not None and cal.coverage_90 is not None
        assert cal.intervals == 27
        assert cal.coverage_90 > 0.5
        n = sum(b[2] for b in cal.bins)
        rate = sum(b[2] * (b[4] or 0.0) for b in cal.bins) / n
        assert cal.brier < rate * (1 - rate)  # the base rate's Brier score

    def test_quoted_figures_are_current(self, sample: list) -> None:  # type: ignore[type-arg]
        """README.md and docs/methodology.md quote the sample's backtest as it stands
        (regenerate with `python -m tools.docgen`)."""
        from tlo_cli.render.backtest import quote

        text = quote(replay(sample))
        root = SAMPLE.parents[1]
        assert text in (root / "docs" / "methodology.md").read_text(encoding="utf-8")
        assert text in (root / "README.md").read_text(encoding="utf-8")
