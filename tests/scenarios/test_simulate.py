"""The Monte Carlo: growth estimates, the path engine, and the simulation of a cohort."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scenarios.cohorts import ledger
from tlo_cli.model import Region
from tlo_cli.scenarios import growth
from tlo_cli.scenarios.merge import MergeAssumptions
from tlo_cli.scenarios.montecarlo import (
    CHUNK_NUMBERS,
    PathInputs,
    Shocks,
    chunk_quantiles,
    chunk_sizes,
    quantile_from_histogram,
    simulate_paths,
)
from tlo_cli.scenarios.plan import Plan, Step
from tlo_cli.scenarios.record import StepKind
from tlo_cli.scenarios.simulate import simulate_cohort


class TestGrowth:
    """Per-TLO log-growth, the cohort prior, shrinkage and volatility (hand-computed)."""

    def test_log_growth(self) -> None:
        """Consecutive positive years only; mean, sample variance (ddof 1) and count."""
        values = np.array([[100, 110, 121, np.nan, 5], [100, 50, 100, 0, 0], [np.nan, 1, 0, 0, 0]])
        mean, var, n = growth.log_growth(values)
        assert list(n) == [2, 2, 0]
        assert mean[0] == pytest.approx(math.log(1.1)) and var[0] == pytest.approx(0, abs=1e-12)
        assert mean[1] == pytest.approx(0) and var[1] == pytest.approx(2 * math.log(2) ** 2)
        assert math.isnan(mean[2]) and math.isnan(var[2])

    def test_estimate(self) -> None:
        """Three TLOs with log-growths [.1 .3 −.1 .1], [.1 .1 −.1 −.1], [.4 .2 −.4 0]:
        year means m = [.2 .2 −.2 0]; residual drifts r = [.05, −.05, 0] with variances
        [.01, .01, .08/3]; σ_ε² = (.03 + .03 + .08)/9; σ_f² = var(m) − σ_ε²/3 (3 TLOs a year);
        τ² = max(.05², .0025 − σ_ε²/4) = .05² (the floor: it never collapses to 0)."""
        d = np.array([[0.1, 0.3, -0.1, 0.1], [0.1, 0.1, -0.1, -0.1], [0.4, 0.2, -0.4, 0.0]])
        levels = np.exp(np.concatenate([np.zeros((3, 1)), np.cumsum(d, axis=1)], axis=1))
        model = growth.estimate(levels)
        within = 0.14 / 9
        assert model.year_means == pytest.approx((0.2, 0.2, -0.2, 0.0))
        assert model.within_variance == pytest.approx(within)
        assert model.shock_variance == pytest.approx(0.11 / 3 - within / 3)
        assert model.between_variance == pytest.approx(growth.TAU_FLOOR**2)
        mu, sigma = growth.parameters(levels, model)
        w = 4 * 0.0025 / (4 * 0.0025 + within)
        assert mu == pytest.approx(model.sector_growth + w * np.array([0.05, -0.05, 0.0]))
        assert sigma[0] == pytest.approx(math.sqrt((4 * within + 3 * 0.01) / 7))

    def test_short_history_default_shock(self) -> None:
        """Fewer than three years of means: σ_f = 0.1."""
        model = growth.estimate(np.array([[1.0, 1.1, 1.2], [2.0, 2.0, 2.2]]))
        assert model.shock_variance == pytest.approx(0.01)

    def test_sector_growth_is_value_weighted(self) -> None:
        """100 → 90 and 10 → 20: ln(110/110) = 0, not the mean of own growths (+29%);
        only the last three year pairs count."""
        assert growth.sector_growth(np.array([[100, 90], [10, 20]])) == pytest.approx(0.0)
        rising = np.array([[100, 50, 100, 110, 121]])
        assert growth.sector_growth(rising) == pytest.approx((math.log(2) + 2 * math.log(1.1)) / 3)

    def test_shrinkage(self) -> None:
        """w = nτ²/(nτ² + σ_ε²): 0 with no growth, ½ when nτ² = σ_ε²."""
        model = growth.GrowthModel(0.0, 0.0, 0.01, 0.04, 4.0, ())
        assert list(growth.shrinkage_weight(np.array([0, 4]), model)) == [0.0, 0.5]

    def test_volatility(self) -> None:
        """σ² = (κ σ_ε² + (n − 1)s²)/(κ + n − 1), at least 0.05."""
        sigma = growth.volatility(np.array([0.09, np.nan]), np.array([5, 1]), 0.01)
        assert sigma[0] == pytest.approx(math.sqrt((4 * 0.01 + 4 * 0.09) / 8))
        assert sigma[1] == pytest.approx(0.1)
        assert growth.volatility(np.array([0.0]), np.array([5]), 0.0)[0] == growth.SIGMA_FLOOR


class TestParameterUncertainty:
    """The standard errors drawn per path: the sector's growth, each drift, σ_f."""

    def test_sector_growth_variance(self) -> None:
        """Yearly growths a = ln 2, b = ln 1.1, ln 1.1: S² = (a − b)² / 3 (their sample
        variance), k = 3, s_g² = (a − b)² / 9; one growth only: 0.1² / 1."""
        a, b = math.log(2), math.log(1.1)
        rising = np.array([[100, 200, 220, 242]])
        assert growth.sector_growth_variance(rising) == pytest.approx((a - b) ** 2 / 9)
        assert growth.sector_growth_variance(np.array([[100, 110]])) == pytest.approx(0.01)

    def test_drift_sd(self) -> None:
        """τ² 0.01, σ_ε² 0.04: four growths give w = ½ and v = √(½ × 0.01); none gives τ."""
        model = growth.GrowthModel(0.0, 0.0, 0.01, 0.04, 4.0, (0.0, 0.0, 0.0, 0.0))
        history = np.array([[1.0, 1.1, 1.2, 1.3, 1.4], [np.nan] * 5])
        assert growth.drift_sd(history, model) == pytest.approx([math.sqrt(0.005), 0.1])

    def test_shock_sd_draws(self) -> None:
        """V = 0.04, noise 0.01, T − 1 = 3: χ² = 3, 6, 12 give √(0.04 − 0.01), √(0.02 − 0.01)
        and 0; without the estimate (T − 1 = 0), σ_f on every path."""
        model = growth.GrowthModel(0.0, 0.03, 0.01, 0.04, 4.0, (), 0.0, 0.04, 0.01, 3)
        draws = model.shock_sd_draws(np.array([3.0, 6.0, 12.0]))
        assert draws == pytest.approx([math.sqrt(0.03), 0.1, 0.0])
        fixed = replace(model, shock_dof=0)
        assert fixed.shock_sd_draws(np.array([1.0, 9.0])) == pytest.approx([math.sqrt(0.03)] * 2)

    def test_estimate_keeps_the_sampling_figures(self) -> None:
        """Growths 0.1, 0.3, −0.1 and −0.1, 0.1, −0.3: each TLO's residuals are constant (σ_ε²
        0, noise 0); m_t = 0, 0.2, −0.2 give V = 0.04 on T − 1 = 2 degrees of freedom."""
        d = np.array([[0.1, 0.3, -0.1], [-0.1, 0.1, -0.3]])
        values = np.exp(np.concatenate([np.zeros((2, 1)), np.cumsum(d, axis=1)], axis=1))
        model = growth.estimate(values)
        assert model.year_mean_variance == pytest.approx(0.04)
        assert model.shock_noise == pytest.approx(0.0, abs=1e-12)
        assert (model.shock_dof, model.shock_variance) == (2, pytest.approx(0.04))


