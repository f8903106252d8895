"""Issue 15: on the projector the Captures tab names no speaker's role unless attribution is
on and 2k of that role were present; the facilitator's own view keeps the role; the
setting sits beside the anonymity threshold and is undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rcdesk.services.meeting_record import MeetingRecordService
from rcdesk.ui.widgets import CheckText

SPEAKER = 2  # the Speaker column of the Captures table


def speakers(tab) -> list[str]:
    model = tab.table_model
    return [str(model.index(row, SPEAKER).data() or "") for row in range(model.rowCount())]


def test_the_projector_shows_no_role_unless_allowed(qtbot, make_window) -> None:
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_stage(2)
    tab = page.conversations.captures
    page.conversations.tabs.setCurrentWidget(tab)
    assert "Case managers" in speakers(tab)  # the facilitator's own screen
    window.set_projector_mode(True)
    assert set(speakers(tab)) == {""}
    assert not tab.panel.speaker.isVisibleTo(tab.panel)
    settings = page.overview.settings
    page.show_stage(0)  # the setting is on the Overview; its text is clicked, as by hand
    text = settings.findChild(CheckText)
    assert text is not None and text.buddy() is settings.attribution
    qtbot.mouseClick(text, Qt.MouseButton.LeftButton)
    assert settings.attribution.isChecked() and tab.service.attribution_on()
    assert set(speakers(tab)) == {""}  # 2 case managers came: fewer than 2k = 6
    service = page.model.service
    kickoff = service.meetings()[0]
    role = next(r for r in service.roles() if r.name == "Case managers")
    MeetingRecordService(service).set_count(kickoff.id, role.id, 6)
    tab.refresh()
    assert "Case managers" in speakers(tab)
    window.actions_by_name["undo"].trigger()  # attribution off again
    assert not settings.attribution.isChecked()
    assert set(speakers(tab)) == {""}
    window.set_projector_mode(False)
    assert "Case managers" in speakers(tab)
    assert tab.panel.speaker.isVisibleTo(tab.panel) or tab.selected() is None
