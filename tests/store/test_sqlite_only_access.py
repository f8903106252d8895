"""While this process holds a connection to the library, nothing in it opens the library
file (or its -wal/-shm) by any means but SQLite.

Closing any descriptor on the file drops every SQLite lock this process holds on it
(POSIX advisory locks are per process). The test holds a connection, does one thing the
app does beside it, then has another process open and close the library: if our locks
had been dropped, that process would believe it was the last user, checkpoint and delete
the -wal under us, and later commits would go to a deleted file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from rcdesk.domain.errors import DomainError
from rcdesk.files import is_library_file
from rcdesk.services.library import LibraryService
from rcdesk.services.pulse_import import looks_like_pulse
from rcdesk.services.survey_import import preview_survey
from rcdesk.store.backups import take_backup
from rcdesk.store.connection import (
    Library,
    inspect_library,
    open_for_reading,
    open_library,
    open_reader,
)

_OPEN_AND_CLOSE = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1])
    conn.execute("SELECT count(*) FROM workshops").fetchone()
    conn.close()
""")


def other_process_opens_and_closes(path: Path) -> None:
    subprocess.run([sys.executable, "-c", _OPEN_AND_CLOSE, str(path)], check=True, timeout=60)


def _reader(path: Path, library: Library) -> None:
    open_reader(path).close()


def _read_only(path: Path, library: Library) -> None:
    open_for_reading(path).close()


def _second_writer(path: Path, library: Library) -> None:
    open_library(path, create=False).close()


def _check(path: Path, library: Library) -> None:
    inspect_library(path)


def _backup(path: Path, library: Library) -> None:
    take_backup(library, "manual")


def _library_chosen_as_survey(path: Path, library: Library) -> None:
    assert not looks_like_pulse(path)
    preview = preview_survey(library, 1, path)
    assert not preview.ok and "library file" in preview.problems[0].message


def _wal_chosen_as_survey(path: Path, library: Library) -> None:
    wal = path.with_name(path.name + "-wal")
    assert is_library_file(wal)
    assert not looks_like_pulse(wal)
    assert not preview_survey(library, 1, wal).ok


def _export_onto_the_library(path: Path, library: Library) -> None:
    from rcdesk.services.workshop_file import export_workshop_file

    with pytest.raises(DomainError, match="the rcdesk library itself"):
        export_workshop_file(library, 1, path)


ACTIONS: dict[str, Callable[[Path, Library], None]] = {
    "a background job's reader": _reader,
    "a read-only open": _read_only,
    "another writing connection": _second_writer,
    "a check": _check,
    "a backup": _backup,
    "the library chosen as a survey CSV": _library_chosen_as_survey,
    "its -wal chosen as a survey CSV": _wal_chosen_as_survey,
    "an export whose file name is the library's": _export_onto_the_library,
}


@pytest.mark.parametrize("action", ACTIONS)
def test_nothing_beside_a_live_connection_drops_its_locks(tmp_path: Path, action: str) -> None:
    path = tmp_path / "library.sqlite"
    library = open_library(path, create=True)
    service = LibraryService(library)
    try:
        service.create("Ward 7", roles=["Nurses"])
        ACTIONS[action](path, library)
        other_process_opens_and_closes(path)
        service.create("Ward 8")  # after the other process has come and gone
        wal = path.with_name(path.name + "-wal")
        assert wal.exists(), "the -wal was deleted under a live connection"
        if sys.platform.startswith("linux"):
            fds = [os.readlink(fd) for fd in Path("/proc/self/fd").iterdir()
                   if fd.is_symlink()]
            assert not [t for t in fds if t.endswith("(deleted)") and "library" in t]
        other = subprocess.run(
            [sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1])"
             ".execute('SELECT count(*) FROM workshops').fetchone()[0])", str(path)],
            capture_output=True, text=True, check=True, timeout=60)
        assert other.stdout.strip() == "2", "another process does not see our commit"
    finally:
        library.close()