class TestQuantiles:
    """Percentiles kept in bounded memory equal numpy's."""

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=300),
        st.floats(min_value=0, max_value=1),
    )
    def test_histogram_quantile(self, values: list[int], q: float) -> None:
        """The quantile of counts from their histogram is numpy.quantile of the counts."""
        hist = np.bincount(values, minlength=13)
        assert quantile_from_histogram(hist, q)[0] == pytest.approx(np.quantile(values, q))

    def test_chunk_quantiles(self) -> None:
        """One in-place partition gives numpy.quantile's 5th, 50th and 95th percentiles."""
        for m in (1, 2, 7, 1001):
            x = np.random.default_rng(m).normal(size=(3, 4, m))
            expected = np.quantile(x, (0.05, 0.5, 0.95), axis=-1)
            assert chunk_quantiles(x.copy()) == pytest.approx(expected)

    def test_chunks_bounded(self) -> None:
        """100,000 paths × 5 years × 47 TLOs: chunks of at most CHUNK_NUMBERS numbers, all paths."""
        sizes = chunk_sizes(100_000, 5 * 47)
        assert sum(sizes) == 100_000 and max(sizes) * 5 * 47 <= CHUNK_NUMBERS
        assert max(sizes) - min(sizes) <= 1
        assert chunk_sizes(10, 5) == [10]


