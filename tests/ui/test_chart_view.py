"""A chart on a tab is built once, at the size the tab gives it (issue 23: the first visit
of Scores built a big heat-map twice, once before the layout and again after)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from .survey_csv import WARD_TIES, write_survey
from .test_scores_page import load, ward

__all__ = ["ward"]  # the fixture


def test_the_first_visit_of_scores_builds_the_heatmap_once_at_its_shown_size(
        qtbot, ward, tmp_path, monkeypatch):
    import rcdesk.ui.scores.page as scores_module

    window, page = ward
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)  # the Scores tab hidden while the survey comes in
    built = []
    real = scores_module.heatmap_figure
    monkeypatch.setattr(scores_module, "heatmap_figure",
                        lambda *a, **k: built.append(k["width_in"]) or real(*a, **k))
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    window.show()
    qtbot.waitExposed(window)
    page.show_scores()
    view = page.scores_page.heatmap
    qtbot.waitUntil(lambda: built != [] and view.canvas is not None)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not view._resized.isActive())  # noqa: SLF001 - any rebuild due
    assert len(built) == 1
    assert built[0] * 100 == max(view.width(), 320)  # for the size it is shown at
    assert "n<3: hidden" in view.texts()
