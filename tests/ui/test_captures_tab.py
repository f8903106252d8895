"""The Captures tab: every capture of the workshop, filtered, edited, deleted, made a gap."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from rcdesk.domain.captures import CaptureKind
from rcdesk.domain.gaps import AreaKind
from rcdesk.services.captures import CapturesService
from rcdesk.services.gaps import GapsService


@pytest.fixture
def tab(qtbot, make_window):
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    service = CapturesService(page.model.service)
    meetings = page.model.service.meetings()
    for text, kind, meeting in (
            ("Night shift never hears the plan", CaptureKind.INSIGHT, meetings[0].id),
            ("“I find out when the patient is already dressed”", CaptureKind.QUOTE,
             meetings[0].id),
            ("Who owns the medication list?", CaptureKind.QUESTION, meetings[1].id)):
        page.runner.run(lambda t=text, k=kind, m=meeting: service.add(t, k, m))
    page.show_stage(2)
    conversations = page.conversations
    conversations.tabs.setCurrentWidget(conversations.captures)
    with qtbot.waitActive(window):
        window.activateWindow()
    return window, page, conversations.captures


def _texts(tab) -> list[str]:
    model = tab.table_model
    column = model.column_index("Text")
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_captures_are_listed_and_filtered(qtmodeltester, tab) -> None:
    _, page, captures = tab
    qtmodeltester.check(captures.table_model)
    own = [t for t in _texts(captures) if t in (
        "Night shift never hears the plan", "Who owns the medication list?")]
    assert len(own) == 2
    captures.kind_filter.setCurrentIndex(captures.kind_filter.findData(CaptureKind.QUESTION))
    assert "Who owns the medication list?" in _texts(captures)
    assert "Night shift never hears the plan" not in _texts(captures)
    captures.kind_filter.setCurrentIndex(0)
    first = page.model.service.meetings()[0].id
    captures.meeting_filter.setCurrentIndex(captures.meeting_filter.findData(first))
    assert "Who owns the medication list?" not in _texts(captures)


def _select(captures, text: str) -> None:
    row = _texts(captures).index(text)
    captures.table.selectRow(row)


def test_edit_tag_and_delete_with_undo(qtbot, tab) -> None:
    window, page, captures = tab
    _select(captures, "Night shift never hears the plan")
    panel = captures.panel
    panel.text.setPlainText("The night shift never hears the discharge plan")
    panel.dimension.setCurrentIndex(panel.dimension.findData("timely"))
    panel.save.click()
    assert "The night shift never hears the discharge plan" in _texts(captures)
    capture = captures.selected()
    assert capture is not None and capture.dimension == "timely"
    captures.delete_button.click()
    assert "The night shift never hears the discharge plan" not in _texts(captures)
    assert window.status.undo_button.isVisible()
    window.status.undo_button.click()
    assert "The night shift never hears the discharge plan" in _texts(captures)


def test_make_a_gap_is_one_undo_step_and_can_be_shown(qtbot, tab) -> None:
    window, page, captures = tab
    service = page.model.service
    gaps = GapsService(service)
    before = len(gaps.gaps())
    _select(captures, "“I find out when the patient is already dressed”")
    panel = captures.panel
    names = {r.name: r.id for r in service.roles()}
    panel.source.setCurrentIndex(panel.source.findData(names["Physicians"]))
    panel.target.setCurrentIndex(panel.target.findData(names["Pharmacists"]))
    panel.save.click()
    capture_id = captures.selected().id
    gap_id = captures.make_gap()
    assert gap_id is not None
    gap = gaps.gap(gap_id)
    assert gap.title == "I find out when the patient is already dressed"
    assert gap.area_kind is AreaKind.TIE and "Physicians → Pharmacists" in gap.area_label
    assert captures.selected().gap_id == gap_id
    assert captures.show_gap_button.isEnabled() and not captures.gap_button.isEnabled()
    captures.show_gap_button.click()
    assert page.current_page() is page.gaps and page.gaps.selected_gap().id == gap_id
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(gaps.gaps()) == before
    assert CapturesService(service).capture(capture_id).gap_id is None
