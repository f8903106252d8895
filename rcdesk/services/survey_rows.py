"""Turning a survey file's data rows into checked SurveyRows, for either layout.

Long: one row is one respondent rating one role. Wide: one row is one respondent; each
rated role with at least one answer becomes one SurveyRow (one respondent per tie, as
the method requires). Every problem is named by row and column; nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import getitem, itemgetter
from typing import NamedTuple

from rcdesk.analysis.rc_scores import recode_sufficiency
from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.limits import MAX_RESPONDENT_LENGTH
from rcdesk.domain.names import clean_name, name_key
from rcdesk.domain.survey import DEFAULT_WAVE_NAME
from rcdesk.services.csv_input import ProblemList
from rcdesk.services.survey_answers import AnswerReader
from rcdesk.services.survey_layouts import Layout

_FREQUENT = DIMENSION_KEYS.index("frequent")
_Name = tuple[str, str]  # (cleaned name, its key)


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


class RowChecker:
    """Checks the data rows of one file against its layout."""

    def __init__(self, layout: Layout, readers: Sequence[AnswerReader], wave: str | None,
                 problems: ProblemList) -> None:
        self.layout = layout
        self.width = len(layout.headers)
        self.reads = [reader.read for reader in readers]
        self.caches = [reader.cache for reader in readers]
        self.problems = problems
        self.names: dict[str, _Name | None] = {}
        self.unread: dict[str, None] = {}  # distinct answers that could not be read, in order
        fields = layout.fields
        self.fixed_wave = (self._clean(wave or DEFAULT_WAVE_NAME, "wave name")
                           if wave is not None or "wave" not in fields else None)
        self.item_columns = ([fields[k] for k in DIMENSION_KEYS] if layout.kind == "long"
                             else [])
        self.pick_items = itemgetter(*self.item_columns) if self.item_columns else None
        self.item_headers = [layout.headers[i] for i in self.item_columns]
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

    def rows(self, records: Sequence[tuple[int, list[str]]]) -> list[SurveyRow]:
        out: list[SurveyRow] = []
        if self.layout.kind == "long":
            for number, cells in records:
                if (row := self._long(number, cells)) is not None:
                    out.append(row)
        else:
            for number, cells in records:
                out += self._wide(number, cells)
        return out

    # -- long ------------------------------------------------------------------------------

    def _long(self, number: int, cells: list[str]) -> SurveyRow | None:
        if len(cells) != self.width and not self._fits(number, cells):
            return None
        fields = self.layout.fields
        role = self._name(number, cells[fields["role"]], "role")
        target = self._name(number, cells[fields["target"]], "target")
        respondent = self._respondent(number, cells[fields["respondent"]])
        wave = self.fixed_wave or self._wave(number, cells)
        assert self.pick_items is not None
        values = self._values(number, self.pick_items(cells), self.item_headers)
        if None in (respondent, role, target, wave, values):
            return None
        assert role and target and wave and respondent and values is not None
        return SurveyRow(number, wave[0], respondent, role[0], target[0], values, wave[1],
                         role[1], target[1])

    def _fits(self, number: int, cells: list[str]) -> bool:
        """Extra empty cells at the end (some spreadsheets add them) are fine."""
        if len(cells) > self.width and not "".join(cells[self.width:]).strip():
            return True
        self.problems.add(f"this row has {len(cells)} cells but the header has {self.width}; "
                          "check the separators and quotes on this row.", row=number)
        return False

    # -- wide ------------------------------------------------------------------------------

    def _wide(self, number: int, cells: list[str]) -> list[SurveyRow]:
        padded = [*cells, *([""] * (self.width - len(cells))), ""]  # [-1]: a blank cell
        answered = [(name, raw) for name, columns in self.targets
                    if "".join(raw := [padded[i] for i in columns]).strip()]
        if not answered:
            return []  # an empty response (Qualtrics keeps unfinished ones)
        fields = self.layout.fields
        respondent_cell = padded[fields["respondent"]] if "respondent" in fields else ""
        respondent = (self._respondent(number, respondent_cell) if "respondent" in fields
                      else f"row {number}")
        role = self._name(number, padded[fields["role"]], "role")
        wave = self.fixed_wave or self._wave(number, padded)
        out: list[SurveyRow] = []
        for name, raw in answered:
            target = self._clean(name, "role name")
            values = self._values(number, raw, self.target_headers[name])
            if None in (respondent, role, wave, values, target):
                continue
            assert role and target and wave and respondent and values is not None
            out.append(SurveyRow(number, wave[0], respondent, role[0], target[0], values,
                                 wave[1], role[1], target[1]))
        return out

    # -- cells -----------------------------------------------------------------------------

    def _respondent(self, number: int, raw: str) -> str | None:
        text = raw.strip()
        if not text:
            self.problems.add("the respondent is empty; every row needs the respondent's id.",
                              row=number, column="respondent")
            return None
        if len(text) > MAX_RESPONDENT_LENGTH:
            self.problems.add(f"the respondent id is longer than {MAX_RESPONDENT_LENGTH} "
                              "characters.", row=number, column="respondent")
            return None
        return text

    def _clean(self, raw: str, what: str) -> _Name | None:
        if raw not in self.names:
            try:
                name = clean_name(raw, what)
                self.names[raw] = (name, name_key(name))
            except ValidationError:
                self.names[raw] = None
        return self.names[raw]

    def _name(self, number: int, raw: str, column: str) -> _Name | None:
        name = self.names.get(raw) or self._clean(raw, "role name")
        if name is None:
            what = "the rated role" if column == "target" else "the respondent's own role"
            self.problems.add(f"{what} is empty or longer than 120 characters.",
                              row=number, column=column)
        return name

    def _wave(self, number: int, cells: list[str]) -> _Name | None:
        name = self._clean(cells[self.layout.fields["wave"]], "wave name")
        if name is None:
            self.problems.add("the wave is empty or too long; fill it in on every row, or leave "
                              "the whole column empty.", row=number, column="wave")
        return name

    def _values(self, number: int, raw: Sequence[str],
                headers: list[str]) -> tuple[int | None, ...] | None:
        try:  # the usual case: every cell's text was met before (a file repeats "4" a lot)
            return tuple(map(getitem, self.caches, raw))
        except KeyError:
            return self._read_values(number, raw, headers)

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


def recoded(rows: Sequence[SurveyRow]) -> list[SurveyRow]:
    """The rows with the frequency item's answer positions scored on the sufficiency
    scale (1, 3, 5, 4, 2): done once the whole file has shown which scale it is on."""
    out = []
    for row in rows:
        position = row.values[_FREQUENT]
        if position is not None:
            values = list(row.values)
            values[_FREQUENT] = recode_sufficiency(position)
            row = row._replace(values=tuple(values))
        out.append(row)
    return out


def check_consistency(rows: Sequence[SurveyRow], problems: ProblemList) -> None:
    """Per wave: each respondent rates each role once, and has one role of their own."""
    rated: dict[tuple[str, str, str], int] = {}
    own: dict[tuple[str, str], SurveyRow] = {}
    for r in rows:
        first = rated.setdefault((r.wave_key, r.respondent, r.target_key), r.row)
        if first != r.row:
            problems.add(f"respondent “{r.respondent}” already rated “{r.target}” on row "
                         f"{first} (wave “{r.wave}”); each respondent rates each role once "
                         "per wave.", row=r.row, column="target")
        earlier = own.setdefault((r.wave_key, r.respondent), r)
        if earlier.role_key != r.role_key:
            problems.add(f"respondent “{r.respondent}” has the role “{r.role}” here but "
                         f"“{earlier.role}” on row {earlier.row}; a respondent has one role "
                         "per wave.", row=r.row, column="role")
