"""A damaged library is never written to, and says so clearly, naming the way back.

quick_check does not compare indexes with their tables; opening for writing runs
integrity_check (benchmarks/integrity.py measured the cost). Random single-byte damage
anywhere in the file must never let a write in; a bad byte in the stored schema is
damage like any other (exit 2 with the newest good backup named, never exit 1).
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rcdesk.domain.errors import LibraryError
from rcdesk.services.library import LibraryService
from rcdesk.store.backups import (
    backup_folder,
    leftovers,
    purge_backups,
    take_backup,
)
from rcdesk.store.connection import open_library

from .conftest import file_state

OFFSETS = 200


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        return f"error: {exc}"
    except UnicodeDecodeError:
        return "error: undecodable schema"
    finally:
        conn.close()


def test_no_randomly_damaged_file_accepts_a_write(populated_library: Path,
                                                  tmp_path: Path) -> None:
    original = populated_library.read_bytes()
    rng = random.Random(14)
    target = tmp_path / "damaged" / "library.sqlite"
    target.parent.mkdir()
    accepted = 0
    for offset in rng.sample(range(len(original)), OFFSETS):
        for leftover in target.parent.iterdir():
            leftover.unlink()
        data = bytearray(original)
        data[offset] = (data[offset] + rng.randrange(1, 256)) % 256
        target.write_bytes(bytes(data))
        verdict = integrity(target)
        before = file_state(target)
        try:
            library = open_library(target, create=False)
            try:
                LibraryService(library).create(f"After damage at {offset}")
            finally:
                library.close()
        except LibraryError:
            assert file_state(target) == before, f"offset {offset}: a refused file was changed"
            continue
        accepted += 1
        assert verdict == "ok", f"offset {offset}: a damaged file ({verdict}) took a write"
        assert integrity(target) == "ok", f"offset {offset}: the write left damage"
    assert accepted > 0  # most bytes are in free space or values: those files still work


def _break_schema_text(path: Path) -> None:
    """One invalid UTF-8 byte in an index's name, in the stored schema (sqlite_master)."""
    data = bytearray(path.read_bytes())
    first = re.search(rb"survey_responses_tie", data)
    assert first is not None
    data[first.start() + 3] = 0xFF
    path.write_bytes(bytes(data))


def rcdesk(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rcdesk", "--library", str(library), *args],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


@pytest.mark.parametrize("command", [["list"], ["check"], ["new", "Ward 9"],
                                     ["show", "1"], ["export", "1", "out.json"]])
def test_a_bad_byte_in_the_stored_schema_is_damage_naming_the_newest_good_backup(
    populated_library: Path, command: list[str], tmp_path: Path
) -> None:
    library = open_library(populated_library, create=False)
    good = take_backup(library, "manual")
    library.close()
    assert good is not None
    _break_schema_text(populated_library)
    before = file_state(populated_library)
    done = rcdesk(populated_library, *[str(tmp_path / c) if c.endswith(".json") else c
                                       for c in command])
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "damaged" in lines[0]
    assert good.name in lines[0] and "restore" in lines[0]
    assert file_state(populated_library) == before


def test_leftovers_of_interrupted_backups_and_restores_go_at_the_next_open(
    populated_library: Path,
) -> None:
    folder = backup_folder(populated_library)
    folder.mkdir(exist_ok=True)
    stale_backup = folder / ".incomplete-4242-20261001103000000000.db"
    stale_restore = populated_library.with_name(".incomplete-library.sqlite-restore")
    for stale in (stale_backup, stale_restore):
        stale.write_bytes(b"a full copy, deleted answers and all")
    assert sorted(leftovers(populated_library)) == sorted([stale_backup, stale_restore])
    open_library(populated_library, create=False).close()
    assert not stale_backup.exists() and not stale_restore.exists()


def test_delete_older_backups_also_deletes_leftovers(populated_library: Path) -> None:
    library = open_library(populated_library, create=False)
    try:
        take_backup(library, "manual")
        stale = backup_folder(populated_library) / ".incomplete-4242-20261001103000000000.db"
        stale.write_bytes(b"a full copy, deleted answers and all")
        deleted = purge_backups(library)
    finally:
        library.close()
    assert deleted == 2 and not stale.exists()
