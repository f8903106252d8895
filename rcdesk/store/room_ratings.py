"""In-room ratings in the library (issue 20): the answers of "Rate the map" are survey
answers (`survey_responses`) whose respondent is `in-room-<number>`, numbered per wave in
the order people finished; the showings of a wave's in-room ratings are `room_showings`
rows, one per tie per showing (its n and the last respondent number it took).

Writers do not open transactions (services write through Edits). Reads use the raw
connection and plain tuples, like store/survey.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rcdesk.domain.dimensions import DIMENSION_KEYS

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database

#: The respondent id of an in-room rating is this prefix and a number: never a name.
ROOM_PREFIX = "in-room-"
_NUMBER = (f"CASE WHEN respondent GLOB '{ROOM_PREFIX}[0-9]*' "
           f"THEN CAST(substr(respondent, {len(ROOM_PREFIX) + 1}) AS INTEGER) END")
_VALUES = ", ".join((*DIMENSION_KEYS, "overall"))

#: (in-room respondent number or None for an imported answer, rater, rated, the seven
#: values and the overall rating).
NumberedValues = tuple[int | None, int, int, tuple[int | None, ...]]


def respondent_name(number: int) -> str:
    return f"{ROOM_PREFIX}{number}"


def last_number(db: Database, wave_id: int) -> int:
    """The highest in-room respondent number of the wave (0: nobody yet)."""
    row = db.conn.execute(f"SELECT max({_NUMBER}) FROM survey_responses WHERE wave_id = ?",
                          [wave_id]).fetchone()
    return int(row[0] or 0)


def count_respondents(db: Database, wave_id: int) -> int:
    """How many people rated the map in the room in this wave."""
    row = db.conn.execute(
        f"SELECT count(DISTINCT respondent) FROM survey_responses WHERE wave_id = ? "
        f"AND ({_NUMBER}) IS NOT NULL", [wave_id]).fetchone()
    return int(row[0])


def has_room_answers(db: Database, wave_id: int) -> bool:
    return count_respondents(db, wave_id) > 0


def load_numbered_values(db: Database, wave_id: int) -> list[NumberedValues]:
    """Every answer of the wave with its in-room number (None for imported answers)."""
    rows = db.conn.execute(
        f"SELECT {_NUMBER}, source_id, target_id, {_VALUES} FROM survey_responses "
        "WHERE wave_id = ? ORDER BY id", [wave_id])
    return [(row[0], row[1], row[2], tuple(row[3:])) for row in rows]


@dataclass(frozen=True)
class ShownTie:
    """A tie at a showing: the respondents it counted and the last in-room number taken."""

    n: int
    through: int


@dataclass(frozen=True)
class Showing:
    number: int  # 1, 2, … within the wave
    shown_at: str
    ties: dict[tuple[int, int], ShownTie]


def last_showing(db: Database, wave_id: int) -> Showing | None:
    """The wave's last showing of its in-room ratings, or None before the first."""
    row = db.conn.execute("SELECT max(showing) FROM room_showings WHERE wave_id = ?",
                          [wave_id]).fetchone()
    if row[0] is None:
        return None
    number = int(row[0])
    rows = list(db.conn.execute(
        "SELECT shown_at, source_id, target_id, n, through FROM room_showings "
        "WHERE wave_id = ? AND showing = ? ORDER BY id", [wave_id, number]))
    ties = {(int(r[1]), int(r[2])): ShownTie(int(r[3]), int(r[4])) for r in rows
            if r[1] is not None and r[2] is not None}
    return Showing(number, str(rows[0][0]) if rows else "", ties)


def count_showings(db: Database, wave_id: int) -> int:
    row = db.conn.execute("SELECT count(DISTINCT showing) FROM room_showings WHERE wave_id = ?",
                          [wave_id]).fetchone()
    return int(row[0])

