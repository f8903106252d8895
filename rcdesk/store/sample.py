"""The rows of the sample workshop (services/sample builds it from resources/sample/).

Named writes for what the sample adds beyond a new workshop's roles: where the roles
stand, its waves, ties and ratings, meetings, agenda as run, captures, gaps with their
cycles and measure values, pulses, structures and aims' drivers. The sample speaks in
domain objects and plain values; the SQL is here. Called inside build_sample's one
transaction, so none of these commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from rcdesk.domain.agenda import AgendaStep
from rcdesk.domain.attendance import attendance_text
from rcdesk.domain.captures import Capture
from rcdesk.domain.experiments import Experiment
from rcdesk.domain.gaps import Gap
from rcdesk.domain.model import Meeting
from rcdesk.domain.names import name_key
from rcdesk.domain.psych_safety import ITEM_KEYS
from rcdesk.domain.structures import Structure, StructureRating
from rcdesk.store.agenda import agenda_step_row
from rcdesk.store.captures import capture_row
from rcdesk.store.gaps import experiment_row, gap_row
from rcdesk.store.pulse import figures_text
from rcdesk.store.rows import fetch_rows, insert_rows
from rcdesk.store.structures import structure_row

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database


def _new(row: Mapping[str, Any]) -> dict[str, Any]:
    """A domain object's row without its id (the table hands one out)."""
    return {k: v for k, v in row.items() if k != "id"}


# -- the map ---------------------------------------------------------------------------------


def place_role(db: Database, role_id: int, *, headcount: int | None, colour: str | None,
               x: float | None, y: float | None) -> None:
    db.execute("UPDATE roles SET headcount = ?, colour = ?, x = ?, y = ? WHERE id = ?",
               [headcount, colour, x, y, role_id])


def clear_waves(db: Database, workshop_id: int) -> None:
    """Drop the waves a new workshop starts with (the sample brings its own)."""
    db.execute("DELETE FROM waves WHERE workshop_id = ?", [workshop_id])


def add_wave(db: Database, workshop_id: int, name: str, position: int,
             day: str | None) -> int:
    """A wave on its day (ISO text, as the sample file gives it); its id."""
    return insert_rows(db, "waves", [{
        "workshop_id": workshop_id, "name": name, "name_key": name_key(name),
        "position": position, "date": day}])[0]


def insert_wave_by_date(db: Database, workshop_id: int, name: str, when: str) -> int:
    """A wave placed among the workshop's waves in date order (those after it move down
    one); its id."""
    position = len(fetch_rows(db, "waves", "workshop_id = ? AND date <= ?",
                              [workshop_id, when]))
    db.execute("UPDATE waves SET position = position + 1 WHERE workshop_id = ? AND "
               "position >= ?", [workshop_id, position])
    return add_wave(db, workshop_id, name, position, when)


def add_tie(db: Database, workshop_id: int, source_id: int, target_id: int) -> int:
    return insert_rows(db, "ties", [{
        "workshop_id": workshop_id, "source_id": source_id, "target_id": target_id}])[0]


def add_ratings(db: Database, tie_id: int, wave_id: int, values: Mapping[str, int]) -> None:
    """The tie's rating of each dimension (key → 1–5) in the wave."""
    insert_rows(db, "ratings", [
        {"tie_id": tie_id, "wave_id": wave_id, "dimension": key, "value": value}
        for key, value in values.items()])


def add_meetings(db: Database, meetings: Iterable[Meeting]) -> None:
    insert_rows(db, "meetings", [
        {"workshop_id": m.workshop_id, "kind": m.kind.value, "title": m.title,
         "notes": m.notes, "attendance": attendance_text(m.attendance),
         "date": m.date.isoformat()}
        for m in meetings])


# -- conversations ---------------------------------------------------------------------------


def add_agenda_steps(db: Database, steps: Iterable[AgendaStep]) -> None:
    insert_rows(db, "agenda_steps", [_new(agenda_step_row(step)) for step in steps])


