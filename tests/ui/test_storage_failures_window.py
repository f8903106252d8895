"""On a full disk the window still opens and reads a workshop, and says why edits are
refused; the settings file is readable by the user only."""

from __future__ import annotations

import os
import sqlite3
import stat
from typing import Any

from rcdesk import app
from rcdesk.store import connection

FULL = "database or disk is full"
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class FullDisk:
    """The window's connection, with every write failing as SQLite's does on a full disk."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self._real = real

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if connection.first_keyword(sql) in WRITES:
            raise sqlite3.OperationalError(FULL)
        return self._real.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def test_on_a_full_disk_a_workshop_opens_and_the_window_says_why_edits_are_refused(
        qtbot, make_window):
    window = make_window()
    workshop_id = window.library.create("Ward 7", roles=["Nurses", "Physicians"])
    db = window.library.library.db
    db.conn = FullDisk(db.conn)  # the disk fills up while the app is open

    page = window.open_workshop(workshop_id)

    assert page is not None, window.status.message.text()
    assert [r.name for r in page.model.service.roles()] == ["Nurses", "Physicians"]
    # said once the workshop is on screen (noting when it was opened follows its first frame)
    qtbot.waitUntil(lambda: "the disk is full" in window.status.message.text())
    assert not page.runner.run(lambda: page.model.service.map.add_role("Porters"))
    assert "the disk is full" in window.status.message.text()
    assert [r.name for r in page.model.service.roles()] == ["Nurses", "Physicians"]


def test_the_settings_file_and_its_folder_are_private(qtbot, tmp_path):
    path = tmp_path / "config" / "rcdesk" / "rcdesk.ini"
    settings = app.user_settings(path)
    settings.set("view/projector", True)
    settings.sync()
    assert path.is_file()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_library_whose_folder_is_read_only_opens_read_only_saying_why(
        qtbot, tmp_path, monkeypatch):
    import errno

    from rcdesk.services.library import LibraryService
    from rcdesk.store import lock
    from rcdesk.store.connection import open_library

    path = tmp_path / "library.sqlite"
    library = open_library(path, create=True)
    LibraryService(library).create("Ward 7", roles=["Nurses"])
    library.close()
    real_open = os.open

    def read_only_folder(target, flags, mode=0o777):
        if str(target).endswith(".lock"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(target))
        return real_open(target, flags, mode)

    monkeypatch.setattr(lock.os, "open", read_only_folder)
    window = app.open_library_window(path, app.user_settings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    assert window.library.library.read_only
    assert "read-only" in window.status.message.text()
    assert [w.title for w in window.library.summaries()] == ["Ward 7"]


def test_a_library_that_cannot_be_prepared_on_a_full_disk_opens_read_only_saying_why(
        qtbot, make_window, library_path, monkeypatch):
    import errno

    from rcdesk.store.failures import storage_error

    first = make_window(show=False)
    first.library.create("Ward 7", roles=["Nurses"])
    first.library.library.close()

    def full(path, version):
        raise storage_error(path, "prepare the library", OSError(errno.ENOSPC, "No space"))

    monkeypatch.setattr(connection, "_open_for_writing", full)
    window = make_window()
    assert window.library.library.read_only
    assert "the disk is full" in window.status.message.text()
    page = window.open_workshop(window.library.summaries()[0].id)
    assert page is not None and [r.name for r in page.model.service.roles()] == ["Nurses"]
