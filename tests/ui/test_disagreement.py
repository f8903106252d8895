"""Where we disagree (issue 20): the map's lens draws ties by their spread with a legend,
All ties lists the most mixed first, the Scores page shows each tie's spread, and nothing
hidden below k shows a spread anywhere."""

from __future__ import annotations

import math

from rcdesk.analysis.disagreement import Level
from rcdesk.services.room_ratings import RoomRatingsService
from rcdesk.ui.map import disagreement_lens as lens_module

from .test_scores_page import ward

__all__ = ["ward"]  # the fixture

#: Short-form ratings given in the room: Nurses → Physicians split (2, 5, 2, 5, 3), Nurses →
#: Pharmacists agree (4, 4, 4, 4, 5), Physicians → Nurses only two people (hidden).
RATINGS = [("Nurses", {"Physicians": r1, "Pharmacists": r2})
           for r1, r2 in ((2, 4), (5, 4), (2, 4), (5, 4), (3, 5))] + \
          [("Physicians", {"Nurses": 3}), ("Physicians", {"Nurses": 4})]


def rate_in_the_room(page) -> dict[str, int]:
    service = page.model.service
    ids = {r.name: r.id for r in service.roles()}
    wave = service.waves()[0].id
    room = RoomRatingsService(service)
    for rater, answers in RATINGS:
        room.record(wave, ids[rater], {ids[t]: v for t, v in answers.items()})
    room.show(wave)
    return ids


def test_the_lens_draws_ties_by_their_spread_and_the_table_lists_most_mixed_first(
        qtbot, ward) -> None:
    window, page = ward
    ids = rate_in_the_room(page)
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)
    mp = page.map
    mp.disagreement.setChecked(True)
    by_pair = {(i.source_id, i.target_id): i for i in mp.scene.item_for_tie.values()}
    split = by_pair[(ids["Nurses"], ids["Physicians"])]
    calm = by_pair[(ids["Nurses"], ids["Pharmacists"])]
    hidden = by_pair[(ids["Physicians"], ids["Nurses"])]
    # By hand: 2, 5, 2, 5, 3 → mean 3.4, sd sqrt(9.2 / 4) = 1.52; 4, 4, 4, 4, 5 → sd 0.45.
    assert split.style == lens_module.STYLES[Level.HIGH]
    assert split.value_text() == "sd 1.5"
    assert calm.style == lens_module.STYLES[Level.LOW]
    assert calm.value_text() == "sd 0.4"
    assert hidden.style == lens_module.STYLES[Level.NONE] and hidden.value_text() == ""
    assert mp.legend.entries() == lens_module.legend_entries()
    assert "disagree" in mp.legend.title.lower()
    rows = mp.table_model.records()
    assert [(r.source, r.target) for r in rows][:2] == [("Nurses", "Physicians"),
                                                        ("Nurses", "Pharmacists")]
    assert math.isclose(rows[0].sd or 0.0, math.sqrt(9.2 / 4))
    assert rows[-1].sd is None  # the hidden tie: no spread, last
    mp.hide_scores.setChecked(True)  # hidden from the room: the lens tells nothing
    assert split.value_text() == "" and not mp.legend.entries() == lens_module.legend_entries()
    assert [r.sd for r in mp.table_model.records() if not r.hidden] == []
    mp.hide_scores.setChecked(False)
    mp.disagreement.setChecked(False)
    assert split.value_text() == "3.40"


def test_the_scores_page_lists_each_shown_ties_spread(qtbot, ward) -> None:
    window, page = ward
    rate_in_the_room(page)
    page.show_scores()
    scores = page.scores_page
    rows = scores.spread.rows()
    assert [(r.source, r.target) for r in rows] == [("Nurses", "Physicians"),
                                                    ("Nurses", "Pharmacists")]
    model = scores.spread.model
    texts = [[model.index(r, c).data() for c in range(6)] for r in range(2)]
    assert texts[0] == ["Nurses", "Physicians", "5", "3.40", "sd 1.52, 2.00–5.00", "0·2·1·0·2"]
    assert texts[1][4:] == ["sd 0.45, 4.00–5.00", "0·0·0·4·1"]
