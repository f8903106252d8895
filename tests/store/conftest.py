"""Fixtures for library-file tests: real library files in tmp_path, and a reliable corrupter."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from rcdesk.services.library import LibraryService
from rcdesk.services.sample import build_sample
from rcdesk.store.connection import open_library

FileState = tuple[str, int, int]


def file_state(path: Path) -> FileState:
    """Content hash, size and modification time: enough to prove a file was not touched."""
    stat = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns


def quick_check(path: Path) -> str:
    """quick_check's verdict, read without creating any file beside the library."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return str(conn.execute("PRAGMA quick_check").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        return f"error: {exc}"
    finally:
        conn.close()


def corrupt(path: Path) -> None:
    """Overwrite the start of every b-tree root page except page 1 with garbage.

    Page 1 (the header and schema) is left alone, so the file still looks like an rcdesk
    library and the damage is only found by quick_check, as with real bit rot.
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        roots = sorted(
            int(row[0])
            for row in conn.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")
        )
    finally:
        conn.close()
    assert roots, "the library has no tables to damage"
    with path.open("r+b") as handle:
        for page in roots:
            handle.seek((page - 1) * page_size)
            handle.write(b"\xa5\x5a" * 32)
    assert quick_check(path) != "ok", "corrupt() did not damage the library"


@pytest.fixture
def populated_library(tmp_path: Path) -> Path:
    """A closed, checkpointed library holding the sample workshop."""
    path = tmp_path / "library.sqlite"
    library = open_library(path, create=True)
    build_sample(LibraryService(library))
    library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()
    assert not path.with_name(path.name + "-wal").exists()
    assert quick_check(path) == "ok"
    return path


@pytest.fixture
def state_of() -> Callable[[Path], FileState]:
    return file_state


@pytest.fixture
def corrupter() -> Callable[[Path], None]:
    return corrupt
