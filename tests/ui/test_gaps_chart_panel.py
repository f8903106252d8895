"""The chart panel of a gap's measure: chart settings, denominators, undo (issue 21)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from rcdesk.domain.gaps import ChartType, MeasureKind


@pytest.fixture
def panel(sample_gaps):
    """The measure panel of the sample's first gap, on screen."""
    window, _, gaps = sample_gaps
    gaps.select(min(g.id for g in gaps.service.gaps()))
    gaps.show_side(gaps.measure)
    return window, gaps.measure


def choose(box, data) -> None:
    """Pick an item as a user would: activated fires only on the user's choices."""
    index = box.findData(data)
    assert index >= 0
    box.setCurrentIndex(index)
    box.activated.emit(index)


def test_a_count_measure_gets_a_p_chart_and_values_need_their_denominator(
        qtbot, panel) -> None:
    window, measure = panel
    service = measure.service
    gap_id = measure.gap_id
    assert measure.denominator.isHidden()  # a measured value has none
    assert measure.table.isColumnHidden(2)
    assert measure.settings.chart.currentText() == "Automatic: I chart (XmR)"
    choose(measure.settings.kind, MeasureKind.PROPORTION)
    gap = service.gap(gap_id)
    assert gap.measure.kind is MeasureKind.PROPORTION and gap.measure.chart_type is ChartType.P
    assert not measure.denominator.isHidden() and not measure.table.isColumnHidden(2)
    assert window.actions_by_name["undo"].text() == "Undo Change kind of measure"
    measure.value.setFocus()
    qtbot.keyClicks(measure.value, "4")
    qtbot.keyClick(measure.value, Qt.Key.Key_Return)
    assert "denominator" in measure.error.text()  # nothing recorded without it
    count = len(service.measure_values(gap_id))
    qtbot.keyClicks(measure.denominator, "20")
    qtbot.keyClick(measure.denominator, Qt.Key.Key_Return)
    latest = service.measure_values(gap_id)
    assert len(latest) == count + 1
    assert any(v.value == 4 and v.denominator == 20 for v in latest)
    assert measure.values_model.headerData(2, Qt.Orientation.Horizontal) == "Out of"
    assert any(t.startswith("P chart (proportions).") for t in measure.chart.texts())
    assert measure.chart.accessibleDescription().startswith("P chart (proportions). ")
    window.undo_group.undo()  # the value
    window.undo_group.undo()  # the kind
    assert service.gap(gap_id).measure.kind is MeasureKind.CONTINUOUS
    assert measure.settings.kind.currentData() is MeasureKind.CONTINUOUS


def test_the_chart_type_and_baseline_are_chosen_and_stored(panel) -> None:
    _, measure = panel
    service = measure.service
    choose(measure.settings.chart, ChartType.RUN)
    assert any(t.startswith("Run chart.") for t in measure.chart.texts())
    choose(measure.settings.baseline, "first")
    assert not measure.settings.points.isHidden()
    measure.settings.points.setValue(6)
    measure.settings.points.editingFinished.emit()
    stored = service.gap(measure.gap_id).measure
    assert (stored.chart, stored.baseline_points, stored.baseline_until) == (
        ChartType.RUN, 6, None)
    assert any("(from the first 6 points)" in t for t in measure.chart.texts())
    cycle = next(i for i in range(measure.settings.baseline.count())
                 if measure.settings.baseline.itemText(i).startswith("Points before cycle 1"))
    choose(measure.settings.baseline, measure.settings.baseline.itemData(cycle))
    stored = service.gap(measure.gap_id).measure
    assert stored.baseline_points is None and stored.baseline_until is not None
    measure.settings.rebaseline.click()
    assert service.gap(measure.gap_id).measure.rebaseline is False


def test_the_chart_opens_large_in_its_own_window_and_esc_closes_it(qtbot, panel) -> None:
    _, measure = panel
    measure.present.click()
    large = measure.large
    assert large is not None
    qtbot.waitUntil(lambda: large.isVisible() and large.chart.figure is not None)
    assert "Discharges before noon" in large.chart.texts()
    qtbot.waitUntil(lambda: large.chart.width() > measure.chart.width())
    qtbot.keyClick(large, Qt.Key.Key_Escape)
    assert not large.isVisible()


def test_the_figure_shrinks_its_type_to_fit_a_small_space() -> None:
    from rcdesk.reports.run_chart import fitting_font

    assert fitting_font(18.0, 13.0, 7.0) == 18.0  # a full 1280x720 window: projector size
    assert fitting_font(18.0, 4.0, 3.0) < 7.0  # a narrow panel: small enough to fit
    assert fitting_font(18.0, 0.5, 0.5) == 5.0  # never below 5 pt
