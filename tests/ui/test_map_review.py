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
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.add_tie(ids["Porters"], ids["Pharmacists"])
    page.show_stage(1)
    scene = page.map.scene
    assert len(scene.item_for_tie) == 2
    service.map.delete_role(ids["Nurses"])
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
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.set_role_positions({rid: (i * 10.0, 0.0) for i, rid in enumerate(ids.values())})
    page.map.apply_layout("circle")
    animation = scene._animation
    assert animation is not None and animation.state() == animation.State.Running
    service.map.delete_role(ids["Porters"])
    qtbot.waitUntil(lambda: animation.state() == animation.State.Stopped, timeout=3000)
    assert ids["Porters"] not in scene.item_for_role


def test_an_undo_during_a_layout_glide_leaves_roles_where_the_library_has_them(
        qtbot, make_window):
    window = make_window()
    page, ids = _unplaced_map(window)
    service, scene = page.model.service, page.map.scene
    service.map.set_role_positions({rid: (i * 10.0, 0.0) for i, rid in enumerate(ids.values())})
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
    service.map.add_role("Porters", at=(150.0, -480.0))
    porters = next(r.id for r in service.roles() if r.name == "Porters")
    service.map.add_tie(ids["Nurses"], ids["Physicians"])  # across, through (50, 0)
    service.map.add_tie(ids["Pharmacists"], porters)  # added later, through (50, 0) too
    strong, weak = service.ties()
    service.map.set_rating(strong.id, wave, "overall", 5)
    service.map.set_rating(weak.id, wave, "overall", 1)
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


def _big_map(window, roles: int = 200):
    workshop_id = window.library.create("Many roles", roles=[f"Role {i}" for i in range(roles)])
    window.home.refresh()
    page = window.open_workshop(workshop_id)
    service = page.model.service
    service.map.set_role_positions({r.id: ((i % 20) * 40.0, (i // 20) * 40.0)
                                for i, r in enumerate(service.roles())})
    page.show_stage(1)
    return page


HIGH_DPI_PROBE = """
import sys
from pathlib import Path
from rcdesk.app import build_window, make_application, user_settings
from rcdesk.ui.map.items import RoleItem
app = make_application()
folder = Path(sys.argv[1])
window = build_window(folder / "library.sqlite", user_settings(folder / "ui.ini"))
workshop_id = window.library.create("Many roles", roles=[f"Role {i}" for i in range(200)])
page = window.open_workshop(workshop_id)
service = page.model.service
service.map.set_role_positions({r.id: ((i % 20) * 130.0, (i // 20) * 130.0)
                            for i, r in enumerate(service.roles())})
page.show_stage(1)
window.show()
scene, view = page.map.scene, page.map.view
view.setFixedSize(1400, 900)
app.processEvents()  # shown and laid out
painted = []
real_paint = RoleItem.paint
RoleItem.paint = lambda self, *args: painted.append(self) or real_paint(self, *args)
for zoom in (0.5, 0.8):
    view.resetTransform()
    view.scale(zoom, zoom)
    view.centerOn(1235, 585)
    view.viewport().repaint()
    scene.tie_layer.settle()  # as 150 ms after the zoom: roles cached at this scale
    view.viewport().repaint()
    del painted[:]
    for _ in range(2):
        view.viewport().repaint()
        app.processEvents()
    print(view.devicePixelRatioF(), zoom, len(painted))
"""


def test_at_pixel_ratio_2_a_big_map_copies_its_roles_from_pixmaps_every_frame(tmp_path):
    """At devicePixelRatio 2 the role and label pixmaps of 200 roles overflowed Qt's 10 MB
    QPixmapCache (sized twice too large, too): each frame painted every role again."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2")
    done = subprocess.run([sys.executable, "-c", HIGH_DPI_PROBE, str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2.0", "0.5", "0", "2.0", "0.8", "0"]


def test_role_pixmaps_are_sized_in_logical_pixels_on_a_high_dpi_screen(
        qtbot, make_window, monkeypatch):
    """The settled scale is in device pixels and Qt multiplies an item cache's size by the
    pixel ratio itself: at ratio 2 the pixmaps were twice too wide and high."""
    page = _big_map(make_window(), roles=60)
    scene, view = page.map.scene, page.map.view
    monkeypatch.setattr(view, "devicePixelRatioF", lambda: 2.0)
    assert scene.views()[0].devicePixelRatioF() == 2.0
    scene._on_scale_settled(1.6)  # zoom 0.8 at ratio 2
    sides = {item._cache_side for item in scene.item_for_role.values()}
    assert sides == {80}  # logical: 100 scene units x 0.8; Qt makes it 160 device pixels


def _glide_frames(scene, calls: list[int]) -> None:
    """Count the ties placed in each step of the running glide, then land it."""
    animation = scene._animation
    real = scene._place_tie

    def counting(item, places=None):
        calls[-1] += 1
        real(item, places)

    scene._place_tie = counting
    for fraction in (0.25, 0.5, 0.75):
        calls.append(0)
        animation.setCurrentTime(int(animation.duration() * fraction))
    calls.append(0)
    scene.finish_animation()
    del scene._place_tie


def test_a_glide_places_each_tie_once_a_frame(qtbot, make_window):
    """Both ends of a tie move in a glide: its curve is worked out once per frame, not
    once per end (4,000 ties: 0.4 s a frame, before)."""
    window = make_window()
    page, ids = _unplaced_map(window)
    service, scene = page.model.service, page.map.scene
    roles = list(ids.values())
    for source in roles:
        for target in roles:
            if source != target:
                service.map.add_tie(source, target)
    service.map.set_role_positions({rid: (i * 10.0, 0.0) for i, rid in enumerate(roles)})
    page.map.apply_layout("circle")
    calls: list[int] = []
    _glide_frames(scene, calls)
    assert calls == [len(scene.item_for_tie)] * 4
    assert scene.tie_layer.isVisible()


def test_on_a_big_map_only_the_roles_glide_and_the_ties_follow_when_they_land(
        qtbot, make_window, monkeypatch):
    from rcdesk.ui.map import scene as map_scene

    window = make_window()
    page, ids = _unplaced_map(window)
    service, scene = page.model.service, page.map.scene
    roles = list(ids.values())
    service.map.add_tie(roles[0], roles[1])
    service.map.set_role_positions({rid: (i * 10.0, 0.0) for i, rid in enumerate(roles)})
    monkeypatch.setattr(map_scene, "GLIDE_TIES_MAX", 0)  # this map counts as a big one
    page.map.apply_layout("circle")
    assert not scene.tie_layer.isVisible()
    calls: list[int] = []
    _glide_frames(scene, calls)
    assert calls == [0, 0, 0, len(scene.item_for_tie)]  # placed once, on landing
    assert scene.tie_layer.isVisible()
    tie = next(iter(scene.item_for_tie.values()))
    ends = [scene.item_for_role[r].pos() for r in (tie.source_id, tie.target_id)]
    assert tie.path.boundingRect().adjusted(-40, -40, 40, 40).contains(ends[0])
    assert tie.path.boundingRect().adjusted(-40, -40, 40, 40).contains(ends[1])
