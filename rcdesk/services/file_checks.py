"""What every row of a `.rcdesk` workshop file must hold, as one declarative table.

A workshop file may come from a stranger: hand-edited, truncated, or built to hurt.
Before anything is written, every value is checked with the same validators the
app's forms go through (domain/names.py, limits.py, settings.py, gaps.py,
captures.py, attendance.py, decks.py), so an imported workshop holds nothing the
app could not have written itself, and can be shown, scored, exported and opened.

COLUMNS lists each table's columns: a checker (value, label) → cleaned value that
raises ValidationError, whether the column may be null, and its default when the
file leaves it out (REQUIRED: it may not). ROW_RULES hold the rules that span
columns or rows (a pulse answer within its pulse's scale, one tie per pair of
roles). A problem is a FileProblem naming the place: "roles[3].name: …" (rows
counted from 0, as in the file's lists). Foreign keys are checked against the rows
of the parent table that come before, as the import inserts them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from rcdesk.domain.captures import CaptureKind, check_tags
from rcdesk.domain.dimensions import DIMENSION_KEYS, RATING_KEYS
from rcdesk.domain.errors import ValidationError
from rcdesk.domain.gaps import AreaKind, ChartType, MeasureKind, validate_gap
from rcdesk.domain.interventions import STRUCTURAL_KEYS
from rcdesk.domain.limits import (
    MAX_RESPONDENT_LENGTH,
    MAX_STEP_SECONDS,
    MAX_TALLY,
)
from rcdesk.domain.names import name_key
from rcdesk.domain.psych_safety import ITEM_KEYS, SCALE_SIZES
from rcdesk.domain.settings import MAX_ANONYMITY_K, MIN_ANONYMITY_K, PaperSize, WorkshopSettings
from rcdesk.domain.structures import StructureStatus
from rcdesk.services import file_values as v
from rcdesk.services.file_values import Check
from rcdesk.store.gaps import gap_from_row

Row = dict[str, Any]
REQUIRED = object()
#: File-local ids and list positions stay well inside SQLite's 64-bit integers.
MAX_ID = 10**15


class FileProblem(Exception):
    """One value of a file that breaks a rule; `where` is "roles[3].name" or "workshop"."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Col:
    check: Check
    default: Any = REQUIRED
    nullable: bool = False


_ID = v.whole(1, MAX_ID)
_POSITION = v.whole(0, MAX_ID)
_SCORE = Col(v.whole(1, 5), None, nullable=True)
_PULSE_POINT = Col(v.whole(1, max(SCALE_SIZES)), None, nullable=True)
_LONG = Col(v.text(4000), "")


def _texts(*names: str) -> dict[str, Col]:
    return {name: _LONG for name in names}


