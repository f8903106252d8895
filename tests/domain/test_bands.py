"""Strength bands: the cut points of domain.md §2, decided on the score rounded to 2 places."""

from __future__ import annotations

import pytest

from rcdesk.domain.bands import Band, band_for
from rcdesk.domain.settings import DEFAULT_STRONG_ABOVE, DEFAULT_WEAK_BELOW


def default_band(score: float | None) -> Band:
    return band_for(score, DEFAULT_WEAK_BELOW, DEFAULT_STRONG_ABOVE)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1.0, Band.WEAK),
        (3.49, Band.WEAK),
        (3.5, Band.MODERATE),
        (3.75, Band.MODERATE),
        (4.0, Band.MODERATE),
        (4.004, Band.MODERATE),
        (4.01, Band.STRONG),
        (5.0, Band.STRONG),
        (None, Band.UNRATED),
    ],
)
def test_default_cut_points(score: float | None, band: Band) -> None:
    assert default_band(score) is band


def test_floating_point_noise_below_the_lower_cut_point_is_still_moderate() -> None:
    noisy = 3.4999999999999996
    assert noisy < 3.5  # the raw value really is below the cut point
    assert default_band(noisy) is Band.MODERATE


def test_cut_points_reached_by_summing_shares_stay_moderate() -> None:
    # Adding up twelve shares of 3.5 gives 3.4999999999999996, and 25 shares of 4.0 give
    # 4.000000000000001: without rounding they would flip to weak and strong.
    low = sum([3.5 / 12] * 12)
    high = sum([4.0 / 25] * 25)
    assert low < 3.5
    assert high > 4.0
    assert default_band(low) is Band.MODERATE
    assert default_band(high) is Band.MODERATE


def test_custom_cut_points_are_respected() -> None:
    assert band_for(3.2, 3.0, 3.8) is Band.MODERATE
    assert band_for(2.99, 3.0, 3.8) is Band.WEAK
    assert band_for(3.81, 3.0, 3.8) is Band.STRONG


def test_band_labels_are_the_words_shown_to_users() -> None:
    assert [b.label for b in Band] == ["weak", "moderate", "strong", "unrated"]


def test_a_shown_score_always_sits_in_the_band_it_is_drawn_in():
    """3.46 and 3.55 were both shown as "3.5" on the projector, one drawn weak and one
    moderate: the shown text now carries the decimals that place it."""
    from rcdesk.domain.bands import score_text

    assert score_text(3.46, 1, 3.5, 4.0) == "3.46"
    assert default_band(float(score_text(3.55, 1, 3.5, 4.0))) is default_band(3.55)
    assert score_text(3.8, 1, 3.5, 4.0) == "3.8"
    assert score_text(4.04, 1, 3.5, 4.0) == "4.04"
    assert score_text(3.46, 2, 3.5, 4.0) == "3.46"
    for hundredths in range(100, 501):
        for value in (hundredths / 100, hundredths / 100 + 0.004, hundredths / 100 - 0.004):
            for decimals in (1, 2):
                shown = score_text(value, decimals, DEFAULT_WEAK_BELOW, DEFAULT_STRONG_ABOVE)
                assert default_band(float(shown)) is default_band(value), (value, shown)
