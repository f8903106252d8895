"""Beside the agenda, the facilitator records who came and what was decided."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from rcdesk.domain.attendance import MAX_MEETING_NOTES
from rcdesk.ui.conversations.agenda import AgendaTab


@pytest.fixture
def sample_agenda(qtbot, make_window):
    """The agenda tab of the sample workshop, on the window's model, undo stack and status."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    tab = AgendaTab(page.model, page.runner, window.status)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    with qtbot.waitActive(tab):
        tab.activateWindow()
    return window, page, tab


def meeting_id(page, title: str) -> int:
    return next(m.id for m in page.model.service.meetings() if m.title == title)


def role_id(page, name: str) -> int:
    return next(r.id for r in page.model.service.roles() if r.name == name)


def type_count(qtbot, spin, count: int) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), str(count))
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


def test_the_panel_shows_the_chosen_meetings_record(qtbot, sample_agenda) -> None:
    _, page, tab = sample_agenda
    record = tab.record
    tab.select_meeting(meeting_id(page, "Kick-off workshop: mapping discharge"))
    assert record.spins[role_id(page, "Nurses")].value() == 6
    assert record.total.text() == "17 people present, from 7 roles."
    assert "pharmacy hand-off" in record.notes.toPlainText()
    tab.select_meeting(meeting_id(page, "Huddle 2"))
    assert all(spin.value() == 0 for spin in record.spins.values())
    assert record.total.text() == "Nobody counted yet."
    assert record.notes.toPlainText() == ""
    assert record.spins[role_id(page, "Nurses")].accessibleName() == "Nurses present"


def test_a_typed_count_is_saved_at_once_and_undone_with_ctrl_z(qtbot, sample_agenda) -> None:
    window, page, tab = sample_agenda
    huddle = meeting_id(page, "Huddle 2")
    tab.select_meeting(huddle)
    nurses = tab.record.spins[role_id(page, "Nurses")]
    type_count(qtbot, nurses, 7)
    stored = next(m for m in page.model.service.meetings() if m.id == huddle)
    assert stored.attendance == {role_id(page, "Nurses"): 7}
    assert tab.record.total.text() == "7 people present, from 1 role."
    assert window.actions_by_name["undo"].text() == "Undo Change attendance of Nurses"
    page.stack.undo()
    assert nurses.value() == 0 and tab.record.total.text() == "Nobody counted yet."


def test_arrow_steps_on_one_role_are_one_undo_step(qtbot, sample_agenda) -> None:
    _, page, tab = sample_agenda
    tab.select_meeting(meeting_id(page, "Huddle 2"))
    spin = tab.record.spins[role_id(page, "Pharmacists")]
    spin.setFocus()
    steps = page.stack.count()
    for _ in range(3):
        qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert spin.value() == 3 and page.stack.count() == steps + 1
    page.stack.undo()
    assert spin.value() == 0


def test_decisions_save_on_leaving_the_box_and_a_too_long_text_stays_to_fix(
        qtbot, sample_agenda) -> None:
    window, page, tab = sample_agenda
    huddle = meeting_id(page, "Huddle 2")
    tab.select_meeting(huddle)
    notes = tab.record.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "Pharmacy joins the board round.")
    tab.record.spins[role_id(page, "Nurses")].setFocus()  # leaving the box saves it
    stored = next(m for m in page.model.service.meetings() if m.id == huddle)
    assert stored.notes == "Pharmacy joins the board round."
    too_long = "y" * (MAX_MEETING_NOTES + 1)
    notes.setFocus()
    notes.setPlainText(too_long)
    tab.record.spins[role_id(page, "Nurses")].setFocus()
    assert "too long" in window.status.message.text()
    assert notes.toPlainText() == too_long  # the words are not thrown away
    stored = next(m for m in page.model.service.meetings() if m.id == huddle)
    assert stored.notes == "Pharmacy joins the board round."
    notes.setFocus()
    notes.setPlainText("Shorter.")
    tab.record.spins[role_id(page, "Nurses")].setFocus()
    stored = next(m for m in page.model.service.meetings() if m.id == huddle)
    assert stored.notes == "Shorter."


