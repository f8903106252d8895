"""Importing RC survey results from a CSV file (docs/import-formats.md).

Two steps, so the user sees everything before anything is written:
1. `preview_survey` reads and checks the whole file (encoding, delimiter, columns,
   every value, duplicates, respondents with two roles) and returns a
   SurveyPreview with all it found, problems included. It never writes.
2. `commit_survey` writes a problem-free preview in ONE transaction: missing roles
   and waves are created, the survey answers already in each wave of the file are
   replaced, the new answers inserted. On any error the library is as before.
`delete_wave_survey` purges a wave's answers for good; `write_template` writes an
empty file with the right header.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from rcdesk.analysis.rc_scores import recode_sufficiency
from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import (
    DomainError,
    ImportProblem,
    ImportProblems,
    NotFoundError,
    ValidationError,
)
from rcdesk.domain.limits import MAX_RESPONDENT_LENGTH
from rcdesk.domain.names import clean_name, name_key
from rcdesk.domain.survey import DEFAULT_WAVE_NAME, FrequencyScale, SurveyAnswer
from rcdesk.services.csv_input import (  # re-exported: the import dialog uses them
    CsvTable,
    ProblemList,
    normalise_header,
    read_table,
)
from rcdesk.services.edits import Change, run_in_transaction
from rcdesk.services.import_commit import checkpoint, commit_preview
from rcdesk.store import repository
from rcdesk.store import survey as survey_store
from rcdesk.store.connection import Library
from rcdesk.store.rows import insert_rows

REQUIRED_FIELDS: tuple[str, ...] = ("respondent", "role", "target", *DIMENSION_KEYS)
OPTIONAL_FIELDS: tuple[str, ...] = ("wave",)
FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS
#: Other header spellings recognised without a mapping (after normalise_header).
ALIASES: dict[str, str] = {
    "respondent_id": "respondent", "rater": "respondent",
    "own_role": "role", "rater_role": "role", "respondent_role": "role",
    "target_role": "target", "rated_role": "target",
    "frequency": "frequent", "timeliness": "timely", "accuracy": "accurate",
}
_SCORES = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_SCORE_PATTERN = re.compile(r"[1-5](?:[.,]0+)?")
# -- columns ---------------------------------------------------------------------------------




def auto_mapping(headers: Sequence[str]) -> dict[str, str]:
    """field → header, for the headers that name a field (or a known alias of one)."""
    mapping: dict[str, str] = {}
    for header in headers:
        key = normalise_header(header)
        found = key if key in FIELDS else ALIASES.get(key)
        if found is not None and found not in mapping:
            mapping[found] = header
    return mapping


def merge_mapping(headers: Sequence[str], chosen: Mapping[str, str] | None) -> dict[str, str]:
    """The automatic mapping with the user's choices on top ("" = the file has no such column)."""
    mapping = auto_mapping(headers)
    for name, header in (chosen or {}).items():
        if name not in FIELDS:
            raise ValidationError("mapping", f"“{name}” is not a column rcdesk imports.")
        if header.strip():
            mapping[name] = header
        else:
            mapping.pop(name, None)
    return mapping


def _column_indexes(headers: Sequence[str], mapping: Mapping[str, str],
                    problems: ProblemList) -> dict[str, int]:
    """field → column index; a problem for each missing, ambiguous or reused column."""
    positions: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        positions.setdefault(normalise_header(header), []).append(index)
    columns: dict[str, int] = {}
    for name, header in mapping.items():
        found = positions.get(normalise_header(header), [])
        if not found:
            problems.add(f"the file has no column “{header}”.", row=1, column=name)
        elif len(found) > 1:
            problems.add(f"{len(found)} columns are headed “{header}”; keep one of them.",
                         row=1, column=header)
        elif found[0] in columns.values():
            problems.add(f"the column “{header}” is chosen for two fields.", row=1, column=name)
        else:
            columns[name] = found[0]
    listed = ", ".join(h for h in headers if h) or "none"
    for name in REQUIRED_FIELDS:
        if name not in mapping:
            problems.add(f"the file has no “{name}” column (columns found: {listed}).",
                         row=1, column=name)
    return columns


# -- rows ------------------------------------------------------------------------------------


