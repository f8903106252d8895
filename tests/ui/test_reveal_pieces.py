"""The room's map prepared in pieces (issue 23): its roles in the first turn, its ties a
few per turn, nothing of them shown until every one is in and drawn, and a reveal asked
meanwhile still lands."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from rcdesk.domain.decks import Step, StepKind
from rcdesk.ui.conversations.reveal_control import PREPARING
from rcdesk.ui.conversations.reveal_view import RevealMap
from rcdesk.ui.map import scene_ties

from .walkthrough_data import player_on_fake_clocks

STEPS = (
    Step("Welcome", "What brought you here today?", "", 5, StepKind.TALK),
    Step("Our map", "Let us read our map together.", "", 15, StepKind.REVEAL),
)


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(scene_ties, "TIES_PER_TURN", 2)


def _looks(reveal: RevealMap) -> dict[int, tuple[object, ...]]:
    """What the room sees of each tie: its ends, curve, style and number."""
    return {tie_id: (i.source_id, i.target_id, i.geometry, i.style, i.highlight,
                     i.value_text()) for tie_id, i in reveal.scene.item_for_tie.items()}


def _room_map(qtbot, page, eager: bool = False) -> RevealMap:
    reveal = RevealMap(page.model, page.map.wave_scores)
    qtbot.addWidget(reveal)
    if eager:
        reveal.scene.pieces_from = None  # every tie in the first turn, as before
    reveal.resize(800, 500)
    reveal.show()
    reveal.set_wave(page.current_wave_id())
    reveal.hide_all()
    return reveal


def test_first_turn_shows_roles_then_ties_in_pieces_as_an_eager_build(
        qtbot, make_window, small_pieces) -> None:
    window = make_window()
    window.home.open_sample()
    page = window.workshop_page
    reveal = _room_map(qtbot, page)
    scene = reveal.scene
    roles = len(page.model.service.roles())
    assert len(scene.item_for_role) == roles and scene.item_for_tie == {}  # roles only
    assert not reveal.ready() and not reveal.complete()
    sizes: list[int] = []
    scene.changed.connect(lambda _r: sizes.append(len(scene.item_for_tie)))
    with qtbot.waitSignal(reveal.prepared, timeout=10_000):
        pass
    qtbot.waitUntil(reveal.complete, timeout=10_000)
    eager = _room_map(qtbot, page, eager=True)
    assert eager.ready() and len(eager.scene.item_for_tie) > 2
    assert len({n for n in sizes if n}) > 1  # the ties came a few at a time
    assert _looks(reveal) == _looks(eager)
    assert reveal.ties() == eager.ties()


def test_the_tie_layer_shows_nothing_until_every_tie_is_in(
        qtbot, make_window, small_pieces) -> None:
    window = make_window()
    window.home.open_sample()
    reveal = _room_map(qtbot, window.workshop_page)
    layer = reveal.scene.tie_layer
    seen: list[tuple[bool, int]] = []  # (ties still to come, images of them drawn)
    reveal.scene.changed.connect(
        lambda _r: seen.append((reveal.scene.building(), layer.renders)))
    qtbot.waitUntil(reveal.complete, timeout=10_000)
    assert any(building for building, _ in seen)
    assert all(renders == 0 for building, renders in seen if building)
    assert layer.renders >= 1


@pytest.fixture
def reveal_step(qtbot, make_window, small_pieces):
    window = make_window()
    conversations, player, _clock, meeting = player_on_fake_clocks(
        window, datetime(2026, 11, 27, 10, 30), STEPS)
    conversations.set_wave(window.workshop_page.current_wave_id())
    assert conversations.start_walkthrough(meeting)
    qtbot.waitUntil(player.audience.isVisible)
    qtbot.keyClick(player.audience, Qt.Key.Key_P)  # the laptop's view
    qtbot.keyClick(player.facilitator, Qt.Key.Key_Space)
    assert player.current().title == "Our map"
    return player


def test_a_reveal_asked_while_the_map_is_prepared_lands(qtbot, reveal_step) -> None:
    player = reveal_step
    reveal, chooser = player.audience.map, player.facilitator.reveal
    assert not reveal.ready()  # still coming: the laptop's list waits
    assert chooser.list.count() == 0 and chooser.note.text() == PREPARING
    qtbot.keyClick(player.facilitator, Qt.Key.Key_R)  # strongest first
    strongest = reveal.latest
    assert reveal.ready() and strongest is not None
    assert reveal.revealed() == {strongest.tie_id}
    total = len(reveal.ties())
    qtbot.waitUntil(lambda: chooser.list.count() == total)
    assert reveal.revealed() == {strongest.tie_id}  # the list coming changes nothing shown
    assert chooser.count.text() == f"1 of {total} revealed"


def test_the_laptops_list_comes_once_the_map_is_prepared(qtbot, reveal_step) -> None:
    player = reveal_step
    reveal, chooser = player.audience.map, player.facilitator.reveal
    qtbot.waitUntil(lambda: chooser.list.count() > 0, timeout=10_000)
    total = len(reveal.ties())
    assert chooser.list.count() == total and reveal.revealed() == set()
    assert chooser.count.text() == f"0 of {total} revealed" and chooser.note.text() == ""
