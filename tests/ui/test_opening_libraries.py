"""Opening files that are not healthy rcdesk libraries: a message, no crash, no write."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from rcdesk import app
from rcdesk.store.migrations import SCHEMA_VERSION
from rcdesk.ui import messages


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """Record the messages shown and answer "Quit" (no other library chosen)."""
    texts: list[str] = []
    monkeypatch.setattr(messages, "confirm",
                        lambda parent, title, text, action: texts.append(text) or False)
    return texts


def damaged_library(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    return path


@pytest.mark.parametrize("make_file, expected", [
    (lambda tmp: (tmp / "notes.txt", "meeting notes\n"), "not an rcdesk library"),
    (lambda tmp: (tmp / "damaged.sqlite", None), "damaged"),
])
def test_a_bad_file_gets_a_message_naming_it_and_stays_unchanged(
        qtbot, tmp_path, asked, make_file, expected):
    path, text = make_file(tmp_path)
    if text is None:
        path = damaged_library(tmp_path)
    else:
        path.write_text(text)
    before = digest(path)
    window = app._open_window_or_ask(path, app.user_settings(tmp_path / "ui.ini"))
    assert window is None
    assert len(asked) == 1
    assert path.name in asked[0] and expected in asked[0]
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".ini") == [path.name]


def test_choosing_another_library_after_a_bad_one_opens_it(qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    good = tmp_path / "good.sqlite"
    monkeypatch.setattr(messages, "confirm", lambda *args: True)
    monkeypatch.setattr(messages, "choose_library_file", lambda parent: str(good))
    window = app._open_window_or_ask(bad, app.user_settings(tmp_path / "ui.ini"))
    assert window is not None
    qtbot.addWidget(window)
    assert window.library.library.path == good
    assert good.exists()


def test_a_library_from_a_newer_rcdesk_opens_read_only_and_refuses_edits(
        qtbot, make_window, library_path):
    first = make_window(show=False)
    first.library.create("Ward 7", roles=["Nurses"])
    first.close()
    first.library.library.close()
    conn = sqlite3.connect(library_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(library_path)

    window = make_window()
    assert "newer version of rcdesk" in window.status.message.text()
    window.home.open_selected()
    page = window.workshop_page
    assert page is not None
    page.overview.roles.new_name.setText("Physicians")
    page.overview.roles._on_add()
    assert "read-only" in window.status.message.text()
    assert [r.name for r in page.model.service.roles()] == ["Nurses"]
    assert page.overview.roles.new_name.text() == "Physicians"
    window.close()
    window.library.library.close()
    assert digest(library_path) == before
