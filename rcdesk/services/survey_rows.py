"""Turning a survey file's data rows into checked SurveyRows, for either layout.

Long: one row is one respondent rating one role. Wide: one row is one respondent; each
rated role with at least one answer becomes one SurveyRow (one respondent per tie, as
the method requires). Every problem is named by row and column; nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from operator import getitem, itemgetter
from typing import cast

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.limits import MAX_RESPONDENT_LENGTH
from rcdesk.domain.names import clean_name, name_key
from rcdesk.domain.survey import DEFAULT_WAVE_NAME
from rcdesk.services.csv_input import ProblemList
from rcdesk.services.survey_answers import AnswerReader
from rcdesk.services.survey_layouts import Layout
from rcdesk.services.survey_table import AnswerTable, SurveyRow

__all__ = ["AnswerTable", "RowChecker", "SurveyRow", "check_consistency"]

#: Long rows are checked this many at a time, column by column (see RowChecker._long_chunk).
CHUNK_ROWS = 4096


class RowChecker:
    """Checks the data rows of one file against its layout, into an AnswerTable."""

    def __init__(self, layout: Layout, readers: Sequence[AnswerReader], wave: str | None,
                 problems: ProblemList) -> None:
        self.layout = layout
        self.width = len(layout.headers)
        self.reads = [reader.read for reader in readers]
        #: per item, each cell text met → its score as a byte (0: not answered)
        self.scored: list[dict[str, int]] = [{} for _ in readers]
        self.problems = problems
        self.table = AnswerTable()
        self.names: dict[str, int | None] = {}  # raw text → index in table.names
        self.unread: dict[str, None] = {}  # distinct answers that could not be read, in order
        fields = layout.fields
        self.fixed_wave = (self._clean(wave or DEFAULT_WAVE_NAME, "wave name")
                           if wave is not None or "wave" not in fields else None)
        self.item_columns = ([fields[k] for k in DIMENSION_KEYS] if layout.kind == "long"
                             else [])
        self.pick_items = itemgetter(*self.item_columns) if self.item_columns else None
        self.item_headers = [layout.headers[i] for i in self.item_columns]
        self.at = tuple(fields.get(k, -1) for k in ("role", "target", "respondent"))
        self.targets = self._targets()
        self.target_headers = {name: [layout.headers[i] if i >= 0 else "" for i in columns]
                               for name, columns in self.targets}

    def _targets(self) -> list[tuple[str, list[int]]]:
        """Wide: per rated role (as first written), its seven columns (-1: not asked)."""
        found: dict[str, tuple[str, list[int]]] = {}
        for pair in self.layout.pairs:
            role = found.setdefault(name_key(pair.role), (pair.role, [-1] * len(DIMENSION_KEYS)))
            role[1][DIMENSION_KEYS.index(pair.item)] = pair.column
        return list(found.values())

    def rows(self, records: Iterable[tuple[int, list[str]]]) -> AnswerTable:
        if self.layout.kind == "long":
            for chunk in _chunks(iter(records)):
                if not self._long_chunk(chunk):
                    for number, cells in chunk:
                        self._long(number, cells)
        else:
            for number, cells in records:
                self._wide(number, cells)
        return self.table

    def _long_chunk(self, chunk: list[tuple[int, list[str]]]) -> bool:
        """Check and add a chunk of long rows column by column, when every cell is one
        already met and accepted (or a new, valid respondent id): then no row can have a
        problem and the table ends as the row-by-row check would leave it. False (nothing
        added) otherwise, and the chunk goes row by row, naming each problem."""
        numbers, records = zip(*chunk, strict=True)
        if set(map(len, records)) != {self.width}:
            return False
        columns = list(zip(*records, strict=True))
        at_role, at_target, at_respondent = self.at
        get = self.names.get
        roles, targets = list(map(get, columns[at_role])), list(map(get, columns[at_target]))
        waves = ([self.fixed_wave] * len(chunk) if self.fixed_wave is not None
                 else list(map(get, columns[self.layout.fields["wave"]])))
        if None in roles or None in targets or None in waves:
            return False
        try:
            scores = [bytes(map(scored.__getitem__, columns[i]))
                      for scored, i in zip(self.scored, self.item_columns, strict=True)]
        except KeyError:
            return False
        people = self._new_people(columns[at_respondent])
        if people is None:
            return False
        self.table.extend(numbers, cast(list[int], waves), people, cast(list[int], roles),
                          cast(list[int], targets), scores)
        return True

    def _new_people(self, column: Sequence[str]) -> list[int] | None:
        """The respondent indexes of a column, adding new ids in order; None (nothing
        added) when any id would be a problem."""
        index = self.table.people.index
        found = list(map(index.get, column))
        if None not in found:
            return found  # type: ignore[return-value]
        texts = {raw: raw.strip() for raw, i in zip(column, found, strict=True) if i is None}
        if not all(0 < len(text) <= MAX_RESPONDENT_LENGTH for text in texts.values()):
            return None
        added = {raw: self.table.people.add(text) for raw, text in texts.items()}  # row order
        if all(raw == text for raw, text in texts.items()):
            return list(map(index.__getitem__, column))  # every id now found as written
        return [added[raw] if i is None else i for raw, i in zip(column, found, strict=True)]

    # -- long ------------------------------------------------------------------------------

    def _long(self, number: int, cells: list[str]) -> None:
        if len(cells) != self.width and not self._fits(number, cells):
            return
        at_role, at_target, at_respondent = self.at
        names = self.names
        role = names.get(cells[at_role])
        if role is None:
            role = self._name(number, cells[at_role], "role")
        target = names.get(cells[at_target])
        if target is None:
            target = self._name(number, cells[at_target], "target")
        respondent = self._respondent(number, cells[at_respondent])
        wave = self.fixed_wave if self.fixed_wave is not None else self._wave(number, cells)
        assert self.pick_items is not None
        values = self._values(number, self.pick_items(cells), self.item_headers)
        if None in (respondent, role, target, wave, values):
            return
        assert role is not None and target is not None and wave is not None
        assert respondent is not None and values is not None
        self.table.append(number, wave, respondent, role, target, values)

    def _fits(self, number: int, cells: list[str]) -> bool:
        """Extra empty cells at the end (some spreadsheets add them) are fine."""
        if len(cells) > self.width and not "".join(cells[self.width:]).strip():
            return True
        self.problems.add(f"this row has {len(cells)} cells but the header has {self.width}; "
                          "check the separators and quotes on this row.", row=number)
        return False

    # -- wide ------------------------------------------------------------------------------

    def _wide(self, number: int, cells: list[str]) -> None:
        padded = [*cells, *([""] * (self.width - len(cells))), ""]  # [-1]: a blank cell
        answered = [(name, raw) for name, columns in self.targets
                    if "".join(raw := [padded[i] for i in columns]).strip()]
        if not answered:
            return  # an empty response (Qualtrics keeps unfinished ones)
        fields = self.layout.fields
        respondent_cell = padded[fields["respondent"]] if "respondent" in fields else ""
        respondent = (self._respondent(number, respondent_cell) if "respondent" in fields
                      else self.table.people.add(f"row {number}"))
        role = self._name(number, padded[fields["role"]], "role")
        wave = self.fixed_wave if self.fixed_wave is not None else self._wave(number, padded)
        for name, raw in answered:
            target = self._clean(name, "role name")
            values = self._values(number, raw, self.target_headers[name])
            if None in (respondent, role, wave, values, target):
                continue
            assert role is not None and target is not None and wave is not None
            assert respondent is not None and values is not None
            self.table.append(number, wave, respondent, role, target, values)

    # -- cells -----------------------------------------------------------------------------

    def _respondent(self, number: int, raw: str) -> int | None:
        found = self.table.people.index.get(raw)
        if found is not None:  # met before, exactly as written
            return found
        text = raw.strip()
        if not text:
            self.problems.add("the respondent is empty; every row needs the respondent's id.",
                              row=number, column="respondent")
            return None
        if len(text) > MAX_RESPONDENT_LENGTH:
            self.problems.add(f"the respondent id is longer than {MAX_RESPONDENT_LENGTH} "
                              "characters.", row=number, column="respondent")
            return None
        return self.table.people.add(text)

    def _clean(self, raw: str, what: str) -> int | None:
        if raw not in self.names:
            try:
                name = clean_name(raw, what)
                self.names[raw] = self.table.names.add((name, name_key(name)))
            except ValidationError:
                self.names[raw] = None
        return self.names[raw]

    def _name(self, number: int, raw: str, column: str) -> int | None:
        name = self.names.get(raw)
        if name is None:
            name = self._clean(raw, "role name")
        if name is None:
            what = "the rated role" if column == "target" else "the respondent's own role"
            self.problems.add(f"{what} is empty or longer than 120 characters.",
                              row=number, column=column)
        return name

    def _wave(self, number: int, cells: list[str]) -> int | None:
        name = self._clean(cells[self.layout.fields["wave"]], "wave name")
        if name is None:
            self.problems.add("the wave is empty or too long; fill it in on every row, or leave "
                              "the whole column empty.", row=number, column="wave")
        return name

    def _values(self, number: int, raw: Sequence[str], headers: list[str]) -> bytes | None:
        """The seven scores as bytes (0: not answered), None after a problem."""
        try:  # the usual case: every cell's text was met before (a file repeats "4" a lot)
            return bytes(map(getitem, self.scored, raw))
        except KeyError:
            values = self._read_values(number, raw, headers)
        if values is None:
            return None
        for scored, text, value in zip(self.scored, raw, values, strict=True):
            scored[text] = value or 0
        return bytes(value or 0 for value in values)

    def _read_values(self, number: int, raw: Sequence[str],
                     headers: list[str]) -> tuple[int | None, ...] | None:
        values: list[int | None] = []
        for read, text, key, header in zip(self.reads, raw, DIMENSION_KEYS, headers,
                                           strict=True):
            try:
                values.append(read(text))
            except ValueError:
                if len(self.unread) < 100:
                    self.unread[text.strip()] = None
                shown = text.strip()
                shown = shown if len(shown) <= 20 else shown[:20] + "…"
                self.problems.add(
                    f"“{shown}” is not an answer rcdesk can score 1 to 5 (leave the cell "
                    "empty when a question was not answered; a not-applicable code such as "
                    "6 can be marked in the mapping step, or in a mapping file's "
                    "“not_applicable”).", row=number, column=header or key)
        return tuple(values) if len(values) == len(DIMENSION_KEYS) else None


def _chunks(records: Iterator[tuple[int, list[str]]]) -> Iterator[list[tuple[int, list[str]]]]:
    while chunk := list(islice(records, CHUNK_ROWS)):
        yield chunk


def check_consistency(table: AnswerTable, problems: ProblemList) -> None:
    """Per wave: each respondent rates each role once, and has one role of their own.

    Names match by key; the pairs seen are kept as single integers (tens of megabytes at
    1,000,000 rows), and a repeat's first row is looked up only when there is one."""
    keys = table.key_indexes()
    targets = len(table.names.items) + 1
    rated: set[int] = set()
    own: dict[tuple[int, int], int] = {}  # (wave, respondent) → first row index
    first_rows: dict[int, int] | None = None
    for i, (wave, person, role, target) in enumerate(zip(
            table.waves, table.respondents, table.roles, table.targets, strict=True)):
        wave, role, target = keys[wave], keys[role], keys[target]
        pair = (person * targets + wave) * targets + target
        if pair in rated:
            first_rows = first_rows if first_rows is not None else _first_rows(table, keys)
            _repeat(table, problems, i, first_rows[pair])
        rated.add(pair)
        earlier = own.setdefault((wave, person), i)
        if keys[table.roles[earlier]] != role:
            _two_roles(table, problems, i, earlier)


def _first_rows(table: AnswerTable, keys: Sequence[int]) -> dict[int, int]:
    """(respondent, wave, rated role) as one integer → the index of its first row."""
    targets = len(table.names.items) + 1
    found: dict[int, int] = {}
    for i, (wave, person, target) in enumerate(zip(table.waves, table.respondents,
                                                   table.targets, strict=True)):
        found.setdefault((person * targets + keys[wave]) * targets + keys[target], i)
    return found


def _repeat(table: AnswerTable, problems: ProblemList, i: int, first: int) -> None:
    r = table[i]
    problems.add(f"respondent “{r.respondent}” already rated “{r.target}” on row "
                 f"{table.numbers[first]} (wave “{r.wave}”); each respondent rates each role "
                 "once per wave.", row=r.row, column="target")


def _two_roles(table: AnswerTable, problems: ProblemList, i: int, first: int) -> None:
    r, earlier = table[i], table[first]
    problems.add(f"respondent “{r.respondent}” has the role “{r.role}” here but "
                 f"“{earlier.role}” on row {earlier.row}; a respondent has one role "
                 "per wave.", row=r.row, column="role")