class SurveyRow(NamedTuple):
    """One checked row: names cleaned, values scored (frequency already recoded).

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


def parse_score(text: str) -> int | None:
    """1–5 (also written 4.0 or 4,0), or None for a blank cell; ValueError otherwise."""
    cleaned = text.strip()
    if not cleaned:
        return None
    value = _SCORES.get(cleaned)
    if value is None:
        if not _SCORE_PATTERN.fullmatch(cleaned):
            raise ValueError(cleaned)
        value = int(cleaned[0])
    return value


#: The usual cells, looked up directly: a file can hold 700,000 of them.
_PLAIN_CELLS: dict[str, int | None] = {"": None, **_SCORES}
_FREQUENT = DIMENSION_KEYS.index("frequent")
_Name = tuple[str, str]  # (cleaned name, its key)


class _RowChecker:
    """Turns the cells of one row into a SurveyRow, or records why it cannot."""

    def __init__(self, columns: dict[str, int], width: int, scale: FrequencyScale,
                 wave: str | None, problems: ProblemList) -> None:
        self.columns = columns
        self.width = width
        self.recode = scale is FrequencyScale.SUFFICIENCY
        self.problems = problems
        self.names: dict[str, _Name | None] = {}
        self.value_columns = [columns[key] for key in DIMENSION_KEYS]
        self.pick_values = itemgetter(*self.value_columns)
        self.respondent_column = columns["respondent"]
        self.role_column, self.target_column = columns["role"], columns["target"]
        # The chosen wave, or "Baseline" when the file has no wave column; None: per row.
        self.fixed_wave = (self._clean(wave or DEFAULT_WAVE_NAME, "wave name")
                           if wave is not None or "wave" not in columns else None)

    def check(self, number: int, cells: list[str]) -> SurveyRow | None:
        if len(cells) != self.width and not self._fits(number, cells):
            return None
        names = self.names
        role = names.get(cells[self.role_column]) or self._name(number, cells, "role")
        target = names.get(cells[self.target_column]) or self._name(number, cells, "target")
        respondent: str | None = cells[self.respondent_column].strip()
        if not respondent or len(respondent) > MAX_RESPONDENT_LENGTH:
            respondent = self._respondent(number, cells)
        wave = self.fixed_wave or self._wave(number, cells)
        values = self._values(number, cells)
        if respondent is None or role is None or target is None or wave is None:
            return None
        if values is None:
            return None
        return SurveyRow(number, wave[0], respondent, role[0], target[0], values, wave[1],
                         role[1], target[1])

    def _fits(self, number: int, cells: list[str]) -> bool:
        """Extra empty cells at the end (some spreadsheets add them) are fine."""
        if len(cells) > self.width and not "".join(cells[self.width:]).strip():
            return True
        self.problems.add(f"this row has {len(cells)} cells but the header has {self.width}; "
                          "check the separators and quotes on this row.", row=number)
        return False

    def _respondent(self, number: int, cells: list[str]) -> str | None:
        text = cells[self.columns["respondent"]].strip()
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

    def _name(self, number: int, cells: list[str], column: str) -> _Name | None:
        name = self._clean(cells[self.columns[column]], "role name")
        if name is None:
            what = "the rated role" if column == "target" else "the respondent's own role"
            self.problems.add(f"{what} is empty or longer than 120 characters.",
                              row=number, column=column)
        return name

    def _wave(self, number: int, cells: list[str]) -> _Name | None:
        name = self._clean(cells[self.columns["wave"]], "wave name")
        if name is None:
            self.problems.add("the wave is empty or too long; fill it in on every row, or leave "
                              "the whole column empty.", row=number, column="wave")
        return name

    def _values(self, number: int, cells: list[str]) -> tuple[int | None, ...] | None:
        try:
            values = [_PLAIN_CELLS[cell] for cell in self.pick_values(cells)]
        except KeyError:
            found = self._careful_values(number, cells)
            if found is None:
                return None
            values = found
        if self.recode and (position := values[_FREQUENT]) is not None:
            values[_FREQUENT] = recode_sufficiency(position)
        return tuple(values)

    def _careful_values(self, number: int, cells: list[str]) -> list[int | None] | None:
        values: list[int | None] = []
        for key, index in zip(DIMENSION_KEYS, self.value_columns, strict=True):
            try:
                values.append(parse_score(cells[index]))
            except ValueError:
                shown = cells[index].strip()
                shown = shown if len(shown) <= 20 else shown[:20] + "…"
                self.problems.add(f"“{shown}” is not a score from 1 to 5 (leave the cell empty "
                                  "when a question was not answered).", row=number, column=key)
        return values if len(values) == len(DIMENSION_KEYS) else None


def _check_consistency(rows: Sequence[SurveyRow], problems: ProblemList) -> None:
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


# -- preview ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyPreview:
    """What an import would do, for the user to confirm; `ok` when nothing is wrong."""

    path: Path
    workshop_id: int
    frequency_scale: FrequencyScale
    encoding: str = ""
    delimiter: str = ""
    headers: tuple[str, ...] = ()
    mapping: dict[str, str] = field(default_factory=dict)  # field → header in the file
    ignored_columns: tuple[str, ...] = ()
    rows: tuple[SurveyRow, ...] = ()
    respondent_count: int = 0  # distinct respondents, counted per wave
    roles_found: tuple[str, ...] = ()  # as first written in the file
    new_roles: tuple[str, ...] = ()  # of those, the ones the workshop does not have yet
    waves: tuple[str, ...] = ()
    new_waves: tuple[str, ...] = ()
    replaces: dict[str, int] = field(default_factory=dict)  # wave → answers already there
    problems: tuple[ImportProblem, ...] = ()
    problem_count: int = 0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def row_count(self) -> int:
        return len(self.rows)


def preview_survey(library: Library, workshop_id: int, path: Path, *, wave: str | None = None,
                   frequency_scale: FrequencyScale = FrequencyScale.MONOTONIC,
                   mapping: Mapping[str, str] | None = None) -> SurveyPreview:
    """Read and check a survey CSV for a workshop without writing anything.

    `wave` puts every row in that wave (else the file's wave column, else
    "Baseline"); `mapping` (field → header) overrides the automatic column
    matching. Problems with the file are returned in the preview, not raised;
    an unknown workshop or a bad `wave`/`mapping` argument raises a DomainError.
    """
    path = Path(path)
    if repository.get_workshop(library.db, workshop_id) is None:
        raise NotFoundError("That workshop is no longer in the library.")
    chosen_wave = clean_name(wave, "wave name") if wave is not None else None
    base = SurveyPreview(path, workshop_id, frequency_scale)
    try:
        table = read_table(path)
    except ImportProblems as exc:
        return _with_problems(base, exc.problems, exc.total)
    final = merge_mapping(table.headers, mapping)
    problems = ProblemList()
    columns = _column_indexes(table.headers, final, problems)
    base = _described(base, table, final, columns)
    if problems.total:
        return _with_problems(base, problems.kept, problems.total)
    if chosen_wave is not None or not _wave_column_used(table, columns):
        columns.pop("wave", None)
    checker = _RowChecker(columns, len(table.headers), frequency_scale, chosen_wave, problems)
    rows = [row for number, cells in table.rows
            if (row := checker.check(number, cells)) is not None]
    _check_consistency(rows, problems)
    if problems.total:
        return _with_problems(base, problems.kept, problems.total)
    return _summarised(library, base, rows)


def _with_problems(preview: SurveyPreview, problems: Sequence[ImportProblem],
                   total: int) -> SurveyPreview:
    return replace(preview, problems=tuple(problems), problem_count=total)


def _described(preview: SurveyPreview, table: CsvTable, mapping: dict[str, str],
               columns: dict[str, int]) -> SurveyPreview:
    used = set(columns.values())
    return replace(preview, encoding=table.encoding, delimiter=table.delimiter,
                    headers=table.headers, mapping=mapping,
                    ignored_columns=tuple(h for i, h in enumerate(table.headers)
                                          if i not in used))


def _wave_column_used(table: CsvTable, columns: dict[str, int]) -> bool:
    """A wave column left empty on every row counts as no wave column."""
    index = columns.get("wave")
    return index is not None and any(
        index < len(cells) and cells[index].strip() for _, cells in table.rows)


def _first_by_key(names: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in names:
        found.setdefault(name_key(name), name)
    return found


def _summarised(library: Library, preview: SurveyPreview,
                rows: list[SurveyRow]) -> SurveyPreview:
    db = library.db
    roles = _first_by_key(list(dict.fromkeys(n for r in rows for n in (r.role, r.target))))
    wave_keys = {name: name_key(name) for name in dict.fromkeys(r.wave for r in rows)}
    waves = _first_by_key(list(wave_keys))
    have_roles = {name_key(r.name) for r in repository.list_roles(db, preview.workshop_id)}
    have_waves = {name_key(w.name): w for w in repository.list_waves(db, preview.workshop_id)}
    replaces = {name: survey_store.count_answers(db, have_waves[key].id)
                for key, name in waves.items() if key in have_waves}
    return replace(
        preview,
        rows=tuple(rows),
        respondent_count=len({(wave_keys[r.wave], r.respondent) for r in rows}),
        roles_found=tuple(roles.values()),
        new_roles=tuple(name for key, name in roles.items() if key not in have_roles),
        waves=tuple(waves.values()),
        new_waves=tuple(name for key, name in waves.items() if key not in have_waves),
        replaces={name: count for name, count in replaces.items() if count},
    )


# -- writing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote; `changes` tells a window what to refresh."""

    workshop_id: int
    rows: int
    respondents: int
    added_roles: tuple[str, ...]
    added_waves: tuple[str, ...]
    replaced: int  # survey answers that were in those waves before and are now gone
    wave_ids: tuple[int, ...]
    changes: Change


