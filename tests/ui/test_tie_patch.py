"""A tie that changes look on a dense map (a rating, a reveal step) is drawn again along its
own curve: only the ties that come near it are drawn again, only that strip of the view is
repainted, and the image stays the same, pixel for pixel, as one drawn whole."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QApplication

from rcdesk.reports import map_style as ms
from rcdesk.services.library import LibraryService
from rcdesk.store.connection import open_library
from rcdesk.ui import warm_up
from rcdesk.ui.conversations.reveal_view import RevealMap
from rcdesk.ui.map import tie_index
from rcdesk.ui.map.tie_item import TieItem

COLUMNS, ROWS, SPACING = 4, 3, 180.0
#: A tie drawn again must come this close to the changed one (scene units): a piece of each
#: curve apart, never across the map (the map is 540 × 360).
NEAR = 90.0


@pytest.fixture
def dense(qtbot, make_window, library_path):
    """A window on a 12-role workshop, every role tied to every other, all rated 3."""
    library = open_library(library_path, create=True)
    workshop_id = LibraryService(library).create(
        "Dense", roles=[f"Role {i}" for i in range(COLUMNS * ROWS)])
    service = LibraryService(library).open(workshop_id)
    ids = [r.id for r in service.roles()]
    service.map.set_role_positions({role_id: ((i % COLUMNS) * SPACING, (i // COLUMNS) * SPACING)
                                    for i, role_id in enumerate(ids)})
    for source in ids:
        for target in ids:
            if source != target:
                service.map.add_tie(source, target)
    wave = service.waves()[0].id
    for tie in service.ties():
        service.map.set_rating(tie.id, wave, "overall", 3)
    library.close()
    window = make_window()
    window.open_workshop(workshop_id)
    page = window.workshop_page
    page.show_stage(1)
    # Until matplotlib's warm-up (after the first paint) is done, a change redraws the
    # whole image: numpy may be half imported.
    qtbot.waitUntil(lambda: warm_up._worker is not None)
    warm_up.wait()
    return window, page, ids, wave


def _painted(view) -> None:
    view.viewport().repaint()
    QApplication.processEvents()


def _points(item: TieItem) -> list[tuple[float, float]]:
    assert item.geometry is not None
    return [ms.curve_point(item.geometry, i / 60) for i in range(61)]


def _apart(a: TieItem, b: TieItem) -> float:
    near = _points(b)
    return min(math.dist(p, q) for p in _points(a) for q in near)


def _recording(layer, monkeypatch) -> list[set[int]]:
    """The ids of the ties whose curves the layer draws from now on, per call."""
    drawn: list[set[int]] = []
    original = layer.draw_ties

    def recording(painter, ties, area=None, selection=True, **parts):
        chosen = parts.get("parts")
        drawn.append({t.tie_id for t in ties} if chosen is None else set(chosen[0]))
        original(painter, ties, area, selection, **parts)

    monkeypatch.setattr(layer, "draw_ties", recording)
    return drawn


def test_a_rated_tie_is_drawn_again_with_only_the_ties_near_it(qtbot, dense, monkeypatch):
    window, page, ids, wave = dense
    view, scene = page.map.view, page.map.scene
    layer = scene.tie_layer
    _painted(view)
    diagonal = next(t for t in page.model.service.ties()
                    if (t.source_id, t.target_id) == (ids[0], ids[-1]))
    changed = scene.item_for_tie[diagonal.id]
    renders, patches = layer.renders, layer.patches
    drawn = _recording(layer, monkeypatch)
    page.model.service.map.set_rating(diagonal.id, wave, "overall", 5)
    _painted(view)
    assert (layer.renders, layer.patches) == (renders, patches + 1)
    curves = set().union(*drawn)
    assert diagonal.id in curves
    far = [t for t in curves if _apart(scene.item_for_tie[t], changed) > NEAR]
    assert far == []
    assert len(curves) < len(scene.item_for_tie) / 2
    patched = layer._image.copy()
    monkeypatch.undo()
    layer.invalidate()
    _painted(view)
    assert layer.renders == renders + 1
    assert layer._image == patched


class PaintRegions(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.regions: list[QRegion] = []

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.regions.append(QRegion(event.region()))
        return False


def shown_reveal(qtbot, page, width: int, height: int) -> RevealMap:
    """The room's map of the page's workshop, every score hidden, on screen."""
    reveal = RevealMap(page.model, page.map.wave_scores)
    qtbot.addWidget(reveal)
    reveal.resize(width, height)
    reveal.set_wave(page.current_wave_id())
    reveal.hide_all()
    with qtbot.waitExposed(reveal):
        reveal.show()
    return reveal


def test_a_reveal_step_repaints_only_a_strip_along_the_revealed_tie(qtbot, dense):
    window, page, ids, wave = dense
    reveal = shown_reveal(qtbot, page, 1000, 700)
    reveal.reveal_next()  # the legend changes with the first tie shown; not with later ones
    viewport = reveal.view.viewport()
    _painted(reveal.view)
    paints = PaintRegions()
    viewport.installEventFilter(paints)
    layer = reveal.scene.tie_layer
    patches = layer.patches
    shown = reveal.reveal_next()
    assert shown is not None
    qtbot.waitUntil(lambda: layer.patches == patches + 1)
    viewport.removeEventFilter(paints)
    item = reveal.scene.item_for_tie[shown.tie_id]
    assert item.geometry is not None
    allowed = QRegion()
    for left, top, right, bottom in tie_index.strip(item.geometry, 8.0):
        box = reveal.view.mapFromScene(QRectF(left, top, right - left, bottom - top))
        allowed = allowed.united(box.boundingRect().adjusted(-4, -4, 4, 4))
    painted = QRegion()
    for region in paints.regions:
        painted = painted.united(region)
    assert not painted.isEmpty()
    assert painted.subtracted(allowed).isEmpty()
