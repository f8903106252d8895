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
import sys
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rcdesk.domain.errors import (
    DamagedLibraryError,
    LibraryError,
    LibraryMissingError,
    NotALibraryError,
    StorageError,
)
from rcdesk.files import remember_library
from rcdesk.store.migrations import SCHEMA_VERSION, migrate, user_version

if TYPE_CHECKING:
    from sqlite_utils import Database

#: "RCDK" in ASCII, so `file` and SQLite tools can tell an rcdesk library apart.
APPLICATION_ID = 0x5243444B
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


@contextmanager
def write_transaction(db: Database) -> Generator[Database, None, None]:
    """One transaction that will write: it takes the library's write lock at its start,
    waiting (busy_timeout) for another connection's write to end (a savepoint inside a
    transaction already open). Begun deferred, as `atomic` does, a transaction that read
    first was refused its write at once when another connection had committed meanwhile:
    its snapshot was stale, which no busy timeout waits out."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


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

    def __post_init__(self) -> None:
        remember_library(self.path)

    def close(self) -> None:
        self.db.close()

    def checkpoint(self) -> None:
        """Move everything into the main file and empty the write-ahead log: with
        secure_delete on, deleted rows then leave no trace in the live files."""
        self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


@dataclass(frozen=True)
class LibraryStatus:
    """What a read-only inspection found; never changes the file."""

    path: Path
    schema_version: int
    workshop_count: int


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection to an existing file (`mode=ro` or `mode=rw`: SQLite never creates it)."""
    mode = "ro" if read_only else "rw"
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True)


#: What opening a library for writing runs before anything is written: integrity_check
#: (quick_check misses damage to indexes; measured in benchmarks/integrity.py and
#: docs/your-data.md). Opening to read runs the cheaper quick_check.
WRITE_CHECK, READ_CHECK = "integrity_check", "quick_check"


def _inspect(path: Path, check: str = WRITE_CHECK) -> tuple[int, bool]:
    """Check a file read-only; return (schema version, is empty). Raises LibraryError.

    Everything goes through SQLite (a read-only connection): never `open()` on the library,
    whose close would drop the locks of every connection this process holds on it (see
    platform-notes.md and sqlite.org "How To Corrupt", section 2.2).
    """
    try:
        conn = _connect(path, read_only=True)
    except sqlite3.DatabaseError as exc:
        raise _not_read(path, exc) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc) or "encrypted" in str(exc):
                raise NotALibraryError(f"{path}: this file is not an rcdesk library.") from exc
            raise
        version = user_version(conn)
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and not (app_id == 0 and version == 0 and tables == 0):
            raise NotALibraryError(
                f"{path}: this is an SQLite database from another program, not an rcdesk library."
            )
        _check_schema_text(conn, path)
        verdict = _verdict(conn, check)
        if verdict != "ok":
            raise _damaged(path, verdict)
        return version, tables == 0
    except sqlite3.DatabaseError as exc:
        raise _not_read(path, exc) from exc
    except UnicodeDecodeError as exc:  # SQLite's own message quotes the undecodable schema
        raise _damaged(path, "invalid text in the stored schema") from exc
    finally:
        conn.close()


def _not_read(path: Path, exc: sqlite3.DatabaseError) -> LibraryError:
    """Damage, or a healthy file that could not be read (read-only folder, disk error)?"""
    from rcdesk.store.failures import is_storage_failure, storage_error

    if is_storage_failure(exc):
        return storage_error(path, "read the library", exc)
    return _damaged(path, str(exc))


def _damaged(path: Path, detail: str) -> DamagedLibraryError:
    return DamagedLibraryError(
        f"{path}: the library is damaged ({detail}); it was not changed. "
        "Restore it from a backup."
    )


def _verdict(conn: sqlite3.Connection, check: str) -> str:
    """The check's first line ("ok", or the first problem found)."""
    if check not in (WRITE_CHECK, READ_CHECK):
        raise ValueError(check)
    return str(conn.execute(f"PRAGMA {check}(1)").fetchone()[0])


def _check_schema_text(conn: sqlite3.Connection, path: Path) -> None:
    """The stored schema must be valid UTF-8 (a bad byte there is damage, not a bug)."""
    conn.text_factory = bytes
    try:
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master"):
            for text in (name, sql):
                if text is not None:
                    text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _damaged(path, "invalid text in the stored schema") from exc
    finally:
        conn.text_factory = str


def inspect_library(path: Path, check: str = WRITE_CHECK) -> LibraryStatus:
    """Verify a library without writing to it (integrity_check, owner, schema version)."""
    _require_file(path)
    version, _ = _inspect(path, check)
    conn = _connect(path, read_only=True)
    try:
        try:
            count = int(conn.execute("SELECT count(*) FROM workshops").fetchone()[0])
        except sqlite3.OperationalError:
            count = 0
    finally:
        conn.close()
    return LibraryStatus(path=path, schema_version=version, workshop_count=count)


def _require_file(path: Path) -> None:
    """A library file exists at `path` (stat only: the file is never opened here)."""
    if not path.exists():
        if not path.parent.is_dir():
            raise LibraryMissingError(f"{path}: no library at this path (the folder "
                                      f"{path.parent} does not exist).")
        raise LibraryMissingError(f"{path}: no library at this path.")
    if path.is_dir():
        raise NotALibraryError(f"{path}: is a folder, not a library file.")
    if path.stat().st_size == 0:
        raise NotALibraryError(f"{path}: this file is empty, not an rcdesk library.")


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    _full_fsync(conn)


