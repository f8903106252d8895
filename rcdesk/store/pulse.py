"""Psychological-safety pulses in the library (`pulses`, `pulse_answers`, `pulse_tallies`).

One pulse per wave: its scale size and how it was collected (individual answers
from pass-the-laptop or an imported file, or counts per scale point after a show
of cards). Writers do not open transactions: services call them inside
`run_in_transaction` or through an Edit. The workshop's own item wording lives in
`workshops.pulse_items` as JSON: {"ps1": {"wording": "...", "reversed": true}, ...}.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rcdesk.domain.psych_safety import ITEM_KEYS

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database

_ANSWER_COLUMNS = ", ".join(ITEM_KEYS)


@dataclass(frozen=True)
class PulseRow:
    id: int
    wave_id: int
    scale_max: int
    method: str  # "answers" | "tally"


def get_pulse(db: Database, workshop_id: int, wave_id: int) -> PulseRow | None:
    row = db.conn.execute(
        "SELECT id, wave_id, scale_max, method FROM pulses WHERE workshop_id = ? AND wave_id = ?",
        [workshop_id, wave_id]).fetchone()
    return None if row is None else PulseRow(int(row[0]), int(row[1]), int(row[2]), str(row[3]))


def delete_pulse(db: Database, workshop_id: int, wave_id: int) -> bool:
    """Delete a wave's pulse with its answers and tallies; whether there was one."""
    cursor = db.conn.execute("DELETE FROM pulses WHERE workshop_id = ? AND wave_id = ?",
                             [workshop_id, wave_id])
    return cursor.rowcount > 0


def load_answers(db: Database, pulse_id: int) -> list[dict[str, int | None]]:
    """Every answer set of a pulse as item key → value (None = skipped), in stored order."""
    rows = db.conn.execute(
        f"SELECT {_ANSWER_COLUMNS} FROM pulse_answers WHERE pulse_id = ? ORDER BY id",
        [pulse_id])
    return [dict(zip(ITEM_KEYS, row, strict=True)) for row in rows]


def count_answers(db: Database, pulse_id: int) -> int:
    row = db.conn.execute("SELECT count(*) FROM pulse_answers WHERE pulse_id = ?",
                          [pulse_id]).fetchone()
    return int(row[0])


def count_answered(db: Database, pulse_id: int) -> int:
    """Answer sets with at least one statement answered: the n a showing counts."""
    any_answer = " OR ".join(f"{key} IS NOT NULL" for key in ITEM_KEYS)
    row = db.conn.execute(f"SELECT count(*) FROM pulse_answers WHERE pulse_id = ? AND "
                          f"({any_answer})", [pulse_id]).fetchone()
    return int(row[0])


def respondents(db: Database, pulse_id: int) -> set[str]:
    rows = db.conn.execute("SELECT respondent FROM pulse_answers WHERE pulse_id = ?",
                           [pulse_id])
    return {str(row[0]) for row in rows}


def load_tally(db: Database, pulse_id: int) -> dict[str, dict[int, int]]:
    """item key → scale point → count (only the stored, possibly zero, cells)."""
    tally: dict[str, dict[int, int]] = {}
    for item, point, count in db.conn.execute(
            "SELECT item, point, count FROM pulse_tallies WHERE pulse_id = ? ORDER BY id",
            [pulse_id]):
        tally.setdefault(str(item), {})[int(point)] = int(count)
    return tally


def insert_answers(db: Database, workshop_id: int, pulse_id: int,
                   answers: Sequence[tuple[str, Sequence[int | None]]]) -> None:
    """Add (respondent, values in ITEM_KEYS order) rows; the caller holds the transaction."""
    marks = ", ".join("?" for _ in ITEM_KEYS)
    db.conn.executemany(
        f"INSERT INTO pulse_answers (workshop_id, pulse_id, respondent, {_ANSWER_COLUMNS}) "
        f"VALUES (?, ?, ?, {marks})",
        ((workshop_id, pulse_id, respondent, *values) for respondent, values in answers))


def waves_with_pulse(db: Database, workshop_id: int) -> set[int]:
    rows = db.conn.execute("SELECT wave_id FROM pulses WHERE workshop_id = ?", [workshop_id])
    return {int(row[0]) for row in rows}


def item_overrides(db: Database, workshop_id: int) -> dict[str, dict[str, Any]]:
    """The workshop's own wording and reverse keys, by item key (unknown shapes ignored)."""
    row = db.conn.execute("SELECT pulse_items FROM workshops WHERE id = ?",
                          [workshop_id]).fetchone()
    try:
        value = json.loads(row[0] or "{}") if row else {}
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if k in ITEM_KEYS and isinstance(v, dict)}


def overrides_text(overrides: dict[str, dict[str, Any]]) -> str:
    return json.dumps(overrides, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class ShowingRow:
    """One "Show results" of a wave's pulse answers: when, at what n, and what was shown
    (raw statement means and answer counts of the statements shown)."""

    id: int
    wave_id: int
    shown_at: str
    n: int
    scale_max: int
    means: dict[str, float]
    counts: dict[str, int]


def _figures(text: str) -> tuple[dict[str, float], dict[str, int]]:
    """The stored figures; unknown or damaged shapes read as nothing shown."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}, {}
    if not isinstance(value, dict):
        return {}, {}
    means, counts = value.get("means"), value.get("counts")
    if not isinstance(means, dict) or not isinstance(counts, dict):
        return {}, {}
    good = [key for key in ITEM_KEYS
            if isinstance(means.get(key), (int, float)) and isinstance(counts.get(key), int)]
    return ({key: float(means[key]) for key in good}, {key: int(counts[key]) for key in good})


def figures_text(means: dict[str, float], counts: dict[str, int]) -> str:
    return json.dumps({"means": means, "counts": counts}, sort_keys=True)


def list_showings(db: Database, workshop_id: int, wave_id: int) -> list[ShowingRow]:
    """Every showing of the wave's pulse answers, oldest first."""
    rows = db.conn.execute(
        "SELECT id, wave_id, shown_at, n, scale_max, figures FROM pulse_showings "
        "WHERE workshop_id = ? AND wave_id = ? ORDER BY id", [workshop_id, wave_id])
    return [ShowingRow(int(r[0]), int(r[1]), str(r[2]), int(r[3]), int(r[4]), *_figures(r[5]))
            for r in rows]
