"""Projector mode on a map too big for tie numbers restyles no tie (issue 23): the ties
look the same in both modes (only names and numbers change size, and it shows no
numbers), so the 3,600 ties of a big map are not styled again; the look equals a full
restyle."""

from __future__ import annotations

from itertools import permutations

from rcdesk.reports import map_style as ms
from rcdesk.ui.map import tie_styles

NAMES = [f"Role {i}" for i in range(10)]  # 90 ties one way or the other: over 80


def test_projector_mode_on_a_big_map_restyles_no_tie(qtbot, make_window, monkeypatch):
    window = make_window()
    window.library.create("Big", roles=NAMES)
    window.home.refresh()
    window.home.open_selected()
    page = window.workshop_page
    service = page.model.service
    ids = {r.name: r.id for r in service.roles()}
    for source, target in permutations(NAMES, 2):
        service.map.add_tie(ids[source], ids[target])
    wave = service.waves()[0].id
    for i, tie in enumerate(service.ties()[:30]):
        service.map.set_rating(tie.id, wave, "overall", 1 + i % 5)
    page.show_stage(1)
    scene = page.map.scene
    assert len(scene.item_for_tie) > ms.MAX_VALUE_LABELS

    def looks():
        return {t: (i.style, i.highlight, i.value_text()) for t, i in scene.item_for_tie.items()}

    scene.set_lens(scene.lens)  # the lens as applied (a first one is applied whole)
    styled = []
    full = tie_styles.style_scores
    monkeypatch.setattr(tie_styles, "style_scores",
                        lambda *a, **k: styled.append(1) or full(*a, **k))
    before = looks()
    for on in (True, False):
        window.set_projector_mode(on)
        assert styled == [], on
        assert looks() == before
        scene.apply_lens()  # a full restyle: the same look
        assert looks() == before
        styled.clear()
