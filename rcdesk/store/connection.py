"""Opening a library file safely.

A file is inspected read-only before anything is written to it: a file that is
not SQLite, belongs to another program, or fails quick_check is refused and left
byte-for-byte untouched. Connection settings follow platform-notes.md.

The library's `db` answers sqlite-utils' Database calls, but sqlite-utils itself is
imported only when a call needs it (see LibraryDatabase): importing it costs 0.2 s, a
third of a cold start, since it pulls in numpy, click, pluggy and dateutil.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rcdesk.domain.errors import (
    DamagedLibraryError,
    LibraryMissingError,
    NotALibraryError,
    StorageError,
)
from rcdesk.store.migrations import SCHEMA_VERSION, migrate, user_version

if TYPE_CHECKING:
    from sqlite_utils import Database

#: "RCDK" in ASCII, so `file` and SQLite tools can tell an rcdesk library apart.
APPLICATION_ID = 0x5243444B
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

Params = Sequence[Any] | dict[str, Any] | None

#: Statements that open or close transactions: execute() leaves them alone (as sqlite-utils).
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})


def first_keyword(sql: str) -> str:
    """The statement's first keyword, upper case, past blanks, `;`, comments and a BOM."""
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] in ";\ufeff":
            i += 1
        elif sql.startswith("--", i):
            i = sql.find("\n", i)
            if i < 0:
                return ""
        elif sql.startswith("/*", i):
            i = sql.find("*/", i + 2)
            if i < 0:
                return ""
            i += 2
        else:
            break
    j = i
    while j < n and (sql[j].isalpha() or sql[j] == "_"):
        j += 1
    return sql[i:j].upper()


class LibraryDatabase:
    """sqlite-utils' `Database` over the library's connection, importing sqlite-utils late.

    The calls rcdesk makes are done here, with sqlite-utils 4.2's behaviour (its tests in
    tests/store/test_library_database.py run against both): `query()` of a SELECT (rows as
    dicts, read lazily), `execute()` (a write outside a transaction is committed at once),
    `atomic()` (BEGIN … COMMIT, or a savepoint when nested; rolled back on any exception),
    `begin()`, `commit()`, `rollback()`, `close()` and `conn`. Every other attribute, and
    `query()` of anything but a SELECT with distinct column names, goes to a real
    `sqlite_utils.Database` built on first use over the same connection. So the app starts
    without importing sqlite-utils (0.2 s), and code written for sqlite-utils keeps working.
    (A tracer set through `tracer()` sees only the calls that reach sqlite-utils.)
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._full: Database | None = None
        self._savepoints = itertools.count(1)
        self.execute("PRAGMA recursive_triggers=on;")  # as sqlite-utils' Database() does

    def full(self) -> Database:
        """The sqlite-utils Database on this connection (imports sqlite-utils once)."""
        if self._full is None:
            from sqlite_utils import Database

            self._full = Database(self.conn, recursive_triggers=False, execute_plugins=False)
        return self._full

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_full", "_savepoints", "conn"):
            raise AttributeError(name)
        return getattr(self.full(), name)

    def __getitem__(self, table_name: str) -> Any:
        """`db["table"]`, as sqlite-utils (Python looks dunders up on the class, so
        __getattr__ alone would leave it a TypeError)."""
        return self.full()[table_name]

    def __enter__(self) -> LibraryDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, sql: str, params: Params = None) -> Iterator[dict[str, Any]]:
        if first_keyword(sql) != "SELECT":
            return cast(Iterator[dict[str, Any]], self.full().query(sql, params))
        cursor = self.conn.execute(sql, params) if params is not None else self.conn.execute(sql)
        keys = [column[0] for column in cursor.description]
        if len(set(keys)) != len(keys):  # sqlite-utils renames repeated column names
            cursor.close()
            return cast(Iterator[dict[str, Any]], self.full().query(sql, params))
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def execute(self, sql: str, parameters: Params = None) -> sqlite3.Cursor:
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = (self.conn.execute(sql, parameters) if parameters is not None
                      else self.conn.execute(sql))
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # nothing would ever commit it
            raise
        if (not was_in_transaction and self.conn.in_transaction
                and cursor.description is None
                and first_keyword(sql) not in _TRANSACTION_CONTROL):
            self.conn.execute("COMMIT")
        return cursor

    @contextmanager
    def atomic(self) -> Generator[LibraryDatabase, None, None]:
        if self.conn.in_transaction:
            savepoint = f"rcdesk_atomic_{next(self._savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                # A RAISE(ROLLBACK) may already have ended the whole transaction.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def begin(self) -> None:
        self.execute("BEGIN")

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()


def library_database(conn: sqlite3.Connection) -> Database:
    """The library's `db`: typed as sqlite-utils' Database, which it stands in for."""
    return cast("Database", LibraryDatabase(conn))


@dataclass
class Library:
    """An open library: its database (see LibraryDatabase) and what opening it found."""

    path: Path
    db: Database
    read_only: bool = False
    read_only_reason: str = ""
    migrated_from: int | None = None
    pre_migration_copy: Path | None = None

    def close(self) -> None:
        self.db.close()


@dataclass(frozen=True)
class LibraryStatus:
    """What a read-only inspection found; never changes the file."""

    path: Path
    schema_version: int
    workshop_count: int


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(str(path))


def _inspect(path: Path) -> tuple[int, bool]:
    """Check a file read-only; return (schema version, is empty). Raises LibraryError."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise NotALibraryError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    if header != SQLITE_HEADER:
        raise NotALibraryError(f"{path}: this file is not an rcdesk library.")
    try:
        conn = _connect(path, read_only=True)
    except sqlite3.Error as exc:
        raise NotALibraryError(f"{path}: cannot be opened ({exc}).") from exc
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = user_version(conn)
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and not (app_id == 0 and version == 0 and tables == 0):
            raise NotALibraryError(
                f"{path}: this is an SQLite database from another program, not an rcdesk library."
            )
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise DamagedLibraryError(
                f"{path}: the library is damaged ({verdict}); it was not changed. "
                "Restore it from a backup."
            )
        return version, tables == 0
    except sqlite3.DatabaseError as exc:
        raise DamagedLibraryError(
            f"{path}: the library is damaged ({exc}); it was not changed. Restore it from a backup."
        ) from exc
    finally:
        conn.close()


