"""The first visit of Conversations and of its tabs pays only for what the first frame
shows (issue 23): the agenda's side panel and deck list come in the turns after its first
frame, into a place of their final size; tabs are made in their place, in the header's
wave and mode, and read what they show once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from rcdesk.ui import app_style
from rcdesk.ui.conversations.agenda import AgendaTab
from rcdesk.ui.conversations.meeting_record import ROWS_A_TURN


def _sample(make_window, qtbot=None):
    window = make_window()
    window.home.open_sample()
    if qtbot is not None:  # the window's first frame, after which the style's hooks start
        qtbot.waitUntil(lambda: app_style.is_active(QApplication.instance()))
    return window, window.workshop_page


def _finished(tab: AgendaTab) -> dict[str, object]:
    """What the agenda tab shows once built, widget by widget."""
    record = tab.record
    decks = tab.deck_picker
    return {
        "decks": [decks.itemText(i) for i in range(decks.count())],
        "deck": decks.currentText(),
        "meeting": tab.meeting_picker.currentText(),
        "steps": tab.table_model.rowCount(),
        "counts": {role: spin.value() for role, spin in record.spins.items()},
        "total": record.total.text(),
        "notes": record.notes.toPlainText(),
        "step panel shown": tab.step_panel.isVisibleTo(tab),
    }


def test_the_agenda_comes_as_its_skeleton_then_its_side_panel_and_decks(
        qtbot, make_window) -> None:
    _, page = _sample(make_window, qtbot)
    page.show_stage(2)
    agenda = page.conversations.tabs.currentWidget()
    assert isinstance(agenda, AgendaTab)
    side = agenda.record_scroll
    # the first turn: the meeting, its agenda and the side panel's place, nothing in it
    assert agenda.meeting_picker.count() > 0 and side.widget() is None
    assert agenda._deck_picker.count() == 0  # noqa: SLF001 (not listed yet)
    qtbot.waitUntil(lambda: side.widget() is not None and side.widget().isVisible())
    place = side.geometry()
    qtbot.waitUntil(lambda: agenda._pieces.done())  # noqa: SLF001
    assert agenda._deck_picker.count() > 0  # noqa: SLF001
    assert side.geometry() == place  # filled in place: nothing jumps
    eager = AgendaTab(page.model, page.runner, page.feedback)  # every piece built at once
    qtbot.addWidget(eager)
    eager.resize(agenda.size())
    eager.show()
    assert _finished(agenda) == _finished(eager)


def test_a_step_chosen_before_the_form_is_built_is_shown_by_it(qtbot, make_window) -> None:
    _, page = _sample(make_window)
    page.show_stage(2)
    agenda = page.conversations.tabs.currentWidget()
    planned = next(m for m in page.model.service.meetings()
                   if page.model.session.agenda.agenda(m.id))
    assert not agenda._pieces.done()  # noqa: SLF001
    agenda.select_meeting(planned.id)  # before the side panel's turn
    agenda.table.selectRow(0)
    chosen = agenda.table_model.records()[0]
    qtbot.waitUntil(lambda: agenda._pieces.done())  # noqa: SLF001
    assert agenda.step_panel.isVisibleTo(agenda)
    assert agenda.step_panel.title.value() == chosen.step.title


def test_the_tally_grid_is_filled_when_first_shown(qtbot, make_window) -> None:
    _, page = _sample(make_window)
    page.show_stage(2)
    page.conversations.tabs.setCurrentIndex(3)
    pulse = page.conversations.pulse
    assert pulse.tally.spins == {}  # hidden: no grid of spin boxes built for nothing
    qtbot.mouseClick(pulse.tally_button, Qt.MouseButton.LeftButton)
    assert pulse.tally.isVisibleTo(pulse) and pulse.tally.spins
    assert {item for item, _ in pulse.tally.spins} == {i.key for i in pulse.pulses.items()}


def test_the_captures_table_reads_the_role_names_once_not_once_a_cell(
        qtbot, make_window) -> None:
    _, page = _sample(make_window)
    page.show_stage(2)
    captures = page.conversations.captures
    assert captures.table_model.rowCount() > 5
    statements: list[str] = []
    connection = page.model.service.library.db.conn
    connection.set_trace_callback(statements.append)
    try:
        captures.refresh()
        captures.table.viewport().repaint()  # every cell asks for its text
    finally:
        connection.set_trace_callback(None)
    roles_reads = [s for s in statements if "FROM roles" in s]
    assert 1 <= len(roles_reads) <= 2


def test_a_large_teams_attendance_rows_come_a_few_a_turn_each_with_its_count(
        qtbot, make_window) -> None:
    _, page = _sample(make_window)
    session = page.model.session
    added = [session.map.add_role(f"Extra role {i}") for i in range(40)]
    assert all(added)
    roles = page.model.service.roles()
    meeting = next(m for m in page.model.service.meetings() if not m.attendance)
    last = roles[-1]
    session.meeting_record.set_count(meeting.id, last.id, 3)  # the very last row's count
    page.show_stage(2)
    agenda = page.conversations.tabs.currentWidget()
    agenda.select_meeting(meeting.id)
    side = agenda.record_scroll
    qtbot.waitUntil(lambda: side._record is not None)  # noqa: SLF001
    record = side._record  # noqa: SLF001 (as built, not finished by the attribute)
    assert len(record._spins) == ROWS_A_TURN  # noqa: SLF001 (the first rows only)
    qtbot.waitUntil(lambda: len(record._spins) == len(roles))  # noqa: SLF001
    assert record._spins[last.id].value() == 3  # noqa: SLF001
    assert record._spins[last.id].isVisible()  # noqa: SLF001
    assert record.total.text() == "3 people present, from 1 role."


def test_a_table_made_in_its_place_shows_no_corner_button(qtbot, make_window) -> None:
    _, page = _sample(make_window)
    page.show_stage(2)
    captures = page.conversations.captures  # built by its attribute, not shown yet
    corners = [w for w in captures.table.findChildren(QAbstractButton)
               if w.isVisibleTo(captures.table)]
    assert corners == []  # the row header is hidden, so is the button above it
