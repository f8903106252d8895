"""A damaged library in the window: a clear message naming the newest good backup, and a
way to restore it from there (the damaged file is kept beside the library)."""

from __future__ import annotations

import re
from pathlib import Path

from rcdesk import app
from rcdesk.services.library import LibraryService
from rcdesk.store.backups import take_backup
from rcdesk.store.connection import open_library
from rcdesk.ui import messages
from rcdesk.ui.backup_timer import keeper_of


def schema_with_a_bad_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    found = re.search(rb"CREATE TABLE roles", data)
    assert found is not None
    data[found.start() + 13] = 0xFF  # "roles" -> "r\xffles": not UTF-8
    path.write_bytes(bytes(data))


def test_a_damaged_library_names_its_newest_good_backup_and_restores_it(
        qtbot, tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite"
    library = open_library(path, create=True)
    LibraryService(library).create("Ward 7", roles=["Nurses"])
    good = take_backup(library, "manual")
    library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    library.close()
    assert good is not None
    schema_with_a_bad_byte(path)
    asked: list[tuple[str, str]] = []
    told: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, action:
                        asked.append((title, text)) or action == "Restore Backup")
    monkeypatch.setattr(messages, "inform", lambda parent, title, text: told.append(text))

    window = app._open_window_or_ask(path, app.user_settings(tmp_path / "ui.ini"))

    assert window is not None
    qtbot.addWidget(window)
    title, text = asked[0]
    assert title == "The library is damaged" and "damaged" in text and good.name in text
    assert [w.title for w in window.library.summaries()] == ["Ward 7"]
    assert len(told) == 1 and "before-restore" in told[0]
    assert list(tmp_path.glob("library.sqlite.before-restore-*"))  # the damaged file, kept
    keeper = keeper_of(window)
    assert keeper is not None
    keeper.shutdown()
