"""Survey ties on the map: drawn as ties without the facilitator drawing them, and the map
says which source it shows."""

from __future__ import annotations

from .survey_csv import WARD_TIES, write_survey
from .test_scores_page import load, ward

__all__ = ["ward"]  # the fixture


def test_a_surveys_ties_appear_on_the_map_without_being_drawn(qtbot, ward, tmp_path):
    window, page = ward
    service = page.model.service
    assert service.ties() == []  # nothing drawn by hand
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)
    mp = page.map
    names = {r.id: r.name for r in service.roles()}
    shown = {(names[i.source_id], names[i.target_id]) for i in mp.scene.item_for_tie.values()}
    assert shown == set(WARD_TIES)
    values = {(names[i.source_id], names[i.target_id]): i.value_text()
              for i in mp.scene.item_for_tie.values()}
    assert values[("Nurses", "Physicians")] == "4.33"
    assert values[("Physicians", "Physicians")] == "n<3"  # suppressed, still a tie
    assert "survey" in mp.legend.title.lower()  # the lens says the source
    rows = {(r.source, r.target) for r in mp.table_model.records()}
    assert rows == set(WARD_TIES)  # the table beside the map lists them too
    assert service.ties() == []  # drawing them is the facilitator's choice, not the import's


def test_the_legend_says_live_ratings_when_the_map_shows_them(qtbot, ward):
    window, page = ward
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)
    service = page.model.service
    ids = {r.name: r.id for r in service.roles()}
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.set_rating(service.ties()[0].id, service.waves()[0].id, "overall", 4)
    assert "live" in page.map.legend.title.lower()