def inspect_library(path: Path) -> LibraryStatus:
    """Verify a library without writing to it (quick_check, owner, schema version)."""
    if not path.exists():
        raise LibraryMissingError(f"{path}: no library at this path.")
    version, _ = _inspect(path)
    conn = _connect(path, read_only=True)
    try:
        try:
            count = int(conn.execute("SELECT count(*) FROM workshops").fetchone()[0])
        except sqlite3.OperationalError:
            count = 0
    finally:
        conn.close()
    return LibraryStatus(path=path, schema_version=version, workshop_count=count)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def _copy_before_migration(conn: sqlite3.Connection, path: Path) -> Path:
    """A forced, checked backup in `<library>.backups/` (see store.backups)."""
    from rcdesk.store.backups import backup_connection  # backups imports this module

    target = backup_connection(conn, path, "before-migration")
    assert target is not None  # only skipped when asked to skip unchanged copies
    return target


def _existing_version(path: Path, create: bool) -> int:
    """The schema version of an existing, healthy library; 0 for a file still to create."""
    if not path.exists():
        if not create:
            raise LibraryMissingError(f"{path}: no library at this path.")
        path.parent.mkdir(parents=True, exist_ok=True)
        _create_private(path)
        return 0
    if path.is_dir():
        raise NotALibraryError(f"{path}: is a folder, not a library file.")
    if path.stat().st_size == 0:
        raise NotALibraryError(f"{path}: this file is empty, not an rcdesk library.")
    version, _ = _inspect(path)
    return version


def _create_private(path: Path) -> None:
    """Create the empty library file readable by its owner only (0600 on POSIX).

    It holds anonymous survey answers; SQLite gives its -wal and -shm files the
    same permissions.
    """
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise StorageError(f"{path}: cannot be created ({exc.strerror or exc}).") from exc


def open_library(path: Path, *, create: bool) -> Library:
    """Open (and if asked, create) a library, migrating an older schema after a copy.

    A library from a newer rcdesk opens read-only with a reason to show the user.
    """
    path = Path(path)
    version = _existing_version(path, create)
    if version > SCHEMA_VERSION:
        conn = _connect(path, read_only=True)
        conn.execute("PRAGMA query_only = ON")
        return Library(
            path=path,
            db=library_database(conn),
            read_only=True,
            read_only_reason=(
                f"{path.name} was written by a newer version of rcdesk (schema {version}); "
                "it is open read-only. Update rcdesk to edit it."
            ),
        )
    try:
        conn = _connect(path, read_only=False)
    except sqlite3.Error as exc:
        raise StorageError(f"{path}: cannot be opened for writing ({exc}).") from exc
    library = Library(path=path, db=library_database(conn))
    try:
        _configure(conn)
        if 0 < version < SCHEMA_VERSION:
            library.pre_migration_copy = _copy_before_migration(conn, path)
            library.migrated_from = version
        if version == 0:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(conn)
    except (sqlite3.Error, OSError) as exc:
        conn.close()
        raise StorageError(
            f"{path}: could not prepare the library ({exc}). Nothing was changed; check the "
            "disk has free space and the file is not read-only, then try again."
        ) from exc
    except BaseException:
        conn.close()
        raise
    return library