def inputs(n: int, **overrides: object) -> PathInputs:
    base: dict[str, object] = {
        "licensing_base": np.full(n, 10e6),
        "mu": np.zeros(n),
        "sigma": np.full(n, 0.3),
        "payout": np.zeros(n),
        "other_revenue": np.zeros(n),
        "expenses_base": np.full(n, 10e6),
        "subsidy": np.zeros((n, 5)),
        "extra_costs": np.zeros((n, 5)),
        "stream": np.arange(n),
        "group": np.zeros(n, dtype=np.int64),
    }
    base.update(overrides)
    return PathInputs(**base)  # type: ignore[arg-type]


def run(x: PathInputs, paths: int = 3000, seed: int = 0, **model: object) -> object:
    return simulate_paths(
        x,
        paths=paths,
        years=5,
        cost_growth=0.0,
        rng=np.random.default_rng(seed),
        shared_streams=len(x.mu),
        **model,
    )


class TestEngine:
    """Probabilities from the path engine."""

    def test_common_shock_moves_all_together(self) -> None:
        """Four identical TLOs at break-even. With only a common shock (σ 0.3; costs keep their
        own 3% noise) they are nearly always all in deficit or none; with independent noise of
        the same size, a mixed count is the rule (1 − 2/16 of paths). P(deficit) ≈ ½ either way."""
        shocked = run(inputs(4, sigma=np.zeros(4)), shock_sd=0.3)
        apart = run(inputs(4))
        for stats, low, high in ((shocked, 0.0, 0.2), (apart, 0.8, 0.95)):
            hist = stats.deficit_histograms[0]  # type: ignore[attr-defined]
            mixed = hist[:, 1:4].sum() / hist.sum()
            assert low <= mixed <= high
            assert stats.p_deficit[0] == pytest.approx([0.5] * 4, abs=0.05)  # type: ignore[attr-defined]

    def test_student_t_noise_has_unit_variance(self) -> None:
        """√((ν − 2)/ν) T_ν has variance 1 (ν = 4: T's variance is ν/(ν − 2) = 2)."""
        from tlo_cli.scenarios.montecarlo import _noise

        draws = _noise(np.random.default_rng(0), (400_000,), 4.0)
        assert float(np.var(draws)) == pytest.approx(1.0, rel=0.05)

    def test_distributions_follow_licensing(self) -> None:
        """Payout ½ on licensing 20m, costs 5m, no noise: profit 20 × ½ − 5 = 5m every path."""
        x = inputs(1, sigma=np.zeros(1), licensing_base=np.array([20e6]), payout=np.array([0.5]))
        x = replace(x, expenses_base=np.array([5e6]))
        stats = run(x, paths=501)
        assert stats.quantiles[1, :, 0] == pytest.approx([5e6] * 5, rel=0.01)  # type: ignore[attr-defined]

    def test_certain_deficit_and_certain_profit(self) -> None:
        """Zero volatility and costs a hundred times income: P = 1 every year; the reverse: 0."""
        x = inputs(
            2,
            sigma=np.zeros(2),
            licensing_base=np.array([1e6, 100e6]),
            expenses_base=np.array([100e6, 1e6]),
        )
        stats = run(x)
        assert (stats.p_deficit[:, 0] == 1).all() and stats.p_deficit_any[0] == 1  # type: ignore[attr-defined]
        assert (stats.p_deficit[:, 1] == 0).all() and stats.p_deficit_any[1] == 0  # type: ignore[attr-defined]

    def test_probabilities(self) -> None:
        """Probabilities lie in [0, 1]; P(any year) ≥ P(each year); the cohort count adds up."""
        x = inputs(
            4, mu=np.array([-0.1, 0, 0.05, 0.1]), subsidy=np.tile([2e6, 1e6, 0, 0, 0], (4, 1))
        )
        stats = run(x)
        p = stats.p_deficit  # type: ignore[attr-defined]
        assert ((p >= 0) & (p <= 1)).all()
        assert (stats.p_deficit_any >= p.max(axis=0) - 1e-12).all()  # type: ignore[attr-defined]
        hist = stats.deficit_histograms[0]  # type: ignore[attr-defined]
        expected = (hist * np.arange(5)).sum(axis=1) / 3000
        assert expected == pytest.approx(p.sum(axis=1))

    def test_same_seed_same_output(self) -> None:
        """The same seed gives identical statistics; another seed does not."""
        x = inputs(3)
        a, b, c = run(x, seed=7), run(x, seed=7), run(x, seed=8)
        assert (a.quantiles == b.quantiles).all() and (a.p_deficit == b.p_deficit).all()  # type: ignore[attr-defined]
        assert not (a.quantiles == c.quantiles).all()  # type: ignore[attr-defined]

    def test_zero_volatility_percentiles(self) -> None:
        """With σ 0, licensing is fixed: the median profit is income less the median cost path."""
        stats = run(inputs(1, sigma=np.zeros(1), licensing_base=np.array([20e6])), paths=2001)
        assert stats.quantiles[1, 0, 0] == pytest.approx(10e6, rel=0.01)  # type: ignore[attr-defined]


