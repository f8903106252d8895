"""Network metrics of the map: counts, betweenness, brokers, weakest and asymmetric ties."""

from __future__ import annotations

import pytest

from rcdesk.analysis.live_scores import live_wave_scores
from rcdesk.analysis.network import (
    AsymmetricPair,
    asymmetric_pairs,
    betweenness,
    network_metrics,
    weakest_first,
)
from rcdesk.domain.bands import Band
from rcdesk.domain.dimensions import OVERALL
from rcdesk.domain.model import Rating, Role, Tie
from rcdesk.domain.scores import OverallScore, ScoreSource, TieScore, WaveScores

WAVE = 1


def roles(*names: str) -> list[Role]:
    return [Role(i + 1, 1, name, i) for i, name in enumerate(names)]


def ties(*pairs: tuple[int, int]) -> list[Tie]:
    return [Tie(i + 1, 1, s, t) for i, (s, t) in enumerate(pairs)]


def quick_scores(all_roles: list[Role], all_ties: list[Tie],
                 values: dict[tuple[int, int], int]) -> WaveScores:
    ids = {(t.source_id, t.target_id): t.id for t in all_ties}
    ratings = [Rating(ids[pair], WAVE, OVERALL, v) for pair, v in values.items()]
    return live_wave_scores(all_roles, all_ties, ratings, WAVE, 3.5, 4.0)


def test_a_path_puts_the_middle_role_on_top() -> None:
    a, b, c = roles("A", "B", "C")
    path = ties((1, 2), (2, 3))
    assert betweenness([a, b, c], path) == {1: 0.0, 2: pytest.approx(0.5), 3: 0.0}
    metrics = network_metrics([a, b, c], path, None)
    assert metrics.boundary_spanners == (2,)  # zero betweenness never counts
    assert [m.boundary_spanner for m in metrics.roles] == [False, True, False]


def test_betweenness_is_directed() -> None:
    # A→B and C→B: nobody lies on a path between two others.
    assert set(betweenness(roles("A", "B", "C"), ties((1, 2), (3, 2))).values()) == {0.0}


def test_top_three_spanners_highest_first_ties_in_role_order() -> None:
    # A path of six roles: 2 and 5 have 4 paths each, 3 and 4 have 6 each.
    everyone = roles("A", "B", "C", "D", "E", "F")
    path = ties((1, 2), (2, 3), (3, 4), (4, 5), (5, 6))
    assert network_metrics(everyone, path, None).boundary_spanners == (3, 4, 2)


def test_counts_exclude_within_role_ties() -> None:
    a, b = roles("A", "B")
    metrics = network_metrics([a, b], ties((1, 2), (1, 1), (2, 1)), None)
    assert (metrics.role(1).ties_given, metrics.role(1).ties_received) == (1, 1)
    assert metrics.overall_rc is None


def test_roles_with_no_strong_tie_given_or_received() -> None:
    everyone = roles("A", "B", "C", "D")
    all_ties = ties((1, 2), (2, 3), (3, 3), (4, 1))
    # 1→2 strong (both 1 and 2 have one); 3's only strong tie is to itself; 4→1 weak.
    scores = quick_scores(everyone, all_ties, {(1, 2): 5, (2, 3): 4, (3, 3): 5, (4, 1): 2})
    metrics = network_metrics(everyone, all_ties, scores)
    assert metrics.without_strong_tie == (3, 4)
    assert metrics.role(1).has_strong_tie and not metrics.role(4).has_strong_tie
    assert metrics.role(1).mean_given == 5.0
    assert metrics.role(1).mean_received == 2.0
    assert metrics.overall_rc == pytest.approx((5 + 4 + 5 + 2) / 4)
    assert metrics.between_roles_rc == pytest.approx((5 + 4 + 2) / 3)


def test_weakest_first_with_unrated_last_and_a_lens() -> None:
    everyone = roles("A", "B", "C")
    all_ties = ties((1, 2), (2, 3), (3, 1), (1, 3))
    scores = quick_scores(everyone, all_ties, {(1, 2): 4, (2, 3): 2, (3, 1): 3})
    assert [t.id for t in weakest_first(all_ties, scores)] == [2, 3, 1, 4]
    # A dimension lens: quick ratings have no dimension values, so all are "unrated".
    assert [t.id for t in weakest_first(all_ties, scores, "timely")] == [1, 2, 3, 4]
    assert [t.id for t in weakest_first(all_ties, None)] == [1, 2, 3, 4]


def scores_of(values: dict[tuple[int, int], float | None],
              suppressed: tuple[tuple[int, int], ...] = ()) -> WaveScores:
    tie_scores = tuple(
        TieScore(s, t, n=5, suppressed=(s, t) in suppressed,
                 rc=None if (s, t) in suppressed else v, band=Band.UNRATED)
        for (s, t), v in values.items())
    return WaveScores(WAVE, ScoreSource.SURVEY, 3, tie_scores, (), OverallScore(None, None))


def test_asymmetric_pairs_need_a_gap_of_one_and_both_directions_shown() -> None:
    all_ties = ties((1, 2), (2, 1), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1))
    scores = scores_of({(1, 2): 2.0, (2, 1): 4.5,  # gap 2.5
                        (1, 3): 4.0, (3, 1): 3.0000000000000004,  # gap 1.0 with float noise
                        (2, 3): 4.0, (3, 2): 3.01,  # gap 0.99
                        (1, 4): 5.0, (4, 1): 1.0},  # suppressed below
                       suppressed=((4, 1),))
    found = asymmetric_pairs(all_ties, scores)
    assert found == [AsymmetricPair(2, 1, 4.5, 2.0), AsymmetricPair(1, 3, 4.0,
                                                                    3.0000000000000004)]
    assert found[0].gap == pytest.approx(2.5)
    assert asymmetric_pairs(all_ties, scores, threshold=2.6) == []
    assert asymmetric_pairs(all_ties, None) == []


def test_a_tie_rated_one_way_only_is_not_asymmetric() -> None:
    all_ties = ties((1, 2), (2, 1))
    assert asymmetric_pairs(all_ties, scores_of({(1, 2): 1.0})) == []
