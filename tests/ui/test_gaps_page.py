"""The Gaps & Experiments page driven like a facilitator: keys, buttons, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rcdesk.domain.experiments import Act, ExperimentStatus
from rcdesk.domain.gaps import GapStatus


@pytest.fixture
def sample(sample_gaps):
    """The sample workshop open on its Gaps & Experiments page (conftest's sample_gaps)."""
    return sample_gaps


def undo_text(window) -> str:
    return window.actions_by_name["undo"].text()


def test_the_table_models_pass_qtmodeltester(qtmodeltester, sample) -> None:
    _, _, gaps = sample
    qtmodeltester.check(gaps.table_model)
    qtmodeltester.check(gaps.proxy)
    assert gaps.table_model.rowCount() == 5  # four gaps and a second outcome aim
    assert [gaps.table_model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(gaps.table_model.columnCount())] == [
        "Title", "Status", "Due", "Priority", "Owner", "Area", "Cycles", "Latest", "Votes"]


def test_filter_and_sort_the_gap_log(sample) -> None:
    _, _, gaps = sample
    gaps.search.setText("discharge")
    assert {gaps.proxy.record_at(r).title for r in range(gaps.proxy.rowCount())} == {
        "Discharge orders ready by 10:00", "Talk about failed discharges without blame",
        "Less overtime for nurses on discharge days"}
    gaps.search.clear()
    gaps.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # priority: high first
    assert gaps.proxy.record_at(0).title == "Discharge orders ready by 10:00"
    service = gaps.service
    first = service.gaps()[3]
    service.set_gap_status(first.id, GapStatus.DROPPED)
    assert gaps.proxy.rowCount() == 4  # the sample's five gaps, one dropped
    gaps.status_filter.setCurrentIndex(1)  # all gaps
    assert gaps.proxy.rowCount() == 5


def test_a_new_gap_is_edited_with_the_keyboard_and_each_field_is_one_undo_step(
        qtbot, sample) -> None:
    window, _, gaps = sample
    qtbot.mouseClick(next(b for b in gaps.findChildren(type(gaps.delete))
                          if b.text() == "New gap"), Qt.MouseButton.LeftButton)
    form = gaps.form
    assert QApplication.focusWidget() is form.title
    qtbot.keyClicks(form.title, "Orders signed by 10:00")
    qtbot.keyClick(form.title, Qt.Key.Key_Return)
    assert gaps.selected_gap().title == "Orders signed by 10:00"
    assert undo_text(window) == "Undo Change title"
    form.current.setFocus()
    qtbot.keyClicks(form.current, "Orders arrive after 13:00")
    qtbot.keyClick(form.current, Qt.Key.Key_Tab)
    assert gaps.selected_gap().current_state == "Orders arrive after 13:00"
    assert undo_text(window) == "Undo Change current state"
    form.baseline.setFocus()
    qtbot.keyClicks(form.baseline, "eighteen")
    qtbot.keyClick(form.baseline, Qt.Key.Key_Return)
    assert form.error.isVisible() and "baseline value" in form.error.text()
    form.baseline.clear()
    qtbot.keyClicks(form.baseline, "18,5")
    qtbot.keyClick(form.baseline, Qt.Key.Key_Return)
    assert not form.error.isVisible() and gaps.selected_gap().measure.baseline_value == 18.5
    form.interventions.boxes["huddles"].click()
    assert gaps.selected_gap().interventions == ("huddles",)
    window.undo_group.undo()
    window.undo_group.undo()
    window.undo_group.undo()
    assert gaps.selected_gap().current_state == "" and form.current.value() == ""
    window.undo_group.redo()
    assert form.current.value() == "Orders arrive after 13:00"


def test_status_buttons_follow_the_rules(qtbot, sample) -> None:
    window, _, gaps = sample
    gaps.status_filter.setCurrentIndex(1)
    gap = next(g for g in gaps.service.gaps() if g.status is GapStatus.OPEN)
    gaps.select(gap.id)
    form = gaps.form
    assert not form.status_buttons[GapStatus.DONE].isVisibleTo(form)
    qtbot.mouseClick(form.status_buttons[GapStatus.IN_PROGRESS], Qt.MouseButton.LeftButton)
    assert gaps.selected_gap().status is GapStatus.IN_PROGRESS
    assert form.status_buttons[GapStatus.DONE].isVisibleTo(form)
    window.undo_group.undo()
    assert gaps.selected_gap().status is GapStatus.OPEN


def test_suggestions_are_labelled_and_only_ticked_on_request(qtbot, sample) -> None:
    _, _, gaps = sample
    gap = next(g for g in gaps.service.gaps() if g.title.startswith("Talk about"))
    gaps.select(gap.id)
    box = gaps.form.interventions
    assert box.suggestion_text.text().startswith("Suggestions you may ignore")
    assert "Shared conflict resolution" in box.suggestion_text.text()
    assert not box.boxes["accountability"].isChecked()
    qtbot.mouseClick(box.use_suggested, Qt.MouseButton.LeftButton)
    assert {"conflict_resolution", "huddles", "accountability"} <= set(
        gaps.selected_gap().interventions)


def test_a_gap_is_created_from_a_weak_tie_on_the_map_and_undone(qtbot, sample) -> None:
    window, page, gaps = sample
    service = page.model.service
    ids = {r.name: r.id for r in service.roles()}
    tie = next(t for t in service.ties()
               if (t.source_id, t.target_id) == (ids["Physicians"], ids["Pharmacists"]))
    page.show_stage(1)
    page.map.scene.select_only(page.map.scene.item_for_tie[tie.id])
    button = next(b for b in page.map.findChildren(type(gaps.delete))
                  if b.text() == "Gap from tie")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.current_page() is gaps
    gap = gaps.selected_gap()
    assert gap.tie_id == tie.id and "overall (weak)" in gap.current_state
    assert gaps.form.area_item.currentText() == "Physicians → Pharmacists"
    assert "weak dimensions of this tie" in gaps.form.interventions.suggestion_text.text()
    window.undo_group.undo()
    assert len(gaps.service.gaps()) == 5  # the sample's own


def test_the_run_chart_shows_the_measure_and_a_value_recorded_with_enter(qtbot, sample) -> None:
    _, _, gaps = sample
    first = min(g.id for g in gaps.service.gaps())
    gaps.select(first)
    gaps.show_side(gaps.measure)
    texts = gaps.measure.chart.texts()
    assert "Discharges before noon" in texts and any(t.startswith("Centre line") for t in texts)
    assert any(t.startswith("Cycle 1") and "Afternoon board round" in t for t in texts)
    count = gaps.measure.values_model.rowCount()
    gaps.measure.value.setFocus()
    qtbot.keyClicks(gaps.measure.value, "41")
    qtbot.keyClick(gaps.measure.value, Qt.Key.Key_Return)
    assert gaps.measure.values_model.rowCount() == count + 1
    assert gaps.measure.values_model.record(0).value == 41
    assert gaps.table_model.record(gaps.table_model.row_of(first)).latest == "41 % of discharges"


def test_experiments_timeline_and_pdsa_form(qtbot, sample) -> None:
    window, _, gaps = sample
    gap = next(g for g in gaps.service.gaps() if g.title.startswith("Fewer"))
    gaps.select(gap.id)
    panel = gaps.experiments
    assert panel.timeline.count() == 0
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert panel.timeline.count() == 1 and QApplication.focusWidget() is panel.form.idea
    qtbot.keyClicks(panel.form.idea, "Home-care call the day before")
    qtbot.keyClick(panel.form.idea, Qt.Key.Key_Return)
    assert "Home-care call the day before" in panel.timeline.item(0).text()
    for status in (ExperimentStatus.RUNNING, ExperimentStatus.STUDYING):
        panel.form.step_buttons[status].click()
    panel.form.decide_buttons[Act.ADAPT].click()
    assert panel.follow_on.isEnabled()
    panel.follow_on.click()
    assert panel.timeline.count() == 2 and "↳ Cycle 2" in panel.timeline.item(1).text()
    assert undo_text(window) == "Undo Add follow-on cycle"
    window.undo_group.undo()
    assert panel.timeline.count() == 1


def test_the_huddle_follow_up_is_driven_with_keys_and_carries_items_forward(
        qtbot, sample) -> None:
    window, page, gaps = sample
    page.show_overview()
    start = next(b for b in page.overview.meetings.findChildren(type(gaps.delete))
                 if b.text() == "Start next huddle")
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    view = gaps.follow_up
    assert page.current_page() is gaps and gaps.currentWidget() is view
    assert QApplication.focusWidget() is view.table
    rows = view.table_model.records()
    assert [r.kind for r in rows] == ["gap"] * 5 + ["cycle"] * 2
    first = rows[0]
    assert first.overdue and first.status == "Open"
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    assert gaps.service.gap(first.id).status is GapStatus.IN_PROGRESS
    qtbot.keyClick(view.table, Qt.Key.Key_X)
    assert gaps.service.gap(first.id).status is GapStatus.DROPPED
    assert view.table_model.rowCount() == 7 and view.selected().id == first.id
    assert view.selected().finished
    qtbot.keyClick(view.table, Qt.Key.Key_O)
    assert gaps.service.gap(first.id).status is GapStatus.OPEN
    qtbot.keyClick(view.table, Qt.Key.Key_V)
    assert QApplication.focusWidget() is view.value
    qtbot.keyClicks(view.value, "3")
    qtbot.keyClick(view.value, Qt.Key.Key_Return)
    assert [v.value for v in gaps.service.measure_values(first.id)] == [3.0]
    assert QApplication.focusWidget() is view.table
    studying = next(i for i, r in enumerate(view.table_model.records()) if r.status == "Studying")
    view.table.selectRow(studying)
    qtbot.keyClick(view.table, Qt.Key.Key_1)
    cycle = gaps.cycles.experiment(view.selected().id)
    assert (cycle.status, cycle.act) == (ExperimentStatus.DECIDED, Act.ADOPT)
    window.undo_group.undo()
    assert gaps.cycles.experiment(cycle.id).act is None
    before = {g.id: g.due for g in gaps.service.gaps()}
    qtbot.mouseClick(view.carry, Qt.MouseButton.LeftButton)
    today = page.model.service.today()
    moved = {g.id: g.due for g in gaps.service.gaps()}
    assert moved[first.id] > today and moved != before
    assert undo_text(window) == "Undo Carry forward"
    window.undo_group.undo()
    assert {g.id: g.due for g in gaps.service.gaps()} == before


def test_an_empty_workshop_teaches_and_offers_the_first_gap(qtbot, workshop) -> None:
    window, page = workshop
    gaps = page.gaps
    page.show_gaps()
    assert gaps.log.currentWidget() is gaps.empty
    add = next(b for b in gaps.empty.findChildren(type(gaps.delete))
               if b.text() == "Add the first gap")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert gaps.log.currentIndex() == 1 and gaps.selected_gap().title == "New gap"
    window.undo_group.undo()
    assert gaps.log.currentWidget() is gaps.empty


def test_every_control_of_the_page_has_an_accessible_name(sample) -> None:
    from .test_look import interactive_widgets

    _, _, gaps = sample
    missing = []
    for side in range(gaps.side.count()):
        gaps.side.setCurrentIndex(side)
        for follow in (0, 1):
            gaps.setCurrentIndex(follow)
            missing += [(type(w).__name__, getattr(w, "text", lambda: "")())
                        for w in interactive_widgets(gaps) if not w.accessibleName()]
    assert missing == []
