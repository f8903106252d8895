"""The rows an edit takes with it: each deletion's own rows and those that go with them.

A deletion in the library cascades through foreign keys; the edit that deletes keeps
every row that goes, so its undo can put them all back with their own ids. Each
function returns (table, rows) groups, parents first, with empty groups kept (the
services leave them out of the edit); the first group is empty when the row is not
in this workshop.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rcdesk.store.rows import fetch_rows

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database

Groups = tuple[tuple[str, list[dict[str, Any]]], ...]

_OWN = "id = ? AND workshop_id = ?"


def role_with_ties(db: Database, workshop_id: int, role_id: int) -> Groups:
    """A role with its ties (either way), their ratings and the survey answers about it."""
    either = [role_id, role_id]
    return (
        ("roles", fetch_rows(db, "roles", _OWN, [role_id, workshop_id])),
        ("ties", fetch_rows(db, "ties", "source_id = ? OR target_id = ?", either)),
        ("ratings", fetch_rows(
            db, "ratings", "tie_id IN (SELECT id FROM ties WHERE source_id = ? OR target_id = ?)",
            either)),
        ("survey_responses", fetch_rows(db, "survey_responses",
                                        "source_id = ? OR target_id = ?", either)),
    )


def ties_with_ratings(db: Database, workshop_id: int, tie_ids: Sequence[int]) -> Groups:
    """This workshop's ties among `tie_ids`, with their ratings."""
    marks = ", ".join("?" for _ in tie_ids)
    return (
        ("ties", fetch_rows(db, "ties", f"workshop_id = ? AND id IN ({marks})",
                            [workshop_id, *tie_ids])),
        ("ratings", fetch_rows(db, "ratings", f"tie_id IN ({marks})", list(tie_ids))),
    )


def rating_rows(db: Database, tie_id: int, wave_id: int, key: str) -> list[dict[str, Any]]:
    """The stored rating of a tie on one dimension in one wave (none or one row)."""
    return fetch_rows(db, "ratings", "tie_id = ? AND wave_id = ? AND dimension = ?",
                      [tie_id, wave_id, key])


def wave_with_records(db: Database, workshop_id: int, wave_id: int) -> Groups:
    """A wave with its ratings, survey answers and their provenance and showings, structure
    ratings, and its pulse (answers, tallies, showings): all cascade with the wave."""
    one = [wave_id]
    of_pulse = "pulse_id IN (SELECT id FROM pulses WHERE wave_id = ?)"
    return (
        ("waves", fetch_rows(db, "waves", _OWN, [wave_id, workshop_id])),
        ("ratings", fetch_rows(db, "ratings", "wave_id = ?", one)),
        ("survey_responses", fetch_rows(db, "survey_responses", "wave_id = ?", one)),
        ("survey_imports", fetch_rows(db, "survey_imports", "wave_id = ?", one)),
        ("room_showings", fetch_rows(db, "room_showings", "wave_id = ?", one)),
        ("structure_ratings", fetch_rows(db, "structure_ratings", "wave_id = ?", one)),
        ("pulses", fetch_rows(db, "pulses", "wave_id = ?", one)),
        ("pulse_answers", fetch_rows(db, "pulse_answers", of_pulse, one)),
        ("pulse_tallies", fetch_rows(db, "pulse_tallies", of_pulse, one)),
        ("pulse_showings", fetch_rows(db, "pulse_showings", "wave_id = ?", one)),
    )


def meeting_with_agenda(db: Database, workshop_id: int, meeting_id: int) -> Groups:
    """A meeting with its agenda steps."""
    return (
        ("meetings", fetch_rows(db, "meetings", _OWN, [meeting_id, workshop_id])),
        ("agenda_steps", fetch_rows(db, "agenda_steps", "meeting_id = ?", [meeting_id])),
    )


def gap_with_records(db: Database, workshop_id: int, gap_id: int) -> Groups:
    """A gap with its experiments and measure values."""
    return (
        ("gaps", fetch_rows(db, "gaps", _OWN, [gap_id, workshop_id])),
        ("experiments", fetch_rows(db, "experiments", "gap_id = ?", [gap_id])),
        ("measure_values", fetch_rows(db, "measure_values", "gap_id = ?", [gap_id])),
    )


def structure_with_records(db: Database, workshop_id: int, structure_id: int) -> Groups:
    """A structure with its ratings and links."""
    return (
        ("structures", fetch_rows(db, "structures", _OWN, [structure_id, workshop_id])),
        ("structure_ratings", fetch_rows(db, "structure_ratings", "structure_id = ?",
                                         [structure_id])),
        ("structure_links", fetch_rows(db, "structure_links", "structure_id = ?",
                                       [structure_id])),
    )


def pulse_with_records(db: Database, workshop_id: int, pulse_id: int) -> Groups:
    """A wave's pulse with its answers and tallies (its showings stay: kept for good)."""
    return (
        ("pulses", fetch_rows(db, "pulses", _OWN, [pulse_id, workshop_id])),
        ("pulse_answers", fetch_rows(db, "pulse_answers", "pulse_id = ?", [pulse_id])),
        ("pulse_tallies", fetch_rows(db, "pulse_tallies", "pulse_id = ?", [pulse_id])),
    )