class TestOtherItems:
    """Other revenue and costs drawn, the cost change at the cliff, the deficit threshold,
    the drift's uncertainty and the counted entities (hand-computed where exact)."""

    @staticmethod
    def still(n: int, **overrides: object) -> PathInputs:
        """No licensing noise, no cost noise, no other revenue noise."""
        base: dict[str, object] = {
            "sigma": np.zeros(n),
            "cost_sigma": np.zeros(n),
            "other_sigma": np.zeros(n),
        }
        base.update(overrides)
        return inputs(n, **base)

    def test_materiality(self) -> None:
        """Costs 10m, other revenue 9.95m, nothing else: a loss of 0.5% of expenses is a deficit
        at materiality 0 and break-even at 1%."""
        x = self.still(
            1,
            licensing_base=np.zeros(1),
            other_revenue=np.array([9.95e6]),
        )
        assert (run(x, paths=200, shocks=Shocks()).p_deficit == 1).all()  # type: ignore[attr-defined]
        strict = run(x, paths=200, shocks=Shocks(materiality=0.01))
        assert (strict.p_deficit == 0).all()  # type: ignore[attr-defined]

    def test_cliff_cuts_costs_from_its_year(self) -> None:
        """Other revenue 8m, costs 10m halved (κ = ln ½) in year 2: profit −2m, then +3m on."""
        cliff = np.zeros((1, 5))
        cliff[0, 1] = math.log(0.5)
        x = self.still(1, licensing_base=np.zeros(1), other_revenue=np.array([8e6]), cliff=cliff)
        stats = run(x, paths=200, shocks=Shocks())
        assert stats.mean[:, 0] == pytest.approx([-2e6, 3e6, 3e6, 3e6, 3e6], rel=1e-5)  # type: ignore[attr-defined]
        assert stats.p_deficit[:, 0].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]  # type: ignore[attr-defined]

    def test_common_shock_of_other_revenue(self) -> None:
        """Four TLOs living on other revenue 10m against costs 10m, moved only by the common
        shock (σ 0.3): all four in deficit or none on every path, P ≈ ½."""
        x = self.still(4, licensing_base=np.zeros(4), other_revenue=np.full(4, 10e6))
        stats = run(x, shocks=Shocks(other=0.3))
        hist = stats.deficit_histograms[0]  # type: ignore[attr-defined]
        assert hist[:, 1:4].sum() == 0
        assert stats.p_deficit[0] == pytest.approx([0.5] * 4, abs=0.05)  # type: ignore[attr-defined]

    def test_drift_uncertainty_widens(self) -> None:
        """Licensing 10m against costs 10m e^0.1, σ 0.06 and a drift spread v 0.08 (or the
        same spread as the sector growth's s_g): year-1 log-licensing ~ N(0, 0.1²), so
        P(deficit) = P(X < 0.1) = Φ(1) = 0.841 (0.952 = Φ(0.1/0.06) without the drift spread)."""
        cost = np.array([10e6 * math.exp(0.1)])
        phi = 0.5 * (1 + math.erf(1 / math.sqrt(2)))
        own = self.still(1, sigma=np.array([0.06]), mu_sd=np.array([0.08]), expenses_base=cost)
        sector = self.still(1, sigma=np.array([0.06]), expenses_base=cost)
        for x, shocks in ((own, Shocks()), (sector, Shocks(growth=0.08))):
            stats = run(x, paths=20_000, shocks=shocks)
            assert stats.p_deficit[0, 0] == pytest.approx(phi, abs=0.015)  # type: ignore[attr-defined]

    def test_counted(self) -> None:
        """Two certain deficits; the first is left out of the count in year 1: 1, then 2."""
        x = self.still(2, licensing_base=np.zeros(2))
        counted = np.ones((5, 2), dtype=bool)
        counted[0, 0] = False
        stats = simulate_paths(
            x,
            paths=100,
            years=5,
            cost_growth=0.0,
            rng=np.random.default_rng(0),
            shared_streams=2,
            counted=counted,
        )
        hist = stats.deficit_histograms[0]
        assert hist[0].tolist() == [0, 100, 0] and (hist[1:, 2] == 100).all()


