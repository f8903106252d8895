"""The app's side of backups: the library lock at open, backups at open/every 30 min/quit,
and File ▸ Restore from Backup… (open_restore_dialog) reopening the restored library."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from rcdesk import app
from rcdesk.store.backups import list_backups
from rcdesk.store.lock import acquire, is_locked
from rcdesk.ui import messages, restore_dialog
from rcdesk.ui.backup_timer import BACKUP_INTERVAL_MS, keeper_of
from rcdesk.ui.main_window import MainWindow


@pytest.fixture
def open_window(qtbot: QtBot, tmp_path: Path):  # type: ignore[no-untyped-def]
    app.make_application()

    def factory(path: Path) -> MainWindow:
        window = app.open_library_window(path, app.user_settings(tmp_path / "ui.ini"))
        qtbot.addWidget(window)
        keeper = keeper_of(window)
        assert keeper is not None and keeper.backup_pending and not list_backups(path)
        window.show()  # the backup at open follows the window's first paint
        qtbot.waitUntil(lambda: not keeper.backup_pending)
        return window

    return factory


def test_a_library_open_elsewhere_gets_a_message_and_a_way_out(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "library.sqlite"
    elsewhere = acquire(path)  # another rcdesk window has it open
    assert elsewhere is not None
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm",
                        lambda parent, title, text, action: asked.append(text) or False)
    try:
        assert app._open_window_or_ask(path, app.user_settings(tmp_path / "ui.ini")) is None
    finally:
        elsewhere.release()
    assert len(asked) == 1
    assert "library.sqlite is open in rcdesk" in asked[0] and "open another library" in asked[0]
    assert not path.exists()  # nothing was created or written


def test_the_window_holds_the_lock_and_backs_up_at_open_periodically_and_on_quit(
    qtbot: QtBot, tmp_path: Path, open_window
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "library.sqlite"
    window = open_window(path)
    keeper = keeper_of(window)
    assert keeper is not None and is_locked(path)
    assert [b.reason for b in list_backups(path)] == ["open"]
    assert keeper.timer.isActive() and keeper.timer.interval() == BACKUP_INTERVAL_MS == 1_800_000

    with qtbot.assertNotEmitted(keeper.backed_up):
        keeper.timer.timeout.emit()  # 30 minutes later, nothing changed: no backup
    window.library.create("Ward 7")
    with qtbot.waitSignal(keeper.backed_up):
        keeper.timer.timeout.emit()
    assert [b.reason for b in list_backups(path)] == ["periodic", "open"]

    window.library.create("Ward 8")
    app.shutdown_keepers(app.make_application())
    assert not is_locked(path)
    newest = list_backups(path)[0]
    assert (newest.reason, newest.workshop_count) == ("quit", 2)


def test_restore_from_backup_reopens_the_restored_library(
    qtbot: QtBot, tmp_path: Path, open_window, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "library.sqlite"
    window = open_window(path)
    window.library.create("Ward 7")
    keeper = keeper_of(window)
    assert keeper is not None
    keeper.backup("manual")
    window.library.create("Written after the backup")

    dialog = restore_dialog.RestoreDialog(path, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 1).text() == "By hand"
    assert dialog.table.item(0, 2).text() == "1" and dialog.table.item(0, 3).text() == "OK"
    chosen = dialog.chosen()
    assert chosen is not None and chosen.reason == "manual"

    monkeypatch.setattr(restore_dialog, "choose_backup", lambda parent, library: chosen)
    monkeypatch.setattr(messages, "confirm", lambda *args: True)
    restore_dialog.open_restore_dialog(window)
    new = keeper_of(window) or keeper.window
    assert new is not window and isinstance(new, MainWindow)
    qtbot.addWidget(new)
    assert [s.title for s in new.library.summaries()] == ["Ward 7"]
    assert "Restored library.sqlite" in new.status.message.text()
    assert is_locked(path)  # held throughout
    assert any(".before-restore-" in p.name for p in tmp_path.iterdir())
    app.shutdown_keepers(app.make_application())
    assert not is_locked(path)


def test_the_file_menu_offers_restore_from_backup(qtbot: QtBot, make_window,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()
    opened: list[object] = []
    monkeypatch.setattr(restore_dialog, "open_restore_dialog", opened.append)
    action = window.actions_by_name["restore"]
    assert action.text() == "&Restore from Backup…"
    action.trigger()
    assert opened == [window]
