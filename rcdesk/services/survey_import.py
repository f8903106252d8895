"""Importing RC survey results from a survey tool's export (docs/import-formats.md).

Two steps, so the user sees everything before anything is written:
1. `preview_survey` reads and checks the whole file and returns a SurveyPreview with all
   it found: the layout (long or wide, survey_layouts), every value read (survey_answers,
   survey_rows), problems, and what must be confirmed or chosen first (survey_checks:
   a reversed scale, the frequency scale, new or near-duplicate roles). It never writes.
2. `commit_survey` writes a ready preview in ONE transaction: missing roles and waves are
   created, the survey answers already in each wave of the file are replaced, the new
   answers inserted, and where they came from recorded (survey_provenance).
`delete_wave_survey` purges a wave's answers for good; `write_template` writes an empty
file with the right header.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.errors import (
    DomainError,
    ImportProblem,
    ImportProblems,
    NotFoundError,
    ValidationError,
)
from rcdesk.domain.names import clean_name, name_key
from rcdesk.domain.survey import FrequencyScale
from rcdesk.services.csv_input import ProblemList
from rcdesk.services.edits import Change, run_in_transaction
from rcdesk.services.importing import checkpoint, commit_preview
from rcdesk.services.survey_answers import DEFAULT_NOT_APPLICABLE, AnswerReader
from rcdesk.services.survey_checks import Pending
from rcdesk.services.survey_layouts import Layout
from rcdesk.services.survey_mapping import FIELDS, SurveyMapping
from rcdesk.services.survey_provenance import import_record, judge
from rcdesk.services.survey_reading import read_layout
from rcdesk.services.survey_rows import AnswerTable, RowChecker, SurveyRow, check_consistency
from rcdesk.services.survey_sources import Source, read_source
from rcdesk.store import repository
from rcdesk.store import survey as survey_store
from rcdesk.store.connection import Library
from rcdesk.store.rows import insert_rows

__all__ = ["FIELDS", "REQUIRED_FIELDS", "ImportResult", "SurveyPreview", "SurveyRow",
           "commit_survey", "delete_wave_survey", "preview_survey", "write_template"]

REQUIRED_FIELDS: tuple[str, ...] = ("respondent", "role", "target", *DIMENSION_KEYS)
OPTIONAL_FIELDS: tuple[str, ...] = ("wave",)


@dataclass(frozen=True)
class SurveyPreview:
    """What an import would do, for the user to confirm; `ok` when it can be written."""

    path: Path
    workshop_id: int
    frequency_scale: FrequencyScale | None
    encoding: str = ""
    delimiter: str = ""
    headers: tuple[str, ...] = ()
    mapping: dict[str, str] = field(default_factory=dict)  # field → header in the file
    ignored_columns: tuple[str, ...] = ()
    rows: Sequence[SurveyRow] = ()  # an AnswerTable: compact, however big the file
    respondent_count: int = 0  # distinct respondents, counted per wave
    roles_found: tuple[str, ...] = ()  # as first written in the file
    new_roles: tuple[str, ...] = ()  # of those, the ones the workshop does not have yet
    waves: tuple[str, ...] = ()
    new_waves: tuple[str, ...] = ()
    replaces: dict[str, int] = field(default_factory=dict)  # wave → answers already there
    problems: tuple[ImportProblem, ...] = ()
    problem_count: int = 0
    layout: str = ""  # "long" or "wide"
    header_rows: int = 1
    answer_columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # wide pairs
    direction: str = ""  # the scale direction in words
    reversed: bool = False
    similar_roles: dict[str, str] = field(default_factory=dict)  # new → existing it resembles
    pending: tuple[Pending, ...] = ()
    confirmed: frozenset[str] = frozenset()
    size: int = 0
    sha256: str = ""
    sheet: str = ""
    sheets: tuple[str, ...] = ()
    #: Answer texts met (not plain numbers) → the score they were read as (None: blank);
    #: and those that could not be read: what the mapping step's Answers list offers.
    answer_texts: dict[str, int | None] = field(default_factory=dict)
    unread_answers: tuple[str, ...] = ()
    survey_mapping: SurveyMapping = field(default_factory=SurveyMapping)

    @property
    def checked(self) -> bool:
        """The file was read without a problem (it may still need a confirmation)."""
        return self.problem_count == 0

    @property
    def ok(self) -> bool:
        """Ready to write: no problem and nothing left to confirm."""
        return self.problem_count == 0 and not self.pending

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def distributions(self) -> dict[str, dict[int | None, int]]:
        """Per item, how many answers of each score (None: not answered); computed when
        asked (the mapping step shows it), not for every preview of a big file."""
        return _distributions(self.rows)

    @property
    def tie_count(self) -> int:
        if isinstance(self.rows, AnswerTable):
            return self.rows.tie_count()
        return len({(r.wave_key, r.role_key, r.target_key) for r in self.rows})

    def saved_mapping(self) -> SurveyMapping:
        """The mapping as used, to save for the next wave of the same survey."""
        return replace(self.survey_mapping, frequency_scale=self.frequency_scale,
                       columns={k: v for k, v in self.mapping.items()},
                       answer_columns=dict(self.answer_columns),
                       sheet=self.sheet or None)


def _as_mapping(mapping: Mapping[str, str] | SurveyMapping | None) -> SurveyMapping:
    if isinstance(mapping, SurveyMapping):
        return mapping
    for name in mapping or {}:
        if name not in FIELDS:
            raise ValidationError("mapping", f"“{name}” is not a column rcdesk imports.")
    return SurveyMapping(columns=dict(mapping or {}))


def preview_survey(library: Library, workshop_id: int, path: Path, *, wave: str | None = None,
                   frequency_scale: FrequencyScale | None = None,
                   mapping: Mapping[str, str] | SurveyMapping | None = None,
                   confirm: Iterable[str] = (), sheet: str | None = None) -> SurveyPreview:
    """Read and check a survey file for a workshop without writing anything.

    `wave` puts every row in that wave (else the file's wave column, else "Baseline");
    `mapping` (a SurveyMapping, or field → header) overrides what is found automatically;
    `frequency_scale` is the user's choice (None: told from the answers, else asked);
    `confirm` holds the Pending keys the user has confirmed. Problems with the file are
    returned in the preview, not raised; an unknown workshop or a bad `wave`/`mapping`
    argument raises a DomainError.
    """
    path = Path(path)
    workshop = repository.get_workshop(library.db, workshop_id)
    if workshop is None:
        raise NotFoundError("That workshop is no longer in the library.")
    chosen_wave = clean_name(wave, "wave name") if wave is not None else None
    used = _as_mapping(mapping)
    scale = frequency_scale or used.frequency_scale
    base = SurveyPreview(path, workshop_id, scale, confirmed=frozenset(confirm),
                         survey_mapping=used)
    try:
        source = read_source(path, sheet if sheet is not None else used.sheet)
    except ImportProblems as exc:
        return _with_problems(base, exc.problems, exc.total)
    roles = [r.name for r in repository.list_roles(library.db, workshop_id)]
    problems = ProblemList()
    layout = read_layout(source.records.head, roles, workshop.descriptions, used, problems)
    base = _described(base, source, layout)
    if problems.total:
        return _with_problems(base, problems.kept, problems.total)
    try:
        if chosen_wave is not None or not _wave_column_used(
                source.records.after(layout.depth), layout):
            layout.fields.pop("wave", None)
        readers = _readers(used)
        checker = RowChecker(layout, readers, chosen_wave, problems)
        rows = checker.rows(source.records.after(layout.depth))
    except ImportProblems as exc:  # a broken quote further down a CSV
        return _with_problems(base, exc.problems, exc.total)
    check_consistency(rows, problems)
    base = replace(base, answer_texts=_answer_texts(readers),
                   unread_answers=tuple(checker.unread))
    if problems.total:
        return _with_problems(base, problems.kept, problems.total)
    told = judge(readers, scale, used)
    if told.problem:
        return _with_problems(base, [ImportProblem(told.problem, column="frequent")], 1)
    if told.recode:
        rows.recode_frequency()
    preview = replace(base, frequency_scale=told.scale, direction=told.direction,
                      reversed=told.reversed)
    return _summarised(library, preview, rows, layout, told.pending)


def _readers(used: SurveyMapping) -> list[AnswerReader]:
    na = used.not_applicable if used.not_applicable is not None else DEFAULT_NOT_APPLICABLE
    return [AnswerReader(used.labels, na, used.reverse) for _ in DIMENSION_KEYS]


def _answer_texts(readers: Sequence[AnswerReader]) -> dict[str, int | None]:
    """Texts (not plain numbers) the answers held, and the score each was read as."""
    found: dict[str, int | None] = {}
    for reader in readers:
        for text, value in reader.cache.items():
            key = text.strip()
            if key and not key.replace(".", "").replace(",", "").isdigit() and len(found) < 100:
                found.setdefault(key, value)
    return found


def _with_problems(preview: SurveyPreview, problems: Sequence[ImportProblem],
                   total: int) -> SurveyPreview:
    return replace(preview, problems=tuple(problems), problem_count=total)


def _described(preview: SurveyPreview, source: Source, layout: Layout) -> SurveyPreview:
    used = set(layout.fields.values()) | {p.column for p in layout.pairs}
    return replace(
        preview, encoding=source.encoding, delimiter=source.delimiter,
        headers=layout.headers,
        mapping={name: layout.headers[i] for name, i in layout.fields.items()},
        ignored_columns=tuple(h for i, h in enumerate(layout.headers) if i not in used and h),
        layout=layout.kind, header_rows=layout.depth,
        answer_columns={p.header: (p.role, p.item) for p in layout.pairs},
        size=source.size, sha256=source.sha256, sheet=source.sheet, sheets=source.sheets)


def _wave_column_used(data: Iterable[tuple[int, list[str]]], layout: Layout) -> bool:
    """A wave column left empty on every row counts as no wave column."""
    index = layout.fields.get("wave")
    return index is not None and any(
        index < len(cells) and cells[index].strip() for _, cells in data)


def _distributions(rows: Sequence[SurveyRow]) -> dict[str, dict[int | None, int]]:
    """Per item, how many answers of each score (None: not answered)."""
    if isinstance(rows, AnswerTable):
        return rows.distributions()
    if not rows:
        return {key: {} for key in DIMENSION_KEYS}
    columns = zip(*(row.values for row in rows), strict=True)
    return {key: dict(Counter(column)) for key, column in zip(DIMENSION_KEYS, columns,
                                                                strict=True)}


def _first_by_key(names: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in names:
        found.setdefault(name_key(name), name)
    return found


def _summarised(library: Library, preview: SurveyPreview, rows: AnswerTable,
                layout: Layout, pending: list[Pending]) -> SurveyPreview:
    from rcdesk.services.survey_provenance import role_checks, scale_conflicts

    db = library.db
    roles = _first_by_key(rows.role_names())
    waves = _first_by_key(rows.wave_names())
    existing = [r.name for r in repository.list_roles(db, preview.workshop_id)]
    have_roles = {name_key(name) for name in existing}
    have_waves = {name_key(w.name): w for w in repository.list_waves(db, preview.workshop_id)}
    replaces = {name: survey_store.count_answers(db, have_waves[key].id)
                for key, name in waves.items() if key in have_waves}
    new_roles = tuple(name for key, name in roles.items() if key not in have_roles)
    similar, role_pending = role_checks(new_roles, existing, layout)
    conflicts = scale_conflicts(db, {name: have_waves[key].id for key, name in waves.items()
                                     if key in have_waves}, preview.frequency_scale)
    if conflicts:
        return _with_problems(preview, [ImportProblem(c, column="frequent") for c in conflicts],
                              len(conflicts))
    waiting = tuple(p for p in (*pending, *role_pending) if p.key not in preview.confirmed)
    return replace(
        preview, rows=rows, respondent_count=rows.respondent_count(),
        roles_found=tuple(roles.values()), new_roles=new_roles,
        waves=tuple(waves.values()),
        new_waves=tuple(name for key, name in waves.items() if key not in have_waves),
        replaces={name: count for name, count in replaces.items() if count},
        similar_roles=similar, pending=waiting)


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
    preview is reused rather than duplicated. A preview still waiting for a
    confirmation is refused, naming what to confirm.
    """
    if preview.checked and preview.pending:
        raise ImportProblems(
            f"{preview.path.name} was not imported: {preview.pending[0].message}",
            [ImportProblem(p.message) for p in preview.pending], len(preview.pending))
    return commit_preview(library, preview, "import the survey results",
                          lambda: _write(library, preview), lambda result: bool(result.replaced))


def _write(library: Library, preview: SurveyPreview) -> ImportResult:
    db, workshop_id, table = library.db, preview.workshop_id, preview.rows
    assert isinstance(table, AnswerTable)
    role_ids, added_roles = _ensure(library, "roles", workshop_id, table.role_names())
    wave_ids, added_waves = _ensure(library, "waves", workshop_id, table.wave_names())
    replaced = 0
    for wave_id in dict.fromkeys(wave_ids.values()):
        replaced += survey_store.delete_wave_answers(db, wave_id)
        survey_store.delete_import_records(db, wave_id)
    names = range(len(table.names.items))
    wave_of = [wave_ids.get(table.name(i), -1) for i in names]
    role_of = [role_ids.get(table.name(i), -1) for i in names]
    with survey_store.bulk_insert(db, len(table)):
        survey_store.insert_answer_rows(db, table.parameters(wave_of, role_of), len(table))
    waves: dict[int, list[int]] = {}  # wave id → the name indexes written for it
    for index in table.wave_indexes():
        waves.setdefault(wave_of[index], []).append(index)
    for wave_id, indexes in waves.items():
        imported_at, record = import_record(preview, table.wave_counts(indexes))
        survey_store.add_import_record(db, workshop_id, wave_id, imported_at, record)
    changes = Change.SURVEY
    changes |= Change.ROLES if added_roles else Change.NONE
    changes |= Change.WAVES if added_waves else Change.NONE
    return ImportResult(workshop_id, len(table), preview.respondent_count,
                        added_roles, added_waves, replaced, tuple(waves), changes)


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

    def purge(db: object) -> None:
        deleted.append(survey_store.delete_wave_answers(library.db, wave_id))
        survey_store.delete_import_records(library.db, wave_id)

    run_in_transaction(library.db, library.read_only, "delete the survey results", purge)
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

