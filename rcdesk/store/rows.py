"""Generic row writes used by services' edits. Callers wrap them in `db.atomic()`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only a type: the app starts without importing sqlite-utils
    from sqlite_utils import Database

Row = Mapping[str, Any]

#: Tables an edit may touch; guards the table names interpolated into SQL.
TABLES = frozenset({"workshops", "roles", "waves", "ties", "ratings", "meetings",
                    "survey_responses", "gaps", "experiments", "measure_values", "decks",
                    "agenda_steps", "captures", "pulses", "pulse_answers", "pulse_tallies",
                    "pulse_showings", "structures", "structure_ratings", "structure_links",
                    "gap_drivers", "survey_imports", "room_showings", "dot_votes",
                    "dot_vote_marks"})


#: A workshop's tables, parents first, with their foreign keys (column → parent table).
#: Duplicating a workshop and the .rcdesk workshop file both follow this one list. A
#: gap's tie and owner and an experiment's previous cycle are plain ids that may point
#: at a deleted row; copies write them as null.
WORKSHOP_TABLES: tuple[tuple[str, dict[str, str]], ...] = (
    ("roles", {}),
    ("waves", {}),
    ("ties", {"source_id": "roles", "target_id": "roles"}),
    ("ratings", {"tie_id": "ties", "wave_id": "waves"}),
    ("meetings", {}),
    ("survey_responses", {"wave_id": "waves", "source_id": "roles", "target_id": "roles"}),
    ("gaps", {"tie_id": "ties", "owner_role_id": "roles"}),
    ("experiments", {"gap_id": "gaps", "previous_id": "experiments"}),
    ("measure_values", {"gap_id": "gaps"}),
    ("agenda_steps", {"meeting_id": "meetings"}),
    ("captures", {"meeting_id": "meetings", "agenda_step_id": "agenda_steps",
                  "speaker_role_id": "roles", "source_role_id": "roles",
                  "target_role_id": "roles", "gap_id": "gaps"}),
    ("pulses", {"wave_id": "waves"}),
    ("pulse_answers", {"pulse_id": "pulses"}),
    ("pulse_tallies", {"pulse_id": "pulses"}),
    ("pulse_showings", {"wave_id": "waves"}),
    ("structures", {"owner_role_id": "roles"}),
    ("structure_ratings", {"structure_id": "structures", "wave_id": "waves"}),
    ("structure_links", {"structure_id": "structures", "role_id": "roles", "tie_id": "ties",
                         "gap_id": "gaps"}),
    ("gap_drivers", {"gap_id": "gaps", "tie_id": "ties"}),
    ("survey_imports", {"wave_id": "waves"}),
    ("room_showings", {"wave_id": "waves", "source_id": "roles", "target_id": "roles"}),
    ("dot_votes", {}),
    ("dot_vote_marks", {"vote_id": "dot_votes", "gap_id": "gaps"}),
)


#: JSON columns whose object keys are ids of a parent table (table → {column: parent}):
#: a meeting's attendance counts people by role id. Copies map these keys as they map
#: foreign keys, and drop a key whose row was not copied.
ID_KEYED_JSON: dict[str, dict[str, str]] = {"meetings": {"attendance": "roles"}}


def remap_id_keys(text: str | None, ids: Mapping[int, int]) -> str:
    """A JSON object keyed by ids, with the keys mapped by `ids` (unmapped keys dropped).

    Raises ValueError when the text is not a JSON object with integer keys.
    """
    value = json.loads(text or "{}")
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    mapped = {ids[int(key)]: item for key, item in value.items() if int(key) in ids}
    return json.dumps({str(key): mapped[key] for key in sorted(mapped)}, separators=(",", ":"))


def _check(table: str) -> str:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    return table


def insert_rows(db: Database, table: str, rows: Iterable[Row]) -> list[int]:
    """Insert rows as given (ids included when present); return the new ids."""
    ids = []
    statements: dict[tuple[str, ...], str] = {}
    for row in rows:
        columns = tuple(row)
        sql = statements.get(columns)
        if sql is None:
            sql = statements[columns] = (
                f"INSERT INTO {_check(table)} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})"
            )
        cursor = db.conn.execute(sql, [row[c] for c in columns])
        ids.append(int(cursor.lastrowid or 0))
    return ids


def insert_many(db: Database, table: str, rows: Iterable[Row]) -> None:
    """Insert rows that all have the first row's columns with one executemany, read one at
    a time (ids as given or new; none returned): a table's 1,000,000 rows in one go."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return
    columns = tuple(first)
    sql = (f"INSERT INTO {_check(table)} ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    db.conn.executemany(sql, ([row[c] for c in columns] for row in chain([first], iterator)))


def delete_rows(db: Database, table: str, ids: Iterable[int]) -> None:
    db.conn.executemany(f"DELETE FROM {_check(table)} WHERE id = ?",
                        [(row_id,) for row_id in ids])


def update_row(db: Database, table: str, row_id: int, values: Row) -> None:
    if not values:
        return
    assignments = ", ".join(f"{column} = ?" for column in values)
    db.execute(
        f"UPDATE {_check(table)} SET {assignments} WHERE id = ?", [*values.values(), row_id]
    )


def next_id(db: Database, table: str) -> int:
    """An id never used before in `table`, so undoing an old deletion can always restore
    its rows with their own ids (the tables are AUTOINCREMENT: deleted ids are not handed
    out again)."""
    rows = list(db.query(
        f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), "
        f"coalesce((SELECT max(id) FROM {_check(table)}), 0)) + 1 AS n", [table]))
    return int(rows[0]["n"])