A = ledger("A", licensing_income=10e6, personnel_cost=12e6, admin_cost=3e6, net_assets=50e6)
B = ledger("B", licensing_income=30e6, personnel_cost=20e6, admin_cost=5e6, net_assets=50e6)
C = ledger("C", region=Region.KINKI, licensing_income=1e6, personnel_cost=50e6)


class TestCohort:
    """Simulating ledgers, before and after a plan."""

    def test_certain_deficit_in_a_cohort(self) -> None:
        """C's licensing never varied (σ at the 0.05 floor) and costs are 50×: P(deficit) = 1."""
        result = simulate_cohort([A, B, C], rng=np.random.default_rng(0), paths=2000, years=3)
        c = next(t for t in result.before.tlos if t.id == "C")
        assert c.sigma == growth.SIGMA_FLOOR
        assert c.p_deficit_by_year == (1.0, 1.0, 1.0) and c.p_deficit_any == 1.0
        assert result.fiscal_years == (2008, 2009, 2010)
        for t in result.before.tlos:
            assert all(0 <= p <= t.p_deficit_any for p in t.p_deficit_by_year)
            assert (
                t.p05_ordinary_profit_by_year
                <= t.p50_ordinary_profit_by_year
                <= t.p95_ordinary_profit_by_year
            )

    def test_counted_in_the_cohort(self) -> None:
        """Only C counted (certain deficit): 1 expected in deficit each year, interval [1, 1]."""
        result = simulate_cohort(
            [A, B, C],
            rng=np.random.default_rng(0),
            paths=500,
            years=3,
            counted=lambda tlo_id, fy: tlo_id == "C",
        )
        assert result.before.expected_deficit_by_year == (1.0, 1.0, 1.0)
        assert result.before.deficit_p05_by_year == result.before.deficit_p95_by_year == (1, 1, 1)

    def test_models_reported(self) -> None:
        """Flat histories: other revenue and costs at the 0.03 floor, no cliff seen."""
        result = simulate_cohort([A, B, C], rng=np.random.default_rng(0), paths=100, years=2)
        assert result.cost_model is not None and result.other_model is not None
        assert result.cost_model.sigma == result.other_model.sigma == 0.03
        assert (result.cost_model.cliff, result.cost_model.cliff_events) == (0.0, 0)

    def test_same_seed(self) -> None:
        """Same seed, same result."""
        runs = [
            simulate_cohort([A, B, C], rng=np.random.default_rng(3), paths=1500, years=2)
            for _ in range(2)
        ]
        assert runs[0] == runs[1]

    def test_plan(self) -> None:
        """With a plan: the cohort before is drawn as without one; C, untouched, is unchanged."""
        plan = Plan(
            (Step(kind=StepKind.MERGE, assumptions=MergeAssumptions(), members=("A", "B")),)
        )
        plain = simulate_cohort([A, B, C], rng=np.random.default_rng(1), paths=2500, years=3)
        both = simulate_cohort(
            [A, B, C], rng=np.random.default_rng(1), paths=2500, years=3, plan=plan
        )
        assert both.before == plain.before
        assert both.after is not None and [t.id for t in both.after.tlos] == ["A+B", "C"]
        assert both.after.tlos[1] == both.before.tlos[2]
        assert both.steps[0].into == ("A+B",)


class TestStepCap:
    """A year's simulated log change is clipped to ±ln 5, so a path set's mean stays finite."""

    def test_level_clips_each_step(self) -> None:
        """Steps of +100 and −100 log units give ×5 and ×1/5 a year: base 2 → 10, 50 then 10."""
        from tlo_cli.scenarios.montecarlo import _level

        steps = np.array([[[100.0]], [[100.0]], [[-100.0]]], dtype=np.float32)  # (years, 1, 1)
        levels = _level(steps, np.array([2.0], dtype=np.float32))
        assert levels[:, 0, 0] == pytest.approx([10.0, 50.0, 10.0], rel=1e-5)

    def test_sample_means_are_bounded(self) -> None:
        """On the sample, every TLO's mean ordinary profit lies within ¥1 billion (before the
        cap one reached ¥4×10^19, from heavy-tailed draws)."""
        from pathlib import Path

        from tlo_cli.ledger import load_cohort
        from tlo_cli.scenarios.simulate import simulate_cohort

        sample = Path(__file__).resolve().parents[2] / "data" / "sample"
        result = simulate_cohort(
            load_cohort([sample]).ledgers, rng=np.random.default_rng(0), paths=2000, years=3
        )
        from tlo_cli.render.simulation import SimulationReport

        doc = SimulationReport(result, 0).to_dict()
        means = [abs(v) for t in doc["tlos"] for v in t["mean_ordinary_profit_by_year"]]
        assert max(means) < 1e9
