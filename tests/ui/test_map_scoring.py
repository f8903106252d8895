"""A big survey wave is scored off the UI thread (ui/scores/scoring.py): the first visit of
Map & Scores shows the roles at once and says the survey is being scored; the ties come
once it is, made a few per event-loop turn and drawn only when all are in, and the
finished map equals one built with the scores at hand."""

from __future__ import annotations

import pytest

from rcdesk.domain.errors import ValidationError
from rcdesk.services import scores as scores_module
from rcdesk.ui.map import scene_ties
from rcdesk.ui.map.scene import MapScene
from rcdesk.ui.scores.page import SCORING_TEXT, source_text

from .survey_csv import WARD_TIES, write_survey
from .test_scores_page import load


def opened(make_window, roles: list[str]):  # type: ignore[no-untyped-def]
    """A window on a new workshop "Ward 7" with these roles, on its Overview."""
    window = make_window()
    window.library.create("Ward 7", roles=roles)
    window.home.refresh()
    window.home.open_selected()
    return window, window.workshop_page


@pytest.fixture
def big_ward(make_window, tmp_path, monkeypatch):
    """A workshop whose wave counts as big (every survey does here), its survey loaded
    before the Map & Scores stage is first shown."""
    monkeypatch.setattr(scores_module, "LONG_SCORING_ANSWERS", 1)
    monkeypatch.setattr(scene_ties, "TIES_PER_TURN", 2)
    window, page = opened(make_window, ["Nurses", "Physicians", "Pharmacists"])
    load(page, write_survey(tmp_path / "s.csv", WARD_TIES))
    return window, page


def looks(scene: MapScene) -> dict[int, tuple[object, ...]]:
    """What the map shows of each tie: its ends, curve, style and number."""
    return {tie_id: (i.source_id, i.target_id, i.geometry, i.style, i.highlight,
                     i.value_text()) for tie_id, i in scene.item_for_tie.items()}


def test_first_visit_shows_the_roles_then_the_ties_once_the_wave_is_scored(qtbot, big_ward):
    window, page = big_ward
    page.show_stage(1)
    mp = page.map
    # The first turn: the roles, no ties yet, and the legend says why.
    assert mp.scene.pending and mp.scene.item_for_tie == {}
    assert len(mp.scene.item_for_role) == 3
    assert "scoring" in mp.legend.title.lower()
    assert not mp.complete()
    seen: list[tuple[int, bool, int]] = []  # when the scores come: ties made, more to come, images
    mp.scoring.ready.connect(lambda _wave: seen.append(
        (len(mp.scene.item_for_tie), mp.scene.building(), mp.scene.tie_layer.renders)))
    qtbot.waitUntil(mp.complete, timeout=10_000)
    assert seen == [(2, True, 0)]  # two ties in the first turn, nothing drawn until all are
    assert mp.scene.tie_layer.renders >= 1
    names = {r.id: r.name for r in page.model.service.roles()}
    shown = {(names[i.source_id], names[i.target_id]) for i in mp.scene.item_for_tie.values()}
    assert shown == set(WARD_TIES)
    assert "survey" in mp.legend.title.lower() and "scoring" not in mp.legend.title.lower()
    assert {(r.source, r.target) for r in mp.table_model.records()} == set(WARD_TIES)
    # The same map as one built with the scores at hand (now in the service's cache).
    eager = MapScene(page.model, mp.wave_scores)
    eager.set_wave(mp.scene.wave_id)
    assert not eager.pending and looks(eager) == looks(mp.scene)


def test_a_job_that_cannot_score_the_wave_leaves_it_to_the_window(qtbot, big_ward,
                                                                 monkeypatch):
    window, page = big_ward

    def failing(self, wave_id):  # type: ignore[no-untyped-def]
        def work(library):  # type: ignore[no-untyped-def]
            raise ValidationError("source", "gone")
        return work

    monkeypatch.setattr(scores_module.ScoresService, "survey_job", failing)
    page.show_stage(1)
    mp = page.map
    assert mp.scene.pending
    qtbot.waitUntil(mp.complete, timeout=10_000)
    assert len(mp.scene.item_for_tie) == len(WARD_TIES)
    assert not mp.scoring.busy()


def test_the_scores_tab_says_the_wave_is_being_scored_then_shows_it(qtbot, big_ward):
    window, page = big_ward
    page.show_scores()
    scores = page.scores_page
    assert scores.source_label.text() == SCORING_TEXT
    assert scores.stack.currentIndex() == 1  # the charts' place, not "no scores yet"
    qtbot.waitUntil(lambda: scores.scores is not None, timeout=10_000)
    assert scores.source_label.text() == source_text(scores.scores)
    assert scores.scores == page.map.wave_scores(page.current_wave_id())


