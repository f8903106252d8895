"""Live map ratings scored into WaveScores: rc, subscales, quick rating, bands, aggregates."""

from __future__ import annotations

import pytest

from rcdesk.analysis.live_scores import live_wave_scores
from rcdesk.domain.bands import Band
from rcdesk.domain.dimensions import DIMENSION_KEYS, OVERALL
from rcdesk.domain.model import Rating, Role, Tie
from rcdesk.domain.scores import ScoreSource

WAVE, OTHER_WAVE = 1, 2
A, B, C = 10, 20, 30
ROLES = [Role(A, 1, "A", 0), Role(B, 1, "B", 1), Role(C, 1, "C", 2)]


def tie(tie_id: int, source: int, target: int) -> Tie:
    return Tie(tie_id, 1, source, target)


def rate(tie_id: int, values: dict[str, int], wave: int = WAVE) -> list[Rating]:
    return [Rating(tie_id, wave, key, value) for key, value in values.items()]


def seven(*values: int) -> dict[str, int]:
    return dict(zip(DIMENSION_KEYS, values, strict=True))


def score(ties: list[Tie], ratings: list[Rating], weak: float = 3.5, strong: float = 4.0):
    return live_wave_scores(ROLES, ties, ratings, WAVE, weak, strong)


def test_rc_is_the_mean_of_rated_dimensions_and_subscales_of_their_groups() -> None:
    ties = [tie(1, A, B)]
    # communication: frequent 4, timely 2, accurate unrated, problem_solving 3 -> 3.0
    # relationship: shared_goals 5, others unrated -> 5.0; rc = (4+2+3+5)/4 = 3.5
    result = score(ties, rate(1, {"frequent": 4, "timely": 2, "problem_solving": 3,
                                  "shared_goals": 5}))
    t = result.tie(A, B)
    assert t is not None
    assert t.rc == pytest.approx(3.5)
    assert t.communication == pytest.approx(3.0)
    assert t.relationship == pytest.approx(5.0)
    assert t.dimensions["accurate"] is None and t.dimensions["frequent"] == 4.0
    assert set(t.dimensions) == set(DIMENSION_KEYS)
    assert (t.n, t.suppressed, t.shown) == (None, False, True)
    assert result.source is ScoreSource.MAP


def test_quick_rating_is_used_only_when_no_dimension_is_rated() -> None:
    ties = [tie(1, A, B), tie(2, B, A)]
    ratings = rate(1, {OVERALL: 2}) + rate(2, {OVERALL: 1, "timely": 5})
    result = score(ties, ratings)
    quick, detailed = result.tie(A, B), result.tie(B, A)
    assert quick is not None and detailed is not None
    assert quick.rc == 2.0 and quick.band is Band.WEAK
    assert quick.communication is None and quick.relationship is None
    assert all(v is None for v in quick.dimensions.values())
    assert detailed.rc == 5.0  # the dimensions win over the quick rating


def test_unrated_ties_other_waves_and_unknown_ties_are_left_out() -> None:
    ties = [tie(1, A, B), tie(2, B, C)]
    ratings = rate(1, seven(4, 4, 4, 4, 4, 4, 4), wave=OTHER_WAVE) + rate(99, {"timely": 1})
    result = score(ties, ratings)
    assert result.ties == ()
    assert result.overall.rc is None
    assert [r.given for r in result.roles] == [None, None, None]


@pytest.mark.parametrize(
    ("values", "weak", "strong", "band"),
    [
        ({"frequent": 3, "timely": 4}, 3.5, 4.0, Band.MODERATE),  # 3.5 exactly
        ({"frequent": 4}, 3.5, 4.0, Band.MODERATE),  # 4.0 is moderate
        (seven(4, 4, 4, 4, 4, 4, 5), 3.5, 4.0, Band.STRONG),  # 4.14
        (seven(3, 3, 4, 3, 4, 4, 3), 3.5, 4.0, Band.WEAK),  # 3.43
        # 24/7 = 3.428571… is 3.43 at two decimals: moderate when the cut is 3.43,
        # weak when it is 3.44 (the band is decided on the rounded score).
        (seven(3, 3, 4, 3, 4, 4, 3), 3.43, 4.0, Band.MODERATE),
        (seven(3, 3, 4, 3, 4, 4, 3), 3.44, 4.0, Band.WEAK),
        # 29/7 = 4.142857… is 4.14: moderate up to a cut of 4.14, strong above 4.13.
        (seven(4, 4, 4, 4, 4, 4, 5), 3.5, 4.14, Band.MODERATE),
        (seven(4, 4, 4, 4, 4, 4, 5), 3.5, 4.13, Band.STRONG),
        ({OVERALL: 3}, 3.5, 4.0, Band.WEAK),
        ({OVERALL: 5}, 3.5, 4.0, Band.STRONG),
    ],
)
def test_band_edges_through_live_scores(values: dict[str, int], weak: float, strong: float,
                                        band: Band) -> None:
    result = score([tie(1, A, B)], rate(1, values), weak, strong)
    found = result.tie(A, B)
    assert found is not None and found.band is band


def test_role_and_overall_aggregates_separate_within_role_ties() -> None:
    ties = [tie(1, A, B), tie(2, B, A), tie(3, A, A), tie(4, A, C), tie(5, C, B)]
    ratings = (rate(1, {"frequent": 2}) + rate(2, {"frequent": 4}) + rate(3, {"frequent": 5})
               + rate(4, {"timely": 3}) + rate(5, {OVERALL: 1}))
    result = score(ties, ratings)
    roles = {r.role_id: r for r in result.roles}
    assert roles[A].given == pytest.approx((2 + 3) / 2)  # not the within-role 5
    assert roles[A].received == pytest.approx(4)
    assert roles[A].within == 5
    assert roles[B].received == pytest.approx((2 + 1) / 2)
    assert roles[C].within is None
    assert result.overall.rc == pytest.approx((2 + 4 + 5 + 3 + 1) / 5)
    assert result.overall.between_roles == pytest.approx((2 + 4 + 3 + 1) / 4)
    assert result.overall.dimensions["frequent"] == pytest.approx((2 + 4 + 5) / 3)
    assert result.overall.dimensions["timely"] == pytest.approx(3)
    assert result.overall.dimensions["mutual_respect"] is None
