"""A rating restyles what it changed, not the whole map (issue 23): on a wave showing its
survey results nothing is scored or drawn again; on live ratings only the rated tie (and
the tie the other way) gets a new look, and the map still matches a full restyle."""

from __future__ import annotations

from .survey_csv import WARD_TIES, write_survey
from .test_scores_page import load, ward

__all__ = ["ward"]  # the fixture


def styles(scene):
    return {t: (i.style, i.highlight, i.value_text()) for t, i in scene.item_for_tie.items()}


def test_a_live_rating_beside_survey_results_scores_and_restyles_nothing(qtbot, ward,
                                                                          tmp_path):
    window, page = ward
    service = page.model.service
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    ids = {r.name: r.id for r in service.roles()}
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)
    scene = page.map.scene
    calls = []
    scoring = scene.scores_for
    scene.scores_for = lambda wave_id: calls.append(wave_id) or scoring(wave_id)
    version, before = scene.version, styles(scene)
    tie = next(t for t in service.ties())
    service.map.set_rating(tie.id, service.waves()[0].id, "overall", 1)
    assert calls == [] and scene.version == version and styles(scene) == before
    assert page.map.live_values(tie.id) == {"overall": 1}  # the panel's, all the same


def test_a_live_rating_restyles_only_the_rated_pair_and_matches_a_full_restyle(qtbot, ward,
                                                                               monkeypatch):
    from rcdesk.ui.map.tie_item import TieItem

    window, page = ward
    service = page.model.service
    ids = {r.name: r.id for r in service.roles()}
    pairs = [("Nurses", "Physicians"), ("Physicians", "Nurses"), ("Nurses", "Pharmacists"),
             ("Pharmacists", "Physicians")]
    for source, target in pairs:
        service.map.add_tie(ids[source], ids[target])
    wave = service.waves()[0].id
    by_pair = {(t.source_id, t.target_id): t.id for t in service.ties()}
    for tie_id in by_pair.values():
        service.map.set_rating(tie_id, wave, "overall", 4)
    page.show_stage(1)
    page.map_tabs.setCurrentIndex(0)
    scene = page.map.scene
    restyled = []
    set_style = TieItem.set_style
    monkeypatch.setattr(TieItem, "set_style",
                        lambda item, *a: restyled.append(item.tie_id) or set_style(item, *a))
    rated = by_pair[(ids["Nurses"], ids["Physicians"])]
    service.map.set_rating(rated, wave, "overall", 1)
    assert set(restyled) == {rated, by_pair[(ids["Physicians"], ids["Nurses"])]}
    partial = styles(scene)
    scene.apply_lens()  # everything again, from scratch
    assert styles(scene) == partial
    assert scene.item_for_tie[rated].style != scene.item_for_tie[
        by_pair[(ids["Nurses"], ids["Pharmacists"])]].style  # weak now, the others not


def test_role_metrics_that_did_not_change_move_no_labels(qtbot, make_window):
    """The broker notes come from the map's ties, not its ratings: metrics worked out again
    after a rating (or an undo) leave the labels where they are (placing every label again
    was most of a rating's time on the sample)."""
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_stage(1)
    mp = page.map
    qtbot.waitUntil(lambda: mp._metrics_now is not None and not mp.metrics_busy())
    asked = []
    mp.scene.labels_stale.connect(lambda: asked.append(1))
    mp.refresh_tables()
    qtbot.waitUntil(lambda: not mp.metrics_busy())
    assert asked == []
    notes = {rid: item.note.text() for rid, item in mp.scene.item_for_role.items()
             if item.note is not None and item.note.isVisible()}
    assert notes  # the sample has brokers, still noted


def test_a_rating_works_out_role_metrics_only_once_the_roles_tab_is_shown(
        qtbot, make_window, monkeypatch):
    """The role metrics a rating changes (means, strong ties) are on the Roles tab: while
    the Tie panel is on show a rating does not work them out (on a big map, off the UI
    thread, holding the interpreter); showing the tab, or reading its table, does."""
    from rcdesk.ui.map import page_metrics

    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    page.show_stage(1)
    mp = page.map
    qtbot.waitUntil(lambda: mp._metrics_now is not None and not mp.metrics_busy())
    worked = []
    real = page_metrics.network_metrics
    monkeypatch.setattr(page_metrics, "network_metrics",
                        lambda *a: worked.append(1) or real(*a))
    service = page.model.service
    wave = mp.scene.wave_id
    tie = service.ties()[0]
    service.map.set_rating(tie.id, wave, "overall", 1)
    page.stack.clear()
    assert worked == []
    mp.tabs.setCurrentIndex(2)  # Roles
    qtbot.waitUntil(lambda: worked == [1] and not mp.metrics_busy())
    assert mp.roles_model.rowCount() == len(service.roles())
    service.map.set_rating(tie.id, wave, "overall", 5)  # Roles on show: at once
    assert worked == [1, 1]
    mp.tabs.setCurrentIndex(0)
    service.map.set_rating(tie.id, wave, "overall", 3)
    assert worked == [1, 1]
    assert mp.roles_model.rowCount() == len(service.roles())  # read: brought up to date
    assert worked == [1, 1, 1]
