"""Review of issue 5: no pulse figure from fewer than k answers, item by item."""

from __future__ import annotations

import pytest

from rcdesk.analysis.psych_safety import tally_result, team_result


def test_an_item_answered_by_fewer_than_k_members_has_no_mean() -> None:
    # Five members answer ps2; only one answers ps4: its "mean" would be that answer.
    members = [{"ps2": 5}, {"ps2": 6}, {"ps2": 4}, {"ps2": 5}, {"ps2": 5, "ps4": 2}]
    result = team_result(members, scale_max=7, k=3)
    assert not result.suppressed and result.n == 5
    assert result.items["ps2"] == pytest.approx(5.0)
    assert result.items["ps4"] is None
    # Issue 15: the team score is the mean of the shown means; ps4's one answer is left out.
    assert result.score == pytest.approx(5.0)


def test_a_tally_item_with_fewer_than_k_counts_is_hidden_and_left_out_of_the_score() -> None:
    tally = {"ps2": {6: 4}, "ps4": {5: 4}, "ps7": {1: 1}}
    result = tally_result(tally, scale_max=7, k=3)
    assert result.n == 4 and not result.suppressed
    assert result.items["ps7"] is None
    # The score is the mean of the shown item means, so ps7 cannot be found by subtraction.
    assert result.score == pytest.approx((6 + 5) / 2)
