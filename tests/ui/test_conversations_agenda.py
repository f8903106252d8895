"""The agenda tab driven like a facilitator: pick a meeting, plan it, start the walkthrough."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from rcdesk.domain.agenda import StepState
from rcdesk.services.agenda import AgendaService
from rcdesk.services.edits import Change
from rcdesk.ui.conversations.agenda import AgendaTab


@pytest.fixture
def agenda(qtbot, workshop):
    """The agenda tab of a new workshop (no meetings yet), on the window's model, undo stack
    and status bar; shown and active on its own, so the tests do not depend on how the
    Conversations page arranges its tabs."""
    window, page = workshop
    tab = AgendaTab(page.model, page.runner, window.status)
    qtbot.addWidget(tab)
    tab.resize(1100, 600)
    tab.show()
    with qtbot.waitActive(tab):
        tab.activateWindow()
    return window, page, tab


def undo_text(window) -> str:
    return window.actions_by_name["undo"].text()


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def named_button(tab, name: str):
    return next(b for b in tab.findChildren(type(tab.start)) if b.accessibleName() == name)


def titles(tab) -> list[str]:
    return [a.title for a in tab.table_model.records()]


def test_the_table_model_passes_qtmodeltester(qtmodeltester, qtbot, agenda) -> None:
    _, _, tab = agenda
    click(qtbot, named_button(tab, "New meeting today (first)"))
    click(qtbot, named_button(tab, "Add deck"))
    qtmodeltester.check(tab.table_model)


def test_no_meeting_teaches_and_new_meeting_today_opens_an_empty_agenda(qtbot, agenda) -> None:
    window, page, tab = agenda
    assert tab.pages.currentWidget() is tab.no_meeting
    assert tab.current_meeting_id() is None
    click(qtbot, named_button(tab, "New meeting today (first)"))
    meeting = page.model.service.meetings()[0]
    assert meeting.kind.value == "kickoff" and meeting.date == page.model.service.today()
    assert tab.current_meeting_id() == meeting.id
    assert tab.body.currentWidget() is tab.empty
    assert not tab.start.isEnabled() and "Add a deck" in tab.start.toolTip()
    assert undo_text(window) == "Undo Add meeting"
    click(qtbot, named_button(tab, "New meeting today"))
    newest = tab.meeting_picker.itemText(0)
    assert "Huddle 1" in newest and tab.meeting_picker.currentIndex() == 0


def test_add_decks_and_free_steps_move_remove_and_undo(qtbot, agenda) -> None:
    window, page, tab = agenda
    click(qtbot, named_button(tab, "New meeting today (first)"))
    tab.deck_picker.setCurrentIndex(tab.deck_picker.findData("huddle-check-in"))
    click(qtbot, named_button(tab, "Add deck"))
    deck = tab.decks.deck("huddle-check-in").deck
    assert titles(tab) == [s.title for s in deck.steps]
    assert undo_text(window) == "Undo Add deck “Huddle check-in”"
    assert tab.total.text() == f"{len(deck.steps)} steps · 10 min planned"
    assert tab.start.isEnabled() and tab.start.text() == "Start walkthrough"
    click(qtbot, named_button(tab, "Add free step"))
    assert titles(tab)[-1] == "Free step" and tab.table_model.records()[-1].deck_title == ""
    assert tab.table_model.data(tab.table_model.index(len(deck.steps), 1)) == "free step"
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles(tab)[-2] == "Free step"
    click(qtbot, named_button(tab, "Move step up"))
    assert titles(tab)[-3] == "Free step"
    click(qtbot, named_button(tab, "Remove step"))
    assert "Free step" not in titles(tab)
    assert "Removed “Free step” from the agenda" in window.status.message.text()
    click(qtbot, window.status.undo_button)
    assert titles(tab)[-3] == "Free step"
    click(qtbot, named_button(tab, "Clear agenda"))
    assert tab.body.currentWidget() is tab.empty
    window.undo_group.undo()
    assert len(titles(tab)) == len(deck.steps) + 1


def test_planned_minutes_are_edited_in_place(qtbot, agenda) -> None:
    window, _, tab = agenda
    click(qtbot, named_button(tab, "New meeting today (first)"))
    click(qtbot, named_button(tab, "Add free step"))
    column = tab.table_model.column_index("Planned min")
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.table_model.index(0, column))
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "7,5")
    with qtbot.waitSignal(tab.model.agenda_changed):  # the delegate commits on the next loop
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert tab.table_model.records()[0].planned_minutes == 7.5
    assert tab.total.text() == "1 step · 7.5 min planned"
    assert undo_text(window) == "Undo Change planned time"
    tab.table.setCurrentIndex(tab.table_model.index(0, column))
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "500")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "120 minutes" in window.status.message.text())
    assert tab.table_model.records()[0].planned_minutes == 7.5


def test_start_emits_the_meeting_and_reads_resume_while_a_step_is_on_screen(
        qtbot, agenda) -> None:
    _, page, tab = agenda
    click(qtbot, named_button(tab, "New meeting today (first)"))
    click(qtbot, named_button(tab, "Add deck"))
    meeting = tab.current_meeting_id()
    with qtbot.waitSignal(tab.start_requested) as started:
        click(qtbot, tab.start)
    assert started.args == [meeting]
    first = tab.table_model.records()[0]
    page.model.service.library.db.execute(
        "UPDATE agenda_steps SET state = ? WHERE id = ?", [StepState.CURRENT.value, first.id])
    with qtbot.waitSignal(page.model.agenda_changed):
        page.model.service.announce(Change.AGENDA)  # as the walkthrough service would
    assert tab.start.text() == "Resume walkthrough"


def test_picking_a_meeting_shows_its_agenda_and_select_meeting_works(qtbot, agenda) -> None:
    _, page, tab = agenda
    click(qtbot, named_button(tab, "New meeting today (first)"))
    first = tab.current_meeting_id()
    click(qtbot, named_button(tab, "Add deck"))
    click(qtbot, named_button(tab, "New meeting today"))
    second = tab.current_meeting_id()
    assert second != first and tab.body.currentWidget() is tab.empty
    tab.meeting_picker.setCurrentIndex(1)
    tab.meeting_picker.activated.emit(1)
    assert tab.current_meeting_id() == first and tab.table_model.rowCount() > 0
    tab.select_meeting(second)
    assert tab.meeting_picker.currentData() == second and tab.table_model.rowCount() == 0


def test_deleting_the_meeting_in_overview_and_undo_bring_the_agenda_back(qtbot, agenda) -> None:
    window, page, tab = agenda
    click(qtbot, named_button(tab, "New meeting today (first)"))
    click(qtbot, named_button(tab, "Add deck"))
    meeting = tab.current_meeting_id()
    steps = len(AgendaService(page.model.service).agenda(meeting))
    page.overview.meetings.table.selectRow(0)
    page.overview.meetings.on_delete()
    assert tab.pages.currentWidget() is tab.no_meeting
    click(qtbot, window.status.undo_button)
    assert tab.current_meeting_id() == meeting and tab.table_model.rowCount() == steps


def test_the_sample_kick_off_shows_states_and_actual_times(qtbot, make_window) -> None:
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    tab = AgendaTab(page.model, page.runner, window.status)
    qtbot.addWidget(tab)
    kickoff = next(m for m in page.model.service.meetings() if m.kind.value == "kickoff")
    tab.select_meeting(kickoff.id)
    model = tab.table_model
    states = [model.data(model.index(r, model.column_index("State")))
              for r in range(model.rowCount())]
    assert states.count("skipped") == 1 and states.count("run") == 11
    assert model.data(model.index(0, model.column_index("Actual"))) == "4:22"
    assert tab.total.text() == "12 steps · 82 min planned · 87:27 spent"
    tab.table.selectRow(0)
    click(qtbot, named_button(tab, "Remove step"))
    assert "meeting's record" in window.status.message.text()
    assert model.rowCount() == 12


def test_review_adding_a_deck_gone_since_the_list_was_filled_is_reported(qtbot,
                                                                        agenda) -> None:
    window, page, tab = agenda
    click(qtbot, named_button(tab, "New meeting today (first)"))
    tab.deck_picker.addItem("A deck deleted elsewhere", "no-such-deck")
    tab.deck_picker.setCurrentIndex(tab.deck_picker.count() - 1)
    click(qtbot, named_button(tab, "Add deck"))  # no traceback
    assert titles(tab) == []
    assert "no longer" in window.status.message.text()
