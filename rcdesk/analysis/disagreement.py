"""Where we disagree (issue 20): how far a tie's respondents lie apart, in three levels, for
the map's disagreement lens, the "most mixed first" order of the tie tables and the reveal.

A tie's spread (analysis/rc_scores.spread_of, on TieScore.spread) exists only for a tie
shown from k respondents; live consensus ratings have none. The level is read from the
standard deviation of the respondents' indices (n − 1), rounded to two decimals as every
shown figure is, so floating-point noise never moves a tie across a line:
- HIGH from 1.0: on a 1–5 scale, people a whole point or more from the mean on average;
- SOME from 0.6;
- LOW below 0.6; NONE when there is no spread to read.
Disagreement is a question for the room, never a verdict: `room_question` words it so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import TypeVar

from rcdesk.domain.scores import Spread, TieScore

HIGH_SD = 1.0
SOME_SD = 0.6

T = TypeVar("T")


class Level(Enum):
    HIGH = "high"
    SOME = "some"
    LOW = "low"
    NONE = "none"


def level_of(spread: Spread | None) -> Level:
    if spread is None:
        return Level.NONE
    sd = round(spread.sd, 2)
    if sd >= HIGH_SD:
        return Level.HIGH
    return Level.SOME if sd >= SOME_SD else Level.LOW


def tie_level(score: TieScore | None) -> Level:
    """The level of a tie as it may be shown (a suppressed tie has none)."""
    if score is None or not score.shown:
        return Level.NONE
    return level_of(score.spread)


def most_mixed_first(rows: Sequence[T], sd_of: Callable[[T], float | None],
                     name_of: Callable[[T], tuple[str, str]]) -> list[T]:
    """The rows with the largest spread first; rows without a spread last, by name."""
    def key(row: T) -> tuple[bool, float, str, str]:
        sd = sd_of(row)
        return (sd is None, -(sd or 0.0), *name_of(row))
    return sorted(rows, key=key)


def spread_words(spread: Spread | None, decimals: int = 1) -> str:
    """The spread as the laptop's tables show it: "sd 1.2, 1.7–4.7" (the range only from
    k + 2 respondents), or "" when there is none."""
    if spread is None:
        return ""
    text = f"sd {spread.sd:.{decimals}f}"
    if spread.low is not None and spread.high is not None:
        text += f", {spread.low:.{decimals}f}–{spread.high:.{decimals}f}"
    return text


def strip_words(spread: Spread | None) -> str:
    """The distribution as a small strip of counts nearest each point 1–5 ("1·0·3·4·1"),
    or "" when it may not be shown."""
    if spread is None or spread.strip is None:
        return ""
    return "·".join(str(count) for count in spread.strip)


def room_question(pair: str) -> str:
    """How a high disagreement is put to the room: a question, never a verdict."""
    return (f"People see how {pair} coordinate differently: what do some of us see that "
            "others don't?")
