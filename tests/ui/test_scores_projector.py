"""The Scores tab from the back of the room: the note and the picker agree on the source,
and in projector mode each chart gets the page's full width."""

from __future__ import annotations

from .survey_csv import WARD_TIES, write_survey
from .test_scores_page import load, ward

__all__ = ["ward"]  # the fixture


def test_the_source_picker_names_the_source_the_note_describes(qtbot, ward, tmp_path):
    window, page = ward
    service = page.model.service
    ids = {r.name: r.id for r in service.roles()}
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.set_rating(service.ties()[0].id, service.waves()[0].id, "overall", 4)
    scores = page.scores_page
    scores.refresh()
    assert "live map ratings" in scores.source_label.text()
    assert scores.source_picker.currentText() == "Live map ratings"
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    scores.refresh()
    assert "survey results" in scores.source_label.text()
    assert scores.source_picker.currentText() == "Survey results"


def test_in_projector_mode_the_heatmap_and_profile_take_turns_at_full_width(qtbot, ward,
                                                                            tmp_path):
    window, page = ward
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    scores = page.scores_page
    normal_width = scores.heatmap.width()
    window.set_projector_mode(True)
    qtbot.waitUntil(lambda: scores.heatmap.width() > normal_width * 1.3, timeout=3000)
    assert scores.side.tabText(0) == "Heat-map"
    window.set_projector_mode(False)
    qtbot.waitUntil(lambda: scores.side.indexOf(scores.heatmap) < 0, timeout=3000)
