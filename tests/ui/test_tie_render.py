"""A big map's ties drawn again whole (projector mode's new pen widths, a zoom drawn sharp)
are drawn a few hundred shapes per event-loop turn while the old image stays on screen:
the result is the image a one-turn render gives, a newer request cancels the older render,
and a small map is still drawn in one turn."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from rcdesk.ui.map import tie_render

from .test_tie_patch import dense

__all__ = ["dense"]  # the fixture, shared with test_tie_patch.py


def _painted(view) -> None:
    view.viewport().repaint()
    QApplication.processEvents()


def _one_turn_image(view, layer, monkeypatch):
    """The image a render in one turn gives, for the map as it is now."""
    monkeypatch.setattr(tie_render, "SHAPES_PER_TURN", 1_000_000)
    renders = layer.renders
    layer.invalidate()
    _painted(view)
    assert layer.renders == renders + 1 and not layer._pieces.running()  # noqa: SLF001
    return layer._image.copy()  # noqa: SLF001


def test_a_big_maps_ties_are_drawn_again_in_several_turns_into_the_same_image(
        qtbot, dense, monkeypatch):
    window, page, ids, wave = dense
    view, layer = page.map.view, page.map.scene.tie_layer
    _painted(view)
    monkeypatch.setattr(tie_render, "SHAPES_PER_TURN", 5)  # as if the map were big
    old = layer._image  # noqa: SLF001
    renders = layer.renders
    layer.invalidate()
    _painted(view)
    assert layer.renders == renders and layer._pieces.running()  # noqa: SLF001
    assert layer._image is old  # the old image stays on screen meanwhile  # noqa: SLF001
    qtbot.waitUntil(lambda: layer.renders == renders + 1, timeout=5000)
    assert layer._pieces.turns > 10  # noqa: SLF001
    pieced = layer._image.copy()  # noqa: SLF001
    assert pieced == _one_turn_image(view, layer, monkeypatch)


def test_a_newer_request_cancels_a_render_under_way(qtbot, dense, monkeypatch):
    window, page, ids, wave = dense
    service = page.model.service
    view, layer = page.map.view, page.map.scene.tie_layer
    _painted(view)
    monkeypatch.setattr(tie_render, "SHAPES_PER_TURN", 5)
    renders = layer.renders
    layer.invalidate()
    _painted(view)
    layer._pieces.step()  # two pieces of the older render drawn  # noqa: SLF001
    layer._pieces.step()  # noqa: SLF001
    assert layer.renders == renders and layer._pieces.running()  # noqa: SLF001
    service.map.set_rating(service.ties()[0].id, wave, "overall", 5)  # a new look
    _painted(view)
    qtbot.waitUntil(lambda: layer.renders > renders, timeout=5000)
    qtbot.waitUntil(lambda: not layer._pieces.running(), timeout=5000)  # noqa: SLF001
    assert layer.renders == renders + 1  # the older render never completed
    pieced = layer._image.copy()  # noqa: SLF001
    assert pieced == _one_turn_image(view, layer, monkeypatch)  # with the new rating


def test_a_small_map_is_drawn_again_in_one_turn(qtbot, dense):
    window, page, ids, wave = dense
    view, layer = page.map.view, page.map.scene.tie_layer
    _painted(view)
    renders = layer.renders
    layer.invalidate()
    _painted(view)
    assert layer.renders == renders + 1 and not layer._pieces.running()  # noqa: SLF001


def test_ties_that_start_moving_leave_the_image_at_once_even_on_a_big_map(
        qtbot, dense, monkeypatch):
    """The old image would show them where they were until the pieces were drawn."""
    window, page, ids, wave = dense
    view, layer = page.map.view, page.map.scene.tie_layer
    _painted(view)
    monkeypatch.setattr(tie_render, "SHAPES_PER_TURN", 5)  # as if the map were big
    renders = layer.renders
    layer.set_live({next(iter(layer.ties))})
    _painted(view)
    assert layer.renders == renders + 1 and not layer._pieces.running()  # noqa: SLF001


def test_a_big_maps_first_image_is_drawn_in_pieces_too(qtbot, dense, monkeypatch):
    """No image to keep on screen yet (a big wave's ties just came, ui/scores/scoring.py):
    the ties show once their image is complete, not after a one-turn stall."""
    from rcdesk.ui.map.scene import MapScene
    from rcdesk.ui.map.view import MapView

    window, page, ids, wave = dense
    monkeypatch.setattr(tie_render, "SHAPES_PER_TURN", 5)
    scene = MapScene(page.model, page.map.wave_scores)
    scene.set_wave(wave)
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.fit()
    layer = scene.tie_layer
    _painted(view)
    assert layer.renders == 0 and layer._pieces.running()  # noqa: SLF001
    assert layer._image is None and not layer.drawn()  # noqa: SLF001
    qtbot.waitUntil(layer.drawn, timeout=5000)
    assert layer.renders == 1 and layer._pieces.turns > 10  # noqa: SLF001
    pieced = layer._image.copy()  # noqa: SLF001
    assert pieced == _one_turn_image(view, layer, monkeypatch)
