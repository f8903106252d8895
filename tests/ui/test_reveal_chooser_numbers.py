"""The laptop's list of ties in a reveal step shows each number by the one rounding rule
(domain/bands.score_text): a shown number never reads as another band than its own."""

from __future__ import annotations

from rcdesk.domain.bands import Band, band_for, score_text
from rcdesk.ui.conversations.reveal import RevealTie
from rcdesk.ui.conversations.reveal_chooser import tie_line

WEAK_BELOW, STRONG_ABOVE = 3.5, 4.0


def _shown_number(line: str) -> float:
    return float(line.split(" · ")[-1].split()[0])


def test_a_weak_score_just_under_the_cut_is_not_shown_as_the_cut() -> None:
    line = tie_line(RevealTie(1, "Nurses", "Physicians", 3.46, Band.WEAK), named_pair=False)
    assert "3.46 weak" in line  # "3.5 weak" before: a moderate number called weak
    assert band_for(_shown_number(line), WEAK_BELOW, STRONG_ABOVE) is Band.WEAK


def test_every_number_the_list_shows_falls_in_its_own_band() -> None:
    for thousandths in range(1000, 5001):
        value = thousandths / 1000
        band = band_for(value, WEAK_BELOW, STRONG_ABOVE)
        tie = RevealTie(1, "A", "B", value, band,
                        shown=score_text(value, 2, WEAK_BELOW, STRONG_ABOVE))
        number = _shown_number(tie_line(tie, named_pair=False))
        assert band_for(number, WEAK_BELOW, STRONG_ABOVE) is band, (value, number)


def test_the_list_uses_the_rule_of_every_display() -> None:
    # bands are decided on two decimals (domain/bands.py): 3.496 is an exact 3.50, moderate
    for value, shown in ((3.46, "3.46"), (3.496, "3.50"), (3.62, "3.62"), (4.0, "4.00")):
        assert score_text(value, 2, WEAK_BELOW, STRONG_ABOVE) == shown
        band = band_for(value, WEAK_BELOW, STRONG_ABOVE)
        line = tie_line(RevealTie(1, "A", "B", value, band, shown=shown), named_pair=False)
        assert f"{shown} {band.label}" in line
