"""The deck library tab driven like a facilitator: copy a deck, edit it, share it, undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rcdesk.domain.decks import MAX_ROOM_TEXT, StepKind
from rcdesk.services.decks import SHIPPED_ORDER
from rcdesk.ui import messages
from rcdesk.ui.conversations.deck_library import DeckLibraryTab


@pytest.fixture
def decks(qtbot, workshop):
    """The decks tab of a new workshop, on the window's model, undo stack and status bar;
    shown and active on its own, so the tests do not depend on how the Conversations
    page arranges its tabs."""
    window, page = workshop
    tab = DeckLibraryTab(page.model, page.runner, window.status)
    qtbot.addWidget(tab)
    tab.resize(1100, 600)
    tab.show()
    with qtbot.waitActive(tab):
        tab.activateWindow()
    return window, tab


def undo_text(window) -> str:
    return window.actions_by_name["undo"].text()


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def deck_titles(tab) -> list[str]:
    return [tab.deck_list.item(i).text().split("\n")[0] for i in range(tab.deck_list.count())]


def leave(qtbot, field) -> None:
    """Tab out of a field, as a facilitator moves on (saves it)."""
    qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_shipped_decks_are_listed_read_only_with_their_minutes(decks) -> None:
    _, tab = decks
    assert deck_titles(tab)[0] == "Shipped decks"
    assert len(deck_titles(tab)) == 1 + len(SHIPPED_ORDER)
    assert "42 min · shipped · read-only" in tab.deck_list.item(1).text()
    assert tab.current().key == "psychological-safety"
    assert tab.steps_model.rowCount() == len(tab.current().deck.steps)
    assert tab.note.isVisible() and not tab.deck_title.isVisible()
    assert not tab.delete_button.isEnabled()
    assert not any(b.isEnabled() for b in tab.step_buttons)
    assert tab.form.title.isReadOnly() and not tab.form.kind.isEnabled()
    assert tab.form.notes.toPlainText()  # the facilitator's notes are readable before copying


def test_duplicate_then_edit_each_field_of_a_step_one_undo_step_each(qtbot, decks) -> None:
    window, tab = decks
    tab.deck_list.setCurrentRow(2)  # Humble inquiry
    click(qtbot, tab.duplicate_button)
    assert tab.current().key == "humble-inquiry-copy"
    assert deck_titles(tab)[-2:] == ["Your decks", "Humble inquiry (copy)"]
    assert undo_text(window) == "Undo Duplicate deck “Humble inquiry”"
    assert tab.deck_title.isVisible() and all(b.isEnabled() for b in tab.step_buttons)
    tab.steps.selectRow(1)
    form = tab.form
    form.title.setFocus()
    form.title.selectAll()
    qtbot.keyClicks(form.title, "Open questions")
    leave(qtbot, form.title)
    assert tab.current().deck.steps[1].title == "Open questions"
    assert undo_text(window) == "Undo Change step title"
    form.room.setFocus()
    form.room.selectAll()
    qtbot.keyClicks(form.room, "What would you like us to know?")
    assert form.count.text() == "31 / 220 characters"
    leave(qtbot, form.room)
    assert tab.current().deck.steps[1].room == "What would you like us to know?"
    assert undo_text(window) == "Undo Change room text"
    form.minutes.setFocus()
    form.minutes.selectAll()
    qtbot.keyClicks(form.minutes, "12")
    qtbot.keyClick(form.minutes, Qt.Key.Key_Return)
    assert tab.current().deck.steps[1].minutes == 12.0
    form.kind.setCurrentIndex(form.kind.findData("pairs"))
    form.kind.activated.emit(form.kind.currentIndex())
    assert tab.current().deck.steps[1].kind is StepKind.PAIRS
    form.role_a.setFocus()
    qtbot.keyClicks(form.role_a, "Nurses")
    leave(qtbot, form.role_a)
    assert form.error.isVisible() and "both roles" in form.error.text()
    qtbot.keyClicks(form.role_b, "Physicians")
    leave(qtbot, form.role_b)
    assert tab.current().deck.steps[1].roles == ("Nurses", "Physicians")
    assert tab.current_step_index() == 1  # the selection stays on the edited step
    for _ in range(5):
        window.undo_group.undo()
    assert tab.current().deck.steps[1] == tab.library.deck("humble-inquiry").deck.steps[1]
    window.undo_group.redo()
    assert tab.current().deck.steps[1].title == "Open questions"


def test_a_too_long_room_text_is_counted_refused_and_kept(qtbot, decks) -> None:
    window, tab = decks
    click(qtbot, tab.duplicate_button)
    form = tab.form
    form.room.setFocus()
    form.room.selectAll()
    qtbot.keyClicks(form.room, "x" * (MAX_ROOM_TEXT + 5))
    assert form.count.text() == f"{MAX_ROOM_TEXT + 5} / {MAX_ROOM_TEXT} characters"
    assert form.count.property("textRole") == "error"
    leave(qtbot, form.room)
    assert form.error.isVisible() and "under 220" in form.error.text()
    assert form.room.toPlainText() == "x" * (MAX_ROOM_TEXT + 5)  # the typed text stays
    assert undo_text(window) == "Undo Duplicate deck “Creating psychological safety”"


def test_add_move_and_delete_steps_with_buttons_and_alt_arrows(qtbot, decks) -> None:
    window, tab = decks
    click(qtbot, tab.duplicate_button)
    steps = len(tab.current().deck.steps)
    tab.steps.selectRow(0)
    click(qtbot, tab.step_buttons[0])  # Add step
    assert len(tab.current().deck.steps) == steps + 1
    assert tab.current_step_index() == 1 and tab.form.title.hasFocus()
    qtbot.keyClicks(tab.form.title, "Name round")
    leave(qtbot, tab.form.title)
    assert tab.current().deck.steps[1].title == "Name round"
    tab.steps.setFocus()
    qtbot.keyClick(tab.steps, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert tab.current().deck.steps[2].title == "Name round"
    assert tab.current_step_index() == 2
    qtbot.keyClick(tab.steps, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(tab.steps, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert tab.current().deck.steps[0].title == "Name round"
    assert undo_text(window) == "Undo Move step"
    click(qtbot, tab.step_buttons[1])  # Delete step
    assert "Name round" not in [s.title for s in tab.current().deck.steps]
    assert window.status.undo_button.isVisible()
    click(qtbot, window.status.undo_button)
    assert tab.current().deck.steps[0].title == "Name round"


def test_rename_and_delete_an_own_deck_with_undo(qtbot, decks) -> None:
    window, tab = decks
    click(qtbot, tab.duplicate_button)
    tab.deck_title.setFocus()
    tab.deck_title.selectAll()
    qtbot.keyClicks(tab.deck_title, "Safety, ward 7")
    qtbot.keyClick(tab.deck_title, Qt.Key.Key_Return)
    assert deck_titles(tab)[-1] == "Safety, ward 7"
    assert undo_text(window) == "Undo Rename deck"
    click(qtbot, tab.delete_button)
    assert "Safety, ward 7" not in deck_titles(tab)
    assert "Deleted deck “Safety, ward 7”" in window.status.message.text()
    assert tab.current().key == "psychological-safety"
    click(qtbot, window.status.undo_button)
    assert deck_titles(tab)[-1] == "Safety, ward 7"


def test_export_and_import_through_the_file_dialogs(qtbot, decks, monkeypatch,
                                                    tmp_path: Path) -> None:
    window, tab = decks
    tab.deck_list.setCurrentRow(4)  # Huddle check-in
    target = tmp_path / "huddle.json"
    monkeypatch.setattr(messages, "choose_save_file", lambda *args: str(target))
    click(qtbot, tab.export_button)
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "huddle-check-in"
    monkeypatch.setattr(messages, "choose_open_file", lambda *args: str(target))
    import_button = next(b for b in tab.findChildren(type(tab.export_button))
                         if b.text() == "Import deck…")
    click(qtbot, import_button)
    assert tab.current().key == "huddle-check-in-2" and tab.current().editable
    assert undo_text(window) == "Undo Import deck “Huddle check-in (2)”"
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "rcdesk-deck", "version": 1, "id": "b", "title": "B", '
                      '"steps": [{"title": "T", "room": "", "minutes": 3, "kind": "talk"}]}',
                      encoding="utf-8")
    monkeypatch.setattr(messages, "choose_open_file", lambda *args: str(broken))
    click(qtbot, import_button)
    text = window.status.message.text()
    assert str(broken) in text and "step 1" in text and "\"room\"" in text
    assert "B" not in deck_titles(tab)
    QApplication.processEvents()


def test_alt_arrow_while_typing_saves_the_text_then_moves(qtbot, decks) -> None:
    window, tab = decks
    click(qtbot, tab.duplicate_button)
    tab.steps.selectRow(0)
    tab.form.title.setFocus()
    tab.form.title.selectAll()
    qtbot.keyClicks(tab.form.title, "Hello first")
    qtbot.keyClick(tab.form.title, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert tab.current().deck.steps[1].title == "Hello first"
    assert tab.current_step_index() == 1
    window.undo_group.undo()
    assert tab.current().deck.steps[0].title == "Hello first"


def test_the_steps_model_passes_qtmodeltester(qtmodeltester, decks) -> None:
    _, tab = decks
    qtmodeltester.check(tab.steps_model)
    assert [tab.steps_model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(tab.steps_model.columnCount())] == [
        "#", "Step", "Kind", "Min", "On screen"]


def test_a_deck_imported_from_the_tab_takes_a_before_import_backup(
        qtbot, decks, monkeypatch, tmp_path: Path) -> None:
    """The deck import is an import like any other: its write follows a forced backup
    (and a refused file takes none)."""
    from rcdesk.store.backups import list_backups

    window, tab = decks
    library_path = window.library.library.path

    def before_import() -> int:
        return sum(1 for b in list_backups(library_path) if b.reason == "before-import")

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "rcdesk-deck"}', encoding="utf-8")
    target = tmp_path / "huddle.json"
    tab.deck_list.setCurrentRow(4)
    monkeypatch.setattr(messages, "choose_save_file", lambda *args: str(target))
    click(qtbot, tab.export_button)
    import_button = next(b for b in tab.findChildren(type(tab.export_button))
                         if b.text() == "Import deck…")
    monkeypatch.setattr(messages, "choose_open_file", lambda *args: str(broken))
    click(qtbot, import_button)
    assert before_import() == 0
    monkeypatch.setattr(messages, "choose_open_file", lambda *args: str(target))
    click(qtbot, import_button)
    assert tab.current().key == "huddle-check-in-2"
    assert before_import() == 1


def test_a_file_with_several_problems_lists_them_all(qtbot, decks, monkeypatch,
                                                      tmp_path: Path) -> None:
    window, tab = decks
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "rcdesk-deck", "version": 1, "id": "b", "title": "B", '
                      '"steps": [{"title": "T", "room": "", "minutes": 0, "kind": "talk"}, '
                      '{"title": "U", "room": "R", "minutes": 3, "kind": "lecture"}]}',
                      encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(messages, "choose_open_file", lambda *args: str(broken))
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: shown.append(text))
    click(qtbot, next(b for b in tab.findChildren(type(tab.export_button))
                      if b.text() == "Import deck…"))
    assert len(shown) == 1 and "3 problems" in shown[0]
    assert "step 1: \"room\"" in shown[0] and "step 1: \"minutes\" must be more than 0" in \
        shown[0] and "step 2: \"kind\"" in shown[0]
    assert "B" not in deck_titles(tab)
