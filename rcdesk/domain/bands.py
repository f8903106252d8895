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
