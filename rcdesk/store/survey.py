"""Survey answers in the library (`survey_responses`: one row per respondent × target × wave).

Writers do not open transactions: services call them inside `run_in_transaction`,
so an import or a purge is all or nothing. Reads use the raw connection and plain
tuples, because a wave can hold 100,000 answers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from typing import TYPE_CHECKING

from rcdesk.domain.dimensions import DIMENSION_KEYS
from rcdesk.domain.survey import SurveyAnswer

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database

_VALUE_COLUMNS = ", ".join(DIMENSION_KEYS)
_INSERT = (
    f"INSERT INTO survey_responses (wave_id, respondent, source_id, target_id, {_VALUE_COLUMNS}) "
    f"VALUES (?, ?, ?, ?, {', '.join('?' for _ in DIMENSION_KEYS)})"
)


def insert_answers(db: Database, wave_id: int, answers: Iterable[SurveyAnswer]) -> None:
    """Add answers to a wave in one executemany (the caller holds the transaction)."""
    db.conn.executemany(
        _INSERT,
        ((wave_id, a.respondent, a.source_id, a.target_id, *a.values) for a in answers),
    )


#: Answers per INSERT statement in a bulk write: one statement of many rows costs far
#: less than as many one-row statements (each also reads and writes the AUTOINCREMENT
#: sequence); 11 parameters a row stays under SQLite's oldest limit of 999.
ROWS_PER_INSERT = 90
_INSERT_MANY = _INSERT + f", ({', '.join('?' for _ in range(4 + len(DIMENSION_KEYS)))})" * (
    ROWS_PER_INSERT - 1)


def insert_answer_rows(db: Database, rows: Iterable[Sequence[object]],
                       count: int | None = None) -> None:
    """Add answers given as (wave id, respondent, rater role id, rated role id, seven
    scores), read one at a time from `rows` (the caller holds the transaction). Given
    their `count`, they go ROWS_PER_INSERT to a statement (the rest one by one)."""
    rows = iter(rows)
    if count is not None and count >= ROWS_PER_INSERT:
        flat = chain.from_iterable(islice(rows, count - count % ROWS_PER_INSERT))
        width = ROWS_PER_INSERT * (4 + len(DIMENSION_KEYS))
        db.conn.executemany(_INSERT_MANY, zip(*[flat] * width, strict=True))
    db.conn.executemany(_INSERT, rows)


#: Page cache while a big import writes (the indexes' pages then stay in memory).
BULK_CACHE_KB = 64 * 1024
#: From this many new answers, and at least as many as the table holds, the plain
#: indexes are dropped and built again after the insert: one sort instead of a
#: million scattered index updates (about 40% of a 1,000,000-row import's write).
BULK_REINDEX_ROWS = 100_000


@contextmanager
def bulk_insert(db: Database, rows: int) -> Iterator[None]:
    """Around one bulk write of `rows` answers, inside the caller's transaction (so a
    failure rolls the dropped indexes back too): a larger page cache and, for a big
    write, the plain indexes rebuilt afterwards from their own stored SQL."""
    conn = db.conn
    before = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KB}")
    indexes: list[tuple[str, str]] = []
    if rows >= BULK_REINDEX_ROWS and rows >= count_all_answers(db):
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'survey_responses' AND sql IS NOT NULL").fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
    try:
        yield
        for _, sql in indexes:
            conn.execute(sql)
    finally:
        conn.execute(f"PRAGMA cache_size = {before}")


def count_all_answers(db: Database) -> int:
    """Answers in the whole library (every workshop and wave)."""
    return int(db.conn.execute("SELECT count(*) FROM survey_responses").fetchone()[0])


def delete_wave_answers(db: Database, wave_id: int) -> int:
    """Remove every answer of a wave; return how many there were."""
    cursor = db.conn.execute("DELETE FROM survey_responses WHERE wave_id = ?", [wave_id])
    return int(cursor.rowcount)


def load_answers(db: Database, wave_id: int) -> list[SurveyAnswer]:
    """Every answer of a wave, in the order they were stored."""
    rows = db.conn.execute(
        f"SELECT respondent, source_id, target_id, {_VALUE_COLUMNS} FROM survey_responses "
        "WHERE wave_id = ? ORDER BY id", [wave_id])
    return [SurveyAnswer(row[0], row[1], row[2], row[3:]) for row in rows]


def load_tie_values(db: Database, wave_id: int) -> list[tuple[int, int, tuple[int | None, ...]]]:
    """(rater role, rated role, values) of every answer of a wave: what scoring needs,
    without building 100,000 SurveyAnswer objects. The values are the seven dimensions and
    then the single overall rating of the in-room short form (issue 20)."""
    rows = db.conn.execute(
        f"SELECT source_id, target_id, {_VALUE_COLUMNS}, overall FROM survey_responses "
        "WHERE wave_id = ? ORDER BY id", [wave_id])
    return [(row[0], row[1], row[2:]) for row in rows]


def count_answers(db: Database, wave_id: int) -> int:
    row = db.conn.execute("SELECT count(*) FROM survey_responses WHERE wave_id = ?",
                          [wave_id]).fetchone()
    return int(row[0])


def count_respondents(db: Database, wave_id: int) -> int:
    row = db.conn.execute(
        "SELECT count(DISTINCT respondent) FROM survey_responses WHERE wave_id = ?", [wave_id]
    ).fetchone()
    return int(row[0])


def waves_with_answers(db: Database, workshop_id: int) -> set[int]:
    """Ids of the workshop's waves that hold survey answers."""
    rows = db.conn.execute(
        "SELECT id FROM waves w WHERE workshop_id = ? AND EXISTS "
        "(SELECT 1 FROM survey_responses s WHERE s.wave_id = w.id)", [workshop_id])
    return {int(row[0]) for row in rows}