def commit_survey(library: Library, preview: SurveyPreview) -> ImportResult:
    """Write a checked preview in one transaction: all of it, or (on any error) nothing.

    Roles and waves are matched again at this moment, so a role added since the
    preview is reused rather than duplicated.
    """
    return commit_preview(library, preview, "import the survey results",
                          lambda: _write(library, preview), lambda result: bool(result.replaced))


def _write(library: Library, preview: SurveyPreview) -> ImportResult:
    db, workshop_id = library.db, preview.workshop_id
    role_ids, added_roles = _ensure(library, "roles", workshop_id,
                                    [n for r in preview.rows for n in (r.role, r.target)])
    wave_ids, added_waves = _ensure(library, "waves", workshop_id,
                                    [r.wave for r in preview.rows])
    replaced = sum(survey_store.delete_wave_answers(db, wave_id)
                   for wave_id in dict.fromkeys(wave_ids.values()))
    by_wave: dict[int, list[SurveyAnswer]] = {}
    for r in preview.rows:
        by_wave.setdefault(wave_ids[r.wave], []).append(
            SurveyAnswer(r.respondent, role_ids[r.role], role_ids[r.target], r.values))
    for wave_id, answers in by_wave.items():
        # In tie order the tie index grows at its end: about 10% faster for big files.
        answers.sort(key=lambda a: (a.source_id, a.target_id))
        survey_store.insert_answers(db, wave_id, answers)
    changes = Change.SURVEY
    changes |= Change.ROLES if added_roles else Change.NONE
    changes |= Change.WAVES if added_waves else Change.NONE
    return ImportResult(workshop_id, len(preview.rows), preview.respondent_count,
                        added_roles, added_waves, replaced, tuple(by_wave), changes)


