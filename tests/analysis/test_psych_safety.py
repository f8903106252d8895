"""Psychological-safety scoring (domain.md §4): reverse scoring by item, k, tallies."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rcdesk.analysis.psych_safety import member_score, scored, tally_result, team_result
from rcdesk.domain.psych_safety import ITEMS

ALL_FOUR = {item.key: 4 for item in ITEMS}


def test_reversed_items_are_keyed_to_the_item_not_its_position() -> None:
    reversed_keys = {item.key for item in ITEMS if item.reversed}
    assert reversed_keys == {"ps1", "ps3", "ps5"}
    answers = {"ps1": 7, "ps2": 7}
    assert member_score(answers, scale_max=7) == pytest.approx((1 + 7) / 2)
    shuffled = tuple(reversed(ITEMS))
    assert member_score(answers, scale_max=7, items=shuffled) == member_score(answers, 7)


def test_reverse_scoring_uses_max_plus_min_minus_value() -> None:
    first = ITEMS[0]
    assert scored(first, 2, 1, 7) == 6
    assert scored(first, 2, 1, 5) == 4
    assert scored(replace(first, reversed=False), 2, 1, 7) == 2
    with pytest.raises(ValueError):
        scored(first, 8, 1, 7)


def test_team_score_is_the_mean_of_shown_means_and_hidden_below_k() -> None:
    members = [{"ps2": 7, "ps4": 5}, {"ps2": 3}, {"ps1": 1, "ps2": 5}]
    result = team_result(members, scale_max=7, k=3)
    assert result.score == pytest.approx(5.0)  # only ps2 is shown (issue 15)
    assert result.items["ps2"] == pytest.approx(5.0) and result.items["ps7"] is None
    hidden = team_result(members[:2], scale_max=7, k=3)
    assert hidden.suppressed and hidden.score is None and set(hidden.items.values()) == {None}
    assert hidden.n == 2


def test_members_with_no_answer_do_not_count() -> None:
    result = team_result([ALL_FOUR, ALL_FOUR, {}, {"ps2": None}], scale_max=7, k=3)
    assert result.suppressed and result.n == 2


def test_tallies_give_the_mean_of_item_means_and_n_is_the_largest_item_count() -> None:
    tally = {"ps1": {1: 2, 7: 1}, "ps2": {6: 3, 4: 1}}
    result = tally_result(tally, scale_max=7, k=3)
    ps1 = (7 * 2 + 1) / 3  # reversed: 1 → 7, 7 → 1
    ps2 = (6 * 3 + 4) / 4
    assert result.n == 4
    assert result.items["ps1"] == pytest.approx(ps1)
    assert result.score == pytest.approx((ps1 + ps2) / 2)
    assert tally_result({"ps2": {5: 2}}, scale_max=7, k=3).suppressed
