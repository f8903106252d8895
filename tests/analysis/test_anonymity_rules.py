"""Issue 15: the no-subtraction rules of domain/anonymity.py, as the pulse scoring uses them."""

from __future__ import annotations

import pytest

from rcdesk.analysis.psych_safety import team_result
from rcdesk.domain.anonymity import (
    more_needed,
    role_named,
    showing_refusal,
    statement_shown,
)


def test_a_hidden_statement_cannot_be_recovered_from_the_team_score() -> None:
    """Three answer every statement but ps4; one of them also answers ps4. Whatever that one
    answer is, the team score is the same: it takes no part in it."""
    base = [{"ps2": 5, "ps6": 6}, {"ps2": 6, "ps6": 6}, {"ps2": 4, "ps6": 5}]
    scores = set()
    for hidden in range(1, 8):
        members = [dict(base[0], ps4=hidden), base[1], base[2]]
        result = team_result(members, scale_max=7, k=3)
        assert result.items["ps4"] is None and not result.suppressed
        scores.add(round(result.score or 0, 9))
    assert scores == {round((5 + 17 / 3) / 2, 9)}  # the mean of the two shown means


def test_a_showing_needs_k_more_answers_than_the_last() -> None:
    assert more_needed(2, None, 3) == 1
    assert more_needed(3, None, 3) == 0
    assert more_needed(5, 3, 3) == 1
    assert more_needed(6, 3, 3) == 0
    assert showing_refusal(4, 3, 3) == ("2 more answers are needed before the results can "
                                        "change (they were last shown at 3 answers; each "
                                        "showing needs 3 more).")
    assert showing_refusal(5, 3, 3) is not None and "1 more answer is needed" in (
        showing_refusal(5, 3, 3) or "")
    assert showing_refusal(6, 3, 3) is None


@pytest.mark.parametrize(("count", "last", "shown"), [
    (2, None, False), (3, None, True), (5, 3, False), (6, 3, True), (2, 3, False)])
def test_a_statement_mean_needs_k_answers_and_k_more_than_when_last_shown(
        count: int, last: int | None, shown: bool) -> None:
    assert statement_shown(count, last, 3) is shown


@pytest.mark.parametrize(("on", "present", "named"), [
    (False, 50, False), (True, None, False), (True, 5, False), (True, 6, True)])
def test_a_role_is_named_only_with_attribution_on_and_2k_present(
        on: bool, present: int | None, named: bool) -> None:
    assert role_named(on, present, 3) is named
