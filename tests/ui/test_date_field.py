"""The one date field: typed in the facilitator's way or ISO, calendar at today, Tab leaves."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@pytest.fixture
def gaps(sample_gaps):
    _, _, gaps = sample_gaps
    gaps.select(gaps.service.gaps()[0].id)
    return gaps


def type_date(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    if text:
        qtbot.keyClicks(field, text)  # replaces the selection
    else:
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClick(field, Qt.Key.Key_Tab)


@pytest.mark.parametrize("typed", ["21 Dec 2026", "21.12.2026", "2026-12-21", "21/12/2026",
                                   "21 December 2026", "Dec 21, 2026"])
def test_a_due_date_is_typed_as_written_and_tab_leaves(qtbot, gaps, typed) -> None:
    due = gaps.form.due
    gap_id = gaps.selected_gap().id
    type_date(qtbot, due, typed)
    assert not due.hasFocus() and QApplication.focusWidget() is not None
    assert due.text() == "21 Dec 2026"
    assert gaps.service.gap(gap_id).due == date(2026, 12, 21)


def test_text_that_is_not_a_date_is_kept_marked_and_nothing_saved(qtbot, gaps) -> None:
    due = gaps.form.due
    gap_id = gaps.selected_gap().id
    before = gaps.service.gap(gap_id).due
    type_date(qtbot, due, "31.02.2026")
    assert not due.hasFocus() and due.text() == "31.02.2026"
    assert "Not a date" in due.accessibleDescription()
    assert gaps.service.gap(gap_id).due == before
    type_date(qtbot, due, "")  # empty: no due date
    assert gaps.service.gap(gap_id).due is None and due.accessibleDescription() == ""


def test_the_calendar_of_an_empty_date_opens_at_today(qtbot, gaps) -> None:
    due = gaps.form.due
    type_date(qtbot, due, "")
    due.setFocus()
    qtbot.keyClick(due, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = due.calendar()
    today = date.today()
    assert calendar.isVisible()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)


def test_the_run_charts_date_takes_select_all_and_type(qtbot, gaps) -> None:
    panel = gaps.measure
    gaps.show_side(panel)
    gap_id = gaps.selected_gap().id
    count = len(gaps.service.measure_values(gap_id))
    type_date(qtbot, panel.when, "2026-04-02")
    assert panel.when.text() == "02 Apr 2026"
    panel.value.setFocus()
    qtbot.keyClicks(panel.value, "12")
    panel.record()
    values = gaps.service.measure_values(gap_id)
    assert len(values) == count + 1
    assert date(2026, 4, 2) in [v.date for v in values]


def test_a_date_in_a_table_is_edited_with_the_same_field(qtbot, workshop) -> None:
    from rcdesk.ui.date_field import DateField

    window, page = workshop
    panel = page.overview.waves
    with qtbot.waitActive(window):
        window.activateWindow()
    table, model = panel.table, panel.table_model
    table.setFocus()
    table.setCurrentIndex(model.index(0, model.column_index("Date")))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, DateField)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "21.12.2026")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.service.waves()[0].date == date(2026, 12, 21))
