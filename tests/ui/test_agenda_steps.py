"""Free steps written in place and in the side panel; a Break step on the agenda."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from rcdesk.domain.decks import MAX_ROOM_TEXT, StepKind

from .test_conversations_agenda import agenda, click, named_button, undo_text  # noqa: F401


def test_a_free_step_is_written_in_the_side_panel(qtbot, agenda) -> None:  # noqa: F811
    window, _, tab = agenda
    click(qtbot, named_button(tab, "New meeting today (first)"))
    click(qtbot, named_button(tab, "Add free step"))
    panel = tab.step_panel
    assert panel.isVisibleTo(tab) and panel.title.hasFocus()
    panel.title.selectAll()
    qtbot.keyClicks(panel.title, "Introductions")
    qtbot.keyClick(panel.title, Qt.Key.Key_Tab)
    assert tab.table_model.records()[0].title == "Introductions"
    assert undo_text(window) == "Undo Edit step “Introductions”"
    panel.room.setFocus()
    panel.room.selectAll()
    qtbot.keyClicks(panel.room, "Your name and one hope for today.")
    qtbot.keyClick(panel.room, Qt.Key.Key_Tab)
    panel.notes.setFocus()
    qtbot.keyClicks(panel.notes, "Start with the quietest role.")
    qtbot.keyClick(panel.notes, Qt.Key.Key_Tab)
    step = tab.table_model.records()[0].step
    assert (step.title, step.room, step.notes) == (
        "Introductions", "Your name and one hope for today.", "Start with the quietest role.")
    assert panel.room_count.text() == f"33 / {MAX_ROOM_TEXT}"
    panel.room.setFocus()
    qtbot.keyClicks(panel.room, "x" * MAX_ROOM_TEXT)  # too long for the projector
    qtbot.keyClick(panel.room, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: "room" in window.status.message.text())
    assert tab.table_model.records()[0].step.room == "Your name and one hope for today."
    assert len(panel.room.value()) > MAX_ROOM_TEXT  # the words stay to be shortened


def test_a_step_title_is_edited_in_place(qtbot, agenda) -> None:  # noqa: F811
    _, _, tab = agenda
    click(qtbot, named_button(tab, "New meeting today (first)"))
    click(qtbot, named_button(tab, "Add free step"))
    column = tab.table_model.column_index("Step")
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.table_model.index(0, column))
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Round of names")
    with qtbot.waitSignal(tab.model.agenda_changed):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert tab.table_model.records()[0].title == "Round of names"
    assert tab.step_panel.title.value() == "Round of names"


def test_a_break_is_added_and_its_kind_chosen_in_the_panel(qtbot, agenda) -> None:  # noqa: F811
    _, _, tab = agenda
    click(qtbot, named_button(tab, "New meeting today (first)"))
    click(qtbot, named_button(tab, "Add break"))
    item = tab.table_model.records()[0]
    assert (item.title, item.step.kind, item.planned_minutes) == ("Break", StepKind.BREAK, 10)
    click(qtbot, named_button(tab, "Add free step"))
    panel = tab.step_panel
    panel.kind.setCurrentIndex(panel.kind.findData(StepKind.REVEAL))
    panel.kind.activated.emit(panel.kind.currentIndex())
    assert tab.table_model.records()[1].step.kind is StepKind.REVEAL
    assert panel.source.isVisibleTo(panel)  # a reveal step can name its tie ahead