def test_the_scores_tab_is_built_after_the_maps_first_frame(qtbot, make_window):
    window, page = opened(make_window, ["Nurses", "Physicians"])
    page.show_stage(1)
    assert page.map_tabs.built_tabs() == ["Map"]  # the first turn: the map only
    qtbot.waitUntil(lambda: page.map_tabs.built_tabs() == ["Map", "Scores"])
    assert page.map_tabs.currentIndex() == 0 and page.map.isVisible()


def test_a_small_maps_first_metrics_import_networkx_off_the_ui_thread(qtbot, make_window,
                                                                     monkeypatch):
    """networkx (0.2-0.6 s to import) is not imported by the first frame of the Map stage:
    the first metrics of a session come from the worker, as a big map's do."""
    from types import SimpleNamespace

    from rcdesk.analysis.network import network_metrics
    from rcdesk.ui.map import page_metrics

    monkeypatch.setattr(page_metrics, "sys", SimpleNamespace(modules={}))  # not imported yet
    window, page = opened(make_window, ["Nurses", "Physicians", "Pharmacists"])
    service = page.model.service
    ids = [r.id for r in service.roles()]
    service.map.add_tie(ids[0], ids[1])
    service.map.add_tie(ids[1], ids[2])
    page.show_stage(1)
    mp = page.map
    assert mp._metrics_now is None and mp.metrics_busy()  # noqa: SLF001
    qtbot.waitUntil(lambda: mp._metrics_now is not None, timeout=10_000)  # noqa: SLF001
    assert mp._metrics_now == network_metrics(service.roles(), service.ties(),  # noqa: SLF001
                                              mp.scene.scores)
    assert mp.roles_model.rowCount() == 3


def test_an_edit_that_scores_the_wave_again_keeps_the_map_on_show(qtbot, big_ward):
    """A role added changes what the wave's survey scores depend on: they are worked out
    again off the UI thread, and the map shows the wave as last scored meanwhile (its ties
    do not go and come back)."""
    window, page = big_ward
    page.show_stage(1)
    mp = page.map
    qtbot.waitUntil(mp.complete, timeout=10_000)
    def styles() -> dict[int, tuple[object, ...]]:  # (unplaced roles move round the circle)
        return {tie_id: look[3:] for tie_id, look in looks(mp.scene).items()}

    shown = styles()
    page.model.service.map.add_role("Porters")
    assert mp.scene.rescoring and not mp.scene.pending and not mp.complete()
    assert styles() == shown and not mp.scene.tie_layer._held  # noqa: SLF001
    qtbot.waitUntil(mp.complete, timeout=10_000)
    assert not mp.scene.rescoring and len(mp.scene.item_for_role) == 4
    eager = MapScene(page.model, mp.wave_scores)
    eager.set_wave(mp.scene.wave_id)
    assert looks(eager) == looks(mp.scene)


def test_a_wave_scored_at_once_shows_its_ties_in_the_first_turn(qtbot, make_window,
                                                                 monkeypatch):
    """Only ties whose scores came from the job are made in pieces: a map whose scores are
    at hand (live ratings here) has every tie from its first frame, as before."""
    monkeypatch.setattr(scene_ties, "TIES_PER_TURN", 2)
    window, page = opened(make_window, ["Nurses", "Physicians", "Pharmacists"])
    service = page.model.service
    ids = [r.id for r in service.roles()]
    for source, target in ((0, 1), (1, 0), (1, 2), (2, 0)):
        service.map.add_tie(ids[source], ids[target])
    page.show_stage(1)
    mp = page.map
    assert len(mp.scene.item_for_tie) == 4 and not mp.scene.building()


def test_a_big_wave_is_scored_ahead_off_the_ui_thread_when_its_workshop_opens(
        qtbot, big_ward, monkeypatch):
    """Opened again, the workshop scores its big wave on a worker before any page asks:
    the walkthrough's room map (which asks without waiting) then finds the scores at hand
    instead of scoring the whole survey in one turn. Before, nothing scored it until a page
    asked, on the UI thread unless that page was the map."""
    import threading

    window, page = big_ward
    workshop_id, wave = page.model.service.workshop_id, page.current_wave_id()
    threads: list[int] = []
    real_job = scores_module._survey_job

    def job(*args):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real_job(*args)

    monkeypatch.setattr(scores_module, "_survey_job", job)
    window.open_workshop(workshop_id)
    again = window.workshop_page
    assert again is not page and again.scores.scoring_takes_long(wave)
    qtbot.waitUntil(lambda: not again.scores.scoring_takes_long(wave), timeout=10_000)
    assert threads and threading.get_ident() not in threads
    assert again._map is None and again._conversations is None  # no page asked
