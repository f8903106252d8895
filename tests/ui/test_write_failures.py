"""Writes that fail through a real window: disk full, read-only, locked by another program.

Each time the edit is rolled back, what was typed stays in the field, a calm message
says what happened, the app keeps running, and the same edit succeeds once the
condition is cleared. CI runs as root, so the failures are made with SQLite itself
(platform-notes.md): max_page_count, query_only, and a second connection holding
BEGIN EXCLUSIVE.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from rcdesk.store import connection
from rcdesk.ui.main_window import MainWindow
from rcdesk.ui.workshop_page import WorkshopPage

Workshop = tuple[MainWindow, WorkshopPage]


@pytest.fixture(autouse=True)
def quick_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A locked library is reported after 50 ms instead of 5 s (set before any window)."""
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)


def stored_roles(window: MainWindow) -> list[str]:
    """Read through a separate connection: what is really committed in the file."""
    conn = sqlite3.connect(window.library.library.path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM roles ORDER BY id")]
    finally:
        conn.close()


def add_role(qtbot: QtBot, page: WorkshopPage, name: str) -> None:
    field = page.overview.roles.new_name
    field.setFocus()
    if field.text() != name:
        field.clear()
        qtbot.keyClicks(field, name)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_full_disk_keeps_the_typed_text_and_says_so(qtbot: QtBot, workshop: Workshop) -> None:
    window, page = workshop
    db = window.library.library.db
    process = page.overview.details.fields["process"]
    # At the free-text limit (4,000 characters) in three-byte letters: more than a page.
    long_text = "退院から初回の家庭訪問まで。" * 280
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")  # the "disk" is full

    process.setFocus()
    process.setText(long_text)
    qtbot.keyClick(process, Qt.Key.Key_Return)
    details = page.overview.details
    assert details.error.isVisible()
    assert "the disk is full" in details.error.text()
    assert "Nothing was changed" in details.error.text()
    assert "\n" not in details.error.text() and "Traceback" not in details.error.text()
    assert process.text() == long_text
    assert page.model.service.workshop().process == ""
    assert window.isVisible()

    db.execute("PRAGMA max_page_count = 1073741823")  # space was freed
    qtbot.keyClick(process, Qt.Key.Key_Return)
    assert page.model.service.workshop().process == long_text.strip()
    assert not details.error.isVisible()


def test_a_read_only_library_keeps_the_typed_role(qtbot: QtBot, workshop: Workshop) -> None:
    window, page = workshop
    db = window.library.library.db
    db.execute("PRAGMA query_only = ON")
    add_role(qtbot, page, "Porters")
    assert "cannot be written" in window.status.message.text()
    assert "Nothing was changed" in window.status.message.text()
    assert page.overview.roles.new_name.text() == "Porters"
    assert stored_roles(window) == []
    assert window.undo_group.activeStack().count() == 0  # nothing to undo: nothing happened

    db.execute("PRAGMA query_only = OFF")
    add_role(qtbot, page, "Porters")
    assert stored_roles(window) == ["Porters"]
    assert page.overview.roles.new_name.text() == ""


@pytest.fixture
def other_program(workshop: Workshop) -> Iterator[sqlite3.Connection]:
    window, _ = workshop
    other = sqlite3.connect(window.library.library.path, isolation_level=None, timeout=0.05)
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def test_a_library_locked_by_another_program_keeps_the_typed_role(
    qtbot: QtBot, workshop: Workshop, other_program: sqlite3.Connection
) -> None:
    window, page = workshop
    assert window.library.library.db.execute("PRAGMA busy_timeout").fetchone()[0] == 50
    other_program.execute("BEGIN EXCLUSIVE")
    add_role(qtbot, page, "Porters")
    message = window.status.message.text()
    assert "another program is using the library" in message
    assert "Nothing was changed" in message
    assert page.overview.roles.new_name.text() == "Porters"

    other_program.execute("ROLLBACK")
    assert stored_roles(window) == []
    add_role(qtbot, page, "Porters")
    assert stored_roles(window) == ["Porters"]
    window.undo_group.undo()  # and the stack still works
    assert stored_roles(window) == []
