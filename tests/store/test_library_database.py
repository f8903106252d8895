"""The library's `db` behaves as sqlite-utils' Database for every call rcdesk makes.

LibraryDatabase answers query/execute/atomic itself so the app starts without importing
sqlite-utils (issue #9). Each case runs against it and against a real sqlite_utils
Database on the same kind of connection: the two must agree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from rcdesk.store.connection import LibraryDatabase, first_keyword, open_library

Make = Callable[[sqlite3.Connection], Any]
KINDS: dict[str, Make] = {
    "rcdesk": LibraryDatabase,
    "sqlite-utils": lambda conn: Database(conn, execute_plugins=False),
}


@pytest.fixture(params=sorted(KINDS))
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    conn = sqlite3.connect(str(tmp_path / "t.sqlite"))
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
    conn.execute("CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER)")
    conn.commit()
    database = KINDS[request.param](conn)
    yield database
    conn.close()


def other_view(db: Any) -> list[str]:
    """What a second connection sees: only committed rows."""
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    other = sqlite3.connect(path)
    try:
        return [row[0] for row in other.execute("SELECT name FROM t ORDER BY id")]
    finally:
        other.close()


def test_query_gives_dicts_with_list_or_named_params(db: Any) -> None:
    db.execute("INSERT INTO t (name) VALUES (?)", ["a"])
    db.execute("INSERT INTO t (name) VALUES (:n)", {"n": "b"})
    assert list(db.query("SELECT * FROM t ORDER BY id")) == [{"id": 1, "name": "a"},
                                                          {"id": 2, "name": "b"}]
    assert list(db.query("select name from t where id = :id", {"id": 2})) == [{"name": "b"}]
    assert list(db.query("  -- a comment\n SELECT name FROM t WHERE id = ?", [1])) == [
        {"name": "a"}]


def test_query_renames_repeated_columns_as_sqlite_utils(db: Any) -> None:
    db.execute("INSERT INTO t (name) VALUES ('a')")
    db.execute("INSERT INTO u (t_id) VALUES (1)")
    rows = list(db.query("SELECT t.id, u.id FROM t JOIN u ON u.t_id = t.id"))
    assert rows == [{"id": 1, "id_2": 1}]


def test_query_of_other_statements_follows_sqlite_utils(db: Any) -> None:
    assert list(db.query("PRAGMA recursive_triggers")) == [{"recursive_triggers": 1}]
    with pytest.raises(ValueError):
        db.query("UPDATE t SET name = 'x'")
    with pytest.raises(ValueError):
        db.query("BEGIN")
    assert not db.conn.in_transaction


def test_execute_commits_a_write_made_outside_a_transaction(db: Any) -> None:
    db.execute("INSERT INTO t (name) VALUES ('a')")
    assert not db.conn.in_transaction
    assert other_view(db) == ["a"]


def test_a_failed_execute_leaves_no_transaction_open(db: Any) -> None:
    db.execute("INSERT INTO t (name) VALUES ('a')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t (name) VALUES ('a')")
    assert not db.conn.in_transaction
    db.execute("INSERT INTO t (name) VALUES ('b')")
    assert other_view(db) == ["a", "b"]


def test_atomic_commits_together_or_not_at_all(db: Any) -> None:
    with db.atomic():
        db.execute("INSERT INTO t (name) VALUES ('a')")
        db.execute("INSERT INTO t (name) VALUES ('b')")
        assert other_view(db) == []
    assert other_view(db) == ["a", "b"]
    with pytest.raises(sqlite3.IntegrityError), db.atomic():
        db.execute("INSERT INTO t (name) VALUES ('c')")
        db.execute("INSERT INTO t (name) VALUES ('a')")
    assert not db.conn.in_transaction
    assert other_view(db) == ["a", "b"]


def test_nested_atomic_rolls_back_only_the_inner_block(db: Any) -> None:
    with db.atomic():
        db.execute("INSERT INTO t (name) VALUES ('a')")
        with pytest.raises(RuntimeError), db.atomic():
            db.execute("INSERT INTO t (name) VALUES ('b')")
            raise RuntimeError("stop")
        with db.atomic():
            db.execute("INSERT INTO t (name) VALUES ('c')")
    assert other_view(db) == ["a", "c"]


def test_begin_commit_and_rollback(db: Any) -> None:
    db.begin()
    db.execute("INSERT INTO t (name) VALUES ('a')")
    db.rollback()
    db.begin()
    db.execute("INSERT INTO t (name) VALUES ('b')")
    db.commit()
    db.commit()  # nothing open: nothing happens
    assert other_view(db) == ["b"]


def test_recursive_triggers_are_on(db: Any) -> None:
    assert db.conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 1


def test_other_calls_reach_sqlite_utils_on_the_same_connection(tmp_path: Path) -> None:
    library = open_library(tmp_path / "lib.sqlite", create=True)
    try:
        assert isinstance(library.db, LibraryDatabase)
        assert "workshops" in library.db.table_names()
        assert library.db.full().conn is library.db.conn
    finally:
        library.close()


@pytest.mark.parametrize(("sql", "keyword"), [
    ("select 1", "SELECT"), ("\ufeff ;; /* c */ -- d\n  With x AS (SELECT 1) SELECT 1", "WITH"),
    ("-- only a comment", ""), ("/* unclosed", ""), ("", ""), ("PRAGMA x", "PRAGMA"),
])
def test_first_keyword(sql: str, keyword: str) -> None:
    assert first_keyword(sql) == keyword


def test_a_table_by_name_as_sqlite_utils(db: Any) -> None:
    """`db["t"]` is a dunder lookup, which __getattr__ never sees: it must still work."""
    db["t"].insert({"name": "Nurses"})
    assert db["t"].count == 1 and other_view(db) == ["Nurses"]
