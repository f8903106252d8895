"""Review: map scene edge cases found in the tie-layer review."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from rcdesk.domain.bands import Band
from rcdesk.reports import map_style as ms

from .test_map import mapped
from .test_map_scale import _close, _painted, _pixel

__all__ = ["mapped"]  # the fixture


def test_deleting_a_role_moves_unplaced_roles_without_a_traceback(qtbot, make_window):
    window = make_window()
    window.library.create("Ward 9", roles=["Nurses", "Physicians", "Pharmacists", "Porters"])
    window.home.refresh()
    window.home.open_selected()
    page = window.workshop_page
    service = page.model.service
    ids = {r.name: r.id for r in service.roles()}
    service.add_tie(ids["Nurses"], ids["Physicians"])
    service.add_tie(ids["Porters"], ids["Pharmacists"])
    page.show_stage(1)
    scene = page.map.scene
    assert len(scene.item_for_tie) == 2
    service.delete_role(ids["Nurses"])
    assert set(scene.item_for_role) == {ids["Physicians"], ids["Pharmacists"], ids["Porters"]}
    assert len(scene.item_for_tie) == 1


def _unplaced_map(window):
    window.library.create("Ward 9", roles=["Nurses", "Physicians", "Pharmacists", "Porters"])
    window.home.refresh()
    window.home.open_selected()
    page = window.workshop_page
    page.show_stage(1)
    return page, {r.name: r.id for r in page.model.service.roles()}


def test_a_role_deleted_while_a_layout_glides_leaves_no_traceback(qtbot, make_window):
    window = make_window()
    page, ids = _unplaced_map(window)
    service, scene = page.model.service, page.map.scene
    service.add_tie(ids["Nurses"], ids["Physicians"])
    service.set_role_positions({rid: (i * 10.0, 0.0) for i, rid in enumerate(ids.values())})
    page.map.apply_layout("circle")
    animation = scene._animation
    assert animation is not None and animation.state() == animation.State.Running
    service.delete_role(ids["Porters"])
    qtbot.waitUntil(lambda: animation.state() == animation.State.Stopped, timeout=3000)
    assert ids["Porters"] not in scene.item_for_role


def test_an_undo_during_a_layout_glide_leaves_roles_where_the_library_has_them(
        qtbot, make_window):
    window = make_window()
    page, ids = _unplaced_map(window)
    service, scene = page.model.service, page.map.scene
    service.set_role_positions({rid: (i * 10.0, 0.0) for i, rid in enumerate(ids.values())})
    page.map.apply_layout("circle")
    animation = scene._animation
    assert animation is not None
    window.undo_group.undo()
    qtbot.waitUntil(lambda: animation.state() == animation.State.Stopped, timeout=3000)
    shown = {rid: (item.pos().x(), item.pos().y()) for rid, item in scene.item_for_role.items()}
    assert shown == {r.id: (r.x, r.y) for r in service.roles()}


def test_a_click_where_ties_cross_selects_the_one_drawn_on_top(qtbot, mapped):
    """The layer draws strong ties over weak ones: a click must pick what it shows."""
    window, page, ids = mapped
    service = page.model.service
    wave = service.waves()[0].id
    service.add_role("Porters", at=(150.0, -480.0))
    porters = next(r.id for r in service.roles() if r.name == "Porters")
    service.add_tie(ids["Nurses"], ids["Physicians"])  # across, through (50, 0)
    service.add_tie(ids["Pharmacists"], porters)  # added later, through (50, 0) too
    strong, weak = service.ties()
    service.set_rating(strong.id, wave, "overall", 5)
    service.set_rating(weak.id, wave, "overall", 1)
    view = page.map.view
    _painted(view)
    assert _close(_pixel(view, QPointF(50, 0)), QColor(ms.BAND_STYLES[Band.STRONG].colour))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, view.mapFromScene(QPointF(50, 0)))
    assert page.map.selected_tie() == strong.id


def test_a_click_during_a_layout_glide_keeps_the_layout(qtbot, mapped):
    window, page, ids = mapped
    service, scene, view = page.model.service, page.map.scene, page.map.view
    page.map.apply_layout("circle")
    laid_out = {r.id: (r.x, r.y) for r in service.roles()}
    animation = scene._animation
    assert animation is not None and animation.state() == animation.State.Running
    qtbot.waitUntil(lambda: animation.currentTime() > 0)  # roles half-way
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, view.mapFromScene(QPointF(0, -400)))
    qtbot.waitUntil(lambda: animation.state() == animation.State.Stopped, timeout=3000)
    assert {r.id: (r.x, r.y) for r in service.roles()} == laid_out
    assert window.actions_by_name["undo"].text() == "Undo Apply circle layout"
    shown = {rid: (item.pos().x(), item.pos().y()) for rid, item in scene.item_for_role.items()}
    assert shown == laid_out
