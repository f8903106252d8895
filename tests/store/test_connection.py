"""Opening library files: new, foreign, damaged, newer and older files (platform-notes.md)."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from rcdesk.domain.errors import (
    DamagedLibraryError,
    LibraryMissingError,
    NotALibraryError,
    ReadOnlyLibraryError,
    StorageError,
)
from rcdesk.services.library import LibraryService
from rcdesk.store import connection, migrations
from rcdesk.store.connection import APPLICATION_ID, inspect_library, open_library
from rcdesk.store.migrations import SCHEMA_VERSION

from .conftest import FileState

StateOf = Callable[[Path], FileState]


def pragma(path: Path, name: str) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        conn.close()


def folder_listing(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


# -- a new library ---------------------------------------------------------------------------


def test_new_library_is_configured_and_stamped(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    library = open_library(path, create=True)
    try:
        conn = library.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {"workshops", "roles", "waves", "ties", "ratings", "meetings"} <= set(
            library.db.table_names()
        )
        assert not library.read_only
        assert library.migrated_from is None and library.pre_migration_copy is None
    finally:
        library.close()
    assert pragma(path, "application_id") == APPLICATION_ID


def test_a_new_library_in_a_missing_folder_is_refused_and_no_folder_is_made(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a" / "b" / "library.sqlite"
    with pytest.raises(StorageError, match="does not exist"):
        open_library(path, create=True)
    assert not (tmp_path / "a").exists()


def test_an_empty_sqlite_database_is_adopted_as_a_new_library(tmp_path: Path) -> None:
    path = tmp_path / "blank.sqlite"
    sqlite3.connect(str(path)).execute("VACUUM").connection.close()
    library = open_library(path, create=False)
    library.close()
    assert pragma(path, "application_id") == APPLICATION_ID
    assert pragma(path, "user_version") == SCHEMA_VERSION


def test_reopening_a_library_keeps_its_workshops(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    library = open_library(path, create=True)
    LibraryService(library).create("Discharge", roles=["Nurses"])
    library.close()
    again = open_library(path, create=False)
    try:
        assert [s.title for s in LibraryService(again).summaries()] == ["Discharge"]
        assert again.migrated_from is None
    finally:
        again.close()


# -- missing files ---------------------------------------------------------------------------


def test_missing_file_without_create_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "missing.sqlite"
    with pytest.raises(LibraryMissingError) as caught:
        open_library(path, create=False)
    assert "missing.sqlite" in str(caught.value)
    assert not path.exists()
    assert not path.parent.exists()
    with pytest.raises(LibraryMissingError):
        inspect_library(path)
    assert not path.parent.exists()


def test_a_folder_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(NotALibraryError):
        open_library(tmp_path, create=True)


# -- files that are not libraries ------------------------------------------------------------


def _foreign_database(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('shopping list')")
    conn.commit()
    conn.close()


def _text_file(path: Path) -> None:
    path.write_text("Dear diary,\nthis is not a database.\n", encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("create", [True, False])
@pytest.mark.parametrize("make", [_text_file, _empty_file, _foreign_database])
def test_files_of_other_kinds_are_refused_and_untouched(
    tmp_path: Path, state_of: StateOf, make: Callable[[Path], None], create: bool
) -> None:
    path = tmp_path / "someone-elses.file"
    make(path)
    before, listing = state_of(path), folder_listing(path)
    with pytest.raises(NotALibraryError) as caught:
        open_library(path, create=create)
    assert "someone-elses.file" in str(caught.value)
    assert state_of(path) == before
    assert folder_listing(path) == listing


def test_foreign_database_is_refused_by_inspection_too(tmp_path: Path, state_of: StateOf) -> None:
    path = tmp_path / "other.db"
    _foreign_database(path)
    assert pragma(path, "application_id") == 0
    before = state_of(path)
    with pytest.raises(NotALibraryError):
        inspect_library(path)
    assert state_of(path) == before


# -- damaged libraries -----------------------------------------------------------------------


def test_damaged_library_is_refused_and_untouched(
    populated_library: Path, state_of: StateOf, corrupter: Callable[[Path], None]
) -> None:
    corrupter(populated_library)
    before = state_of(populated_library)
    with pytest.raises(DamagedLibraryError) as caught:
        open_library(populated_library, create=True)
    assert "damaged" in str(caught.value)
    assert "backup" in str(caught.value)
    assert state_of(populated_library) == before
    with pytest.raises(DamagedLibraryError):
        inspect_library(populated_library)
    assert state_of(populated_library) == before


def test_healthy_library_passes_inspection(populated_library: Path, state_of: StateOf) -> None:
    before = state_of(populated_library)
    status = inspect_library(populated_library)
    assert status.schema_version == SCHEMA_VERSION
    assert status.workshop_count == 1
    assert state_of(populated_library) == before


# -- a library from a newer rcdesk -----------------------------------------------------------


def _stamp_newer(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def test_newer_library_opens_read_only_with_a_reason(
    populated_library: Path, state_of: StateOf
) -> None:
    _stamp_newer(populated_library)
    before = state_of(populated_library)
    library = open_library(populated_library, create=False)
    try:
        assert library.read_only
        assert "newer version of rcdesk" in library.read_only_reason
        assert populated_library.name in library.read_only_reason
        service = LibraryService(library)
        [summary] = service.summaries()
        workshop = service.open(summary.id)  # reading works, nothing is stamped
        roles_before = workshop.roles()
        with pytest.raises(ReadOnlyLibraryError):
            service.create("Another workshop")
        with pytest.raises(ReadOnlyLibraryError):
            workshop.map.add_role("Porters")
        with pytest.raises(ReadOnlyLibraryError):
            workshop.map.rename_role(roles_before[0].id, "Doctors")
        with pytest.raises(ReadOnlyLibraryError):
            service.delete(summary.id)
        assert workshop.roles() == roles_before
    finally:
        library.close()
    assert state_of(populated_library) == before


def test_newer_library_passes_inspection_with_its_version(populated_library: Path) -> None:
    _stamp_newer(populated_library)
    assert inspect_library(populated_library).schema_version == SCHEMA_VERSION + 1


# -- migrating an older library --------------------------------------------------------------

FAKE_STEP = "ALTER TABLE workshops ADD COLUMN mood TEXT NOT NULL DEFAULT 'calm'"


def _add_schema_step(monkeypatch: pytest.MonkeyPatch, step: str) -> int:
    """Pretend this rcdesk has one more schema step. Returns the new schema version.

    migrations.migrate reads STEPS and SCHEMA_VERSION from its own module, and
    connection.py imported SCHEMA_VERSION by value, so all three are patched.
    """
    steps = (*migrations.STEPS, step)
    monkeypatch.setattr(migrations, "STEPS", steps)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(steps))
    monkeypatch.setattr(connection, "SCHEMA_VERSION", len(steps))
    return len(steps)


def test_older_library_is_copied_then_migrated(
    populated_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_version = pragma(populated_library, "user_version")
    new_version = _add_schema_step(monkeypatch, FAKE_STEP)

    library = open_library(populated_library, create=False)
    try:
        assert library.migrated_from == old_version
        assert library.db.conn.execute("PRAGMA user_version").fetchone()[0] == new_version
        moods = [row["mood"] for row in library.db.query("SELECT mood FROM workshops")]
        assert moods == ["calm"]
    finally:
        library.close()

    copy = library.pre_migration_copy
    assert copy is not None and copy.is_file()
    assert copy != populated_library
    assert pragma(copy, "user_version") == old_version
    assert pragma(copy, "application_id") == APPLICATION_ID
    conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        columns = {row[1] for row in conn.execute("PRAGMA table_info(workshops)")}
        assert "mood" not in columns
        assert conn.execute("SELECT count(*) FROM ratings").fetchone()[0] > 0
    finally:
        conn.close()


def test_a_failing_migration_step_leaves_the_library_at_its_old_version(
    populated_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_version = pragma(populated_library, "user_version")
    _add_schema_step(
        monkeypatch,
        "ALTER TABLE workshops ADD COLUMN mood TEXT; ALTER TABLE no_such_table ADD COLUMN x",
    )
    with pytest.raises(StorageError, match="could not prepare the library") as raised:
        open_library(populated_library, create=False)
    assert str(populated_library) in str(raised.value)
    assert pragma(populated_library, "user_version") == old_version
    conn = sqlite3.connect(f"{populated_library.resolve().as_uri()}?mode=ro", uri=True)
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(workshops)")}
    finally:
        conn.close()
    assert "mood" not in columns  # the half-applied step was rolled back


def test_current_library_is_not_copied(populated_library: Path) -> None:
    library = open_library(populated_library, create=False)
    library.close()
    assert library.pre_migration_copy is None
    assert not populated_library.with_name(populated_library.name + ".backups").exists()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_new_library_and_its_wal_are_readable_by_the_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "private.sqlite"
    library = open_library(path, create=True)
    try:
        LibraryService(library).create("Ward 7", roles=["Nurses"])
        wal = path.with_name(path.name + "-wal")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600
    finally:
        library.close()