def workshop_row(db: Database, table: str, row_id: int,
                 workshop_id: int) -> dict[str, Any] | None:
    """The full row with this id when it belongs to this workshop (the workshop's own row
    for "workshops"); None otherwise, so an id from another workshop is never edited."""
    scope = "id" if table == "workshops" else "workshop_id"
    rows = fetch_rows(db, table, f"id = ? AND {scope} = ?", [row_id, workshop_id])
    return rows[0] if rows else None


def rows_matching(db: Database, table: str, **equal: Any) -> list[dict[str, Any]]:
    """Full rows whose columns hold the given values (`gap_id=3, workshop_id=1`), by id."""
    if not equal or not all(column.isidentifier() for column in equal):
        raise ValueError(f"bad columns {list(equal)!r}")
    where = " AND ".join(f"{column} = ?" for column in equal)
    return fetch_rows(db, table, where, equal.values())


def rows_by_ids(db: Database, table: str, ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    """The full rows with these ids (those still there), 500 ids to a query."""
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        yield from fetch_rows(db, table, f"id IN ({marks})", chunk)


def total_changes(db: Database) -> int:
    """Rows changed on this connection so far (cascaded deletes included)."""
    return int(db.conn.total_changes)


def iter_rows(db: Database, table: str, where: str, params: Iterable[Any]
              ) -> Iterator[dict[str, Any]]:
    """Full rows matching a WHERE clause, ordered by id, read one at a time (a wave's
    1,000,000 survey answers are never all held)."""
    sql = f"SELECT * FROM {_check(table)} WHERE {where} ORDER BY id"
    return (dict(row) for row in db.query(sql, list(params)))


def table_columns(db: Database, table: str) -> set[str]:
    """The names of a table's columns."""
    return {str(row[1]) for row in db.conn.execute(f"PRAGMA table_info({_check(table)})")}


def rows_owned(db: Database, table: str, column: str, ids: Sequence[int]
               ) -> Iterator[dict[str, Any]]:
    """Full rows whose `column` holds one of `ids`, ordered by id: streamed in one query
    under SQLite's bound-parameter limit, else read 500 ids at a time and sorted."""
    if not column.isidentifier():
        raise ValueError(f"bad column {column!r}")
    if len(ids) <= 500:
        return iter_rows(db, table, f"{column} IN ({', '.join('?' * len(ids))})", ids)
    rows: list[dict[str, Any]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows += fetch_rows(db, table, f"{column} IN ({', '.join('?' * len(chunk))})", chunk)
    return iter(sorted(rows, key=lambda row: row["id"]))


def rows_of_workshop(db: Database, table: str, workshop_id: int) -> Iterator[dict[str, Any]]:
    """A workshop's rows of a table that carries workshop_id, ordered by id, streamed."""
    return iter_rows(db, table, "workshop_id = ?", [workshop_id])


def fetch_rows(db: Database, table: str, where: str, params: Iterable[Any]) -> list[dict[str, Any]]:
    """Full rows (every column) matching a WHERE clause, ordered by id."""
    sql = f"SELECT * FROM {_check(table)} WHERE {where} ORDER BY id"
    return [dict(row) for row in db.query(sql, list(params))]
