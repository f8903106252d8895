"""A survey file's checked answers held compactly: about 25 bytes a row in typed arrays
(row number; wave, respondent, role and rated role as indexes into name tables; the seven
scores as bytes, 0 for no answer), instead of a Python object a row. A 1,000,000-row
file's preview then takes tens of megabytes, not a gigabyte; it still reads as a
sequence of SurveyRow, built when asked.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import NamedTuple, overload

from rcdesk.analysis.rc_scores import recode_sufficiency
from rcdesk.domain.dimensions import DIMENSION_KEYS

_WIDTH = len(DIMENSION_KEYS)
_FREQUENT = DIMENSION_KEYS.index("frequent")
#: A score as a byte and back (0: not answered).
_SCORE = (None, 1, 2, 3, 4, 5)
_RECODE = bytes([0, *(recode_sufficiency(p) for p in range(1, 6))]) + bytes(250)


class SurveyRow(NamedTuple):
    """One checked answer: names cleaned, values scored (frequency already recoded).

    The keys (domain name_key) are what roles, targets and waves are matched by.
    """

    row: int
    wave: str
    respondent: str
    role: str
    target: str
    values: tuple[int | None, ...]
    wave_key: str
    role_key: str
    target_key: str


class WaveCounts(NamedTuple):
    """What one wave of an import holds: answers, distinct respondents, distinct ties."""

    answers: int
    respondents: int
    ties: int


class Names:
    """Distinct texts, each with a small index (names with their keys, or respondents)."""

    def __init__(self) -> None:
        self.index: dict[object, int] = {}
        self.items: list[object] = []

    def add(self, item: object) -> int:
        found = self.index.get(item)
        if found is None:
            found = self.index[item] = len(self.items)
            self.items.append(item)
        return found


class AnswerTable(Sequence[SurveyRow]):
    """Checked answers, appended row by row; read as SurveyRows."""

    def __init__(self) -> None:
        self.numbers = array("l")  # the file's row numbers
        self.waves = array("l")  # index into names: (name, key)
        self.respondents = array("l")  # index into people
        self.roles = array("l")
        self.targets = array("l")
        self.scores = bytearray()  # seven bytes a row
        self.names = Names()  # (name, key) of roles, rated roles and waves
        self.people = Names()  # respondent ids

    def append(self, number: int, wave: int, respondent: int, role: int, target: int,
               scores: bytes) -> None:
        """One answer: name indexes, and the seven scores as bytes (0: not answered)."""
        self.numbers.append(number)
        self.waves.append(wave)
        self.respondents.append(respondent)
        self.roles.append(role)
        self.targets.append(target)
        self.scores += scores

    def extend(self, numbers: Sequence[int], waves: Sequence[int], respondents: Sequence[int],
               roles: Sequence[int], targets: Sequence[int], scores: Sequence[bytes]) -> None:
        """Many answers at once, as columns; `scores` holds one bytes per item."""
        self.numbers.extend(numbers)
        self.waves.extend(waves)
        self.respondents.extend(respondents)
        self.roles.extend(roles)
        self.targets.extend(targets)
        block = bytearray(len(numbers) * _WIDTH)
        for offset, column in enumerate(scores):
            block[offset::_WIDTH] = column
        self.scores += block

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> SurveyRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[SurveyRow]: ...

    def __getitem__(self, index: int | slice) -> SurveyRow | list[SurveyRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("survey row out of range")
        return self._row(index)

    def __iter__(self) -> Iterator[SurveyRow]:
        return (self._row(i) for i in range(len(self)))

    def _row(self, i: int) -> SurveyRow:
        names, people = self.names.items, self.people.items
        wave, role, target = names[self.waves[i]], names[self.roles[i]], names[self.targets[i]]
        assert isinstance(wave, tuple) and isinstance(role, tuple) and isinstance(target, tuple)
        return SurveyRow(self.numbers[i], wave[0], str(people[self.respondents[i]]), role[0],
                         target[0], self.values(i), wave[1], role[1], target[1])

    def values(self, i: int) -> tuple[int | None, ...]:
        return tuple(_SCORE[b] for b in self.scores[i * _WIDTH:(i + 1) * _WIDTH])

    def name(self, index: int) -> str:
        """The name (as first written) behind a wave or role index."""
        item = self.names.items[index]
        assert isinstance(item, tuple)
        return str(item[0])

    def key(self, index: int) -> str:
        item = self.names.items[index]
        assert isinstance(item, tuple)
        return str(item[1])

    def recode_frequency(self) -> None:
        """Score the frequency item's answer positions on the sufficiency scale
        (1, 3, 5, 4, 2), once the whole file has shown which scale it is on."""
        self.scores[_FREQUENT::_WIDTH] = self.scores[_FREQUENT::_WIDTH].translate(_RECODE)

    def parameters(self, wave_ids: Sequence[int], role_ids: Sequence[int]
                   ) -> Iterator[tuple[object, ...]]:
        """Insert parameters of every answer: (wave id, respondent, rater role id, rated
        role id, seven scores), ids looked up by name index; built one row at a time."""
        score = _SCORE.__getitem__
        columns = [map(wave_ids.__getitem__, self.waves),
                   map(self.people.items.__getitem__, self.respondents),
                   map(role_ids.__getitem__, self.roles), map(role_ids.__getitem__, self.targets),
                   *(map(score, self.scores[k::_WIDTH]) for k in range(_WIDTH))]
        return zip(*columns, strict=True)  # tuples built in C, one row at a time

    # -- summaries (computed from the arrays, without building rows) ------------------------

    def key_indexes(self) -> list[int]:
        """Per name index, the index of the first name with the same key."""
        first: dict[str, int] = {}
        return [first.setdefault(self.key(i), i) for i in range(len(self.names.items))]

    def role_names(self) -> list[str]:
        """Roles and rated roles as written, in the order first met."""
        indexes = dict.fromkeys(chain.from_iterable(zip(self.roles, self.targets, strict=True)))
        return [self.name(i) for i in indexes]

    def wave_indexes(self) -> list[int]:
        """The name indexes of the waves as written, in the order first met."""
        return list(dict.fromkeys(self.waves))

    def wave_names(self) -> list[str]:
        return [self.name(i) for i in self.wave_indexes()]

    def respondent_count(self) -> int:
        """Distinct respondents, counted per wave (by the wave's key)."""
        keys, size = self.key_indexes(), len(self.names.items) + 1
        if len(set(self.waves)) <= 1:
            return len(set(self.respondents))
        return len({person * size + keys[wave]
                    for wave, person in zip(self.waves, self.respondents, strict=True)})

    def tie_count(self) -> int:
        """Distinct (wave, role, rated role), by key."""
        keys, size = self.key_indexes(), len(self.names.items) + 1
        return len({(keys[w] * size + keys[r]) * size + keys[t]
                    for w, r, t in zip(self.waves, self.roles, self.targets, strict=True)})

    def wave_counts(self, waves: Sequence[int]) -> WaveCounts:
        """Answers, respondents and ties of the rows in the waves (name indexes) given."""
        chosen = set(waves)
        keys, size = self.key_indexes(), len(self.names.items) + 1
        if chosen.issuperset(self.waves):  # the usual case: one wave, every row
            pairs = set(zip(self.roles, self.targets, strict=True))
            ties = {keys[role] * size + keys[target] for role, target in pairs}
            return WaveCounts(len(self), len(set(self.respondents)), len(ties))
        rows = [i for i, w in enumerate(self.waves) if w in chosen]
        people = {self.respondents[i] for i in rows}
        ties = {keys[self.roles[i]] * size + keys[self.targets[i]] for i in rows}
        return WaveCounts(len(rows), len(people), len(ties))

    def distributions(self) -> dict[str, dict[int | None, int]]:
        """Per item, how many answers of each score (None: not answered)."""
        found: dict[str, dict[int | None, int]] = {}
        for offset, key in enumerate(DIMENSION_KEYS):
            counts = Counter(self.scores[offset::_WIDTH])
            found[key] = {_SCORE[b]: n for b, n in counts.items()}
        return found