def _full_fsync(conn: sqlite3.Connection, platform: str = sys.platform) -> None:
    """macOS: fsync() does not reach the platter; F_FULLFSYNC does (SQLite's fullfsync)."""
    if platform == "darwin":
        conn.execute("PRAGMA fullfsync = ON")
        conn.execute("PRAGMA checkpoint_fullfsync = ON")


def _copy_before_migration(conn: sqlite3.Connection, path: Path) -> Path:
    """A forced, checked backup in `<library>.backups/` (see store.backups)."""
    from rcdesk.store.backups import backup_connection  # backups imports this module

    target = backup_connection(conn, path, "before-migration")
    assert target is not None  # only skipped when asked to skip unchanged copies
    return target


def _existing_version(path: Path, create: bool) -> int:
    """The schema version of an existing, healthy library; 0 for a file still to create.

    A missing library is created only in a folder that exists: a mistyped `--library`
    must not make folders (the default data folder is made by rcdesk.paths).
    """
    if not path.exists() and create:
        if not path.parent.is_dir():
            raise StorageError(f"{path}: cannot create the library here: the folder "
                               f"{path.parent} does not exist. Create it first, or choose "
                               "another library with --library.")
        _create_private(path)
        return 0
    _require_file(path)
    version, _ = _inspect(path)
    return version


def _create_private(path: Path) -> None:
    """Create the empty library file readable by its owner only (0600 on POSIX).

    It holds anonymous survey answers; SQLite gives its -wal and -shm files the
    same permissions. (The new file is empty: no connection can be open on it yet.)
    """
    from rcdesk.store.failures import storage_error

    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise storage_error(path, "create the library", exc) from exc


def open_library(path: Path, *, create: bool, read_only_fallback: bool = False) -> Library:
    """Open (and if asked, create) a library for writing, migrating an older schema after a copy.

    The file must pass integrity_check first (WRITE_CHECK); a damaged file is never written to.
    A library from a newer rcdesk opens read-only with a reason to show the user; so does one
    that cannot be written (a full disk, a read-only folder) when `read_only_fallback` is
    set (the window: reading a workshop still works, and it says why edits are refused).
    Leftovers of an interrupted backup or restore are removed (the caller holds the lock).
    """
    path = Path(path)
    version = _existing_version(path, create)
    if version > SCHEMA_VERSION:
        return open_for_reading(path, _inspected=version)
    try:
        library = _open_for_writing(path, version)
    except StorageError as exc:
        if not read_only_fallback or version < SCHEMA_VERSION:
            raise
        library = open_for_reading(path, _inspected=version)
        library.read_only_reason = f"{exc} The library is open read-only until then."
        return library
    _clean_leftovers(path)
    return library


def _open_for_writing(path: Path, version: int) -> Library:
    from rcdesk.store.failures import storage_error

    try:
        conn = _connect(path, read_only=False)
    except sqlite3.Error as exc:
        raise storage_error(path, "open the library for writing", exc) from exc
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
        raise storage_error(path, "prepare the library", exc) from exc
    except BaseException:
        conn.close()
        raise
    return library


def _clean_leftovers(path: Path) -> None:
    from rcdesk.store.leftovers import remove_leftovers  # (not store.backups: see there)

    try:
        remove_leftovers(path)
    except OSError:
        pass  # tidying only: the next open tries again


def open_for_reading(path: Path, *, _inspected: int | None = None) -> Library:
    """Open a library only to read it (`list`, `show`, `scores`, exports): nothing is written.

    The file is checked with quick_check (READ_CHECK) and opened read-only. A library from an
    older rcdesk (or an empty SQLite file) is read from a migrated copy in memory, so
    reading never upgrades, or writes the schema into, the file on disk.
    """
    path = Path(path)
    if _inspected is None:
        _require_file(path)
        version, _ = _inspect(path, READ_CHECK)
    else:
        version = _inspected
    conn = _connect(path, read_only=True)
    reason = f"{path.name} is open only to read it."
    try:
        if version < SCHEMA_VERSION:
            conn = _migrated_in_memory(conn)
        elif version > SCHEMA_VERSION:
            reason = (f"{path.name} was written by a newer version of rcdesk (schema "
                      f"{version}); it is open read-only. Update rcdesk to edit it.")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _damaged(path, str(exc)) from exc
    return Library(path=path, db=library_database(conn), read_only=True,
                   read_only_reason=reason)


def _migrated_in_memory(source: sqlite3.Connection) -> sqlite3.Connection:
    memory = sqlite3.connect(":memory:")
    try:
        source.backup(memory)
    finally:
        source.close()
    memory.execute("PRAGMA foreign_keys = ON")
    memory.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(memory)
    return memory


def open_background(path: Path, *, write: bool = False) -> Library:
    """The one way background work in the app reaches a library the window has open.

    Its own SQLite connection on the already checked and migrated file: no inspection, no
    migration, no file access but SQLite's own (so it can never drop the window's locks).
    Read-only (`query_only`) unless `write`; never creates the file. Use it from the
    thread that will run the work; close it there.
    """
    from rcdesk.store.failures import storage_error

    path = Path(path)
    if not path.is_file():
        raise LibraryMissingError(f"{path}: no library at this path.")
    try:
        conn = _connect(path, read_only=not write)
    except sqlite3.Error as exc:
        raise storage_error(path, "open the library", exc) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if write:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA synchronous = FULL")
            _full_fsync(conn)
        else:
            conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:
        conn.close()
        raise storage_error(path, "open the library", exc) from exc
    return Library(path=path, db=library_database(conn), read_only=not write)


def open_reader(path: Path) -> Library:
    """`open_background(path)`: a read-only connection for work off the UI thread."""
    return open_background(path, write=False)
