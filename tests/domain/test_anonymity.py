"""The one home of the anonymity rule (domain/anonymity.py): which k, what may be shown
from how many people, and aggregates that leave hidden parts out."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from rcdesk.analysis.psych_safety import tally_result
from rcdesk.analysis.rc_scores import score_survey, spread_of
from rcdesk.domain.anonymity import (
    SPREAD_MARGIN,
    effective_k,
    group_shown,
    k_for,
    mean_of_shown,
    shown_parts,
    spread_shown,
    team_score,
)
from rcdesk.domain.settings import MIN_ANONYMITY_K, WorkshopSettings
from rcdesk.domain.survey import SurveyAnswer


@pytest.mark.parametrize(("stored", "used"), [(0, MIN_ANONYMITY_K), (1, MIN_ANONYMITY_K),
                                              (MIN_ANONYMITY_K, MIN_ANONYMITY_K), (5, 5),
                                              (12, 12)])
def test_k_is_never_taken_below_the_minimum(stored: int, used: int) -> None:
    assert effective_k(stored) == used
    assert k_for(WorkshopSettings(anonymity_k=stored)) == used


@pytest.mark.parametrize("k", [3, 5, 8])
def test_a_figure_is_shown_from_k_people_and_never_below(k: int) -> None:
    assert not group_shown(k - 1, k)
    assert group_shown(k, k)
    assert group_shown(k + 1, k)
    assert not group_shown(0, k)


@pytest.mark.parametrize("k", [3, 5])
def test_a_spread_needs_k_plus_the_margin(k: int) -> None:
    assert not spread_shown(k + SPREAD_MARGIN - 1, k)
    assert spread_shown(k + SPREAD_MARGIN, k)
    indices = [1.0, 2.0, 3.0, 4.0, 5.0, 2.0, 3.0][:k + SPREAD_MARGIN - 1]
    found = spread_of(indices, k)
    assert found is not None and found.low is None and found.strip is None  # sd only


@dataclass(frozen=True)
class Part:
    value: float
    shown: bool


def test_aggregates_use_the_shown_parts_only() -> None:
    parts = [Part(1.0, True), Part(5.0, False), Part(3.0, True)]
    assert shown_parts(parts) == [parts[0], parts[2]]
    assert mean_of_shown([1.0, None, 3.0]) == 2.0
    assert mean_of_shown([None, None]) is None
    assert team_score([4.0, None]) == mean_of_shown([4.0, None]) == 4.0


def _answers(source: int, target: int, count: int, value: int) -> list[SurveyAnswer]:
    return [SurveyAnswer(f"{source}-{target}-{i}", source, target, (value,) * 7)
            for i in range(count)]


def test_a_hidden_tie_cannot_be_worked_out_from_the_wave_and_role_figures() -> None:
    """Two respondents rate tie 1 → 3 (hidden at k = 3). Whatever they answer, the
    overall score and every role figure stay the same: the tie takes no part in them."""
    shown = _answers(1, 2, 3, 4) + _answers(2, 3, 4, 2)
    settings = WorkshopSettings(anonymity_k=3)
    seen = set()
    for hidden_value in (1, 3, 5):
        scores = score_survey(shown + _answers(1, 3, 2, hidden_value), wave_id=1,
                              settings=settings, role_ids=[1, 2, 3])
        hidden = scores.tie(1, 3)
        assert hidden is not None and hidden.suppressed and hidden.rc is None
        seen.add((scores.overall.rc, scores.overall.between_roles,
                  tuple((r.given, r.received, r.within) for r in scores.roles)))
    assert len(seen) == 1


def test_a_tallied_statement_below_k_is_hidden_and_left_out_of_the_team_score() -> None:
    """A show of cards: ps2 counted by 4, ps4 by 2 (k = 3). ps4 stays hidden whatever its
    cards say, and the team score is ps2's alone."""
    scores = set()
    for point in (1, 4, 7):
        tally = {"ps2": {5: 4}, "ps4": {point: 2}}
        result = tally_result(tally, scale_max=7, k=3)
        assert not result.suppressed and result.items["ps4"] is None
        scores.add(result.score)
    assert len(scores) == 1
