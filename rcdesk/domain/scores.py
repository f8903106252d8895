"""Scores of one wave, whichever source they come from (survey or live map ratings).

Analysis fills these; views, reports and the CLI read them. A suppressed tie
(survey data from fewer than k respondents) carries its n and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property

from rcdesk.domain.bands import Band


class ScoreSource(Enum):
    SURVEY = "survey"
    MAP = "map"

    @property
    def label(self) -> str:
        return "survey results" if self is ScoreSource.SURVEY else "live map ratings"


@dataclass(frozen=True)
class Spread:
    """Where a shown tie's respondents disagree (issue 20): the standard deviation (n − 1) of
    their indices, and from k + 2 respondents also the range and how many lie nearest each
    point 1–5 (the strip); below that they are None, as they would give away one person's
    index. Only for a tie shown from k respondents, like every other figure of the tie."""

    sd: float
    low: float | None
    high: float | None
    strip: tuple[int, int, int, int, int] | None

    @property
    def range(self) -> float | None:
        return None if self.low is None or self.high is None else self.high - self.low


@dataclass(frozen=True)
class TieScore:
    """The scores of one directed tie (source role → target role) in one wave."""

    source_id: int
    target_id: int
    n: int | None  # respondents; None for live ratings made openly in the room
    suppressed: bool = False
    rc: float | None = None
    communication: float | None = None
    relationship: float | None = None
    dimensions: dict[str, float | None] = field(default_factory=dict)
    band: Band = Band.UNRATED
    spread: Spread | None = None  # survey ties shown from at least two respondents

    @property
    def shown(self) -> bool:
        """True when the tie has a score that may be shown."""
        return not self.suppressed and self.rc is not None

    def value(self, lens: str | None) -> float | None:
        """The RC index (lens None or "rc") or one dimension's score; None when not shown."""
        if self.suppressed:
            return None
        if lens in (None, "rc"):
            return self.rc
        return self.dimensions.get(lens)


@dataclass(frozen=True)
class RoleScore:
    role_id: int
    given: float | None  # mean RC of the role's shown ties to other roles
    received: float | None  # mean RC of shown ties from other roles to it
    within: float | None  # its shown within-role tie, if any


@dataclass(frozen=True)
class OverallScore:
    rc: float | None  # mean over all shown ties
    between_roles: float | None  # mean over shown ties between different roles
    dimensions: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class WaveScores:
    wave_id: int
    source: ScoreSource
    min_respondents: int
    ties: tuple[TieScore, ...]
    roles: tuple[RoleScore, ...]
    overall: OverallScore

    @cached_property
    def _by_pair(self) -> dict[tuple[int, int], TieScore]:
        return {(tie.source_id, tie.target_id): tie for tie in self.ties}

    def tie(self, source_id: int, target_id: int) -> TieScore | None:
        """The score of one directed tie (constant time: maps have thousands of ties)."""
        return self._by_pair.get((source_id, target_id))