#: Every table's columns (the file's own ids are checked separately, foreign keys too).
COLUMNS: dict[str, dict[str, Col]] = {
    "workshops": {
        "title": Col(v.name), "team": Col(v.detail, ""), "process": Col(v.detail, ""),
        "facilitator": Col(v.detail, ""), "created_at": Col(v.moment, None, nullable=True),
        "weak_below": Col(v.real(1, 5), 3.5), "strong_above": Col(v.real(1, 5), 4.0),
        "anonymity_k": Col(v.whole(MIN_ANONYMITY_K, MAX_ANONYMITY_K), MIN_ANONYMITY_K),
        "paper_size": Col(v.choice(*(p.value for p in PaperSize)), "A4"),
        "descriptions": Col(v.descriptions, "{}"), "change_threshold": Col(v.real(0, 4), 0.25),
        "pulse_items": Col(v.pulse_items, "{}"),
        "quote_attribution": Col(v.flag, 0), "min_items": Col(v.whole(1, 7), 1),
    },
    "roles": {
        "name": Col(v.name), "position": Col(_POSITION, 0),
        "headcount": Col(v.headcount, None, nullable=True),
        "colour": Col(v.colour, None, nullable=True),
        "x": Col(v.coordinate, None, nullable=True), "y": Col(v.coordinate, None, nullable=True),
        "pinned": Col(v.flag, 0),
    },
    "waves": {"name": Col(v.name), "position": Col(_POSITION, 0),
              "date": Col(v.day, None, nullable=True)},
    "ties": {"source_id": Col(_ID), "target_id": Col(_ID)},
    "ratings": {"tie_id": Col(_ID), "wave_id": Col(_ID), "dimension": Col(v.choice(*RATING_KEYS)),
                "value": Col(v.whole(1, 5))},
    "meetings": {"kind": Col(v.choice("kickoff", "huddle")), "date": Col(v.day),
                 "title": Col(v.meeting_title, ""), "notes": Col(v.notes, ""),
                 "attendance": Col(v.attendance, "{}")},
    "survey_responses": {
        "wave_id": Col(_ID), "respondent": Col(v.text(MAX_RESPONDENT_LENGTH, required=True)),
        "source_id": Col(_ID), "target_id": Col(_ID),
        **{key: _SCORE for key in DIMENSION_KEYS}, "overall": _SCORE,
    },
    "gaps": {
        "title": Col(v.name), "area_kind": Col(v.choice(*(a.value for a in AreaKind)), None,
                                                nullable=True),
        "area_key": Col(v.text(60), None, nullable=True), "tie_id": Col(_ID, None, nullable=True),
        "area_label": Col(v.text(300), ""), **_texts("current_state", "desired_state"),
        "measure_name": Col(v.text(200), ""), "measure_unit": Col(v.text(60), ""),
        "direction": Col(v.choice("higher", "lower"), "higher"),
        "baseline_value": Col(v.measure, None, nullable=True),
        "baseline_date": Col(v.day, None, nullable=True),
        "target_value": Col(v.measure, None, nullable=True),
        "target_date": Col(v.day, None, nullable=True), "priority": Col(v.whole(1, 3), 2),
        "owner_role_id": Col(_ID, None, nullable=True), "owner_name": Col(v.text(120), ""),
        "due": Col(v.day, None, nullable=True),
        "status": Col(v.choice("open", "in_progress", "done", "dropped"), "open"),
        "interventions": Col(v.interventions, "[]"), "created": Col(v.day, None, nullable=True),
        "measure_kind": Col(v.choice(*(k.value for k in MeasureKind)), "continuous"),
        "chart_type": Col(v.choice(*(c.value for c in ChartType)), None, nullable=True),
        "chart_baseline_points": Col(v.whole(2, 10000), None, nullable=True),
        "chart_baseline_until": Col(v.day, None, nullable=True),
        "chart_rebaseline": Col(v.flag, 1),
    },
    "experiments": {
        "gap_id": Col(_ID), "method": Col(v.choice(
            "improvement_science", "lean", "six_sigma", "tqm", "high_reliability"),
            "improvement_science"),
        "change_idea": Col(v.name),
        **_texts("prediction", "prediction_why", "plan_who", "plan_what", "plan_when",
                 "plan_where", "plan_data", "do_observations", "study_results",
                 "study_learning"),
        "do_as_planned": Col(v.flag, None, nullable=True),
        "act": Col(v.choice("adopt", "adapt", "abandon"), None, nullable=True),
        "status": Col(v.choice("planned", "running", "studying", "decided"), "planned"),
        "start": Col(v.day, None, nullable=True), "due": Col(v.day, None, nullable=True),
        "previous_id": Col(_ID, None, nullable=True),
    },
    "measure_values": {"gap_id": Col(_ID), "date": Col(v.day), "value": Col(v.measure),
                       "note": _LONG,
                       "denominator": Col(v.real(1e-9, 1e12), None, nullable=True)},
    "agenda_steps": {
        "meeting_id": Col(_ID), "position": Col(_POSITION, 0), "deck_title": Col(v.text(120), ""),
        "step": Col(v.agenda_step), "planned_minutes": Col(v.minutes),
        "state": Col(v.choice("planned", "current", "run", "skipped"), "planned"),
        "started_at": Col(v.moment, None, nullable=True),
        "seconds": Col(v.real(0, MAX_STEP_SECONDS), 0.0),
    },
    "captures": {
        "meeting_id": Col(_ID, None, nullable=True),
        "agenda_step_id": Col(_ID, None, nullable=True), "created_at": Col(v.moment),
        "kind": Col(v.choice(*(k.value for k in CaptureKind)), "insight"),
        "text": Col(v.capture_text), "speaker_role_id": Col(_ID, None, nullable=True),
        "dimension": Col(v.choice(*DIMENSION_KEYS), None, nullable=True),
        "source_role_id": Col(_ID, None, nullable=True),
        "target_role_id": Col(_ID, None, nullable=True), "gap_id": Col(_ID, None, nullable=True),
    },
    "pulses": {"wave_id": Col(_ID), "scale_max": Col(v.choice(*SCALE_SIZES), 7),
               "method": Col(v.choice("answers", "tally"))},
    "pulse_answers": {"pulse_id": Col(_ID),
                      "respondent": Col(v.text(MAX_RESPONDENT_LENGTH, required=True)),
                      **{key: _PULSE_POINT for key in ITEM_KEYS}},
    "pulse_tallies": {"pulse_id": Col(_ID), "item": Col(v.choice(*ITEM_KEYS)),
                      "point": Col(v.whole(1, max(SCALE_SIZES))),
                      "count": Col(v.whole(0, MAX_TALLY))},
    "pulse_showings": {"wave_id": Col(_ID), "shown_at": Col(v.moment),
                       "n": Col(v.whole(0, MAX_ID)), "scale_max": Col(v.choice(*SCALE_SIZES)),
                       "figures": Col(v.pulse_figures, "{}")},
    "structures": {
        "key": Col(v.choice(*STRUCTURAL_KEYS), None, nullable=True), "name": Col(v.name),
        "works_well": Col(v.text(300), ""), "owner_role_id": Col(_ID, None, nullable=True),
        "owner_name": Col(v.text(120), ""),
        "status": Col(v.choice(*(s.value for s in StructureStatus)), "not_started"),
        "position": Col(_POSITION, 0),
    },
    "structure_ratings": {"structure_id": Col(_ID), "wave_id": Col(_ID),
                          "current": _SCORE, "desired": _SCORE,
                          "evidence": Col(v.text(2000), "")},
    "structure_links": {"structure_id": Col(_ID), "role_id": Col(_ID, None, nullable=True),
                        "tie_id": Col(_ID, None, nullable=True),
                        "gap_id": Col(_ID, None, nullable=True)},
    "gap_drivers": {"gap_id": Col(_ID, None, nullable=True),
                    "dimension": Col(v.choice(*DIMENSION_KEYS), None, nullable=True),
                    "tie_id": Col(_ID, None, nullable=True)},
    "survey_imports": {"wave_id": Col(_ID), "imported_at": Col(v.stamp),
                       "record": Col(v.import_record, "{}")},
    "room_showings": {"wave_id": Col(_ID), "showing": Col(v.whole(1, MAX_ID)),
                      "shown_at": Col(v.moment), "source_id": Col(_ID, None, nullable=True),
                      "target_id": Col(_ID, None, nullable=True),
                      "n": Col(v.whole(0, MAX_ID)), "through": Col(v.whole(0, MAX_ID))},
    "dot_votes": {"created_at": Col(v.moment), "dots": Col(v.whole(1, 20)),
                  "voters": Col(v.whole(1, 1000)), "method": Col(v.choice("laptop", "tally")),
                  "closed_at": Col(v.moment, None, nullable=True)},
    "dot_vote_marks": {"vote_id": Col(_ID), "gap_id": Col(_ID, None, nullable=True),
                       "voter": Col(v.whole(1, 1000), None, nullable=True),
                       "dots": Col(v.whole(0, MAX_TALLY))},
}

