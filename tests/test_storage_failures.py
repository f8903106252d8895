"""Storage failures get the right words: exit 2 saying what happened and what to do.

Tests run as root, where chmod does not stop writes, so a full disk and a read-only
folder are simulated (platform-notes.md): a connection whose writes fail as SQLite's do
("database or disk is full", "attempt to write a readonly database"), and OS errors
(ENOSPC, EROFS) from the calls that create files. A healthy file is never called damaged.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from rcdesk import cli
from rcdesk.cli import EXIT_BAD_INPUT, EXIT_OK, main
from rcdesk.services.library import LibraryService
from rcdesk.store import connection, lock
from rcdesk.store.connection import open_library

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class FailingWrites:
    """A connection whose writes fail the way SQLite's do on a full disk or read-only file."""

    def __init__(self, real: sqlite3.Connection, message: str) -> None:
        self._real = real
        self._message = message

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if connection.first_keyword(sql) in WRITES:
            raise sqlite3.OperationalError(self._message)
        return self._real.execute(sql, *args)

    def executemany(self, sql: str, *args: Any) -> sqlite3.Cursor:
        raise sqlite3.OperationalError(self._message)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


FULL = "database or disk is full"
READ_ONLY = "attempt to write a readonly database"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    _, err = capsys.readouterr()
    return code, err


@pytest.fixture(autouse=True)
def _private_log(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(cli, "log_dir", lambda: tmp_path / "logs")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite"
    opened = open_library(path, create=True)
    LibraryService(opened).create("Ward 7", roles=["Nurses", "Physicians"])
    opened.close()
    return path


def failing(monkeypatch: pytest.MonkeyPatch, message: str) -> None:
    real = connection.library_database
    monkeypatch.setattr(connection, "library_database",
                        lambda conn: real(FailingWrites(conn, message)))  # type: ignore[arg-type]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("message, words", [(FULL, "the disk is full"),
                                            (READ_ONLY, "read-only")])
@pytest.mark.parametrize("command", [["new", "Ward 9", "--roles", "A,B"], ["demo"],
                                     ["import", "WORKSHOP"]])
def test_a_write_that_fails_says_why_and_exits_2(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, message: str, words: str, command: list[str],
) -> None:
    handed_over = tmp_path / "ward.rcdesk"
    assert run(capsys, "--library", str(library), "export", "Ward 7", str(handed_over))[0] == 0
    command = [str(handed_over) if c == "WORKSHOP" else c for c in command]
    before = digest(library)
    failing(monkeypatch, message)
    code, err = run(capsys, "--library", str(library), *command)
    assert code == EXIT_BAD_INPUT, err
    assert words in err and "damaged" not in err and len(err.splitlines()) == 1
    assert digest(library) == before


@pytest.mark.parametrize("code_, words", [(errno.ENOSPC, "the disk is full"),
                                          (errno.EROFS, "the folder is read-only")])
def test_a_lock_file_that_cannot_be_written_says_why(
    library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    code_: int, words: str,
) -> None:
    real_open = os.open

    def refusing_open(path: Any, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".lock"):
            raise OSError(code_, os.strerror(code_), str(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(lock.os, "open", refusing_open)
    code, err = run(capsys, "--library", str(library), "new", "Ward 9")
    assert code == EXIT_BAD_INPUT and words in err and "damaged" not in err


def test_a_library_in_a_folder_that_does_not_exist_is_refused_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "nonexistent" / "dir" / "lib.db"
    for command in (["demo"], ["new", "Ward"], ["list"]):
        code, err = run(capsys, "--library", str(path), *command)
        assert code == EXIT_BAD_INPUT and "does not exist" in err, err
    assert not (tmp_path / "nonexistent").exists()


def test_the_default_library_folder_is_made_private_when_first_needed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = tmp_path / "data" / "rcdesk"
    monkeypatch.setattr("rcdesk.paths.default_library_path", lambda: data / "library.sqlite")
    code, err = run(capsys, "new", "Ward")
    assert code == EXIT_OK, err
    assert (data / "library.sqlite").is_file()
    if os.name == "posix":
        assert (data.stat().st_mode & 0o777) == 0o700


def test_import_of_a_workshop_file_creates_the_library_in_an_existing_folder(
    library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    handed_over = tmp_path / "ward.rcdesk"
    assert run(capsys, "--library", str(library), "export", "Ward 7", str(handed_over))[0] == 0
    new = tmp_path / "co-facilitator.sqlite"
    code, err = run(capsys, "--library", str(new), "import", str(handed_over))
    assert code == EXIT_OK, err
    conn = sqlite3.connect(new)
    assert [t for (t,) in conn.execute("SELECT title FROM workshops")] == ["Ward 7"]
    conn.close()


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["scores", "1"], ["check"],
                                     ["backups"], ["export", "1", "OUT.json"]])
def test_commands_that_only_read_never_write_an_empty_sqlite_file_or_a_library(
    tmp_path: Path, library: Path, capsys: pytest.CaptureFixture[str], command: list[str],
) -> None:
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).execute("VACUUM").connection.close()
    for path in (empty, library):
        before = digest(path)
        argv = [str(tmp_path / "out.json") if c == "OUT.json" else c for c in command]
        main(["--library", str(path), *argv])
        capsys.readouterr()
        assert digest(path) == before, f"{command[0]} wrote to {path.name}"
    conn = sqlite3.connect(f"{empty.resolve().as_uri()}?mode=ro", uri=True)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()


def test_list_on_an_empty_sqlite_file_says_there_are_no_workshops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).execute("VACUUM").connection.close()
    code = main(["--library", str(empty), "list"])
    out, err = capsys.readouterr()
    assert code == EXIT_OK and "No workshops" in out, err


def test_macos_gets_fullfsync(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "f.sqlite")
    connection._full_fsync(conn, platform="darwin")
    assert conn.execute("PRAGMA fullfsync").fetchone()[0] == 1
    assert conn.execute("PRAGMA checkpoint_fullfsync").fetchone()[0] == 1
    conn.close()


class FailingReads:
    """A connection that cannot even read, as in a read-only folder with no -shm yet."""

    def __init__(self, message: str) -> None:
        self._message = message

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        raise sqlite3.OperationalError(self._message)

    def close(self) -> None:
        pass


@pytest.mark.parametrize("message, words", [("unable to open database file", "cannot be opened"),
                                            ("disk I/O error", "the disk reported an error")])
def test_a_healthy_library_that_cannot_be_read_is_not_called_damaged(
    library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    message: str, words: str,
) -> None:
    monkeypatch.setattr(connection, "_connect", lambda *a, **k: FailingReads(message))
    for command in (["list"], ["check"], ["new", "Ward 9"]):
        code, err = run(capsys, "--library", str(library), *command)
        assert code == EXIT_BAD_INPUT and words in err, err
        assert "damaged" not in err and "backup" not in err
