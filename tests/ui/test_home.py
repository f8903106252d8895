"""The home screen: empty state, new, open, duplicate, delete, sample."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rcdesk.ui import messages


def titles(window) -> list[str]:
    return sorted(s.title for s in window.library.summaries())


def test_an_empty_library_teaches_and_offers_the_next_action(qtbot, make_window):
    window = make_window()
    assert window.home.pages.currentIndex() == 1
    assert window.workshop_page is None
    assert not window.actions_by_name["close"].isEnabled()


def test_new_workshop_opens_its_overview_with_the_title_ready_to_type(qtbot, make_window):
    window = make_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    page = window.workshop_page
    assert page is not None
    title = page.overview.details.fields["title"]
    assert QApplication.focusWidget() is title
    assert title.selectedText() == "New workshop"
    qtbot.keyClicks(title, "Ward 7 huddles")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert page.model.service.workshop().title == "Ward 7 huddles"
    assert window.windowTitle() == "Ward 7 huddles — rcdesk"
    assert page.title.text() == "Ward 7 huddles"
    assert [w.name for w in page.model.service.waves()] == ["Baseline"]

    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.workshop_page is None
    assert titles(window) == ["Ward 7 huddles"]
    assert window.home.pages.currentIndex() == 0


def test_open_the_sample_then_duplicate_and_delete_with_confirmation(qtbot, make_window,
                                                                    monkeypatch):
    window = make_window()
    window.home.open_sample()
    assert window.workshop_page is not None
    assert len(window.workshop_page.model.service.roles()) == 7
    window.close_workshop()

    qtbot.mouseClick(window.home.duplicate_button, Qt.MouseButton.LeftButton)
    assert titles(window) == ["Hospital discharge (sample)", "Hospital discharge (sample) (copy)"]
    assert window.home.selected().title == "Hospital discharge (sample) (copy)"

    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm",
                        lambda parent, title, text, action: asked.append(text) or False)
    qtbot.mouseClick(window.home.delete_button, Qt.MouseButton.LeftButton)
    assert len(titles(window)) == 2
    assert "cannot be undone" in asked[0]

    monkeypatch.setattr(messages, "confirm", lambda parent, title, text, action: True)
    window.home.table.setFocus()
    qtbot.keyClick(window.home.table, Qt.Key.Key_Delete)
    assert titles(window) == ["Hospital discharge (sample)"]


def test_enter_on_a_row_opens_that_workshop(qtbot, make_window):
    window = make_window()
    window.library.create("Alpha", roles=["A"])
    window.library.create("Beta", roles=["B", "C"])
    window.home.refresh()
    window.home.select(window.library.find("alpha"))
    window.home.table.setFocus()
    with qtbot.waitSignal(window.workshop_opened) as opened:
        qtbot.keyClick(window.home.table, Qt.Key.Key_Return)
    assert opened.args == [window.library.find("Alpha")]
    assert window.workshop_page.model.service.workshop().title == "Alpha"


def test_deleting_a_workshop_offers_to_purge_the_backups_that_still_hold_it(
        qtbot, make_window, monkeypatch):
    from rcdesk.store.backups import list_backups, take_backup

    window = make_window()
    library = window.library.library
    window.library.create("Zyxw secret ward", roles=["Qqqz role"])
    window.library.create("Keeps", roles=["Nurses"])
    take_backup(library, "manual")
    window.home.refresh()
    window.home.select(window.library.find("Zyxw secret ward"))
    answers = iter([True, False])  # delete the workshop; keep the backups
    monkeypatch.setattr(messages, "confirm", lambda *args: next(answers))
    qtbot.mouseClick(window.home.delete_button, Qt.MouseButton.LeftButton)
    assert titles(window) == ["Keeps"]
    assert len(list_backups(library.path)) == 1
    assert "still hold it" in window.status.message.text()

    window.library.create("Another secret", roles=["Rrrq role"])
    take_backup(library, "manual")
    window.home.refresh()
    window.home.select(window.library.find("Another secret"))
    monkeypatch.setattr(messages, "confirm", lambda *args: True)
    qtbot.mouseClick(window.home.delete_button, Qt.MouseButton.LeftButton)
    kept = list_backups(library.path)
    assert len(kept) == 1 and kept[0].reason == "manual" and kept[0].workshop_count == 1
    data = kept[0].path.read_bytes()
    assert b"Zyxw secret ward" not in data and b"Another secret" not in data
    assert "Deleted 2 older backups" in window.status.message.text()