#: Columns (or groups of columns) no two rows of a table share.
UNIQUE: dict[str, tuple[tuple[str, ...], ...]] = {
    "ties": (("source_id", "target_id"),),
    "ratings": (("tie_id", "wave_id", "dimension"),),
    "survey_responses": (("wave_id", "respondent", "target_id"),),
    "experiments": (("previous_id",),),
    "pulses": (("wave_id",),),
    "pulse_answers": (("pulse_id", "respondent"),),
    "pulse_tallies": (("pulse_id", "item", "point"),),
    "structures": (("key",),),
    "structure_ratings": (("structure_id", "wave_id"),),
}


# -- checking a value, a row and a table ------------------------------------------------------


def check_value(column: Col, value: Any, where: str, label: str) -> Any:
    if value is None:
        if column.nullable:
            return None
        raise FileProblem(where, "a value is needed here.")
    try:
        return column.check(value, label)
    except ValidationError as exc:
        raise FileProblem(where, str(exc)) from None


def check_row(table: str, row: object, where: str) -> Row:
    """The row with every value checked and cleaned, defaults filled in."""
    if not isinstance(row, dict):
        raise FileProblem(where, "a row must be a JSON object.")
    columns = COLUMNS[table]
    extra = sorted(str(key) for key in row if key not in columns and key != "id")
    if extra:
        raise FileProblem(where, f"unknown column {ascii(extra[0])}.")
    cleaned: Row = {}
    for name, column in columns.items():
        if name not in row:
            if column.default is REQUIRED:
                raise FileProblem(f"{where}.{name}", "this value is missing.")
            cleaned[name] = column.default
            continue
        label = name.replace("_", " ")
        cleaned[name] = check_value(column, row[name], f"{where}.{name}", label)
    return cleaned


