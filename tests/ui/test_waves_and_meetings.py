"""Waves and meetings on the Overview, and the wave picker in the header."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt


def test_add_rename_date_and_delete_a_wave_with_undo(qtbot, workshop):
    window, page = workshop
    panel = page.overview.waves
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    service = page.model.service
    assert [w.name for w in service.waves()] == ["Baseline", "Follow-up 1"]
    assert [page.wave_picker.itemText(i) for i in range(page.wave_picker.count())] == [
        "Baseline", "Follow-up 1"]
    model = panel.table_model
    assert model.setData(model.index(1, model.column_index("Wave")), "Six-month check")
    assert model.setData(model.index(1, model.column_index("Date")), QDate(2027, 3, 1))
    assert service.waves()[1].name == "Six-month check"
    assert service.waves()[1].date == date(2027, 3, 1)
    assert not model.setData(model.index(1, model.column_index("Wave")), "baseline")
    assert "already a wave" in window.status.message.text()

    panel.table.selectRow(1)
    qtbot.mouseClick(panel.delete, Qt.MouseButton.LeftButton)
    assert [w.name for w in service.waves()] == ["Baseline"]
    assert page.wave_picker.count() == 1
    window.undo_group.undo()
    assert [w.name for w in service.waves()] == ["Baseline", "Six-month check"]


def test_add_huddles_after_the_kick_off_and_show_the_next_one(qtbot, workshop):
    window, page = workshop
    panel = page.overview.meetings
    today = page.model.service.today()
    assert "No meeting planned" in panel.next_label.text()
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    meetings = page.model.service.meetings()
    assert [(m.kind.value, m.date) for m in meetings] == [
        ("kickoff", today), ("huddle", today + timedelta(days=7))]
    assert panel.next_label.text().startswith("Next: Kick-off workshop")
    model = panel.table_model
    assert model.setData(model.index(1, model.column_index("Title")), "Huddle: first check")
    assert page.model.service.meetings()[1].title == "Huddle: first check"
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.delete, Qt.MouseButton.LeftButton)
    assert panel.next_label.text().startswith("Next: Huddle: first check")
    window.undo_group.undo()
    assert len(page.model.service.meetings()) == 2
