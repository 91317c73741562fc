"""Percentile ranks, the health score and the tie-breakers."""

from __future__ import annotations

import numpy as np
import pytest

from tlo_cli.metrics.score import Weights, health_score, percentile_rank, rank_order


class TestPercentileRank:
    """0 for the worst, 1 for the best."""

    def test_simple(self) -> None:
        """[1, 3, 2] ranks (0, 1, 0.5); lower-is-better reverses it."""
        assert list(percentile_rank(np.array([1.0, 3.0, 2.0]))) == [0.0, 1.0, 0.5]
        assert list(percentile_rank(np.array([1.0, 3.0, 2.0]), higher_is_better=False)) == [
            1.0,
            0.0,
            0.5,
        ]

    def test_ties_share_the_average(self) -> None:
        """Two equal lowest values share rank 1.5 of 3: (1.5 − 1) / 2 = 0.25."""
        assert list(percentile_rank(np.array([1.0, 1.0, 3.0]))) == [0.25, 0.25, 1.0]

    def test_missing_and_single(self) -> None:
        """A missing value ranks 0; a cohort of one ranks 0.5."""
        assert list(percentile_rank(np.array([np.nan, 2.0, 1.0]))) == [0.0, 1.0, 0.0]
        assert list(percentile_rank(np.array([7.0]))) == [0.5]


class TestScore:
    """The weighted mean of percentile ranks, 0–100."""

    def test_dominant(self) -> None:
        """Best on every component scores 100, worst 0."""
        out = health_score(
            margin_ex_subsidy=np.array([0.2, -0.1]),
            subsidy_dependence=np.array([0.0, 0.5]),
            licensing_cagr=np.array([0.1, -0.1]),
            runway=np.array([np.inf, 1.0]),
        )
        assert list(out) == [100.0, 0.0]

    def test_weights(self) -> None:
        """Best only on margin (weight 0.4) scores 40; custom weights are normalised."""
        kwargs = {
            "margin_ex_subsidy": np.array([0.2, -0.1]),
            "subsidy_dependence": np.array([0.5, 0.0]),
            "licensing_cagr": np.array([-0.1, 0.1]),
            "runway": np.array([1.0, 5.0]),
        }
        assert health_score(**kwargs)[0] == pytest.approx(40.0)
        assert health_score(**kwargs, weights=Weights(2, 1, 1, 0))[0] == pytest.approx(50.0)

    def test_runway_cap(self) -> None:
        """Runways of 12 years and of no loss at all both count as the 10-year cap."""
        out = health_score(
            margin_ex_subsidy=np.array([0.0, 0.0]),
            subsidy_dependence=np.array([0.0, 0.0]),
            licensing_cagr=np.array([0.0, 0.0]),
            runway=np.array([12.0, np.inf]),
        )
        assert out[0] == out[1]

    def test_invalid_weights(self) -> None:
        """All-zero or negative weights are refused."""
        with pytest.raises(ValueError, match="weights"):
            Weights(0, 0, 0, 0).normalised()


class TestRankOrder:
    """Ties broken by ordinary profit, then id."""

    def test_tie_breakers(self) -> None:
        """Equal scores: higher ordinary profit first; then alphabetical id."""
        order = rank_order(
            ["B", "A", "C"], np.array([50.0, 50.0, 60.0]), np.array([10.0, 10.0, -5.0])
        )
        assert order == [2, 1, 0]
