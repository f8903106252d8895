"""A restore can never lose commits: a failure or a death at any step leaves the library with
every commit (put back as it was), or the restore completed.

The library starts with commits that live only in its -wal (an app killed after editing),
which is the case the old restore lost: it moved the -wal aside before its final rename.
Each step of `restore_backup` (store.backups.RESTORE_STEPS) gets an injected failure (an
OSError: the full disk or vanished folder of real life) and, in a child process, a death.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rcdesk.domain.errors import StorageError
from rcdesk.services.library import LibraryService
from rcdesk.store import backups
from rcdesk.store.backups import RESTORE_STEPS, leftovers, restore_backup, take_backup
from rcdesk.store.connection import open_library

BEFORE = ["Ward 1", "Ward 2"]
AFTER = [f"After backup {n}" for n in range(5)]

_EDIT_AND_DIE = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from rcdesk.services.library import LibraryService
    from rcdesk.store.connection import open_library
    service = LibraryService(open_library(Path(sys.argv[1]), create=False))
    for title in sys.argv[2:]:
        service.create(title)
    os._exit(0)  # killed: the commits stay in the -wal, never checkpointed
""")

_RESTORE_AND_DIE = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from rcdesk.store.backups import restore_backup
    step = sys.argv[3]
    def die(at: str) -> None:
        if at == step:
            os._exit(9)
    restore_backup(Path(sys.argv[1]), Path(sys.argv[2]), fault=die)
""")


def python(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", *args], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


def titles(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return sorted(t for (t,) in conn.execute("SELECT title FROM workshops"))
    finally:
        conn.close()


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    """(library with 7 workshops, 5 of them only in its -wal; a backup holding the first 2)."""
    path = tmp_path / "library.sqlite"
    library = open_library(path, create=True)
    for title in BEFORE:
        LibraryService(library).create(title)
    backup = take_backup(library, "manual")
    library.close()
    assert backup is not None
    done = python(_EDIT_AND_DIE, str(path), *AFTER)
    assert done.returncode == 0, done.stderr
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert titles(path) == sorted(BEFORE + AFTER)
    return path, backup


def outcome(path: Path) -> str:
    found = titles(path)
    if found == sorted(BEFORE + AFTER):
        return "kept"
    assert found == sorted(BEFORE), f"neither the library nor the backup: {found}"
    return "restored"


def test_a_failed_final_rename_keeps_every_commit(
    setup: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, backup = setup
    real_replace = os.replace

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(target) == path:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(backups.os, "replace", replace)
    with pytest.raises(StorageError, match="put back as it was"):
        restore_backup(backup, path)
    assert titles(path) == sorted(BEFORE + AFTER)


@pytest.mark.parametrize("step", RESTORE_STEPS)
def test_a_failure_at_any_step_puts_everything_back(
    setup: tuple[Path, Path], step: str
) -> None:
    path, backup = setup

    def fail(at: str) -> None:
        if at == step:
            raise OSError(5, f"injected failure at {step}")

    try:
        restore_backup(backup, path, fault=fail)
    except StorageError as exc:
        assert "put back as it was" in str(exc)
        assert outcome(path) == "kept"
        assert not [p for p in path.parent.iterdir() if ".before-restore-" in p.name]
        assert leftovers(path) == []
    else:  # only a failure after the swap: the restore stands
        assert step == "sync" and outcome(path) == "restored"


@pytest.mark.parametrize("step", RESTORE_STEPS)
def test_a_death_at_any_step_keeps_every_commit_or_completes(
    setup: tuple[Path, Path], step: str
) -> None:
    path, backup = setup
    died = python(_RESTORE_AND_DIE, str(backup), str(path), step)
    assert died.returncode == 9, died.stderr
    result = outcome(path)
    assert result == "kept" or step == "sync"
    # The next open (under the lock) tidies what the dead restore left.
    open_library(path, create=False).close()
    assert leftovers(path) == []
    assert outcome(path) == result
