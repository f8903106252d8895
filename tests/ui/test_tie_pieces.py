"""A tie that changes look on a dense map is drawn again with only the PIECES of the ties
that cross its strip: the ties' curves near it, not the whole of each (on the large
workshop a reveal step crossed over a thousand ties, each drawn whole again).

The index finds every piece that can paint into the strip (checked against the curves
sampled finely), the pieces are the ties' own curves, and the image stays a full
redraw's but for the antialiasing of the pieces' cut edges."""

from __future__ import annotations

import math
import random

from PySide6.QtWidgets import QApplication

from rcdesk.reports import map_style as ms
from rcdesk.ui.map import tie_index, tie_patch
from rcdesk.ui.map.tie_item import TieItem

from .test_tie_patch import dense, shown_reveal  # noqa: F401  (dense: 12 roles, every tie)

#: How far a piece's antialiased edge may differ from the whole curve's (of 255).
EDGE_LEVELS = 64


def _tie(tie_id: int, start: tuple[float, float], end: tuple[float, float],
         bend: bool) -> TieItem:
    item = TieItem(tie_id, tie_id, tie_id + 1)
    item.set_geometry(ms.tie_geometry(start, end, bend))
    return item


def _sampled(ties: list[TieItem], count: int):
    """Every curve at t = 0, 1/count … 1: t, and x and y as (ties, count + 1) arrays."""
    import numpy as np

    t = np.linspace(0.0, 1.0, count + 1)
    a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t * t
    g = np.array([(*i.geometry.start, *i.geometry.control, *i.geometry.end)  # type: ignore[union-attr]
                  for i in ties])
    return (t, np.outer(g[:, 0], a) + np.outer(g[:, 2], b) + np.outer(g[:, 4], c),
            np.outer(g[:, 1], a) + np.outer(g[:, 3], b) + np.outer(g[:, 5], c))


def _within(x, y, boxes: list[tie_index.Box], reach):
    """Which points lie within `reach` (per row) of any box."""
    import numpy as np

    found = np.zeros(x.shape, dtype=bool)
    for left, top, right, bottom in boxes:
        dx = np.maximum(np.maximum(left - x, 0.0), x - right)
        dy = np.maximum(np.maximum(top - y, 0.0), y - bottom)
        found |= dx * dx + dy * dy <= reach * reach
    return found


def test_every_piece_that_can_paint_into_a_strip_is_found() -> None:
    """Against the truth: each curve sampled 500 times; wherever it comes within its
    paint (half its pen) and the antialiasing margin of a box, that t is in its span."""
    import numpy as np

    rng = random.Random(23)
    points = [(rng.uniform(0, 2000), rng.uniform(0, 1200)) for _ in range(40)]
    ties = [_tie(i, points[rng.randrange(40)], points[rng.randrange(40)], rng.random() < 0.5)
            for i in range(200)]
    ties = [t for t in ties if t.geometry is not None and t.geometry.start != t.geometry.end]
    index = tie_index.TieIndex(ties)
    t, x, y = _sampled(ties, 500)
    for scale in (0.5, 2.0):
        margin = 2.0 / scale
        for changed in rng.sample(ties, 3):
            assert changed.geometry is not None
            boxes = tie_index.strip(changed.geometry, tie_index.room(changed), margin,
                                    tie_index.strip_segments(changed.geometry, scale))
            near = index.near(boxes, margin, scale)
            assert changed.tie_id in near.spans
            reach = np.array([[tie_index.room(item) + margin] for item in ties])
            close = _within(x, y, boxes, reach)
            for row in np.flatnonzero(close.any(axis=1)):
                start, end = near.spans[ties[row].tie_id]
                assert start <= t[close[row]].min() and t[close[row]].max() <= end


def test_a_piece_is_the_same_curve() -> None:
    """A long tie crossing a small strip: only its piece near the strip is drawn, a
    quadratic running along the tie's own curve."""
    long = _tie(1, (0.0, 0.0), (1600.0, 600.0), True)
    long.set_style(ms.HIDDEN_STYLE, False)  # solid (a dashed tie is drawn whole)
    index = tie_index.TieIndex([long])
    assert long.geometry is not None
    middle = ms.curve_point(long.geometry, 0.5)
    near = index.near([(middle[0] - 5, middle[1] - 40, middle[0] + 5, middle[1] + 40)],
                      2.0, 1.0)
    start, end = near.spans[1]
    assert 0.0 < start < 0.5 < end < 1.0 and end - start < 0.2
    sx, sy, cx, cy, ex, ey = near.pieces[1]
    for s in (0.0, 0.3, 0.5, 1.0):
        a, b, c = (1 - s) ** 2, 2 * (1 - s) * s, s * s
        on_piece = (a * sx + b * cx + c * ex, a * sy + b * cy + c * ey)
        assert math.dist(on_piece, ms.curve_point(long.geometry, start + s * (end - start))
                         ) < 1e-9
    path = tie_patch.piece_paths(near.pieces)[1]
    assert (path.elementAt(0).x, path.elementAt(0).y) == (sx, sy)
    assert (path.elementAt(3).x, path.elementAt(3).y) == (ex, ey)


def test_a_reveal_step_draws_pieces_of_the_ties_it_crosses(qtbot, dense, monkeypatch) -> None:  # noqa: F811
    window, page, ids, wave = dense
    reveal = shown_reveal(qtbot, page, 1280, 720)
    reveal.view.viewport().repaint()
    layer = reveal.scene.tie_layer
    drawn: list[dict[int, object]] = []
    original = layer.draw_ties

    def recording(painter, ties, area=None, selection=True, **given):
        drawn.append(dict(given.get("paths") or {}))
        original(painter, ties, area, selection, **given)

    monkeypatch.setattr(layer, "draw_ties", recording)
    for _ in range(6):
        patches = layer.patches
        shown = reveal.reveal_next()
        assert shown is not None
        reveal.view.viewport().repaint()
        QApplication.processEvents()
        assert layer.patches == patches + 1
    pieces = {tie_id: path for paths in drawn for tie_id, path in paths.items()}
    assert pieces  # ties crossing the revealed ones: only their pieces were drawn
    whole = sum(reveal.scene.item_for_tie[t].path.length() for t in pieces)
    assert sum(path.length() for path in pieces.values()) < whole / 2
    monkeypatch.undo()
    patched = layer._image.copy()  # noqa: SLF001
    renders = layer.renders
    layer.invalidate()
    layer._urgent = True  # noqa: SLF001  (drawn whole at once, not in pieces of turns)
    reveal.view.viewport().repaint()
    assert layer.renders == renders + 1
    full = layer._image  # noqa: SLF001
    assert full.size() == patched.size()
    worst, differing = _differences(patched, full)
    assert worst <= EDGE_LEVELS
    assert differing < full.width() * full.height() // 50  # edges of pieces, not ties


def _differences(a, b) -> tuple[int, int]:
    """The largest difference of any channel, and how many pixels differ by over 8."""
    import numpy as np

    def array(image):
        bits = np.frombuffer(image.constBits(), dtype=np.uint8)
        return bits.reshape(image.height(), image.bytesPerLine()).astype(int)

    diff = np.abs(array(a) - array(b))
    per_pixel = diff[:, :a.width() * 4].reshape(a.height(), a.width(), 4).max(axis=2)
    return int(per_pixel.max()), int((per_pixel > 8).sum())
