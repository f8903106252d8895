"""The laptop's live copy of the room's window follows a reveal step by painting again only
what the room's window painted (a strip along the revealed tie, the question), never the
whole window: a grab() repainted the whole room's map twice for every tie revealed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from .test_player_reveal import playing  # noqa: F401  (the fixture: a walkthrough, laptop view)
from .test_tie_patch import PaintRegions


@pytest.fixture
def revealing(qtbot, playing):  # noqa: F811
    """The walkthrough on its reveal step "Strengths" (strongest first), the room's window
    up on the laptop's only screen, at a projector's size (the test screen is 800 × 800)."""
    player, _ = playing
    qtbot.keyClick(player.facilitator, Qt.Key.Key_P)  # back to the room's view
    qtbot.waitUntil(player.audience.isVisible)
    player.audience.showNormal()
    player.audience.resize(1280, 720)
    for _ in range(3):
        qtbot.keyClick(player.audience, Qt.Key.Key_Space)
    assert player.current().title == "Strengths"
    _copied(qtbot, player)
    return player


def _copied(qtbot, player) -> None:
    qtbot.waitUntil(lambda: not player.preview_timer.isActive()
                    and not player.mirror_timer.isActive())


def test_the_map_keeps_its_place_while_ties_are_revealed(qtbot, revealing):
    """Questions of one, two or more lines: the question keeps the most room it has
    needed, so the map never grows back (each change of size fits and draws it again)."""
    player = revealing
    viewport = player.audience.map.view.viewport()
    heights = []
    for _ in range(6):
        qtbot.keyClick(player.audience, Qt.Key.Key_R)
        _copied(qtbot, player)
        heights.append(viewport.height())
    assert heights == sorted(heights, reverse=True)


def test_a_reveal_step_is_copied_without_painting_the_whole_room_again(qtbot, revealing):
    player = revealing
    for _ in range(6):  # the question has had its longest lines: the map stays put
        qtbot.keyClick(player.audience, Qt.Key.Key_R)
    _copied(qtbot, player)
    viewport = player.audience.map.view.viewport()
    whole = viewport.rect()
    paints = PaintRegions()
    viewport.installEventFilter(paints)
    for _ in range(4):
        before = player.facilitator.preview.pixmap().toImage()
        qtbot.keyClick(player.audience, Qt.Key.Key_R)
        _copied(qtbot, player)
        assert player.facilitator.preview.pixmap().toImage() != before  # it follows
    viewport.removeEventFilter(paints)
    assert viewport.rect() == whole
    assert paints.regions  # the room's map painted each revealed tie…
    # …along the tie only, and the copy painted that again, not the whole map
    assert all(region.boundingRect() != whole for region in paints.regions)
    room = player.audience.rect()
    copied = player.audience.mirror.copied.boundingRect()
    assert copied.width() * copied.height() < room.width() * room.height() / 2


def test_the_copy_is_the_room_pixel_for_pixel_after_a_reveal(qtbot, revealing):
    player = revealing
    for _ in range(5):
        qtbot.keyClick(player.audience, Qt.Key.Key_R)
    _copied(qtbot, player)
    picture = player.audience.mirror.picture()
    assert picture is not None
    assert picture == player.audience.grab().toImage()
