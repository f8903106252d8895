"""Where respondents disagree (issue 20): each shown tie's spread, checked by hand."""

from __future__ import annotations

import statistics

import pytest

from rcdesk.analysis.rc_scores import score_survey, spread_of
from rcdesk.domain.settings import WorkshopSettings
from rcdesk.domain.survey import SurveyAnswer

#: domain.md §2's worked example: three A respondents rating B, two with blanks.
ROWS = [(4, 4, 5, 3, 4, 4, 5), (3, 2, 3, 3, 2, 3, 4), (5, 5, None, 4, 5, None, 5)]


def test_the_worked_example_spread_by_hand() -> None:
    """At n = k only the standard deviation: the range with the mean would give each of the
    three respondents' own index (middle = 3·rc − low − high)."""
    answers = [SurveyAnswer(f"r{i}", 1, 2, row) for i, row in enumerate(ROWS)]
    tie = score_survey(answers, wave_id=1, settings=WorkshopSettings()).ties[0]
    indices = [29 / 7, 20 / 7, 24 / 5]  # each respondent's mean of answered items
    assert tie.spread is not None
    assert tie.spread.sd == pytest.approx(statistics.stdev(indices))
    assert (tie.spread.low, tie.spread.high, tie.spread.strip) == (None, None, None)
    assert tie.spread.range is None


def test_range_and_strip_from_k_plus_two_respondents() -> None:
    rows = [*ROWS, (1, 1, 1, 1, 1, 1, 1), (2, 2, 2, 2, 2, 2, 2)]  # five respondents, k = 3
    answers = [SurveyAnswer(f"r{i}", 1, 2, row) for i, row in enumerate(rows)]
    tie = score_survey(answers, wave_id=1, settings=WorkshopSettings()).ties[0]
    indices = [29 / 7, 20 / 7, 24 / 5, 1.0, 2.0]
    assert tie.spread is not None
    assert tie.spread.sd == pytest.approx(statistics.stdev(indices))
    assert (tie.spread.low, tie.spread.high) == (1.0, pytest.approx(4.8))
    assert tie.spread.strip == (1, 1, 1, 1, 1)  # nearest points 1, 2, 3, 4 and 5
    raised = score_survey(answers, wave_id=1, settings=WorkshopSettings(anonymity_k=4)).ties[0]
    assert raised.spread is not None and raised.spread.strip is None  # 5 < 4 + 2


def test_a_hidden_tie_has_no_spread() -> None:
    answers = [SurveyAnswer(f"r{i}", 1, 2, row) for i, row in enumerate(ROWS[:2])]
    tie = score_survey(answers, wave_id=1, settings=WorkshopSettings()).ties[0]
    assert tie.suppressed and tie.spread is None


def test_halves_go_up_and_one_respondent_has_no_spread() -> None:
    found = spread_of([4.5, 1.0, 1.0, 1.0, 1.0], k=3)
    assert found is not None and found.strip == (4, 0, 0, 0, 1)
    assert spread_of([3.0]) is None
