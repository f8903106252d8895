"""Strength bands for RC scores (domain.md §2): weak, moderate, strong.

The band is decided on the score rounded to two decimals, so floating-point noise
never flips it (3.4999999999999996 is an exact 3.5 and therefore moderate).
"""

from __future__ import annotations

from enum import Enum


class Band(Enum):
    WEAK = "weak"
    MODERATE = "moderate"
    STRONG = "strong"
    UNRATED = "unrated"

    @property
    def label(self) -> str:
        return self.value


def band_for(score: float | None, weak_below: float, strong_above: float) -> Band:
    """Weak below the lower cut point, strong above the upper one, moderate between (inclusive)."""
    if score is None:
        return Band.UNRATED
    rounded = round(score, 2)
    if rounded < weak_below:
        return Band.WEAK
    if rounded > strong_above:
        return Band.STRONG
    return Band.MODERATE


def score_text(score: float, decimals: int, weak_below: float, strong_above: float) -> str:
    """A score as shown (map, images, PDF): `decimals` places (one on the projector, two
    elsewhere), or two when one would put the shown number in another band than the score
    (3.46 is weak and would read "3.5", a moderate number). The one rule every display uses,
    so a shown number and its band always agree."""
    text = f"{score:.{decimals}f}"
    if decimals < 2 and band_for(float(text), weak_below, strong_above) is not band_for(
            score, weak_below, strong_above):
        text = f"{score:.2f}"
    return text
