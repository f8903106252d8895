"""Survey answers as the scoring sees them (domain.md §2).

One answer is one respondent rating one target role on the seven dimensions in
one wave. Values are kept in DIMENSION_KEYS order, None for "not answered", so the
scoring, the store and the importer share one compact shape.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from rcdesk.domain.dimensions import DIMENSION_KEYS

#: The wave survey rows go to when neither the user nor the file names one.
DEFAULT_WAVE_NAME = "Baseline"

#: Score of each answer position on the newer "sufficiency" frequency scale
#: (not nearly enough, not enough, just right, too often, much too often).
SUFFICIENCY_SCORES: dict[int, int] = {1: 1, 2: 3, 3: 5, 4: 4, 5: 2}


class FrequencyScale(Enum):
    """How the survey asked the `frequent` item; decides how that column is scored."""

    MONOTONIC = "monotonic"  # never … constantly = 1 … 5, taken as is
    SUFFICIENCY = "sufficiency"  # answer positions 1 … 5, scored 1, 3, 5, 4, 2
    RECODED = "recoded"  # the sufficiency scale, already scored 1, 3, 5, 4, 2: taken as is

    @property
    def words(self) -> str:
        """The scale in words, for previews, messages and the method note."""
        return _SCALE_WORDS[self]


_SCALE_WORDS = {
    FrequencyScale.MONOTONIC: "never … constantly, scored 1 to 5 as answered",
    FrequencyScale.SUFFICIENCY: "not nearly enough … much too often as answer positions, "
                                "recoded 1, 3, 5, 4, 2",
    FrequencyScale.RECODED: "not nearly enough … much too often, already scored "
                            "1, 3, 5, 4, 2 (taken as is)",
}


class SurveyAnswer(NamedTuple):
    """One respondent's ratings of one target role; `values` follow DIMENSION_KEYS.

    A named tuple rather than a dataclass: a wave can hold 100,000 answers, and
    tuples are several times cheaper to create.
    """

    respondent: str
    source_id: int
    target_id: int
    values: tuple[int | None, ...]

    @classmethod
    def from_mapping(cls, respondent: str, source_id: int, target_id: int,
                     values: dict[str, int | None]) -> SurveyAnswer:
        """Build from {dimension key: score}; missing keys are unanswered."""
        return cls(respondent, source_id, target_id,
                   tuple(values.get(key) for key in DIMENSION_KEYS))

    def value(self, key: str) -> int | None:
        return self.values[DIMENSION_KEYS.index(key)]
