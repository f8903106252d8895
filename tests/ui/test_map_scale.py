"""The structure that lets a 4,000-tie map open and move fast: one cached tie layer,
light tie items that only hit-test, and roles drawn from pixmaps on big maps."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem

from rcdesk.domain.bands import Band
from rcdesk.reports import map_style as ms
from rcdesk.ui.map.items import ROLE_CACHE_MAX_SCALE
from rcdesk.ui.map.scene import ROLE_CACHE_MIN
from rcdesk.ui.map.tie_item import DRAW_ORDER, TieItem

from .test_map import at, mapped

__all__ = ["mapped"]  # the fixture, shared with test_map.py


def _on_curve(item: TieItem, t: float = 0.5) -> QPointF:
    assert item.geometry is not None
    return QPointF(*ms.curve_point(item.geometry, t))


def _painted(view) -> None:
    view.viewport().repaint()
    QApplication.processEvents()


def _pixel(view, scene_point: QPointF) -> QColor:
    image = view.viewport().grab().toImage()
    return image.pixelColor(view.mapFromScene(scene_point))


def _close(a: QColor, b: QColor, slack: int = 40) -> bool:
    return all(abs(x - y) <= slack for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_a_click_on_a_curve_selects_that_tie_not_its_reverse(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.add_tie(ids["Physicians"], ids["Nurses"])
    forward, backward = service.ties()
    scene, view = page.map.scene, page.map.view
    for tie in (forward, backward):
        point = view.mapFromScene(_on_curve(scene.item_for_tie[tie.id]))
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, point)
        assert page.map.selected_tie() == tie.id
        names = {v: k for k, v in ids.items()}
        assert page.map.panel.heading.text() == (f"{names[tie.source_id]} → "
                                                 f"{names[tie.target_id]}")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [t.id for t in service.ties()] == [forward.id]


def test_the_tie_layer_never_takes_a_click_meant_for_empty_canvas(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.add_tie(ids["Nurses"], ids["Pharmacists"])
    view, layer = page.map.view, page.map.scene.tie_layer
    assert layer.boundingRect().contains(QPointF(60, 60))  # inside the layer, off any curve
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, at(view, 60, 60))
    assert len(service.roles()) == len(ids) + 1


def test_ties_are_drawn_grouped_by_band_strongest_on_top_in_their_colours(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    wave = service.waves()[0].id
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.add_tie(ids["Nurses"], ids["Pharmacists"])
    service.map.add_tie(ids["Pharmacists"], ids["Physicians"])
    moderate, strong, unrated = service.ties()
    service.map.set_rating(moderate.id, wave, "overall", 4)
    service.map.set_rating(strong.id, wave, "overall", 5)
    scene, view = page.map.scene, page.map.view
    groups = scene.tie_layer.groups()
    assert [(style, [i.tie_id for i in items]) for style, items in groups] == [
        (ms.BAND_STYLES[Band.UNRATED], [unrated.id]),
        (ms.BAND_STYLES[Band.MODERATE], [moderate.id]),
        (ms.BAND_STYLES[Band.STRONG], [strong.id]),
    ]
    assert [style for style, _ in groups] == [s for s in DRAW_ORDER if s in dict(groups)]
    _painted(view)
    for tie, band in ((moderate, Band.MODERATE), (strong, Band.STRONG)):
        colour = _pixel(view, _on_curve(scene.item_for_tie[tie.id], 0.3))  # off the label
        assert _close(colour, QColor(ms.BAND_STYLES[band].colour)), (band, colour.name())


def test_a_pan_copies_the_cached_ties_and_a_zoom_is_drawn_sharp_once_it_settles(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    view, layer = page.map.view, page.map.scene.tie_layer
    _painted(view)
    renders = layer.renders
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 25)
    _painted(view)
    scene = page.map.scene
    scene.select_only(next(iter(scene.item_for_tie.values())))
    _painted(view)
    assert layer.renders == renders  # panning and selecting reuse the image
    view.zoom(1)
    _painted(view)
    assert layer.renders == renders and layer.settle_pending()  # shown scaled at first
    qtbot.waitUntil(lambda: layer.renders == renders + 1, timeout=3000)
    assert not layer.settle_pending()
    patches = layer.patches
    service.map.set_rating(service.ties()[0].id, service.waves()[0].id, "overall", 2)
    _painted(view)
    # a new style is drawn at once (along the tie, or the whole image)
    assert (layer.renders - renders - 1) + (layer.patches - patches) == 1


def test_a_fit_at_the_same_scale_reuses_the_image_and_a_big_maps_fit_settles_first(
        qtbot, mapped, monkeypatch):
    """Showing the Map tab again fits it at the scale it has: the ties are not drawn again
    (a big map's took most of a second). On a big map a fit at a new scale is shown
    scaled and drawn sharp once it settles, as a window laid out again fits it several
    times (projector mode)."""
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    view, layer = page.map.view, page.map.scene.tie_layer
    view.fit()
    _painted(view)
    qtbot.waitUntil(lambda: not layer.settle_pending(), timeout=3000)
    renders = layer.renders
    view.fit()
    _painted(view)
    assert layer.renders == renders and not layer.settle_pending()
    page.map_tabs.setCurrentIndex(1)
    page.map_tabs.setCurrentIndex(0)
    _painted(view)
    assert layer.renders == renders
    monkeypatch.setattr(layer, "SHARP_FIT_MAX_TIES", 0)  # as if the map were big
    scale = view.transform().m11()
    window.resize(window.width() - 300, window.height() - 250)  # fitted again, smaller
    qtbot.waitUntil(lambda: view.transform().m11() < scale, timeout=3000)
    _painted(view)
    assert view.transform().m11() < scale
    assert layer.renders == renders and layer.settle_pending()  # shown scaled at first
    qtbot.waitUntil(lambda: layer.renders == renders + 1, timeout=3000)


def test_a_tie_that_changes_look_is_drawn_again_in_place_exactly_as_a_full_redraw(
        qtbot, mapped, monkeypatch):
    """A rating (or a reveal) changes one tie's look: only its part of the image is drawn
    again, and the image is the same, pixel for pixel, as one drawn whole."""
    from rcdesk.ui.map import tie_patch

    window, page, ids = mapped
    service = page.model.service
    names = list(ids)
    for source in names:
        for target in names:
            if source != target:
                service.map.add_tie(ids[source], ids[target])
    wave = service.waves()[0].id
    for tie in service.ties():
        service.map.set_rating(tie.id, wave, "overall", 3)
    view, layer = page.map.view, page.map.scene.tie_layer
    monkeypatch.setattr(tie_patch, "MAX_PATCHED_SHARE", 1.0)  # a small map: patch anyway
    _painted(view)
    renders, patches = layer.renders, layer.patches
    rated = service.ties()[0]
    service.map.set_rating(rated.id, wave, "overall", 5)  # strong: thicker, another colour
    _painted(view)
    assert (layer.renders, layer.patches) == (renders, patches + 1)
    patched = layer._image.copy()  # noqa: SLF001
    layer.invalidate()
    _painted(view)
    assert layer.renders == renders + 1
    assert layer._image == patched  # noqa: SLF001
    assert _close(_pixel(view, _on_curve(page.map.scene.item_for_tie[rated.id], 0.3)),
                  QColor(ms.BAND_STYLES[Band.STRONG].colour))


def test_ties_of_a_dragged_role_are_drawn_live_and_rejoin_the_image(qtbot, mapped):
    from .test_map import drag

    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.add_tie(ids["Pharmacists"], ids["Physicians"])
    tie_ids = {t.id for t in service.ties()}
    view, scene = page.map.view, page.map.scene
    layer = scene.tie_layer
    drag(view, at(view, 220, 0), at(view, 260, -60))
    assert layer.live == tie_ids
    role = scene.item_for_role[ids["Physicians"]]
    for tie_id in tie_ids:  # still attached to the moved role
        geometry = scene.item_for_tie[tie_id].geometry
        assert geometry is not None
        end = QPointF(*geometry.end)
        distance = (end - role.pos()).manhattanLength()
        assert distance <= ms.NODE_RADIUS * 1.5
    _painted(view)
    qtbot.waitUntil(lambda: not layer.live, timeout=3000)
    _painted(view)
    assert (service.role(ids["Physicians"]).x, service.role(ids["Physicians"]).y) == \
        (role.pos().x(), role.pos().y())


def test_a_big_map_draws_roles_from_pixmaps_and_a_small_one_directly(qtbot, make_window):
    window = make_window()
    names = [f"Role {i}" for i in range(ROLE_CACHE_MIN)]
    workshop_id = window.library.create("Many roles", roles=names)
    window.home.refresh()
    page = window.open_workshop(workshop_id)
    assert page is not None
    page.show_stage(1)
    scene, view = page.map.scene, page.map.view
    _painted(view)
    cached = QGraphicsItem.CacheMode.ItemCoordinateCache
    qtbot.waitUntil(lambda: all(r.cacheMode() == cached for r in scene.item_for_role.values()),
                    timeout=3000)
    view.resetTransform()
    view.scale(ROLE_CACHE_MAX_SCALE * 1.5, ROLE_CACHE_MAX_SCALE * 1.5)  # far in: few roles
    _painted(view)
    direct = QGraphicsItem.CacheMode.NoCache
    qtbot.waitUntil(lambda: all(r.cacheMode() == direct for r in scene.item_for_role.values()),
                    timeout=3000)


def test_a_small_map_paints_its_roles_directly(qtbot, mapped):
    window, page, ids = mapped
    view, scene = page.map.view, page.map.scene
    view.zoom(1)
    _painted(view)
    qtbot.waitUntil(lambda: not scene.tie_layer.settle_pending(), timeout=3000)
    assert {r.cacheMode() for r in scene.item_for_role.values()} == {
        QGraphicsItem.CacheMode.NoCache}


def test_the_layer_extent_is_every_tie_as_drawn_with_its_pen_or_halo(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.add_tie(ids["Physicians"], ids["Nurses"])
    service.map.add_tie(ids["Pharmacists"], ids["Pharmacists"])
    scene = page.map.scene
    layer = scene.tie_layer
    scene.select_only(next(iter(scene.item_for_tie.values())))

    def union():
        rect = None
        for item in scene.item_for_tie.values():
            drawn = item.drawn_rect()
            assert drawn.contains(item.path.controlPointRect())
            assert item.boundingRect().contains(item.shape().boundingRect())  # hit area
            rect = drawn if rect is None else rect.united(drawn)
        return rect

    assert layer.boundingRect() == union()
    assert layer.shape().isEmpty()  # never hit: clicks reach the tie items


def test_a_label_is_drawn_once_and_copied_until_its_text_changes(qtbot, mapped):
    window, page, ids = mapped
    view, scene = page.map.view, page.map.scene
    label = scene.item_for_role[ids["Nurses"]].label
    _painted(view)
    drawn = label.pixmap()
    assert drawn is not None and not drawn.isNull()
    view.zoom(1)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 30)
    _painted(view)
    assert label.pixmap() is drawn  # zooming and panning only copy it
    page.model.service.map.rename_role(ids["Nurses"], "Ward nurses")
    assert label.pixmap() is None
    _painted(view)
    renamed = label.pixmap()
    assert renamed is not None and renamed.width() > drawn.width()


def test_zoomed_far_in_the_image_covers_the_view_and_follows_a_long_pan(qtbot, mapped,
                                                                         monkeypatch):
    window, page, ids = mapped
    service = page.model.service
    wave = service.waves()[0].id
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.set_rating(service.ties()[0].id, wave, "overall", 4)
    scene, view = page.map.scene, page.map.view
    layer = scene.tie_layer
    monkeypatch.setattr(layer, "MAX_CACHE_PIXELS", 1000)  # as if zoomed far into a big map
    item = next(iter(scene.item_for_tie.values()))
    view.scale(4, 4)
    view.centerOn(_on_curve(item, 0.3))
    layer.invalidate()
    _painted(view)
    renders = layer.renders
    colour = QColor(ms.BAND_STYLES[Band.MODERATE].colour)
    assert _close(_pixel(view, _on_curve(item, 0.3)), colour)
    view.centerOn(_on_curve(item, 0.7))  # beyond the image drawn for the first view
    _painted(view)
    assert layer.renders == renders + 1
    assert _close(_pixel(view, _on_curve(item, 0.7)), colour)


def test_arrowheads_are_left_out_only_when_a_few_pixels_long(qtbot, mapped):
    from PySide6.QtGui import QImage, QPainter, QPolygonF

    from rcdesk.ui.map.items import MIN_ARROW_PIXELS

    window, page, ids = mapped
    page.model.service.map.add_tie(ids["Nurses"], ids["Physicians"])
    layer = page.map.scene.tie_layer
    item = next(iter(page.map.scene.item_for_tie.values()))

    def drawn(scale: float) -> QImage:
        image = QImage(800, 400, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.translate(400, 200)
        painter.scale(scale, scale)
        layer.draw_ties(painter, [item])
        painter.end()
        return image

    arrow = item.arrow
    for scale, shown in ((MIN_ARROW_PIXELS / ms.ARROW_LENGTH * 2, True),
                         (MIN_ARROW_PIXELS / ms.ARROW_LENGTH / 2, False)):
        with_arrow = drawn(scale)
        item.arrow = QPolygonF()
        without = drawn(scale)
        item.arrow = arrow
        assert (with_arrow != without) == shown, scale


def test_the_ties_table_fills_when_its_tab_is_shown_not_on_opening(qtbot, mapped):
    window, page, ids = mapped
    service = page.model.service
    service.map.add_tie(ids["Nurses"], ids["Physicians"])
    service.map.add_tie(ids["Physicians"], ids["Nurses"])
    mp = page.map
    assert mp.tabs.currentWidget() is mp.panel
    assert mp.table.model().rowCount() == 0  # not built while another tab shows
    mp.tabs.setCurrentWidget(mp.table)
    assert mp.table.model().rowCount() == 2
    service.map.add_tie(ids["Nurses"], ids["Pharmacists"])  # the shown table follows at once
    assert mp.table.model().rowCount() == 3
    mp.tabs.setCurrentWidget(mp.panel)
    service.map.add_tie(ids["Pharmacists"], ids["Nurses"])
    assert mp.table.model().rowCount() == 3
    assert mp.table_model.rowCount() == 4  # reading the model brings it up to date