@dataclass
class FileTables:
    """The rows checked so far, by table and file id, for foreign keys and row rules."""

    rows: dict[str, dict[int, Row]]

    def row(self, table: str, file_id: int | None) -> Row | None:
        return None if file_id is None else self.rows.get(table, {}).get(file_id)


def checked_rows(table: str, rows: Iterable[object], foreign: Mapping[str, str],
                 seen: FileTables, *, keep: bool = True) -> Iterator[Row]:
    """Every row of one table checked (ids, values, references, rules), one at a time as
    they are read; each comes out with its file "id" first.

    Without `keep` (a table no other row points at: survey answers…) only each row's
    id is remembered, so a 1,000,000-answer file is never held whole."""
    mine: dict[int, Row] = seen.rows.setdefault(table, {})
    keys: dict[tuple[str, ...], set[tuple[Any, ...]]] = {}
    for index, raw in enumerate(rows):
        where = f"{table}[{index}]"
        row = check_row(table, raw, where)
        assert isinstance(raw, dict)  # check_row refuses anything else
        file_id = check_value(Col(_ID), raw.get("id"), f"{where}.id", "id")
        if file_id in mine:
            raise FileProblem(f"{where}.id", f"two rows of {table} have the id {file_id}.")
        _check_references(row, foreign, seen, where)
        _check_unique(table, row, keys, where)
        rule = ROW_RULES.get(table)
        if rule is not None:
            rule(row, seen, where)
        mine[file_id] = row if keep else _ID_ONLY
        yield {"id": file_id, **row}


_ID_ONLY: Row = {}  # what a table not kept remembers of a row: that its id was used


def _check_references(row: Row, foreign: Mapping[str, str], seen: FileTables,
                      where: str) -> None:
    for column, parent in foreign.items():
        value = row.get(column)
        if value is not None and seen.row(parent, value) is None:
            raise FileProblem(f"{where}.{column}", f"there is no {parent} row with the id "
                                                   f"{value} before this row.")


