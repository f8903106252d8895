"""Opening Gaps & Experiments builds only what its first frame shows (issue 23): the gap
log with the Gap panel; the PDSA, Chart and Drivers panels and the Structures and Our
change model tabs are built when first shown or asked for, on the state of that moment."""

from __future__ import annotations


def test_opening_gaps_builds_the_log_and_the_gap_panel_only(qtbot, sample_gaps) -> None:
    _, page, gaps = sample_gaps
    assert gaps.built_tabs() == ["Gap log"]
    assert gaps.side.built_tabs() == ["Gap"]
    gaps.side.setCurrentIndex(2)  # Chart
    assert gaps.side.built_tabs() == ["Gap", "Chart"]
    gaps.setCurrentIndex(gaps.count() - 1)
    assert gaps.built_tabs() == ["Gap log", "Our change model"]
    assert gaps.currentWidget() is page.change_model


def test_a_panel_built_later_shows_the_selected_gap(qtbot, sample_gaps) -> None:
    _, _, gaps = sample_gaps
    gaps.select(gaps.proxy.record_at(2).id)
    chosen = gaps.selected_gap().id
    assert gaps.side.built_tabs() == ["Gap"]
    gaps.show_side(gaps.experiments)
    assert gaps.side.currentIndex() == 1
    assert (gaps.experiments.gap_id, gaps.measure.gap_id, gaps.drivers.gap_id) == (
        chosen, chosen, chosen)
    gaps.select(gaps.proxy.record_at(0).id)  # built panels follow the selection
    assert gaps.drivers.gap_id == gaps.selected_gap().id != chosen


def test_a_tab_built_later_comes_up_in_the_current_wave_and_mode(qtbot, sample_gaps) -> None:
    window, page, gaps = sample_gaps
    page.wave_picker.setCurrentIndex(page.wave_picker.count() - 1)
    window.set_projector_mode(True)
    assert gaps.built_tabs() == ["Gap log"]
    structures = page.structures
    assert structures.wave_id == page.current_wave_id()
    assert structures.intro.isHidden()  # projector type: the intro steps aside
    assert page.change_model.wave_id == page.current_wave_id()
