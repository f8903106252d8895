"""An edit's transaction holds the library's write lock from its start.

The window's connection and a background job's (an import written off the UI thread, with
its before-import backup) share one library file. A transaction begun deferred reads first
and so pins a snapshot; if the other connection commits a write before it writes, SQLite
refuses its write at once (a stale snapshot cannot be upgraded, whatever the busy timeout),
and the facilitator was told that "another program is using the library" (seen: a pulse
import refused because the window noted when the workshop was opened meanwhile). Begun
immediately, the edit takes the write lock first and the other writer waits for it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from rcdesk.services.edits import run_in_transaction
from rcdesk.services.library import LibraryService
from rcdesk.store.connection import open_library


def test_a_write_after_a_read_is_not_refused_when_another_connection_writes_between(
        tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    window = open_library(path, create=True)
    workshop_id = LibraryService(window).create("Ward 7", roles=["Nurses"])
    job = open_library(path, create=False)
    other_writes: list[str] = []

    def import_step(db) -> None:  # type: ignore[no-untyped-def]
        db.execute("SELECT count(*) FROM roles").fetchall()  # reads first: a snapshot
        window.db.conn.execute("PRAGMA busy_timeout = 50")
        try:  # the window's write, between the job's read and its write
            window.db.execute("UPDATE workshops SET team = 'Ward 7b' WHERE id = ?",
                              [workshop_id])
            other_writes.append("written")
        except sqlite3.OperationalError as exc:
            other_writes.append(f"waits: {exc}")
        db.execute("INSERT INTO roles (workshop_id, name, name_key, position) "
                   "VALUES (?, 'Pharmacists', 'pharmacists', 1)", [workshop_id])

    run_in_transaction(job.db, False, "import the pulse answers", import_step)
    names = [r["name"] for r in window.db.query("SELECT name FROM roles ORDER BY position")]
    assert names == ["Nurses", "Pharmacists"]
    assert other_writes and other_writes[0].startswith("waits")  # it waited for the job
    window.db.conn.execute("PRAGMA busy_timeout = 5000")
    window.db.execute("UPDATE workshops SET team = 'Ward 7b' WHERE id = ?", [workshop_id])
    job.close()
    window.close()


def test_a_read_snapshot_does_not_hold_the_write_lock(tmp_path: Path) -> None:
    """A job reading in one snapshot (a wave scored off the UI thread) never makes the
    window's edits wait."""
    path = tmp_path / "library.sqlite"
    window = open_library(path, create=True)
    workshop_id = LibraryService(window).create("Ward 7", roles=["Nurses"])
    job = open_library(path, create=False)
    window.db.conn.execute("PRAGMA busy_timeout = 0")
    with job.db.atomic():
        job.db.execute("SELECT count(*) FROM roles").fetchall()
        window.db.execute("UPDATE workshops SET team = 'Ward 7b' WHERE id = ?", [workshop_id])
    assert window.db.execute("SELECT team FROM workshops").fetchone()[0] == "Ward 7b"
    job.close()
    window.close()