def _check_unique(table: str, row: Row, keys: dict[tuple[str, ...], set[tuple[Any, ...]]],
                  where: str) -> None:
    for columns in UNIQUE.get(table, ()):
        key = tuple(row[c] for c in columns)
        if any(part is None for part in key):
            continue
        if key in keys.setdefault(columns, set()):
            raise FileProblem(where, f"another row of {table} has the same "
                                     f"{', '.join(columns)}.")
        keys[columns].add(key)


# -- rules across columns and rows -----------------------------------------------------------


def check_workshop(row: object) -> Row:
    """The workshop's own row, its settings checked together as the settings form does."""
    cleaned = check_row("workshops", row, "workshop")
    settings = WorkshopSettings(cleaned["weak_below"], cleaned["strong_above"],
                                cleaned["anonymity_k"], PaperSize(cleaned["paper_size"]))
    try:
        settings.validate()
    except ValidationError as exc:
        raise FileProblem(f"workshop.{exc.field}", str(exc)) from None
    if cleaned["change_threshold"] <= 0:
        raise FileProblem("workshop.change_threshold", "The change threshold must be above 0.")
    return cleaned


def _unique_name(table: str) -> Callable[[Row, FileTables, str], None]:
    def rule(row: Row, seen: FileTables, where: str) -> None:
        key = name_key(row["name"])
        if any(name_key(other["name"]) == key for other in seen.rows[table].values()):
            raise FileProblem(f"{where}.name", f"another row of {table} is called "
                                               f"“{row['name']}”.")
    return rule


def _gap_rule(row: Row, seen: FileTables, where: str) -> None:
    gap = gap_from_row({**row, "id": 0, "workshop_id": 0})
    if gap.area_kind is AreaKind.TIE and gap.tie_id is None:
        gap = replace(gap, tie_id=0)  # the tie was deleted before export: the file says null
    try:
        validate_gap(gap)
    except ValidationError as exc:
        raise FileProblem(where, str(exc)) from None


def _experiment_rule(row: Row, seen: FileTables, where: str) -> None:
    if (row["status"] == "decided") != (row["act"] is not None):
        raise FileProblem(f"{where}.act", "Only a decided cycle has a decision, and every "
                                          "decided cycle has one.")
    if row["start"] and row["due"] and row["due"] < row["start"]:
        raise FileProblem(f"{where}.due", "The check date must not come before the start "
                                          "date.")


def _capture_rule(row: Row, seen: FileTables, where: str) -> None:
    try:
        check_tags(row["dimension"], row["source_role_id"], row["target_role_id"])
    except ValidationError as exc:
        raise FileProblem(where, str(exc)) from None


def _pulse_of(row: Row, seen: FileTables, method: str, where: str) -> int:
    pulse = seen.row("pulses", row["pulse_id"])
    assert pulse is not None  # references are checked first
    if pulse["method"] != method:
        raise FileProblem(f"{where}.pulse_id", f"this pulse holds {pulse['method']}, not "
                                               f"{method}.")
    return int(pulse["scale_max"])


def _answer_rule(row: Row, seen: FileTables, where: str) -> None:
    scale = _pulse_of(row, seen, "answers", where)
    for key in ITEM_KEYS:
        if row[key] is not None and row[key] > scale:
            raise FileProblem(f"{where}.{key}", f"Answers are points 1–{scale} of the scale.")


def _tally_rule(row: Row, seen: FileTables, where: str) -> None:
    scale = _pulse_of(row, seen, "tally", where)
    if row["point"] > scale:
        raise FileProblem(f"{where}.point", f"The scale has points 1–{scale}.")


ROW_RULES: dict[str, Callable[[Row, FileTables, str], None]] = {
    "roles": _unique_name("roles"),
    "waves": _unique_name("waves"),
    "gaps": _gap_rule,
    "experiments": _experiment_rule,
    "captures": _capture_rule,
    "pulse_answers": _answer_rule,
    "pulse_tallies": _tally_rule,
}
