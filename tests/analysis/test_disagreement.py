"""Where we disagree (issue 20): spreads and levels match figures worked out by hand."""

from __future__ import annotations

import math

import pytest

from rcdesk.analysis.disagreement import (
    Level,
    level_of,
    most_mixed_first,
    room_question,
    spread_words,
    strip_words,
    tie_level,
)
from rcdesk.analysis.rc_scores import spread_of
from rcdesk.domain.scores import Spread, TieScore


def test_the_spread_of_five_respondents_by_hand() -> None:
    """Indices 2, 2, 3, 5, 5: mean 3.4; squared deviations 1.96 + 1.96 + 0.16 + 2.56 +
    2.56 = 9.2; sd = sqrt(9.2 / 4) = 1.5166; the range 2–5; the strip 0, 2, 1, 0, 2."""
    spread = spread_of([2.0, 2.0, 3.0, 5.0, 5.0], k=3)
    assert spread is not None
    assert math.isclose(spread.sd, math.sqrt(9.2 / 4))
    assert (spread.low, spread.high, spread.strip) == (2.0, 5.0, (0, 2, 1, 0, 2))
    assert level_of(spread) is Level.HIGH
    assert spread_words(spread) == "sd 1.5, 2.0–5.0"
    assert strip_words(spread) == "0·2·1·0·2"


def test_at_k_respondents_only_the_sd_is_given() -> None:
    """Indices 3, 4, 5 at k = 3: sd = 1.0 exactly; no range, no strip (they would give
    each person's own index)."""
    spread = spread_of([3.0, 4.0, 5.0], k=3)
    assert spread == Spread(sd=1.0, low=None, high=None, strip=None)
    assert level_of(spread) is Level.HIGH
    assert spread_words(spread) == "sd 1.0" and strip_words(spread) == ""


@pytest.mark.parametrize(("sd", "level"), [(0.0, Level.LOW), (0.594, Level.LOW),
                                           (0.596, Level.SOME), (0.99, Level.SOME),
                                           (0.9999999, Level.HIGH), (2.0, Level.HIGH)])
def test_levels_are_read_on_the_sd_rounded_to_two_decimals(sd: float, level: Level) -> None:
    assert level_of(Spread(sd, None, None, None)) is level


def test_a_hidden_tie_has_no_level() -> None:
    hidden = TieScore(source_id=1, target_id=2, n=2, suppressed=True)
    assert tie_level(hidden) is Level.NONE and tie_level(None) is Level.NONE


def test_most_mixed_first_puts_ties_without_a_spread_last() -> None:
    rows = [("A", "B", 0.4), ("B", "C", None), ("C", "D", 1.3), ("D", "A", 0.9)]
    ordered = most_mixed_first(rows, lambda r: r[2], lambda r: (r[0], r[1]))
    assert [r[2] for r in ordered] == [1.3, 0.9, 0.4, None]


def test_disagreement_is_put_as_a_question() -> None:
    assert room_question("Nurses and Physicians").endswith("?")


def test_the_sd_agrees_with_the_exact_standard_deviation() -> None:
    """Worked out in floats (a wave of 30,000 answers scores in a blink), the sd agrees with
    statistics.stdev's exact arithmetic on groups of every size and spread."""
    import random
    import statistics

    rng = random.Random(23)
    for _ in range(500):
        n = rng.randint(2, 60)
        indices = [rng.choice([1.0, 2.0, 3.0, 4.0, 5.0, 2.5, 3.25, 4.2]) for _ in range(n)]
        spread = spread_of(indices, k=3)
        assert spread is not None
        assert math.isclose(spread.sd, statistics.stdev(indices), rel_tol=1e-12,
                            abs_tol=1e-12)
    assert spread_of([4.0] * 9, k=3) == Spread(sd=0.0, low=4.0, high=4.0,
                                               strip=(0, 0, 0, 9, 0))
