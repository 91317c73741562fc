"""Percentile ranks, the health score and the tie-breakers."""

from __future__ import annotations

import numpy as np
import pytest

from tlo_cli.metrics.score import PeerScores, Weights, peer_scores, percentile_rank, rank_order


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


def scores(
    margin: list[float],
    sustain: list[float],
    trend: list[float],
    runway: list[float],
    coverage: list[float],
    internal: list[bool],
    scoreable: list[bool] | None = None,
    weights: Weights | None = None,
) -> PeerScores:
    n = len(margin)
    return peer_scores(
        components={
            "margin_ex_subsidy": np.array(margin),
            "self_sustainability": np.array(sustain),
            "licensing_trend": np.array(trend),
        },
        runway=np.array(runway),
        cost_coverage=np.array(coverage),
        internal=np.array(internal),
        scoreable=np.array(scoreable if scoreable is not None else [True] * n),
        weights=weights or Weights(),
    )


class TestPeerScore:
    """The weighted mean of percentile ranks within the peer group, 0–100."""

    def test_dominant(self) -> None:
        """Best on every component scores 100, worst 0 (a group of two, under 5: ranked against
        the whole cohort, which is the same two)."""
        out = scores([0.2, -0.1], [1.2, 0.1], [0.1, -0.1], [np.inf, 1.0], [1, 1], [False, False])
        assert list(out.score) == [100.0, 0.0]
        assert out.reference == {"external": "cohort"}

    def test_weights(self) -> None:
        """Best only on margin (0.35) scores 35; weights 2,1,1,0 normalised: margin 0.5."""
        args = ([0.2, -0.1], [0.1, 1.2], [-0.1, 0.1], [1.0, 5.0], [1, 1], [False, False])
        assert scores(*args).score[0] == pytest.approx(35.0)
        assert scores(*args, weights=Weights(2, 1, 1, 0)).score[0] == pytest.approx(50.0)

    def test_runway_cap_and_missing(self) -> None:
        """Runways of 12 years and of no loss both count as the 10-year cap (tie: 0.5 each);
        an unknown runway counts as the median 0.5 and is named missing."""
        out = scores(
            [0, 0, 0], [0, 0, 0], [0, 0, 0], [12.0, np.inf, np.nan], [1, 1, 1], [False] * 3
        )
        assert list(out.percentile["coverage"]) == [0.5, 0.5, 0.5]
        assert list(out.missing["coverage"]) == [False, False, True]

    def test_peer_groups(self) -> None:
        """Five external TLOs ranked among themselves; two internal ones (a group under 5) against
        the cohort's cost coverage. Internal I1's coverage 0.9 is the highest of the seven
        (percentile 1); I2's 0.1 the lowest (0); the 4th component uses runway for externals."""
        out = scores(
            margin=[0.1, 0.2, 0.3, 0.4, 0.5, 0.0, 0.0],
            sustain=[1, 1, 1, 1, 1, 1, 1],
            trend=[0, 0, 0, 0, 0, 0, 0],
            runway=[1, 2, 3, 4, 5, np.nan, np.nan],
            coverage=[0.5, 0.5, 0.5, 0.5, 0.5, 0.9, 0.1],
            internal=[False] * 5 + [True, True],
        )
        assert out.reference == {"external": "group", "internal": "cohort"}
        assert list(out.percentile["margin_ex_subsidy"][:5]) == [0.0, 0.25, 0.5, 0.75, 1.0]
        assert out.percentile["coverage"][5] == 1.0
        assert out.percentile["coverage"][6] == 0.0
        # E5: 0.35·1 + 0.25·0.5 + 0.20·0.5 + 0.20·1 = 0.775
        assert out.score[4] == pytest.approx(77.5)

    def test_not_scoreable(self) -> None:
        """A too-young TLO gets no score and is left out of the others' percentiles."""
        out = scores(
            [0.1, 0.2, 9.0],
            [1, 1, 1],
            [0, 0, 0],
            [1, 1, 1],
            [1, 1, 1],
            [False] * 3,
            scoreable=[True, True, False],
        )
        assert np.isnan(out.score[2])
        assert list(out.percentile["margin_ex_subsidy"][:2]) == [0.0, 1.0]

    def test_invalid_weights(self) -> None:
        """All-zero, negative or infinite weights are refused."""
        for bad in ((0, 0, 0, 0), (-1, 1, 1, 1), (float("inf"), 0, 0, 0)):
            with pytest.raises(ValueError, match="weights"):
                Weights(*bad).normalised()


class TestRankOrder:
    """Ties broken by ordinary profit, then id."""

    def test_tie_breakers(self) -> None:
        """Equal scores: higher ordinary profit first; then alphabetical id."""
        order = rank_order(
            ["B", "A", "C"], np.array([50.0, 50.0, 60.0]), np.array([10.0, 10.0, -5.0])
        )
        assert order == [2, 1, 0]

    def test_groups_first(self) -> None:
        """External before internal, each best first; unscored (NaN) last in its group."""
        order = rank_order(
            ["I", "E1", "E2"],
            np.array([90.0, np.nan, 10.0]),
            np.array([0.0, 0.0, 0.0]),
            ["internal", "external", "external"],
        )
        assert order == [2, 1, 0]