def add_captures(db: Database, captures: Iterable[Capture]) -> None:
    insert_rows(db, "captures", [_new(capture_row(capture)) for capture in captures])


def add_pulse(db: Database, workshop_id: int, wave_id: int, scale_max: int,
              method: str) -> int:
    """A wave's pulse, collected as "tally" or "answers"; its id."""
    return insert_rows(db, "pulses", [{
        "workshop_id": workshop_id, "wave_id": wave_id, "scale_max": scale_max,
        "method": method}])[0]


def add_tallies(db: Database, workshop_id: int, pulse_id: int,
                tally: Mapping[str, Sequence[int]]) -> None:
    """Each statement's counts per point of the scale (point 1 first); zero counts unwritten."""
    insert_rows(db, "pulse_tallies", [
        {"workshop_id": workshop_id, "pulse_id": pulse_id, "item": item, "point": point,
         "count": count}
        for item in ITEM_KEYS
        for point, count in enumerate(tally[item], start=1) if count])


def add_showing(db: Database, workshop_id: int, wave_id: int, shown_at: str, *, n: int,
                scale_max: int, means: dict[str, float], counts: dict[str, int]) -> None:
    """A recorded "Show results" of a wave's answers: when, n and the figures shown."""
    insert_rows(db, "pulse_showings", [{
        "workshop_id": workshop_id, "wave_id": wave_id, "shown_at": shown_at, "n": n,
        "scale_max": scale_max, "figures": figures_text(means, counts)}])


# -- gaps, aims and structures ---------------------------------------------------------------


def add_gap(db: Database, gap: Gap) -> int:
    return insert_rows(db, "gaps", [_new(gap_row(gap))])[0]


def add_experiment(db: Database, experiment: Experiment) -> int:
    return insert_rows(db, "experiments", [_new(experiment_row(experiment))])[0]


def add_measure_values(db: Database, workshop_id: int, gap_id: int,
                       values: Iterable[tuple[date, float]]) -> None:
    """A gap's (or an aim's) measure values, (day, value), without notes."""
    insert_rows(db, "measure_values", [
        {"workshop_id": workshop_id, "gap_id": gap_id, "value": value, "note": "",
         "date": day.isoformat()}
        for day, value in values])


def add_structure(db: Database, structure: Structure) -> int:
    return insert_rows(db, "structures", [_new(structure_row(structure))])[0]


def add_structure_ratings(db: Database, workshop_id: int,
                          ratings: Iterable[StructureRating]) -> None:
    insert_rows(db, "structure_ratings", [
        {"workshop_id": workshop_id, "structure_id": r.structure_id, "wave_id": r.wave_id,
         "current": r.current, "desired": r.desired, "evidence": r.evidence}
        for r in ratings])


def add_structure_links(db: Database, workshop_id: int, structure_id: int, *,
                        role_ids: Iterable[int], tie_ids: Iterable[int],
                        gap_ids: Iterable[int]) -> None:
    """What a structure touches (roles, ties) and the gaps that carry it out."""
    base = {"workshop_id": workshop_id, "structure_id": structure_id}
    insert_rows(db, "structure_links", [
        *({**base, "role_id": role_id} for role_id in role_ids),
        *({**base, "tie_id": tie_id} for tie_id in tie_ids),
        *({**base, "gap_id": gap_id} for gap_id in gap_ids)])


def add_gap_drivers(db: Database, workshop_id: int, gap_id: int, *,
                    dimensions: Iterable[str], tie_ids: Iterable[int]) -> None:
    """An aim's drivers: the dimensions and the ties it depends on."""
    insert_rows(db, "gap_drivers", [
        *({"workshop_id": workshop_id, "gap_id": gap_id, "dimension": key}
          for key in dimensions),
        *({"workshop_id": workshop_id, "gap_id": gap_id, "tie_id": tie_id}
          for tie_id in tie_ids)])