def answers_fingerprint(db: Database, wave_id: int) -> tuple[int, str]:
    """Which answers a wave holds: their count and a digest of their ids.

    Answers are only ever inserted and deleted, never updated (an undo puts back the
    same rows with the same ids), so the same set of ids means the same answers. A
    cache of a wave's scores keyed by this can therefore never show a stale number,
    whichever connection or process changed the wave.
    """
    row = db.conn.execute(
        "SELECT count(*), group_concat(id) FROM "
        "(SELECT id FROM survey_responses WHERE wave_id = ? ORDER BY id)", [wave_id]).fetchone()
    ids = row[1] or ""
    return int(row[0]), hashlib.blake2b(ids.encode("ascii"), digest_size=16).hexdigest()


def change_stamp(db: Database) -> tuple[int, int]:
    """A stamp of the library as this connection sees it: equal stamps from one connection
    mean nothing was written in between, by it (its total_changes) or by any other
    connection or process (SQLite's data_version). Taking one costs microseconds, where a
    big wave's answers_fingerprint reads 30,000 ids."""
    version = db.conn.execute("PRAGMA data_version").fetchone()[0]
    return int(version), int(db.conn.total_changes)


# -- provenance (survey_imports: one row per import and wave) --------------------------------


def add_import_record(db: Database, workshop_id: int, wave_id: int, imported_at: str,
                      record: dict[str, object]) -> None:
    """Record where a wave's answers came from (the caller holds the transaction)."""
    db.conn.execute(
        "INSERT INTO survey_imports (workshop_id, wave_id, imported_at, record) "
        "VALUES (?, ?, ?, ?)",
        [workshop_id, wave_id, imported_at, json.dumps(record, ensure_ascii=False)])


def delete_import_records(db: Database, wave_id: int) -> None:
    """What went with a wave's answers, deleted with them: where they came from, and what
    the room was shown of its own ratings (left behind, the room's numbering would start
    again under an old showing's count and show the next person alone)."""
    db.conn.execute("DELETE FROM survey_imports WHERE wave_id = ?", [wave_id])
    db.conn.execute("DELETE FROM room_showings WHERE wave_id = ?", [wave_id])


def import_records(db: Database, wave_id: int) -> list[dict[str, object]]:
    """The records of the imports that wrote a wave's answers, oldest first; each with its
    `imported_at`. A damaged record reads as {} rather than failing a view."""
    rows = db.conn.execute(
        "SELECT imported_at, record FROM survey_imports WHERE wave_id = ? ORDER BY id",
        [wave_id])
    found: list[dict[str, object]] = []
    for imported_at, text in rows:
        try:
            record = json.loads(text)
        except (TypeError, ValueError):
            record = {}
        found.append({**(record if isinstance(record, dict) else {}),
                      "imported_at": imported_at})
    return found
