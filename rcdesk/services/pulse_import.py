"""Importing psychological-safety pulse answers from a CSV file (docs/import-formats.md).

The file has one row per respondent: `respondent, ps1 … ps7` (also written `PS 1`,
`ps-1`, `PS_1`), raw answers on the instrument's scale, blank = not answered. The
scale is 5 or 7 points; when the importer is not told which and no answer is above
5, the file is refused with a question (a 5-point file scored as 7-point reads
0.8 too high, and nothing in the file tells them apart). Like the survey
import (services/survey_import.py) it works in two steps: `preview_pulse` reads and
checks the whole file and never writes; `commit_pulse` writes a problem-free
preview in ONE transaction, replacing the wave's earlier pulse (answers or
tallies) and creating the wave if it is named and missing. A file with any
problem changes nothing.

`looks_like_pulse` tells the `rcdesk import` command which importer a CSV is for,
from its header alone.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from rcdesk.domain.errors import ImportProblem, ImportProblems, NotFoundError
from rcdesk.domain.limits import MAX_RESPONDENT_LENGTH
from rcdesk.domain.names import clean_name, name_key
from rcdesk.domain.psych_safety import DEFAULT_SCALE, ITEM_KEYS, SCALE_SIZES
from rcdesk.domain.survey import DEFAULT_WAVE_NAME
from rcdesk.files import is_library_file
from rcdesk.services.csv_input import (
    ProblemList,
    decode,
    normalise_header,
    pick_delimiter,
    read_table,
)
from rcdesk.services.edits import Change
from rcdesk.services.importing import commit_preview
from rcdesk.store import pulse as pulse_store
from rcdesk.store import repository
from rcdesk.store.connection import Library
from rcdesk.store.rows import insert_rows

REQUIRED_FIELDS: tuple[str, ...] = ("respondent", *ITEM_KEYS)
_NUMBER = re.compile(r"[+]?\d+(?:[.,]0+)?")
_HEAD_BYTES = 65536


def pulse_header(text: str) -> str:
    """A header's comparison key: `PS 1`, `ps-1`, `PS_1` and `ps1` are all `ps1`."""
    key = normalise_header(text)
    return key.replace("_", "") if re.fullmatch(r"ps_?\d", key) else key


def looks_like_pulse(path: Path) -> bool:
    """Whether the file's header names the pulse columns (respondent and ps1 … ps7)
    and none of the survey's role columns. Unreadable files say False: the survey
    import then reports what is wrong with them."""
    if is_library_file(Path(path)):  # never opened outside SQLite (see store.connection)
        return False
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
        text, _ = decode(head)
    except (OSError, ImportProblems):
        return False
    delimiter, text = pick_delimiter(text)
    first = text.lstrip("\r\n").splitlines()[0] if text.strip() else ""
    try:
        cells = next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
    except csv.Error:
        return False
    names = {pulse_header(cell) for cell in cells}
    return set(ITEM_KEYS) <= names and not names & {"role", "target"}


@dataclass(frozen=True)
class PulseRowIn:
    row: int
    respondent: str
    values: tuple[int | None, ...]  # in ITEM_KEYS order


@dataclass(frozen=True)
class PulsePreview:
    """What an import would do; `ok` when nothing is wrong. Shows counts, never answers."""

    path: Path
    workshop_id: int
    scale_max: int
    wave: str = ""
    new_wave: bool = False
    ignored_columns: tuple[str, ...] = ()
    rows: tuple[PulseRowIn, ...] = ()
    replaces: int = 0  # answer sets or tally counts already in the wave
    problems: tuple[ImportProblem, ...] = ()
    problem_count: int = 0
    #: No scale was given and no answer is above 5: the importer must say which it was.
    needs_scale: bool = False

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def row_count(self) -> int:
        return len(self.rows)




def _columns(headers: tuple[str, ...], problems: ProblemList) -> dict[str, int]:
    positions: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        positions.setdefault(pulse_header(header), []).append(index)
    columns: dict[str, int] = {}
    listed = ", ".join(h for h in headers if h) or "none"
    for name in REQUIRED_FIELDS:
        found = positions.get(name, [])
        if not found:
            problems.add(f"the file has no “{name}” column (columns found: {listed}).",
                         row=1, column=name)
        elif len(found) > 1:
            problems.add(f"{len(found)} columns are headed “{name}”; keep one of them.",
                         row=1, column=name)
        else:
            columns[name] = found[0]
    return columns


