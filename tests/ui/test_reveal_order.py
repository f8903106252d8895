"""The laptop's tie list (pure functions): the step's named tie first, then weakest first."""

from __future__ import annotations

from rcdesk.domain.bands import Band
from rcdesk.ui.conversations.reveal import (
    RevealTie,
    chooser_order,
    named_tie,
    question_for,
    reveal_order,
)

TIES = [RevealTie(1, "Nurses", "Physicians", 4.4, Band.STRONG),
        RevealTie(2, "Physicians", "Nurses", 2.1, Band.WEAK),
        RevealTie(3, "Nurses", "Pharmacists", None, Band.UNRATED),
        RevealTie(4, "Pharmacists", "Nurses", 3.6, Band.MODERATE)]


def test_the_list_is_weakest_first_with_unscored_ties_last() -> None:
    assert [t.tie_id for t in chooser_order(TIES, None)] == [2, 4, 1, 3]
    assert reveal_order(TIES) == [1, 4, 2, 3]  # the room's own order stays strongest first


def test_the_named_tie_comes_first_in_its_own_direction_else_the_other() -> None:
    assert [t.tie_id for t in chooser_order(TIES, ("nurses", "physicians"))] == [1, 2, 4, 3]
    only_back = [t for t in TIES if t.tie_id != 4]
    assert named_tie(only_back, ("Nurses", "Pharmacists")).tie_id == 3
    assert named_tie(only_back, ("Pharmacists", "Nurses")).tie_id == 3  # either direction
    assert named_tie(TIES, ("Nurses", "Social workers")) is None


def test_a_tie_people_see_differently_is_put_to_the_room_as_that_question() -> None:
    """Issue 20: a shown tie whose respondents disagree (sd ≥ 1.0) is asked about as a
    disagreement, whatever its band; below that, the band's question stays."""
    from rcdesk.domain.scores import Spread

    mixed = RevealTie(5, "Nurses", "Physicians", 3.2, Band.WEAK, Spread(1.4, 1.5, 5.0, None))
    calm = RevealTie(6, "Nurses", "Physicians", 3.2, Band.WEAK, Spread(0.3, None, None, None))
    assert "differently" in question_for(mixed, 1, 4) and question_for(mixed, 1, 4).endswith("?")
    assert question_for(calm, 1, 4) == "What would help Nurses and Physicians coordinate?"