def _ensure(library: Library, table: str, workshop_id: int,
            names: Sequence[str]) -> tuple[dict[str, int], tuple[str, ...]]:
    """Id of each name (as written in the file) in roles or waves, adding missing ones last.

    Names match ignoring case and surrounding spaces (domain name_key).
    """
    db = library.db
    existing = (repository.list_roles(db, workshop_id) if table == "roles"
                else repository.list_waves(db, workshop_id))
    by_key: dict[str, int] = {name_key(item.name): item.id for item in existing}
    position = max((item.position for item in existing), default=-1) + 1
    added: list[str] = []
    ids: dict[str, int] = {}
    for name in dict.fromkeys(names):
        key = name_key(name)
        if key not in by_key:
            row = {"workshop_id": workshop_id, "name": name, "name_key": key,
                   "position": position}
            by_key[key] = insert_rows(db, table, [row])[0]
            position += 1
            added.append(name)
        ids[name] = by_key[key]
    return ids, tuple(added)


def delete_wave_survey(library: Library, workshop_id: int, wave_id: int) -> int:
    """Delete a wave's survey answers for good (not undoable); return how many there were.

    The UI confirms first. Afterwards the WAL is checkpointed and truncated, so with
    secure_delete no trace stays in the live files (backups still hold them).
    """
    if not any(w.id == wave_id for w in repository.list_waves(library.db, workshop_id)):
        raise NotFoundError("That wave is no longer in this workshop.")
    deleted: list[int] = []
    run_in_transaction(
        library.db, library.read_only, "delete the survey results",
        lambda db: deleted.append(survey_store.delete_wave_answers(db, wave_id)))
    checkpoint(library)
    return deleted[0]


def write_template(path: Path) -> None:
    """An empty survey CSV with the header rcdesk expects (UTF-8, CRLF line ends)."""
    try:
        with Path(path).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerow(REQUIRED_FIELDS)
    except OSError as exc:
        raise DomainError(
            f"{path}: the template could not be written ({exc.strerror or exc}).") from exc