def test_a_new_role_gets_a_row_and_a_deleted_one_leaves(qtbot, sample_agenda) -> None:
    _, page, tab = sample_agenda
    tab.select_meeting(meeting_id(page, "Kick-off workshop: mapping discharge"))
    rows = len(tab.record.spins)
    page.runner.run(lambda: page.model.service.map.add_role("Porters"))
    assert len(tab.record.spins) == rows + 1
    page.runner.run(lambda: page.model.service.map.delete_role(role_id(page, "Pharmacists")))
    assert len(tab.record.spins) == rows
    assert tab.record.total.text() == "16 people present, from 6 roles."
    page.stack.undo()
    assert tab.record.total.text() == "17 people present, from 7 roles."


def test_the_record_sits_beside_the_agenda_or_below_it_at_projector_type(
        qtbot, sample_agenda) -> None:
    window, _, tab = sample_agenda
    tab.resize(1100, 640)
    qtbot.waitUntil(tab.record_beside)
    assert tab.record_scroll.width() >= tab.fontMetrics().averageCharWidth() * 34
    window.set_projector_mode(True)  # the tab follows the application's type size
    qtbot.waitUntil(lambda: not tab.record_beside())
    qtbot.waitUntil(lambda: tab.record_scroll.width() > tab.width() * 0.9)  # laid out below
    for spin in tab.record.spins.values():
        assert spin.width() >= spin.minimumSizeHint().width()
    assert not [w for w in tab.record.findChildren(QLineEdit) if w.width() < 20]


def test_words_refused_or_being_typed_survive_other_changes(qtbot, sample_agenda) -> None:
    window, page, tab = sample_agenda
    tab.select_meeting(meeting_id(page, "Huddle 2"))
    notes, nurses = tab.record.notes, tab.record.spins[role_id(page, "Nurses")]
    too_long = "y" * (MAX_MEETING_NOTES + 1)
    notes.setFocus()
    notes.setPlainText(too_long)
    nurses.setFocus()  # refused
    qtbot.keyClick(nurses, Qt.Key.Key_Up)  # a count is saved: the meeting changes
    assert nurses.value() == 1
    role = role_id(page, "Physicians")  # a role moved on the map: the roles change
    page.runner.run(lambda: page.model.service.map.set_role_positions({role: (1.0, 2.0)}))
    assert notes.toPlainText() == too_long
    tab.select_meeting(meeting_id(page, "Huddle 1"))  # another meeting: its own notes
    assert notes.toPlainText().startswith("Adopt the shared discharge checklist")


def test_more_people_than_the_headcount_asks_once_to_update_it(
        qtbot, sample_agenda, monkeypatch) -> None:
    from rcdesk.ui.conversations import meeting_record

    _, page, tab = sample_agenda
    asked: list[str] = []
    monkeypatch.setattr(meeting_record, "ask_update_headcount",
                        lambda parent, text: asked.append(text) or True)
    role = next(r for r in page.model.service.roles() if r.headcount)
    panel = tab.record
    type_count(qtbot, panel.spins[role.id], role.headcount + 21)
    assert asked == [f"{role.headcount + 21} people came but the role has "
                     f"{role.headcount} — update the headcount?"]
    assert page.model.service.role(role.id).headcount == role.headcount + 21
    meeting = page.model.service.meeting(tab.current_meeting_id())
    assert meeting.attendance[role.id] == role.headcount + 21
    other = next(r for r in page.model.service.roles() if r.headcount and r.id != role.id)
    monkeypatch.setattr(meeting_record, "ask_update_headcount",
                        lambda parent, text: asked.append(text) or False)
    type_count(qtbot, panel.spins[other.id], other.headcount + 1)
    type_count(qtbot, panel.spins[other.id], other.headcount + 2)  # asked once, not again
    assert len(asked) == 2 and page.model.service.role(other.id).headcount == other.headcount


def test_the_record_builds_its_rows_of_roles_when_first_shown(qtbot, workshop) -> None:
    """A workshop with no meeting shows "No meeting yet": the record (a row per role) is not
    built until a meeting is there to record, then shows every role."""
    _, page = workshop
    for name in ("Nurses", "Physicians", "Pharmacists"):
        page.runner.run(lambda n=name: page.model.session.map.add_role(n))
    page.show_stage(2)
    tab = page.conversations.agenda
    qtbot.waitUntil(tab.no_meeting.isVisible)
    assert tab.record.spins == {}
    tab.new_meeting()
    qtbot.waitUntil(tab.record.isVisible)
    assert len(tab.record.spins) == 3
    assert all(spin.isEnabled() for spin in tab.record.spins.values())