def parse_answer(text: str, scale_max: int) -> int | None:
    """1…scale_max (also written 4.0), None for a blank cell; ValueError naming why not."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"“{_short(cleaned)}” is not a whole number from 1 to {scale_max}")
    value = int(re.split(r"[.,]", cleaned.lstrip("+"))[0])
    if not 1 <= value <= scale_max:
        raise ValueError(f"{value} is outside the {scale_max}-point scale (1 to {scale_max})")
    return value


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def _check_rows(table_rows: tuple[tuple[int, list[str]], ...], columns: dict[str, int],
                width: int, scale_max: int, problems: ProblemList) -> list[PulseRowIn]:
    rows: list[PulseRowIn] = []
    first_row: dict[str, int] = {}
    for number, cells in table_rows:
        if len(cells) != width and not (len(cells) > width
                                        and not "".join(cells[width:]).strip()):
            problems.add(f"this row has {len(cells)} cells but the header has {width}; check "
                         "the separators and quotes on this row.", row=number)
            continue
        respondent = cells[columns["respondent"]].strip()
        good = True
        if not respondent:
            problems.add("the respondent is empty; every row needs an id (any code, never a "
                         "name).", row=number, column="respondent")
            good = False
        elif len(respondent) > MAX_RESPONDENT_LENGTH:
            problems.add(f"the respondent id is longer than {MAX_RESPONDENT_LENGTH} characters.",
                         row=number, column="respondent")
            good = False
        elif (earlier := first_row.setdefault(respondent, number)) != number:
            problems.add(f"respondent “{_short(respondent)}” already answered on row {earlier}; "
                         "each respondent answers once per wave.", row=number,
                         column="respondent")
            good = False
        values: list[int | None] = []
        for key in ITEM_KEYS:
            try:
                values.append(parse_answer(cells[columns[key]], scale_max))
            except ValueError as exc:
                problems.add(f"{exc} (leave the cell empty when an item was not answered).",
                             row=number, column=key)
                good = False
        if good:
            rows.append(PulseRowIn(number, respondent, tuple(values)))
    return rows


SCALE_QUESTION = ("every answer in the file is 5 or lower (never higher than 5): was this pulse "
                  "asked on a 5-point or a 7-point scale? Import it again saying which "
                  "(--scale 5 or --scale 7, or choose the scale on the Pulse tab); a 5-point "
                  "file scored as 7-point would read too high.")


def preview_pulse(library: Library, workshop_id: int, path: Path, *, wave: str | None = None,
                  scale_max: int | None = None) -> PulsePreview:
    """Read and check a pulse CSV without writing anything.

    Rows go to the wave named (created if missing), else the workshop's latest wave,
    else a new "Baseline". Problems with the file are returned, not raised. With
    `scale_max` None (not told), answers up to 7 are read, and a file whose answers
    never exceed 5 is refused with SCALE_QUESTION (`needs_scale`).
    """
    path = Path(path)
    if repository.get_workshop(library.db, workshop_id) is None:
        raise NotFoundError("That workshop is no longer in the library.")
    told = scale_max is not None
    scale_max = DEFAULT_SCALE if scale_max is None else scale_max
    if scale_max not in SCALE_SIZES:
        raise ImportProblems("The pulse scale has 5 or 7 points.",
                             [ImportProblem("The pulse scale has 5 or 7 points.")])
    waves = repository.list_waves(library.db, workshop_id)
    if wave is not None:
        wave_name = clean_name(wave, "wave name")
    else:
        wave_name = waves[-1].name if waves else DEFAULT_WAVE_NAME
    existing = next((w for w in waves if name_key(w.name) == name_key(wave_name)), None)
    base = PulsePreview(path, workshop_id, scale_max, wave_name, existing is None)
    try:
        table = read_table(path)
    except ImportProblems as exc:
        return _with_problems(base, exc.problems, exc.total)
    problems = ProblemList()
    columns = _columns(table.headers, problems)
    if problems.total:
        return _with_problems(base, problems.kept, problems.total)
    rows = _check_rows(table.rows, columns, len(table.headers), scale_max, problems)
    ignored = tuple(h for i, h in enumerate(table.headers) if i not in columns.values() and h)
    replaces = 0
    if existing is not None and (found := pulse_store.get_pulse(library.db, workshop_id,
                                                                existing.id)) is not None:
        replaces = (pulse_store.count_answers(library.db, found.id) if found.method == "answers"
                    else sum(c for counts in pulse_store.load_tally(library.db, found.id).values()
                             for c in counts.values()))
    result = PulsePreview(path, workshop_id, scale_max, wave_name, existing is None, ignored,
                          tuple(rows), replaces)
    if not told and not problems.total and _never_above_5(rows):
        problems.add(SCALE_QUESTION, row=None, column=None)
        return replace(_with_problems(result, problems.kept, problems.total), needs_scale=True)
    return _with_problems(result, problems.kept, problems.total) if problems.total else result


def _never_above_5(rows: list[PulseRowIn]) -> bool:
    values = [v for row in rows for v in row.values if v is not None]
    return bool(values) and max(values) <= 5


def _with_problems(preview: PulsePreview, problems: list[ImportProblem],
                   total: int) -> PulsePreview:
    return PulsePreview(preview.path, preview.workshop_id, preview.scale_max, preview.wave,
                        preview.new_wave, preview.ignored_columns, (), preview.replaces,
                        tuple(problems), total)


@dataclass(frozen=True)
class PulseImportResult:
    workshop_id: int
    wave: str
    wave_id: int
    rows: int
    added_wave: bool
    replaced: bool
    changes: Change = field(default=Change.PULSE)


def commit_pulse(library: Library, preview: PulsePreview) -> PulseImportResult:
    """Write a checked preview in one transaction: all of it, or (on any error) nothing."""
    return commit_preview(library, preview, "import the pulse answers",
                          lambda: _write(library, preview), lambda result: result.replaced)


def _write(library: Library, preview: PulsePreview) -> PulseImportResult:
    db, workshop_id = library.db, preview.workshop_id
    waves = repository.list_waves(db, workshop_id)
    wave = next((w for w in waves if name_key(w.name) == name_key(preview.wave)), None)
    added = wave is None
    if wave is None:
        position = max((w.position for w in waves), default=-1) + 1
        wave_id = insert_rows(db, "waves", [{
            "workshop_id": workshop_id, "name": preview.wave, "name_key": name_key(preview.wave),
            "position": position}])[0]
    else:
        wave_id = wave.id
    replaced = pulse_store.delete_pulse(db, workshop_id, wave_id)
    pulse_id = insert_rows(db, "pulses", [{"workshop_id": workshop_id, "wave_id": wave_id,
                                           "scale_max": preview.scale_max,
                                           "method": "answers"}])[0]
    pulse_store.insert_answers(db, workshop_id, pulse_id,
                               [(r.respondent, r.values) for r in preview.rows])
    changes = Change.PULSE | (Change.WAVES if added else Change.NONE)
    return PulseImportResult(workshop_id, preview.wave, wave_id, len(preview.rows), added,
                             replaced, changes)
